import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches, ValidationOptions, registerDecorator } from 'class-validator';
import { chinaYear, isCalendarDate, isCalendarMonth, isValidIdNumber, isValidUscc } from '#domain';
import { CONTROL_CHARACTERS } from './control-characters';

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

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date that exists, as YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** A year that has begun: an achievement of next year has not happened yet. */
export function IsPastOrCurrentYear(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPastOrCurrentYear',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a year from 1950 to this year', ...options },
      validator: { validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 1950 && (value as number) <= new Date().getUTCFullYear() },
    });
}

/** A calendar year from `min` to this year (China time), as a number or a YYYY string: figures of a year not begun are refused. */
export function IsYearSoFar(min: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isYearSoFar',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => `${args.property} must be a year from ${min} to ${chinaYear(new Date())}`, ...options },
      validator: {
        validate: (value: unknown) => {
          const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : value;
          return Number.isInteger(year) && (year as number) >= min && (year as number) <= chinaYear(new Date());
        },
      },
    });
}

/** A calendar month YYYY-MM (01..12). */
export function IsCalendarMonth(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarMonth',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a month as YYYY-MM', ...options },
      validator: { validate: (value: unknown) => isCalendarMonth(value) },
    });
}

const NO_CONTROL_CHARS = new RegExp(`^[^${CONTROL_CHARACTERS.source.slice(1, -1)}]*$`);

/** Text a person typed: a string of min..max characters with no control characters (each item, for arrays). */
export function SafeText(min: number, max: number, options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each === true;
  return applyDecorators(
    IsString({ each }),
    Length(min, max, { each }),
    Matches(NO_CONTROL_CHARS, { each, message: '$property must not contain control characters' }),
  ) as PropertyDecorator;
}
