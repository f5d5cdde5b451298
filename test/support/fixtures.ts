import { randomInt, randomUUID } from 'node:crypto';
import { idNumberCheckChar, usccCheckChar, orgCodeCheckChar } from '#domain';

/**
 * A valid resident ID number (GB 11643) for someone born on `birth` (YYYY-MM-DD), in 嘉兴 (330411). By default a
 * random day in 1992-1999 (an adult under every program's age limit), so the many applicants of a test run do not
 * share a number by chance: one birthday and 900 sequence numbers made two suites' applicants one person now and then.
 */
export function makeIdNumber(birth = randomBirth(), sequence = randomInt(100, 999)): string {
  const first17 = `330411${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A valid Unified Social Credit Code (GB 32100) with a valid embedded organisation code. */
export function makeUscc(): string {
  const body = String(randomInt(10_000_000, 99_999_999));
  const org = body + orgCodeCheckChar(body);
  const first17 = `91330411${org}`;
  return first17 + usccCheckChar(first17);
}

export function uniqueCertificateNumber(): string {
  return `CERT-${randomUUID().slice(0, 8).toUpperCase()}`;
}

/** YYYY-MM-DD, `days` before today (UTC). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid 硕博倍增 form: a master's graduate of 2026 with a three-year contract at `employerOrgCode`. */
export function degreeDoublingForm(employerOrgCode: string, overrides: Record<string, unknown> = {}) {
  return {
    degree: 'master' as 'master' | 'phd',
    university: '浙江大学',
    graduatedOn: '2026-06-30',
    overseas: false,
    employerOrgCode,
    contractStart: '2026-07-01',
    contractEnd: '2029-06-30',
    bankAccount: { bankName: '嘉兴银行', accountNumber: '6222000011112222' },
    ...overrides,
  };
}

function randomBirth(): string {
  const day = new Date(Date.UTC(1992, 0, 1) + randomInt(0, 8 * 365) * 86_400_000);
  return day.toISOString().slice(0, 10);
}
