import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE, EVENT_STORE, EventStore, ProjectionRunner } from '#event-store';
import { AssessmentProjection } from '#metrics';
import { registerDatabaseGauges } from './prometheus';

export const ASSESSMENT_RUNNER = Symbol('ASSESSMENT_RUNNER');

export const metricsProviders: Provider[] = [
  {
    provide: ASSESSMENT_RUNNER,
    inject: [DATA_SOURCE, EVENT_STORE],
    useFactory: (ds: DataSource, store: EventStore) => {
      const runner = new ProjectionRunner(ds, store, new AssessmentProjection());
      registerDatabaseGauges(ds, runner);
      return runner;
    },
  },
];
