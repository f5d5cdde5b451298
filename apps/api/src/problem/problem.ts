import { HttpException } from '@nestjs/common';

export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details, as API.md fixes them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  code?: string;
  /** RFC 9457 extension members (e.g. `possibleFrom` of a refused erasure). */
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

export function problemType(code: string): string {
  return `urn:talentflow:problem:${code.toLowerCase().replace(/[^a-z0-9.]+/g, '-')}`;
}

export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }

  static of(status: number, code: string, detail: string, errors?: FieldError[], extensions: Record<string, unknown> = {}): ProblemException {
    return new ProblemException({
      ...extensions,
      type: problemType(code),
      title: titleFor(status),
      status,
      detail,
      code,
      ...(errors ? { errors } : {}),
    });
  }

  static validation(errors: FieldError[]): ProblemException {
    return ProblemException.of(400, 'VALIDATION', `${errors.length} field(s) failed validation`, errors);
  }

  static notFound(what = 'resource'): ProblemException {
    return ProblemException.of(404, 'NOT_FOUND', `no such ${what}`);
  }
}
