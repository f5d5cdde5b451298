import { erasureVerdict } from './erasure';

describe('when a person may be erased', () => {
  const now = new Date('2026-11-29T00:00:00Z');
  const closed = (closedAt: string, retentionYears = 10, extra = {}) => ({ id: closedAt, status: 'completed' as const, closedAt, retentionYears, ...extra });

  it('not while an application is open or a 复核 is still possible', () => {
    expect(erasureVerdict([closed('2010-01-01T00:00:00Z'), { id: 'x', status: 'in-review', retentionYears: 10 }], now)).toEqual({ allowed: false, code: 'SUBJECT.NOT_CLOSED', open: ['x'] });
    const rejected = { id: 'r', status: 'rejected' as const, closedAt: '2026-11-20T00:00:00Z', retentionYears: 0 };
    expect(erasureVerdict([{ ...rejected, reconsideration: { status: 'open', dueAt: '2026-12-10T00:00:00Z' } }], now)).toMatchObject({ code: 'SUBJECT.NOT_CLOSED' });
    expect(erasureVerdict([{ ...rejected, reconsideration: { status: 'requested', dueAt: '2026-11-25T00:00:00Z' } }], now)).toMatchObject({ code: 'SUBJECT.NOT_CLOSED' });
    expect(erasureVerdict([{ ...rejected, reconsideration: { status: 'open', dueAt: '2026-11-25T00:00:00Z' } }], now)).toEqual({ allowed: true });
  });

  it('after the longest retention of their files has run from when each closed', () => {
    expect(erasureVerdict([closed('2016-11-28T00:00:00Z'), closed('2020-03-01T00:00:00Z', 5)], now)).toEqual({ allowed: true });
    expect(erasureVerdict([closed('2016-11-28T00:00:00Z'), closed('2024-03-01T00:00:00Z', 5)], now)).toEqual({ allowed: false, code: 'SUBJECT.RETENTION', possibleFrom: '2029-03-01T00:00:00.000Z' });
    expect(erasureVerdict([closed('2026-11-28T00:00:00Z', 0)], now)).toEqual({ allowed: true });
  });
});
