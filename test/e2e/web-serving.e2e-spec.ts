import fs from 'node:fs';
import path from 'node:path';
import { webRoot } from '../../apps/api/src/web/web-app';
import { Harness } from './support/harness';

/** The API process serves the built web application (npm run build:web) and keeps /api/ JSON. */
describe('web application served by the API', () => {
  let h: Harness;
  let origin: string;
  const root = webRoot();

  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run npm run build (it builds the web application too)`);
    h = await Harness.start();
    origin = h.baseUrl.replace('/api/v1', '');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('answers the application shell at / and at any screen path', async () => {
    for (const p of ['/', '/tasks/anything', '/applications/new?program=top-talent']) {
      const reply = await fetch(`${origin}${p}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('text/html');
      expect(await reply.text()).toContain('<div id="app"></div>');
    }
    const head = await fetch(`${origin}/login`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('serves the built files with long caching, and a missing file as 404', async () => {
    const asset = fs.readdirSync(path.join(root, 'assets')).find((f) => f.endsWith('.js'))!;
    const reply = await fetch(`${origin}/assets/${asset}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('javascript');
    expect(reply.headers.get('cache-control')).toContain('immutable');
    expect(await reply.text()).toBe(fs.readFileSync(path.join(root, 'assets', asset), 'utf8'));
    expect((await fetch(`${origin}/assets/nope-123.js`)).status).toBe(404);
  });

  it('keeps everything under /api/ as JSON: an unknown route is a problem+json 404', async () => {
    for (const p of ['/api/v1/nope', '/api/nope']) {
      const reply = await fetch(`${origin}${p}`);
      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(await reply.json()).toMatchObject({ status: 404 });
    }
    const health = await fetch(`${origin}/api/v1/health`);
    expect(health.headers.get('content-type')).toContain('application/json');
  });
});
