import helmet from '@fastify/helmet';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ApiConfig, apiConfig } from './config/api.config';
import { ProblemException } from './problem/problem';
import { ProblemFilter } from './problem/problem.filter';
import { VALIDATOR_OPTIONS, fieldErrors } from './problem/validation';

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
  app.useGlobalFilters(new ProblemFilter());
  // Errors Fastify raises before a route runs (body too large, malformed JSON) reach ProblemFilter too: Nest
  // registers Fastify's error handler to run the global filters.
  await app.register(helmet as never, { contentSecurityPolicy: false } as never);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TalentFlow API')
      .setDescription('Talent-program applications as durable, audited workflows. Errors are application/problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  return app;
}
