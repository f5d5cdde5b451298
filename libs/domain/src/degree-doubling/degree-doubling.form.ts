import type { BankAccount } from '../shared/bank-account';
import type { Degree } from './degree-doubling.policy';

/** The form of a 硕博倍增 application (API.md). */
export interface DegreeDoublingForm {
  degree: Degree;
  university: string;
  graduatedOn: string;
  overseas: boolean;
  /** 全日制: the policy counts full-time degrees only (absent on forms of before and from clients of API.md). */
  fullTime?: boolean;
  degreeVerificationRef?: string;
  employerOrgCode: string;
  contractStart: string;
  contractEnd: string;
  bankAccount: BankAccount;
}
