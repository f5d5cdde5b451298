import { DataSource } from 'typeorm';
import { createDataSource, EventStore } from '#event-store';
import { PublishedCalendars } from '#registries';
import { isolatedDatabase } from '#test/support/database';
import { CoreActivitiesImpl } from './core.activities';

/** The deadline activity counts on the years the district published, from the moment they are published. */
describe('computeDeadline on published calendars (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await isolatedDatabase('calendars');
    ds = await createDataSource({ url: db.url, poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('skips a published holiday and says the deadline rests on the published arrangement', async () => {
    const calendars = new PublishedCalendars(ds);
    const core = new CoreActivitiesImpl(new EventStore(ds), calendars);
    const fridayMorning = '2031-01-03T02:00:00.000Z';
    expect(await core.computeDeadline(fridayMorning, { workingDays: 1 })).toEqual({ dueAt: '2031-01-06T16:00:00.000Z', basis: 'weekday-fallback' });
    await calendars.publish({ year: 2031, holidays: ['2031-01-06'], workdays: [] }, 'admin-1');
    expect(await core.computeDeadline(fridayMorning, { workingDays: 1 })).toEqual({ dueAt: '2031-01-07T16:00:00.000Z', basis: 'published' });
    expect(await calendars.year(2031)).toMatchObject({ year: 2031, holidays: ['2031-01-06'], workdays: [], publishedBy: 'admin-1' });
  });
});
