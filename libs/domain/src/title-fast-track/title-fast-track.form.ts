import type { TITLE_LEVELS } from './title-fast-track.policy';

/** The form of a 职称直通车 application (API.md). */
export interface TitleFastTrackForm {
  series: string;
  targetLevel: (typeof TITLE_LEVELS)[number];
  employerOrgCode: string;
  achievements: { kind: string; title: string; year: number }[];
}
