import { createHash } from 'node:crypto';
import { GENESIS_HASH, eventHash, verifyChain } from './hash-chain';

const first = {
  eventId: '00000000-0000-4000-8000-000000000001',
  streamId: 'application-00000000-0000-4000-8000-0000000000aa',
  version: 1,
  type: 'ApplicationSubmitted',
  schemaVersion: 1,
  data: { town: 'wangdian', amountFen: 200000, applicant: { name: '张三' } },
  metadata: { actor: { id: 'u1', role: 'applicant' }, workflowId: 'application-x', policyVersion: 1 },
  recordedAt: '2026-11-27T02:00:00.123Z',
  prevHash: GENESIS_HASH,
};

describe('event hash rule (API.md)', () => {
  it('is SHA-256 over the RFC 8785 canonical JSON of the listed fields: a fixed vector', () => {
    const canonical =
      '{"data":{"amountFen":200000,"applicant":{"name":"张三"},"town":"wangdian"},"eventId":"00000000-0000-4000-8000-000000000001",' +
      '"metadata":{"actor":{"id":"u1","role":"applicant"},"policyVersion":1,"workflowId":"application-x"},' +
      `"prevHash":"${GENESIS_HASH}","recordedAt":"2026-11-27T02:00:00.123Z","schemaVersion":1,` +
      '"streamId":"application-00000000-0000-4000-8000-0000000000aa","type":"ApplicationSubmitted","version":1}';
    expect(eventHash(first)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
    expect(eventHash(first)).toBe('11bed392a9cbfbcd3c9ca096bca7c4c46efebbe4027abac554e12eba1a3abbcb');
    expect(eventHash({ ...first, data: { ...first.data, amountFen: 200001 } })).not.toBe(eventHash(first));
  });

  it('verifies a chain and names the first broken version', () => {
    const a = { ...first, hash: eventHash(first) };
    const secondFields = { ...first, eventId: '00000000-0000-4000-8000-000000000002', version: 2, type: 'TaskCreated', prevHash: a.hash };
    const b = { ...secondFields, hash: eventHash(secondFields) };
    expect(verifyChain([a, b])).toEqual({ valid: true, eventCount: 2, headHash: b.hash });
    const rewrittenA = { ...a, data: { forged: true } };
    expect(verifyChain([{ ...rewrittenA, hash: eventHash(rewrittenA) }, b])).toMatchObject({ valid: false, firstInvalidVersion: 1 });
    expect(verifyChain([a, { ...b, data: { edited: true } }])).toMatchObject({ valid: false, firstInvalidVersion: 2 });
    expect(verifyChain([b])).toMatchObject({ valid: false, firstInvalidVersion: 1 });
    expect(verifyChain([a], { version: 2, headHash: b.hash })).toMatchObject({ valid: false, firstInvalidVersion: 2 });
  });
});
