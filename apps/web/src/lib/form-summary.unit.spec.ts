import { formLines } from './form-summary';

describe('form lines on screen', () => {
  it('shows a bank account by its last four digits, to its owner too (the API gives the owner the full number)', () => {
    const lines = formLines('skill-subsidy', { certificateNumber: 'C-1', level: 3, occupation: '电工', issuedOn: '2026-10-01', bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001234567' } });
    expect(lines).toContainEqual(['银行账号', '***************4567']);
    expect(lines.flat().join(' ')).not.toContain('6222021204001234567');
  });
});
