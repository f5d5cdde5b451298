import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches, ValidationOptions, registerDecorator } from 'class-validator';
import { isValidIdNumber, isValidUscc } from '../../../../libs/domain/src/shared/identity';

/** A resident identity number (GB 11643): 18 characters, a real birth date, a valid check character. */
export function IsIdNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIdNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a valid 18-character resident identity number (GB 11643)', ...options },
      validator: { validate: (value: unknown) => isValidIdNumber(value) },
    });
}

/** A Unified Social Credit Code (GB 32100), including the embedded organisation code's check character. */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a valid 18-character Unified Social Credit Code (GB 32100)', ...options },
      validator: { validate: (value: unknown) => isValidUscc(value) },
    });
}

/** A calendar date YYYY-MM-DD that exists. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date as YYYY-MM-DD', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      },
    });
}

// No control characters (NUL cannot be stored in jsonb; the others have no place in a form), tabs and newlines allowed.
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** Text a person typed: a string of min..max characters with no control characters (each item, for arrays). */
export function SafeText(min: number, max: number, options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each === true;
  return applyDecorators(
    IsString({ each }),
    Length(min, max, { each }),
    Matches(NO_CONTROL_CHARS, { each, message: '$property must not contain control characters' }),
  ) as PropertyDecorator;
}
