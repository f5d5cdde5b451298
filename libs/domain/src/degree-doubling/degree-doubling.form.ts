import type { BankAccount } from '../shared/bank-account';
import type { Degree } from './degree-doubling.policy';

/** The form of a 硕博倍增 application (API.md). */
export interface DegreeDoublingForm {
  degree: Degree;
  university: string;
  graduatedOn: string;
  overseas: boolean;
  degreeVerificationRef?: string;
  employerOrgCode: string;
  contractStart: string;
  contractEnd: string;
  bankAccount: BankAccount;
}
