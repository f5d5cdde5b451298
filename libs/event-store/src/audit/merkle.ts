import { createHash } from 'node:crypto';
import { canonicalHash } from '../hash-chain';

export interface StreamHead {
  streamId: string;
  version: number;
  headHash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A leaf: canonicalHash({ streamId, version, headHash }). */
export function leafHash(head: StreamHead): string {
  return canonicalHash({ streamId: head.streamId, version: head.version, headHash: head.headHash });
}

/**
 * The Merkle root over stream heads sorted by streamId (code-point order): parents are SHA-256 of the two
 * children's hex strings concatenated; an odd last node is carried up unchanged; no heads gives SHA-256 of "".
 */
export function merkleRoot(heads: readonly StreamHead[]): string {
  const sorted = [...heads].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  let level = sorted.map(leafHash);
  if (level.length === 0) return sha256('');
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256(level[i] + level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}
