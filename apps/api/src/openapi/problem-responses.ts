import type { OpenAPIObject } from '@nestjs/swagger';

/** RFC 9457 problem details as API.md fixes them: every error of the API has this shape. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: 'urn:talentflow:problem:validation' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    code: { type: 'string', description: 'stable error code, e.g. TASK.NOT_OPEN' },
    errors: {
      type: 'array',
      description: 'every failing field (400)',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string', example: 'form.level' }, message: { type: 'string' } } },
    },
  },
} as const;

const MEANING: Record<number, string> = {
  400: 'invalid input (every failing field in errors[]); also control characters in parameters or body',
  401: 'missing, invalid or expired token',
  403: 'the caller\'s role may not do this',
  404: 'not found, or not visible to the caller',
  409: 'state conflict: the task is taken or closed, the application decided, the key reused with another body',
  410: 'gone: erased with its owner\'s personal data (PIPL Art. 47)',
  413: 'body larger than the limit',
  415: 'the body is not JSON',
  429: 'too many requests',
  503: 'a dependency (PostgreSQL, Temporal) is down',
};

/** Statuses a route answers beyond what its shape implies (see declareProblemResponses). */
const ROUTE_STATUSES: Record<string, number[]> = {
  'POST /api/v1/applications': [409],
  'POST /api/v1/applications/{id}/withdraw': [409],
  'POST /api/v1/applications/{id}/supplement': [409],
  'POST /api/v1/applications/{id}/reconsideration': [409],
  'POST /api/v1/applications/{id}/statement': [409],
  'POST /api/v1/applications/{id}/objections': [409],
  'POST /api/v1/tasks/{taskId}/claim': [409],
  'POST /api/v1/tasks/{taskId}/release': [409],
  'POST /api/v1/tasks/{taskId}/complete': [409],
  'POST /api/v1/tasks/{taskId}/reassign': [409],
  'POST /api/v1/delegations/{id}/revoke': [409],
  'POST /api/v1/admin/policies/{program}': [409],
  'POST /api/v1/auth/dev-token': [404], // the route does not exist in jwt mode
  'GET /api/v1/health': [503],
  'GET /api/v1/applications/{id}/documents/{documentId}': [410],
};

/**
 * Makes the OpenAPI document tell the truth about errors: every operation declares the problem+json answers it
 * can give — 429 everywhere (rate limit); 401 unless public (`x-public`); 403 where roles restrict it
 * (`x-roles`); 400 when it takes parameters or a body; 404 for path parameters; 413 and 415 for bodies; and
 * what ROUTE_STATUSES adds. A generated client then knows every status it will meet (the contract test checks).
 */
export function declareProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method] as (Record<string, any> & { responses: Record<string, unknown> }) | undefined;
      if (!op) continue;
      const statuses = new Set<number>([429, ...(ROUTE_STATUSES[`${method.toUpperCase()} ${path}`] ?? [])]);
      if (op['x-public'] !== true) statuses.add(401);
      if (Array.isArray(op['x-roles'])) statuses.add(403);
      if ((op.parameters?.length ?? 0) > 0 || op.requestBody) statuses.add(400);
      if (path.includes('{')) statuses.add(404);
      if (op.requestBody) {
        statuses.add(413);
        statuses.add(415);
      }
      for (const status of [...statuses].sort()) {
        op.responses[String(status)] ??= {
          description: MEANING[status],
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
    }
  }
  return document;
}
