import type { ProgramEvent } from '../application/application.events';
import type { ApplicationState } from '../application/application.state';
import { assertOpen } from '../application/open-application';

/** 职称直通车: the title is conferred with a certificate number. */
export type TitleFastTrackCommand = {
  type: 'ConferTitle';
  series: string;
  level: string;
  certificatePrefix: string;
  /** The China calendar year of the conferral. */
  year: number;
  /** The decision document number (文号) of the lead's sign-off (conferrals of before have none). */
  decisionRef?: string;
};

/** `<prefix>-<year>-<first 12 hex digits of the application id>`: unique per application, readable on paper. */
export function certificateNumber(prefix: string, year: number, applicationId: string): string {
  return `${prefix}-${year}-${applicationId.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
}

export function decideTitleFastTrack(command: TitleFastTrackCommand, state: ApplicationState): ProgramEvent[] {
  assertOpen(state);
  return [
    {
      type: 'TitleConferred',
      data: {
        series: command.series,
        level: command.level,
        certificateNumber: certificateNumber(command.certificatePrefix, command.year, state.id),
        ...(command.decisionRef ? { decisionRef: command.decisionRef } : {}),
      },
    },
  ];
}
