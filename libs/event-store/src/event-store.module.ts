import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { EventStore } from './event-store';
import { ApplicationProjection } from './projections/application.projection';
import { DelegationProjection } from './projections/delegation.projection';

export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

/** PostgreSQL (from DATABASE_URL) and the event store with its inline read models. */
@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      useFactory: async () => createDataSource().initialize(),
    },
    {
      provide: EVENT_STORE,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource) => new EventStore(ds, [new ApplicationProjection(), new DelegationProjection()]),
    },
    DataSourceCloser,
  ],
  exports: [DATA_SOURCE, EVENT_STORE],
})
export class EventStoreModule {}
