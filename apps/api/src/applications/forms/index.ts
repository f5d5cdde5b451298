import { ClassConstructor } from 'class-transformer';
import { Program } from '../../../../../libs/domain/src/shared/programs';
import { SkillSubsidyFormDto } from './skill-subsidy.form.dto';

/** The form each program takes; a program with no entry is not open for applications yet. */
export const FORM_DTOS: Partial<Record<Program, ClassConstructor<object>>> = {
  'skill-subsidy': SkillSubsidyFormDto,
};
