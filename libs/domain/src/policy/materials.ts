import { Program } from '../shared/programs';
import { PolicyBase } from './policy-document';

/** A file type a material may have: decided from the file's magic bytes, never from its name. */
export const DOCUMENT_TYPES = ['pdf', 'jpg', 'png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A material an application carries (申请材料): what it is, whether it is required, its types and size. */
export interface MaterialSpec {
  key: string;
  name: string;
  required: boolean;
  types: DocumentType[];
  maxBytes: number;
  /** Whose personal data the material is, when not the applicant's: a top talent's (erased with the talent). */
  about?: 'talent';
}

/** A document as an event records it: the material it is, and the content hash the chain then covers. */
export interface DocumentRef {
  key: string;
  documentId: string;
  sha256: string;
  bytes: number;
  type: DocumentType;
  name: string;
  /** Whose data the file is when not the applicant's (the material's `about`): its name is sealed under theirs. */
  about?: 'talent';
}

const MIB = 1024 * 1024;

/** No upload is larger than this, whatever a policy says (the API refuses more with 413 while it streams). */
export const MAX_UPLOAD_BYTES = 50 * MIB;
const material = (key: string, name: string, required: boolean, about?: 'talent'): MaterialSpec => ({
  key,
  name,
  required,
  types: ['pdf', 'jpg', 'png'],
  maxBytes: 10 * MIB,
  ...(about ? { about } : {}),
});

/** The materials each program asks for; policy versions published before materials were policy data ask these. */
export const PROGRAM_MATERIALS: Record<Program, MaterialSpec[]> = {
  'skill-subsidy': [material('qualification-certificate', '职业资格证书', true)],
  'degree-doubling': [
    material('degree-certificate', '学位证书', true),
    material('diploma', '毕业证书', true),
    material('labour-contract', '劳动合同', true),
    material('degree-verification', '学历认证报告（境外学历）', false),
  ],
  'top-talent': [material('project-plan', '项目计划书', true), material('talent-cv', '人才简历', true, 'talent'), material('honours', '荣誉证明', false, 'talent')],
  'title-fast-track': [material('achievements', '业绩材料', true)],
};

/** What a task's completion may attach beside the program's materials (evidence, a verification note, minutes). */
export const TASK_ATTACHMENT: MaterialSpec = material('evidence', '办理附件', false);

export function materialsOf(program: Program, policy: PolicyBase): MaterialSpec[] {
  return (policy as PolicyBase & { materials?: MaterialSpec[] }).materials ?? PROGRAM_MATERIALS[program];
}

/** An upload as the API holds it until a submission, supplement or completion references it. */
export interface UploadedDocument {
  documentId: string;
  sha256: string;
  bytes: number;
  type: DocumentType;
  name: string;
  uploadedBy: string;
  /** The application that references it already, if any. */
  applicationId: string | null;
}

/**
 * The documents a submission (or supplement) references, checked against the program's materials: each is an
 * upload of the caller not yet used by another application, of a material the program knows, of a type and size
 * that material allows, each material once. Every problem by path. A required material missing is no error here:
 * the office accepts with deficiencies (容缺受理) and lists what is missing (`missingMaterials`).
 */
export function documentProblems(
  materials: readonly MaterialSpec[],
  refs: readonly { key: string; documentId: string }[],
  uploads: ReadonlyMap<string, UploadedDocument>,
  caller: string,
  applicationId: string,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  refs.forEach((ref, i) => {
    const at = `documents.${i}`;
    const spec = materials.find((m) => m.key === ref.key);
    const upload = uploads.get(ref.documentId);
    if (!spec) problems.push({ path: `${at}.key`, message: `not a material of this program (${materials.map((m) => m.key).join(', ')})` });
    else if (seen.has(ref.key)) problems.push({ path: `${at}.key`, message: `${spec.name} is given twice` });
    seen.add(ref.key);
    if (!upload || upload.uploadedBy !== caller) problems.push({ path: `${at}.documentId`, message: 'no upload of yours has this id (uploads expire after 24 hours)' });
    else if (upload.applicationId && upload.applicationId !== applicationId) problems.push({ path: `${at}.documentId`, message: 'this upload belongs to another application' });
    else if (spec && !spec.types.includes(upload.type)) problems.push({ path: `${at}.documentId`, message: `${spec.name} must be ${spec.types.join(', ')}` });
    else if (spec && upload.bytes > spec.maxBytes) problems.push({ path: `${at}.documentId`, message: `${spec.name} may be at most ${spec.maxBytes} bytes` });
  });
  return problems;
}

/** The required materials an application has no document for (容缺: the review may ask for them). */
export function missingMaterials(materials: readonly MaterialSpec[], documents: readonly { key: string }[]): MaterialSpec[] {
  return materials.filter((m) => m.required && !documents.some((d) => d.key === m.key));
}

/** A task's attachment (办理附件) with the task it came with. */
export type TaskAttachment = DocumentRef & { taskId: string; kind: string; by: string };

/**
 * The documents of an application a caller may read: its materials (everyone who may read the application), and
 * the attachments staff made while deciding — to staff and to whoever attached them, not to the applicant.
 */
export function readableDocuments(
  state: { applicant: { sub: string }; documents?: DocumentRef[]; tasks: Record<string, { taskId: string; kind: string; completedBy?: string; documents?: DocumentRef[] }> },
  caller: string,
): { materials: DocumentRef[]; attachments: TaskAttachment[] } {
  const attachments = Object.values(state.tasks).flatMap((t) => (t.documents ?? []).map((d) => ({ ...d, taskId: t.taskId, kind: t.kind, by: t.completedBy ?? '' })));
  return { materials: state.documents ?? [], attachments: attachments.filter((a) => caller !== state.applicant.sub || a.by === caller) };
}

/**
 * The documents of a file that are about one person, for an erasure: a top talent's own materials (`about:
 * 'talent'`: 简历, 荣誉证明) go with the talent; everything else — the other materials and the staff's attachments,
 * which record what was checked of the applicant — with the applicant.
 */
export function documentsAbout(
  state: { documents?: DocumentRef[]; tasks: Record<string, { documents?: DocumentRef[] }> },
  materials: readonly MaterialSpec[],
  whom: 'applicant' | 'talent',
): DocumentRef[] {
  const all = [...(state.documents ?? []), ...Object.values(state.tasks).flatMap((t) => t.documents ?? [])];
  const aboutTalent = (d: DocumentRef) => d.about === 'talent' || materials.find((m) => m.key === d.key)?.about === 'talent';
  return all.filter((d) => (whom === 'talent') === aboutTalent(d));
}
