import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { dataConverter, payloadCodec } from './payload-codec';
import { temporalConfig, TemporalConfig } from './temporal.config';

export const TEMPORAL_CONFIG = Symbol('TEMPORAL_CONFIG');
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
/** The payload codec (encryption) the client uses; the codec endpoint and the history cross-check decode with it. */
export const TEMPORAL_PAYLOAD_CODEC = Symbol('TEMPORAL_PAYLOAD_CODEC');

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
    { provide: TEMPORAL_PAYLOAD_CODEC, useFactory: () => payloadCodec() },
    {
      provide: TEMPORAL_CLIENT,
      inject: [TEMPORAL_CONNECTION, TEMPORAL_CONFIG, TEMPORAL_PAYLOAD_CODEC],
      useFactory: (connection: Connection, config: TemporalConfig, codec: PayloadCodec) => new Client({ connection, namespace: config.namespace, dataConverter: dataConverter(codec) }),
    },
    ConnectionCloser,
  ],
  exports: [TEMPORAL_CONFIG, TEMPORAL_CONNECTION, TEMPORAL_CLIENT, TEMPORAL_PAYLOAD_CODEC],
})
export class TemporalModule {}
