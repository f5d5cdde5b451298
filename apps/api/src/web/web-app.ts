import fs from 'node:fs';
import path from 'node:path';
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { projectRoot } from '#infra/project-root';
import { ProblemFilter, toProblem } from '../problem/problem.filter';

/** Where `npm run build:web` puts the web application (WEB_ROOT overrides). */
export function webRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.WEB_ROOT ?? path.join(projectRoot(), 'dist', 'web');
}

/** A path the single-page application answers: not the API, no file extension. */
export function isAppPath(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = url.split('?')[0] ?? '';
  if (pathname === '/api' || pathname.startsWith('/api/')) return false;
  return !/\.[A-Za-z0-9]+$/.test(pathname.split('/').pop() ?? '');
}

/**
 * ProblemFilter, except that a 404 for a path of the web application answers its index.html (history-mode
 * routing: /tasks/123 is a screen, not a file). Everything under /api/ stays problem+json.
 */
@Catch()
export class SpaFallbackFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();
  constructor(private readonly indexFile: string) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (toProblem(err).status === 404 && isAppPath(request.method, request.url)) {
      let html: string | null;
      try {
        html = fs.readFileSync(this.indexFile, 'utf8');
      } catch {
        html = null; // removed since start-up: answer as the API would
      }
      if (html !== null) {
        void host.switchToHttp().getResponse<FastifyReply>().status(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
        return;
      }
    }
    this.problems.catch(err, host);
  }
}

/**
 * Serves the built web application from the API's port when it has been built; returns the filter that turns
 * unknown screen paths into index.html, or null (jest runs before a build, API-only deployments).
 */
export async function serveWebApp(app: NestFastifyApplication, root = webRoot()): Promise<ExceptionFilter | null> {
  const indexFile = path.join(root, 'index.html');
  if (!fs.existsSync(indexFile)) return null;
  await app.useStaticAssets({
    root,
    prefix: '/',
    // Hashed file names under /assets/ never change; index.html must be asked for again every time.
    // (@fastify/static 10 passes the Fastify reply.)
    setHeaders: (reply: FastifyReply, file: string) => {
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  } as never);
  return new SpaFallbackFilter(indexFile);
}
