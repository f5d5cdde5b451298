import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { ExpertPool, LocalSkillCertificateRegistry, LocalSocialInsuranceRegistry } from '#registries';

/** The registries the admin routes keep (the local copies of other departments' data, the expert pool), one each. */
export const registriesProviders: Provider[] = [ExpertPool, LocalSkillCertificateRegistry, LocalSocialInsuranceRegistry].map((registry) => ({
  provide: registry,
  inject: [DATA_SOURCE],
  useFactory: (ds: DataSource) => new registry(ds),
}));
