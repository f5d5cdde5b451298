import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Checkpoints } from './audit/checkpoints';
import { createDataSource } from './data-source';
import { EventStore } from './event-store';
import { ApplicationProjection } from './projections/application.projection';
import { DelegationProjection } from './projections/delegation.projection';
import { checkPiiKeys } from './sealing/sealing';

export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

/** PostgreSQL (from DATABASE_URL), the event store with its inline read models, and the signed checkpoints. */
@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      // The PII keys are checked against the ones the database was written with before anything uses it.
      useFactory: async () => {
        const ds = await createDataSource().initialize();
        await checkPiiKeys(ds);
        return ds;
      },
    },
    {
      provide: EVENT_STORE,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new EventStore(ds, [new ApplicationProjection(), new DelegationProjection()]),
    },
    { provide: Checkpoints, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new Checkpoints(ds) },
    DataSourceCloser,
  ],
  exports: [DATA_SOURCE, EVENT_STORE, Checkpoints],
})
export class EventStoreModule {}
