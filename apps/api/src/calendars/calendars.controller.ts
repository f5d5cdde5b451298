import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';
import { builtInCalendarYear, calendarYearProblems } from '#domain';
import { PublishedCalendars } from '#registries';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ProblemException } from '../problem/problem';
import { assertValid, validateAs } from '../problem/validation';
import { TasksReadModel, UncoveredTask } from '../read-models/tasks.read-model';

export class CalendarYearRequest {
  @ApiProperty({ type: [String], example: ['2027-01-01', '2027-02-06'], description: 'public holidays (放假日)' })
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  holidays!: string[];

  @ApiProperty({ type: [String], example: ['2027-02-20'], description: 'weekend days worked under 调休 (补班日)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  workdays!: string[];
}

export interface CalendarYearView {
  year: number;
  /** published: the district's arrangement; chinese-days: the built-in data; weekdays: none, Monday-Friday. */
  source: 'published' | 'chinese-days' | 'weekdays';
  holidays: string[];
  workdays: string[];
  publishedAt?: string;
  publishedBy?: string;
}

function yearOf(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= 2000 && year <= 2100)) throw ProblemException.validation([{ path: 'year', message: 'year must be 2000 to 2100' }]);
  return year;
}

/**
 * Working days after 2026: the district publishes each year's holidays and 调休 days as data, and deadlines count
 * on them; the office sees which open tasks were counted on weekdays only because their year was not published.
 */
@ApiTags('calendars')
@ApiBearerAuth()
@Controller()
export class CalendarsController {
  constructor(
    private readonly calendars: PublishedCalendars,
    private readonly tasks: TasksReadModel,
  ) {}

  @Get('calendars/:year')
  @ApiOperation({ summary: "A year's working-day arrangement: published by the district, built in (chinese-days), or weekdays only" })
  async get(@Param('year') text: string): Promise<CalendarYearView> {
    const year = yearOf(text);
    const published = await this.calendars.year(year);
    if (published) return { ...published, source: 'published' };
    const builtIn = builtInCalendarYear(year);
    return builtIn ? { ...builtIn, source: 'chinese-days' } : { year, source: 'weekdays', holidays: [], workdays: [] };
  }

  @Get('admin/calendars/uncovered')
  @Roles('admin')
  @ApiOperation({ summary: 'Open tasks whose deadline was counted on weekdays only, in years not published yet' })
  async uncovered(): Promise<{ items: UncoveredTask[]; years: number[] }> {
    const published = (await this.calendars.years()).map((y) => y.year);
    const items = await this.tasks.uncovered(published);
    return { items, years: [...new Set(items.map((t) => Number(t.dueAt.slice(0, 4))))].sort() };
  }

  @Post('admin/calendars/:year')
  @HttpCode(201)
  @Roles('admin')
  @ApiBody({ type: CalendarYearRequest })
  @ApiOperation({ summary: "Publish (or correct) a year's holidays and 调休 workdays; deadlines from now on count on them" })
  async publish(@Param('year') text: string, @Body() body: unknown, @CurrentUser() caller: Principal): Promise<CalendarYearView> {
    const year = yearOf(text);
    const request = validateAs(CalendarYearRequest, body, '');
    assertValid(request.errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') })));
    const holidays = [...request.value.holidays].sort();
    const workdays = [...request.value.workdays].sort();
    assertValid(calendarYearProblems(year, request.value.holidays, request.value.workdays));
    await this.calendars.publish({ year, holidays, workdays }, caller.sub);
    return { ...(await this.calendars.year(year))!, source: 'published' };
  }
}
