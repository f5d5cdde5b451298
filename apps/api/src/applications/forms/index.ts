import { ClassConstructor } from 'class-transformer';
import { Program } from '#domain';
import { DegreeDoublingFormDto } from './degree-doubling.form.dto';
import { SkillSubsidyFormDto } from './skill-subsidy.form.dto';
import { TitleFastTrackFormDto } from './title-fast-track.form.dto';
import { TopTalentFormDto } from './top-talent.form.dto';

/** The form each program takes. */
export const FORM_DTOS: Record<Program, ClassConstructor<object>> = {
  'skill-subsidy': SkillSubsidyFormDto,
  'degree-doubling': DegreeDoublingFormDto,
  'top-talent': TopTalentFormDto,
  'title-fast-track': TitleFastTrackFormDto,
};
