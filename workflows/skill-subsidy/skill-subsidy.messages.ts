// The skill subsidy answers the shared application messages; it adds none of its own.
export * from '../shared/application.messages';

/** The form of a 技能补贴 application, as the API validated it. */
export interface SkillSubsidyForm {
  certificateNumber: string;
  level: number;
  occupation: string;
  issuedOn: string;
  bankAccount: { bankName: string; accountNumber: string };
}
