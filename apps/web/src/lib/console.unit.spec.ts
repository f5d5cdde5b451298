import { describe, expect, it } from '@jest/globals';
import { diffStates, eventHash, linkStates, GENESIS, type ChainEvent } from './chain';
import { documentOf, policyFields, valuesOf } from './policy-form';
import { parseCsv, previewRows, toRecords } from './registry-import';

/** What libs/event-store/src/hash-chain.ts `eventHash` answers for event(1, GENESIS) (the server's rule). */
const SERVER_HASH_OF_FIRST = '6bdc3896c209a3c19e2a18ab8b4a8d620bd6351eec81fdfbd0567de3a52a0b95';

const event = (version: number, prevHash: string): Omit<ChainEvent, 'hash'> => ({
  eventId: `00000000-0000-4000-8000-00000000000${version}`,
  streamId: 'application-x',
  version,
  position: version,
  type: 'Noted',
  schemaVersion: 1,
  data: { z: 1, a: ['乙', { y: null, b: '"引号"\n' }], amountFen: 200000 },
  metadata: { actor: { id: 'clerk', role: 'system' }, workflowId: 'wf', policyVersion: 2 },
  recordedAt: '2026-11-28T03:04:05.678Z',
  prevHash,
});

describe('the hash chain as the console redraws it', () => {
  it('computes the API.md hash exactly as the event store does', async () => {
    expect(await eventHash({ ...event(1, GENESIS), hash: '' })).toBe(SERVER_HASH_OF_FIRST);
  });

  it('marks the edited event and the broken link, not the others', async () => {
    const first = { ...event(1, GENESIS), hash: SERVER_HASH_OF_FIRST };
    const second = { ...event(2, first.hash), hash: '' };
    second.hash = await eventHash(second);
    const third = { ...event(3, second.hash), hash: '' };
    third.hash = await eventHash(third);
    expect(await linkStates([first, second, third])).toEqual(['ok', 'ok', 'ok']);
    expect(await linkStates([first, { ...second, data: { edited: true } }, third])).toEqual(['ok', 'hash-mismatch', 'ok']);
    expect(await linkStates([first, third])).toEqual(['ok', 'prev-mismatch']);
  });

  it('lists every leaf that differs between two states', () => {
    const rows = diffStates({ status: 'submitted', tasks: {}, form: { level: 3 } }, { status: 'in-review', tasks: { t: { kind: 'review' } }, form: { level: 3 } });
    expect(rows.filter((r) => r.changed).map((r) => r.path)).toEqual(['status', 'tasks', 'tasks.t.kind']);
    expect(rows.find((r) => r.path === 'form.level')).toMatchObject({ then: '3', now: '3', changed: false });
  });
});

describe('the policy form', () => {
  const policy = { towns: [{ code: 'a', name: '甲' }], amountsFenByLevel: { '3': 200000 }, eligibility: { maxPerCalendarYear: 3 }, queues: { review: 'hrss-skill' }, timers: { reviewSla: { workingDays: 5 }, notice: { iso: 'PT25S' } } };

  it('shows amounts in 元, timers in their unit, and keeps lists as they are', () => {
    expect(policyFields(policy).map((f) => [f.path, f.kind, f.label])).toEqual([
      ['amountsFenByLevel.3', 'money', '各等级补贴金额 · 三级（元）'],
      ['eligibility.maxPerCalendarYear', 'integer', '申请条件 · 每年最多申领次数'],
      ['queues.review', 'text', '办理队列 · 审核'],
      ['timers.reviewSla', 'timer', '时限 · 审核时限'],
      ['timers.notice', 'timer', '时限 · notice'],
    ]);
    expect(valuesOf(policy)).toMatchObject({ 'amountsFenByLevel.3': '2000.00', 'timers.notice': { unit: 'iso', value: 'PT25S' } });
  });

  it('sends fen and typed timers; what cannot be read goes as typed, for the API to name', () => {
    const values = { ...valuesOf(policy), 'amountsFenByLevel.3': '2500.5', 'eligibility.maxPerCalendarYear': 'x', 'timers.reviewSla': { unit: 'iso' as const, value: 'P1M' } };
    expect(documentOf(policy, values)).toEqual({ ...policy, amountsFenByLevel: { '3': 250050 }, eligibility: { maxPerCalendarYear: 'x' }, timers: { reviewSla: { iso: 'P1M' }, notice: { iso: 'PT25S' } } });
  });
});

describe('registry files', () => {
  it('reads quoted CSV with a BOM and Chinese headers, and checks each row', () => {
    const table = parseCsv('\uFEFF证书编号,身份证号,职业等级,职业（工种）,发证日期\r\nCERT-1,11010519491231002X,3,"焊工, ""氩弧""",2026-10-01\r\nCERT-2,123,9,,2026-1-1\r\n');
    const { rows, missing } = previewRows('skill-certificates', table);
    expect(missing).toEqual([]);
    expect(rows[0]).toMatchObject({ line: 2, errors: [], values: { occupation: '焊工, "氩弧"' } });
    expect(rows[1].errors).toEqual(['身份证号：应为18位身份证号', '职业等级：应为1至5', '职业（工种）：请填写', '发证日期：应为YYYY-MM-DD']);
    expect(toRecords('skill-certificates', [rows[0]])).toEqual([{ certificateNumber: 'CERT-1', idNumber: '11010519491231002X', level: 3, occupation: '焊工, "氩弧"', issuedOn: '2026-10-01' }]);
  });

  it('names the columns a file lacks', () => {
    expect(previewRows('social-insurance', [['idNumber', 'orgCode'], ['1', '2']]).missing).toEqual(['镇街', '缴纳月数', '最近缴费月份']);
  });
});
