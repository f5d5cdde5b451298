/** How this deployment signs people in (GET /auth/config): the dev form, or 统一身份认证 through OpenID Connect. */
import { get } from './api';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
  resource?: string;
}

export interface AuthConfig {
  mode: 'dev' | 'jwt';
  oidc?: OidcSettings;
}

let loaded: Promise<AuthConfig> | null = null;

export function authConfig(): Promise<AuthConfig> {
  loaded ??= get<AuthConfig>('/auth/config').catch((e: unknown) => {
    loaded = null; // ask again next time
    throw e;
  });
  return loaded;
}
