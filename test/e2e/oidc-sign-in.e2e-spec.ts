import { startOidcProvider, OidcProvider } from '../support/oidc';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';

/**
 * AUTH_MODE=jwt with an OpenID provider (统一身份认证): the API tells the web application how to sign in and
 * verifies the provider's JWT access tokens through its discovered keys. The browser half (authorization code +
 * PKCE, logout, expiry) is in apps/web/e2e/oidc.spec.ts.
 */
describe('OpenID Connect sign-in (API)', () => {
  let h: Harness;
  let provider: OidcProvider;
  const secret = 'service-secret-for-tests';

  beforeAll(async () => {
    h = await Harness.start();
    provider = await startOidcProvider({
      accessTokenTtlSeconds: 3,
      service: { secret, claims: { roles: ['auditor'], name: '审计员甲' } },
    });
  });
  afterAll(async () => {
    await provider?.stop();
    await h?.stop();
  });

  async function serviceToken(): Promise<string> {
    const response = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`talentflow-service:${secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'talentflow' }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`token endpoint: ${JSON.stringify(body)}`);
    return body.access_token;
  }

  it('in dev mode says so and offers no provider', async () => {
    expect((await h.call('GET', '/auth/config')).body).toEqual({ mode: 'dev' });
  });

  it('in jwt mode names the provider, refuses dev tokens, accepts the provider\'s tokens until they expire', async () => {
    const devToken = await h.token({ sub: 'x', roles: ['auditor'] });
    const base = await h.extraApi({ AUTH_MODE: 'jwt', JWT_SECRET: '', OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'talentflow-web', OIDC_RESOURCE: 'urn:talentflow:api' });
    const get = (path: string, token?: string) => fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    expect(await (await get('/auth/config')).json()).toEqual({
      mode: 'jwt',
      oidc: { issuer: provider.issuer, clientId: 'talentflow-web', scope: 'openid profile', resource: 'urn:talentflow:api' },
    });
    expect((await fetch(`${base}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
    expect((await get('/applications', devToken)).status).toBe(401); // signed with the dev secret, not the provider's key

    const token = await serviceToken();
    const listed = await get('/audit/access-log', token);
    expect(listed.status).toBe(200); // roles from the provider's token: auditor

    // The provider's tokens live 3 s here: then the API answers 401 and the web application asks to sign in again.
    await eventually(async () => (await get('/audit/access-log', token)).status === 401, 'the token to expire', 15_000);
  });
});
