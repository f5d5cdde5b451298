/**
 * The personal fields of events (PIPL: 敏感个人信息 and what identifies a person): stored sealed with the
 * subject's data key, so the append-only log can forget a person by destroying one key. Paths are dotted, into
 * `data`; a path whose value is absent is skipped. Free text an applicant writes (it may hold any of them) is
 * sealed too; staff comments and codes are not.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ApplicationSubmitted: ['applicant.name', 'applicant.idNumber', 'form.bankAccount.accountNumber', 'form.talent.name', 'form.talent.idNumber'],
  SupplementProvided: ['message', 'form.bankAccount.accountNumber', 'form.talent.name', 'form.talent.idNumber'],
  ObjectionFiled: ['text'],
  StatementSubmitted: ['text'],
  ReconsiderationRequested: ['reason'],
};

/** What a sealed field reads as once its subject's key is destroyed (erasure). */
export const ERASED_TEXT = '[已删除]';
