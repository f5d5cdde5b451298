import { PROGRAM_MATERIALS, documentsAbout } from './materials';
import { policyProblems } from './policy-validation';
import { REFERENCE_POLICIES } from './reference-policies';

describe('whose documents are whose (erasure)', () => {
  const ref = (key: string, documentId: string) => ({ key, documentId, sha256: 'a'.repeat(64), bytes: 1, type: 'pdf' as const, name: `${key}.pdf` });
  const state = {
    documents: [ref('project-plan', 'plan'), ref('talent-cv', 'cv'), ref('honours', 'honours'), ref('talent-cv', 'cv-2')],
    tasks: { t1: { documents: [ref('evidence', 'minutes')] }, t2: {} },
  };

  it("gives a top talent's own materials to the talent and the rest, staff attachments included, to the applicant", () => {
    const materials = PROGRAM_MATERIALS['top-talent'];
    expect(documentsAbout(state, materials, 'talent').map((d) => d.documentId)).toEqual(['cv', 'honours', 'cv-2']);
    expect(documentsAbout(state, materials, 'applicant').map((d) => d.documentId)).toEqual(['plan', 'minutes']);
    // Without `about` in the policy (another program's materials), everything is the applicant's.
    expect(documentsAbout(state, PROGRAM_MATERIALS['skill-subsidy'], 'talent')).toEqual([]);
  });

  it("takes `about: 'talent'` only in a top-talent policy", () => {
    const withAbout = (program: 'top-talent' | 'skill-subsidy', about: unknown) => ({
      ...JSON.parse(JSON.stringify(REFERENCE_POLICIES[program])),
      materials: [{ key: 'talent-cv', name: '人才简历', required: true, types: ['pdf'], maxBytes: 1000, about }],
    });
    expect(policyProblems('top-talent', withAbout('top-talent', 'talent'))).toEqual([]);
    expect(policyProblems('top-talent', withAbout('top-talent', 'sponsor'))).toEqual([expect.objectContaining({ path: 'materials.0.about' })]);
    expect(policyProblems('skill-subsidy', withAbout('skill-subsidy', 'talent'))).toEqual([expect.objectContaining({ path: 'materials.0.about' })]);
  });
});
