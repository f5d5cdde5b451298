import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { FastifyReply } from 'fastify';
import { DOMAIN_ERROR_STATUS, DomainError, isDomainErrorCode } from '#domain';
import { Problem, ProblemException, problemType, titleFor } from './problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Turns anything thrown into problem+json. Domain verdicts keep their stable codes. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ProblemException) return err.problem;
  if (err instanceof DomainError) {
    const problem = fromCode(err.code, err.message);
    return Array.isArray(err.details.errors) ? { ...problem, errors: err.details.errors as Problem['errors'] } : problem;
  }
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type) {
      const problem = fromCode(cause.type, cause.message);
      const errors = (cause.details?.[0] as { errors?: unknown } | undefined)?.errors;
      return Array.isArray(errors) ? { ...problem, errors: errors as Problem['errors'] } : problem;
    }
    return { type: problemType('CONFLICT'), title: titleFor(409), status: 409, detail: 'the application refused this change' };
  }
  if (err instanceof WorkflowNotFoundError) {
    // We only address workflows of applications we hold, so "not found" means it has finished.
    return fromCode('APPLICATION.CLOSED', 'this application is closed');
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return { type: problemType('CONFLICT'), title: titleFor(409), status: 409, detail: 'this application already exists' };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const detail = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? err.message);
    return { type: problemType(titleFor(status)), title: titleFor(status), status, detail };
  }
  const fastify = err as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    return { type: problemType(fastify.code ?? titleFor(status)), title: titleFor(status), status, detail: fastify.message ?? titleFor(status) };
  }
  if (isUnavailable(err)) {
    return { type: problemType('UNAVAILABLE'), title: titleFor(503), status: 503, detail: 'a service this needs is unavailable; try again shortly' };
  }
  return { type: problemType('INTERNAL'), title: titleFor(500), status: 500, detail: 'an unexpected error occurred; it has been logged' };
}

function fromCode(code: string, message: string): Problem {
  const status = isDomainErrorCode(code) ? DOMAIN_ERROR_STATUS[code] : 409;
  return { type: problemType(code), title: titleFor(status), status, detail: message, code };
}

function isUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; name?: string; message?: string };
  return (
    e?.name === 'ServiceError' ||
    e?.code === 'ECONNREFUSED' ||
    e?.code === 14 ||
    /Connection terminated|ECONNREFUSED|UNAVAILABLE|connect ECONN/.test(String(e?.message ?? ''))
  );
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  const body = { ...problem };
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const problem = toProblem(err);
    if (problem.status >= 500) this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), problem);
  }
}
