// A real OpenID provider for tests (the `oidc-provider` package, started as a process of its own because it is an
// ES module): the district's 统一身份认证 stand-in. Its development sign-in page accepts any password; the login
// names an account of OIDC_ACCOUNTS, whose claims (roles, queues, towns, name, idNumber, orgCode) go into JWT
// access tokens for the resource OIDC_RESOURCE. Prints `issuer <url>` when it listens.
//
// env: OIDC_PORT, OIDC_CLIENT_ID, OIDC_REDIRECT_URIS (JSON array), OIDC_POST_LOGOUT_REDIRECT_URIS (JSON array),
//      OIDC_ACCOUNTS (JSON { login: claims }), OIDC_RESOURCE, OIDC_ACCESS_TOKEN_TTL (seconds),
//      OIDC_SERVICE_CLIENT_SECRET (optional: a confidential client `talentflow-service` for client_credentials,
//      whose token carries OIDC_SERVICE_CLAIMS)
import Provider from 'oidc-provider';

const env = process.env;
const port = Number(env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const resource = env.OIDC_RESOURCE ?? 'urn:talentflow:api';
const accounts = JSON.parse(env.OIDC_ACCOUNTS ?? '{}');
const redirectUris = JSON.parse(env.OIDC_REDIRECT_URIS ?? '[]');
const postLogoutRedirectUris = JSON.parse(env.OIDC_POST_LOGOUT_REDIRECT_URIS ?? '[]');
const ttl = Number(env.OIDC_ACCESS_TOKEN_TTL ?? 3600);

const clients = [
  {
    client_id: env.OIDC_CLIENT_ID ?? 'talentflow-web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogoutRedirectUris,
  },
];
if (env.OIDC_SERVICE_CLIENT_SECRET) {
  clients.push({
    client_id: 'talentflow-service',
    client_secret: env.OIDC_SERVICE_CLIENT_SECRET,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  });
}

const provider = new Provider(issuer, {
  clients,
  cookies: { keys: ['talentflow-test-oidc-cookie-key'] },
  // A public client may call the token endpoint from the origins of its redirect URIs.
  clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: Boolean(env.OIDC_SERVICE_CLIENT_SECRET) },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: 'talentflow', audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: ttl, jwt: { sign: { alg: 'RS256' } } }),
    },
  },
  scopes: ['openid', 'profile', 'talentflow'],
  claims: { openid: ['sub'], profile: ['name'] },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, name: accounts[sub]?.name }) }),
  // The people of this stand-in have agreed to TalentFlow already: no consent page.
  loadExistingGrant: async (ctx) => {
    if (!ctx.oidc.session.accountId) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile talentflow');
    grant.addResourceScope(resource, 'talentflow');
    await grant.save();
    return grant;
  },
  extraTokenClaims: async (_ctx, token) => {
    if (token.kind === 'ClientCredentials') return JSON.parse(env.OIDC_SERVICE_CLAIMS ?? '{}');
    const { sub: _sub, ...claims } = accounts[token.accountId] ?? {};
    return claims;
  },
});
provider.proxy = false;

const server = provider.listen(port, '127.0.0.1', () => process.stdout.write(`issuer ${issuer}\n`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
