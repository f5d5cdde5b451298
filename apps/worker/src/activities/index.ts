import { DataSource } from 'typeorm';
import { EventStore, ApplicationProjection, DelegationProjection, personOf } from '#event-store';
import {
  BenefitClaims,
  ExpertPool,
  LocalOrganisationRegistry,
  LocalSkillCertificateRegistry,
  LocalSocialInsuranceRegistry,
  PublishedCalendars,
  ReadModelAwardHistory,
} from '#registries';
import { PaymentActivitiesImpl, SimulatedTreasuryGateway } from '../payments/treasury-gateway';
import { CoreActivitiesImpl } from './core.activities';
import { DegreeDoublingActivitiesImpl, ProgramActivitiesImpl } from './program.activities';
import { SkillChecksActivities } from './skill-checks.activities';

/** Binds each activity method to its instance, as Worker.create expects a plain object of functions. */
function bound<T extends object>(instance: T): Record<string, (...args: never[]) => unknown> {
  const out: Record<string, (...args: never[]) => unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(instance))) {
    const member = (instance as Record<string, unknown>)[name];
    if (name !== 'constructor' && typeof member === 'function') out[name] = member.bind(instance);
  }
  return out;
}

/** Every activity the workflows proxy, wired to this PostgreSQL. */
export function buildActivities(ds: DataSource, store = new EventStore(ds, [new ApplicationProjection(), new DelegationProjection()])) {
  return {
    ...bound(new CoreActivitiesImpl(store, new PublishedCalendars(ds))),
    ...bound(
      new SkillChecksActivities(
        new LocalSkillCertificateRegistry(ds),
        new LocalSocialInsuranceRegistry(ds),
        new ReadModelAwardHistory(ds, personOf),
      ),
    ),
    ...bound(new PaymentActivitiesImpl(new SimulatedTreasuryGateway(ds))),
    ...bound(new ProgramActivitiesImpl(new ExpertPool(ds), new BenefitClaims(ds, personOf), new LocalOrganisationRegistry(ds))),
    ...bound(new DegreeDoublingActivitiesImpl(new LocalSocialInsuranceRegistry(ds))),
  };
}
