import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../infra/net';

export interface OidcProvider {
  issuer: string;
  port: number;
  stop(): Promise<void>;
}

export interface OidcProviderOptions {
  clientId?: string;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  /** Sign-in names and the claims their access tokens carry. */
  accounts?: Record<string, Record<string, unknown>>;
  accessTokenTtlSeconds?: number;
  /** A confidential client `talentflow-service` (client_credentials) whose tokens carry these claims. */
  service?: { secret: string; claims: Record<string, unknown> };
  port?: number;
}

/** Starts the test OpenID provider (`test/support/oidc-provider.mjs`) on a free port; resolves once it listens. */
export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<OidcProvider> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      OIDC_PORT: String(port),
      OIDC_CLIENT_ID: options.clientId ?? 'talentflow-web',
      OIDC_REDIRECT_URIS: JSON.stringify(options.redirectUris ?? []),
      OIDC_POST_LOGOUT_REDIRECT_URIS: JSON.stringify(options.postLogoutRedirectUris ?? []),
      OIDC_ACCOUNTS: JSON.stringify(options.accounts ?? {}),
      OIDC_ACCESS_TOKEN_TTL: String(options.accessTokenTtlSeconds ?? 3600),
      ...(options.service ? { OIDC_SERVICE_CLIENT_SECRET: options.service.secret, OIDC_SERVICE_CLAIMS: JSON.stringify(options.service.claims) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /issuer (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited with ${code}: ${errors}`)));
  });
  return {
    issuer,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
