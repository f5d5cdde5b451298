import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { FieldError, ProblemException } from './problem';

/** Flattens class-validator's tree into one entry per failing field, with dotted paths (`form.level`). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out.push({ path, message: Object.values(error.constraints).join('; ') });
    if (error.children?.length) out.push(...fieldErrors(error.children, path));
  }
  return out;
}

export const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

/** Validates a plain value against a DTO class; returns the instance and the failures (paths under `prefix`). */
export function validateAs<T extends object>(cls: ClassConstructor<T>, value: unknown, prefix: string): { value: T; errors: FieldError[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { value: new cls(), errors: [{ path: prefix, message: `${prefix} must be an object` }] };
  }
  const instance = plainToInstance(cls, value, { enableImplicitConversion: false });
  return { value: instance, errors: fieldErrors(validateSync(instance, VALIDATOR_OPTIONS), prefix) };
}

export function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) throw ProblemException.validation(errors);
}
