import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from './temporal.config';

/**
 * Registers our custom search attributes on the namespace if they are missing (the dev server gets them as
 * start flags; a cluster such as docker-compose's gets them here). Idempotent.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.keys(SEARCH_ATTRIBUTES).filter((name) => !(name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
    });
  } catch (err) {
    // Two workers starting at once both find them missing; the second is told they exist, which is what it wanted.
    if ((err as { code?: number }).code !== GRPC_ALREADY_EXISTS) throw err;
    const now = await connection.operatorService.listSearchAttributes({ namespace });
    const still = missing.filter((name) => !(name in (now.customAttributes ?? {})));
    if (still.length) throw err;
  }
}

/** gRPC status ALREADY_EXISTS. */
const GRPC_ALREADY_EXISTS = 6;
