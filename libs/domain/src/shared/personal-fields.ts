/**
 * The personal fields of events (PIPL: 敏感个人信息 and what identifies a person): stored sealed with the
 * subject's data key, so the append-only log can forget a person by destroying one key. Paths are dotted, into
 * `data` (`*`: every element of an array); a path whose value is absent is skipped. Free text an applicant writes
 * (补正说明, 异议, 陈述申辩, 复核理由, 撤回原因: it may hold any of them) is sealed too, and the names of uploaded files (`张三-学位证书.pdf`); staff comments
 * and codes are not; a document's SHA-256 stays in clear (the chain covers the content; the file itself is
 * removed by an erasure).
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ApplicationSubmitted: ['applicant.name', 'applicant.idNumber', 'form.bankAccount.accountNumber', 'form.talent.name', 'form.talent.idNumber', 'documents.*.name'],
  SupplementProvided: ['message', 'form.bankAccount.accountNumber', 'form.talent.name', 'form.talent.idNumber', 'documents.*.name'],
  TaskCompleted: ['documents.*.name'],
  ObjectionFiled: ['text'],
  StatementSubmitted: ['text'],
  ReconsiderationRequested: ['reason'],
  ApplicationWithdrawn: ['reason'],
};

/**
 * Personal fields that belong to someone other than the applicant — the top talent a sponsor files for — sealed
 * under that person's own key, found by the ID number at `idNumber` in the same event (or, in a later event that
 * does not repeat it, the one the stream already names): erasing the talent by their number then reaches them, and
 * erasing the sponsor leaves them readable. `documents`: the names of files whose `about` is that person's.
 */
export const OTHER_PEOPLE: Readonly<Record<string, readonly { fields: readonly string[]; idNumber: string; documents: 'talent' }[]>> = {
  ApplicationSubmitted: [{ fields: ['form.talent.name', 'form.talent.idNumber'], idNumber: 'form.talent.idNumber', documents: 'talent' }],
  SupplementProvided: [{ fields: ['form.talent.name', 'form.talent.idNumber'], idNumber: 'form.talent.idNumber', documents: 'talent' }],
};

/** What a sealed field reads as once its subject's key is destroyed (erasure). */
export const ERASED_TEXT = '[已删除]';
