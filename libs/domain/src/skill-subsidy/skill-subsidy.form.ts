import type { BankAccount } from '../shared/bank-account';

/** The form of a 技能补贴 application, as the API validated it. */
export interface SkillSubsidyForm {
  certificateNumber: string;
  level: number;
  occupation: string;
  issuedOn: string;
  bankAccount: BankAccount;
}
