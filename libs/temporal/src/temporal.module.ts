import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { temporalConfig, TemporalConfig } from './temporal.config';

export const TEMPORAL_CONFIG = Symbol('TEMPORAL_CONFIG');
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

@Injectable()
class ConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** The Temporal connection and client (from TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE), closed on shutdown. */
@Global()
@Module({
  providers: [
    { provide: TEMPORAL_CONFIG, useFactory: () => temporalConfig() },
    {
      provide: TEMPORAL_CONNECTION,
      inject: [TEMPORAL_CONFIG],
      // Lazy: the API starts (and /health reports) while Temporal is still coming up.
      useFactory: (config: TemporalConfig) => Connection.lazy({ address: config.address }),
    },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, TEMPORAL_CONFIG],
      useFactory: (connection: Connection, config: TemporalConfig) => new Client({ connection, namespace: config.namespace }),
    },
    ConnectionCloser,
  ],
  exports: [TEMPORAL_CONFIG, TEMPORAL_CONNECTION, TEMPORAL_CLIENT],
})
export class TemporalModule {}
