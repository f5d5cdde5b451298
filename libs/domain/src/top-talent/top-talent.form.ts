import type { BankAccount } from '../shared/bank-account';

/** The form of a 顶尖人才 application (API.md); the sponsor is the applicant. */
export interface TopTalentForm {
  talent: { name: string; category: string; honours: string[]; idNumber?: string };
  project: { title: string; industry: string; summary: string };
  requestedSupport: { fundingFen: number; spaceSqm?: number; housing?: string; other?: string };
  bankAccount?: BankAccount;
}
