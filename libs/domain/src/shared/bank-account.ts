/** Where a subsidy is paid (the account number is personal data: masked in views, never in messages). */
export interface BankAccount {
  bankName: string;
  accountNumber: string;
}
