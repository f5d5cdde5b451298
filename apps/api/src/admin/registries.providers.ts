import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { ExpertPool, LocalOrganisationRegistry, LocalSkillCertificateRegistry, LocalSocialInsuranceRegistry, PublishedCalendars } from '#registries';

/** The registries the admin routes keep (local copies of other departments' data, the expert pool, calendars), one each. */
export const registriesProviders: Provider[] = [ExpertPool, LocalSkillCertificateRegistry, LocalSocialInsuranceRegistry, LocalOrganisationRegistry, PublishedCalendars].map((registry) => ({
  provide: registry,
  inject: [DATA_SOURCE],
  useFactory: (ds: DataSource) => new registry(ds),
}));
