import { ERASED_TEXT } from '#domain';
import { SEALED_PREFIX, Sealer, newPiiKeys } from './sealing';

const keys = () => {
  const k = JSON.parse(newPiiKeys()) as { master: { id: string; key: string }[]; hmac: string };
  return { master: k.master.map((m) => ({ id: m.id, key: Buffer.from(m.key, 'base64') })), hmac: Buffer.from(k.hmac, 'base64') };
};

describe('sealing personal fields', () => {
  const sealer = new Sealer(keys());
  const dataKey = Buffer.alloc(32, 7);
  const subject = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const stream = 'application-1';
  const data = { applicant: { sub: 's', name: '张三', idNumber: '11010519491231002X' }, form: { level: 3 } };

  it('finds a person by a keyed hash (case-insensitive check letter), not by anything guessable without the key', () => {
    expect(sealer.personOf('11010519491231002x')).toBe(sealer.personOf('11010519491231002X'));
    expect(sealer.personOf('11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
    expect(new Sealer(keys()).personOf('11010519491231002X')).not.toBe(sealer.personOf('11010519491231002X'));
  });

  it('seals only the personal paths, opens them again, and reads an erased subject as [已删除]', () => {
    const sealed = sealer.seal(stream, 'ApplicationSubmitted', data, subject, dataKey) as typeof data;
    expect(sealed.applicant.sub).toBe('s');
    expect(sealed.form).toEqual({ level: 3 });
    expect(sealed.applicant.name.startsWith(`${SEALED_PREFIX}${subject}:`)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('11010519491231002X');
    expect(sealer.subjectsIn([{ type: 'ApplicationSubmitted', data: sealed }])).toEqual([subject]);
    expect(sealer.open(stream, 'ApplicationSubmitted', sealed, new Map([[subject, dataKey]]))).toEqual(data);
    expect(sealer.open(stream, 'ApplicationSubmitted', sealed, new Map())).toEqual({ ...data, applicant: { sub: 's', name: ERASED_TEXT, idNumber: ERASED_TEXT } });
    expect(sealer.seal(stream, 'TaskCreated', data, subject, dataKey)).toBe(data); // not a personal event
  });

  it('binds each sealed value to its field and stream: moved, it does not open; a short or changed one neither', () => {
    const sealed = sealer.seal(stream, 'ApplicationSubmitted', data, subject, dataKey) as typeof data;
    const swapped = { ...sealed, applicant: { ...sealed.applicant, name: sealed.applicant.idNumber } };
    expect(() => sealer.open(stream, 'ApplicationSubmitted', swapped, new Map([[subject, dataKey]]))).toThrow();
    expect(() => sealer.open('application-2', 'ApplicationSubmitted', sealed, new Map([[subject, dataKey]]))).toThrow();
    const short = { ...sealed, applicant: { ...sealed.applicant, name: `${SEALED_PREFIX}${subject}:${Buffer.alloc(20).toString('base64')}` } };
    expect(() => sealer.open(stream, 'ApplicationSubmitted', short, new Map([[subject, dataKey]]))).toThrow(/too short/);
  });

  it('seals what looks sealed already (an applicant may type anything)', () => {
    const cunning = { message: `${SEALED_PREFIX}${subject}:abc`, formChanged: false };
    const sealed = sealer.seal(stream, 'SupplementProvided', cunning, subject, dataKey) as typeof cunning;
    expect(sealed.message).not.toBe(cunning.message);
    expect(sealer.open(stream, 'SupplementProvided', sealed, new Map([[subject, dataKey]]))).toEqual(cunning);
  });

  it('seals the name of every uploaded file, each bound to its place in the list; hashes stay in clear', () => {
    const withFiles = {
      ...data,
      documents: [
        { key: 'diploma', documentId: 'd1', sha256: 'a'.repeat(64), bytes: 10, type: 'pdf', name: '张三-毕业证书.pdf' },
        { key: 'labour-contract', documentId: 'd2', sha256: 'b'.repeat(64), bytes: 20, type: 'pdf', name: '张三-劳动合同.pdf' },
      ],
    };
    const sealed = sealer.seal(stream, 'ApplicationSubmitted', withFiles, subject, dataKey) as typeof withFiles;
    expect(JSON.stringify(sealed)).not.toContain('张三');
    expect(sealed.documents.map((d) => d.sha256)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(sealer.holdsPersonal([{ type: 'TaskCompleted', data: { taskId: 't', documents: withFiles.documents } }])).toBe(true);
    expect(sealer.holdsPersonal([{ type: 'TaskCompleted', data: { taskId: 't', outcome: 'approve' } }])).toBe(false);
    expect(sealer.open(stream, 'ApplicationSubmitted', sealed, new Map([[subject, dataKey]]))).toEqual(withFiles);
    const swapped = { ...sealed, documents: [{ ...sealed.documents[0], name: sealed.documents[1].name }, sealed.documents[1]] };
    expect(() => sealer.open(stream, 'ApplicationSubmitted', swapped, new Map([[subject, dataKey]]))).toThrow();
    expect((sealer.open(stream, 'ApplicationSubmitted', sealed, new Map()) as typeof withFiles).documents.map((d) => d.name)).toEqual([ERASED_TEXT, ERASED_TEXT]);
  });

  it("seals a top talent's fields under the talent's own key, the sponsor's under theirs", () => {
    const talentKey = Buffer.alloc(32, 9);
    const talentSubject = 'ffeeddccbbaa99887766554433221100';
    const file = (key: string, name: string, about?: 'talent') => ({ key, documentId: key, sha256: 'c'.repeat(64), bytes: 1, type: 'pdf', name, ...(about ? { about } : {}) });
    const filed = {
      ...data,
      form: { talent: { name: '李四', idNumber: '11010519491231003X', category: 'national' } },
      documents: [file('project-plan', '计划书.pdf'), file('talent-cv', '李四-简历.pdf', 'talent')],
    };
    expect(sealer.otherPeopleIn([{ type: 'ApplicationSubmitted', data: filed }])).toEqual(['11010519491231003X']);
    const sealed = sealer.seal(stream, 'ApplicationSubmitted', filed, subject, dataKey, new Map([['11010519491231003X', { subject: talentSubject, key: talentKey }]])) as typeof filed;
    expect(sealed.form.talent.name.startsWith(`${SEALED_PREFIX}${talentSubject}:`)).toBe(true);
    expect(sealed.applicant.name.startsWith(`${SEALED_PREFIX}${subject}:`)).toBe(true);
    expect(sealer.subjectsIn([{ type: 'ApplicationSubmitted', data: sealed }]).sort()).toEqual([subject, talentSubject].sort());
    // The talent erased: their fields [已删除], the sponsor's readable; and the other way round.
    const withoutTalent = sealer.open(stream, 'ApplicationSubmitted', sealed, new Map([[subject, dataKey]])) as typeof filed;
    expect(withoutTalent.form.talent).toEqual({ name: ERASED_TEXT, idNumber: ERASED_TEXT, category: 'national' });
    expect(withoutTalent.applicant.name).toBe('张三');
    expect(withoutTalent.documents.map((d) => d.name)).toEqual(['计划书.pdf', ERASED_TEXT]); // the talent's CV with the talent
    const withoutSponsor = sealer.open(stream, 'ApplicationSubmitted', sealed, new Map([[talentSubject, talentKey]])) as typeof filed;
    expect(withoutSponsor.form.talent.name).toBe('李四');
    expect(withoutSponsor.applicant.name).toBe(ERASED_TEXT);
    expect(withoutSponsor.documents.map((d) => d.name)).toEqual([ERASED_TEXT, '李四-简历.pdf']);
    // A later event with a file about the talent but not their number: the talent the stream names.
    expect(sealer.mentionsOtherPeoplesFiles([{ type: 'SupplementProvided', data: { message: 'x', formChanged: false, documents: [file('talent-cv', '新简历.pdf', 'talent')] } }])).toBe(true);
    expect(sealer.mentionsOtherPeoplesFiles([{ type: 'SupplementProvided', data: { message: 'x', formChanged: false, documents: [file('project-plan', '计划书.pdf')] } }])).toBe(false);
  });
});
