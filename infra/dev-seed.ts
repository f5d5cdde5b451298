import { DataSource } from 'typeorm';
import { publishReferencePolicies } from '../apps/api/src/policies/policy.repository';
import { INDUSTRIES } from '#domain';
import { ExpertPool, LocalOrganisationRegistry, LocalSkillCertificateRegistry, LocalSocialInsuranceRegistry } from '#registries';

/** A demo person the README's walk-through uses: the GB 11643 example number, a level-3 certificate. */
export const DEMO = {
  idNumber: '11010519491231002X',
  name: '张三',
  certificateNumber: 'DEMO-CERT-0001',
  orgCode: '914403001922038216',
  /** The demo organisation's name in the stand-in enterprise registry (the personas' 示例单位). */
  orgName: '嘉兴示例科技有限公司',
};

/**
 * Development seed (idempotent): reference policies, and stand-in registry rows for the demo person
 * (certificate issued 40 days ago, 24 months of insurance in 王店镇), the demo organisation's registered name, and a demo expert pool of seven
 * (`demo-expert-1` … `demo-expert-7`, every "3+3" industry and the `engineering` title series), enough for a
 * top-talent panel and a title committee.
 */
export async function seedDevData(ds: DataSource, now = new Date()): Promise<void> {
  await publishReferencePolicies(ds);
  const issuedOn = new Date(now.getTime() - 40 * 86_400_000).toISOString().slice(0, 10);
  await new LocalSkillCertificateRegistry(ds).importCertificates([
    { certificateNumber: DEMO.certificateNumber, idNumber: DEMO.idNumber, level: 3, occupation: '电工', issuedOn },
  ]);
  await new LocalSocialInsuranceRegistry(ds).importRecords([
    { idNumber: DEMO.idNumber, orgCode: DEMO.orgCode, town: 'wangdian', months: 24, lastPaidMonth: now.toISOString().slice(0, 7) },
  ]);
  await new LocalOrganisationRegistry(ds).importOrganisations([{ orgCode: DEMO.orgCode, name: DEMO.orgName }]);
  await new ExpertPool(ds).register(
    Array.from({ length: 7 }, (_, i) => ({ id: `demo-expert-${i + 1}`, name: `示例专家${i + 1}`, fields: [...INDUSTRIES, 'engineering'] })),
  );
}
