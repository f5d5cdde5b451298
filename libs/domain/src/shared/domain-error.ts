/**
 * A rule of the domain said no. `code` is stable (clients and the HTTP layer key on it);
 * `message` is for people.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Every code the domain raises, and the HTTP status the API answers with. */
export const DOMAIN_ERROR_STATUS = {
  'APPLICATION.ALREADY_DECIDED': 409,
  'APPLICATION.NOT_AWAITING_SUPPLEMENT': 409,
  'APPLICATION.CLOSED': 409,
  'TASK.NOT_FOUND': 404,
  'TASK.NOT_OPEN': 409,
  'TASK.CLAIMED_BY_OTHER': 409,
  'TASK.NOT_CANDIDATE': 403,
  'TASK.NOT_LEAD': 403,
  'TASK.INVALID_OUTCOME': 400,
  'TASK.INVALID_FIELDS': 400,
  'TASK.RECUSED': 403,
  'RETURN.LIMIT_REACHED': 409,
  'SUPPLEMENT.UNKNOWN_ITEM': 400,
  'RECONSIDERATION.NOT_AVAILABLE': 409,
  'RECONSIDERATION.ALREADY_REQUESTED': 409,
  'RECONSIDERATION.WINDOW_CLOSED': 409,
  'STATEMENT.NOT_OPEN': 409,
  'CLAWBACK.NOT_FINAL': 409,
  'INDICATOR.INVALID': 400,
  'INDICATOR.REPORT_NOT_FOUND': 404,
  'INDICATOR.ALREADY_REVIEWED': 409,
  'NOTICE.NOT_OPEN': 409,
  'STREAM.WRONG_EXPECTED_VERSION': 409,
  'SUBJECT.ERASED': 409,
  'POLICY.INVALID': 400,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

export function isDomainErrorCode(code: unknown): code is DomainErrorCode {
  return typeof code === 'string' && code in DOMAIN_ERROR_STATUS;
}
