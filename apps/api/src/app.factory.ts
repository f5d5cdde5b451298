import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { httpSeconds } from './metrics/prometheus';
import { ApiConfig, apiConfig } from './config/api.config';
import { ProblemException } from './problem/problem';
import { ProblemFilter } from './problem/problem.filter';
import { VALIDATOR_OPTIONS, fieldErrors } from './problem/validation';
import { controlCharacterErrors } from './validation/control-characters';
import { declareProblemResponses } from './openapi/problem-responses';
import { serveWebApp } from './web/web-app';

export const API_PREFIX = 'api/v1';

/** The configured API application (not yet listening): used by main.ts and the end-to-end tests. */
export async function createApiApp(config: ApiConfig = apiConfig()): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: ['error', 'warn'],
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(
    new ValidationPipe({
      ...VALIDATOR_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => ProblemException.validation(fieldErrors(errors)),
    }),
  );
  // The web application (dist/web, when built) on the same port; its screens' paths answer index.html.
  app.useGlobalFilters((await serveWebApp(app)) ?? new ProblemFilter());
  // Errors Fastify raises before a route runs (body too large, malformed JSON) reach ProblemFilter too: Nest
  // registers Fastify's error handler to run the global filters.
  await app.register(helmet as never, { contentSecurityPolicy: false } as never);
  // Uploads (POST /applications/uploads): streamed, one file, the size limit enforced while it streams.
  await app.register(multipart as never, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 0, parts: 1 } } as never);
  // Per caller (a hash of the bearer token) or, without a token, per address; 429 as problem+json.
  await app.register(rateLimit as never, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req: { headers: Record<string, string | undefined>; ip: string }) => {
      const auth = req.headers.authorization;
      return auth ? `t:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req: unknown, context: { after: string }) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `too many requests; try again in ${context.after}`,
    }),
  } as never);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request: { method: string; routeOptions?: { url?: string } }, reply: { statusCode: number; elapsedTime: number }) => {
      httpSeconds.observe({ method: request.method, route: request.routeOptions?.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  // Before any handler, guard or interceptor (the audit access log writes the query): no control characters.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preHandler', async (request: { params?: unknown; query?: unknown; body?: unknown }) => {
      const errors = [request.params, request.query, request.body].flatMap((part) => controlCharacterErrors(part));
      if (errors.length > 0) throw ProblemException.validation(errors);
    });
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });

  const document = declareProblemResponses(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TalentFlow API')
      .setDescription('Talent-program applications as durable, audited workflows. Errors are application/problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  ));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  return app;
}
