import { Harness } from './support/harness';

/** Working days after the built-in data: a year's arrangement published by the district, read by anyone signed in. */
describe('calendars over HTTP', () => {
  let h: Harness;
  let admin: string;
  let reviewer: string;

  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.token({ sub: 'cal-admin', roles: ['admin'] });
    reviewer = await h.token({ sub: 'cal-reviewer', roles: ['reviewer'], queues: ['hrss-skill'] });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('publishes a year (admins only, every bad date listed) and answers each year with its source', async () => {
    const year = 2040 + Math.floor(Math.random() * 50); // a year no other run has published
    const bad = await h.call('POST', `/admin/calendars/${year}`, { token: admin, body: { holidays: [`${year}-02-30`, '2025-01-01'], workdays: [`${year}-13-01`] } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['holidays.0', 'holidays.1', 'workdays.0']);
    expect((await h.call('GET', `/calendars/${year}`, { token: reviewer })).body).toEqual({ year, source: 'weekdays', holidays: [], workdays: [] });
    expect((await h.call('POST', `/admin/calendars/${year}`, { token: reviewer, body: { holidays: [], workdays: [] } })).status).toBe(403);
    expect((await h.call('POST', '/admin/calendars/1999', { token: admin, body: { holidays: [], workdays: [] } })).status).toBe(400);

    // A Saturday worked under 调休: the first Saturday of May of that year.
    const saturday = [1, 2, 3, 4, 5, 6, 7].map((d) => `${year}-05-0${d}`).find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6)!;
    const published = await h.call('POST', `/admin/calendars/${year}`, { token: admin, body: { holidays: [`${year}-10-01`, `${year}-01-01`], workdays: [saturday] } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ year, source: 'published', holidays: [`${year}-01-01`, `${year}-10-01`], workdays: [saturday], publishedBy: 'cal-admin' });
    expect((await h.call('GET', `/calendars/${year}`, { token: reviewer })).body).toMatchObject({ source: 'published', workdays: [saturday] });

    const builtIn = (await h.call('GET', '/calendars/2026', { token: reviewer })).body;
    expect(builtIn).toMatchObject({ year: 2026, source: 'chinese-days' });
    expect(builtIn.holidays).toContain('2026-10-01');
    expect((await h.call('GET', '/calendars/26', { token: reviewer })).status).toBe(400);

    const uncovered = await h.call('GET', '/admin/calendars/uncovered', { token: admin });
    expect(uncovered.status).toBe(200);
    expect(uncovered.body.years).not.toContain(year);
    expect((await h.call('GET', '/admin/calendars/uncovered', { token: reviewer })).status).toBe(403);
  });
});
