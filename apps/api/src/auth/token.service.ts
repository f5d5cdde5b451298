import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, SignJWT, createRemoteJWKSet, jwtVerify } from 'jose';
import { ROLES, Role } from '#domain';
import { API_CONFIG, ApiConfig } from '../config/api.config';
import { Principal } from './principal';

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Signs dev tokens and verifies every bearer token: HS256 with JWT_SECRET, or the keys at JWKS_URL, or the keys
 * of the OpenID provider at OIDC_ISSUER (its `jwks_uri`, found through discovery on first use).
 */
@Injectable()
export class TokenService {
  private readonly secret: Uint8Array;
  private jwks?: Promise<KeySet>;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.secret = new TextEncoder().encode(config.jwtSecret);
    if (config.jwksUrl) this.jwks = Promise.resolve(createRemoteJWKSet(new URL(config.jwksUrl)));
  }

  private keySet(): Promise<KeySet> | undefined {
    if (!this.jwks && this.config.oidc) {
      const discovery = new URL('.well-known/openid-configuration', this.config.oidc.issuer.replace(/\/?$/, '/'));
      this.jwks = fetch(discovery, { signal: AbortSignal.timeout(5000) })
        .then(async (response) => {
          if (!response.ok) throw new Error(`OpenID discovery at ${discovery.toString()} answered ${response.status}`);
          const { jwks_uri } = (await response.json()) as { jwks_uri?: string };
          if (!jwks_uri) throw new Error(`OpenID discovery at ${discovery.toString()} names no jwks_uri`);
          return createRemoteJWKSet(new URL(jwks_uri));
        })
        .catch((err: unknown) => {
          this.jwks = undefined; // the provider may come up later: ask again next time
          throw err;
        });
    }
    return this.jwks;
  }

  async sign(claims: Omit<Principal, 'queues' | 'towns'> & Partial<Pick<Principal, 'queues' | 'towns'>>): Promise<string> {
    const { sub, ...rest } = claims;
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(`${this.config.tokenTtlSeconds}s`)
      .sign(this.secret);
  }

  /** The principal of a valid token, or null (bad signature, expired, malformed claims). */
  async verify(token: string): Promise<Principal | null> {
    try {
      const options = {
        ...(this.config.jwtIssuer ? { issuer: this.config.jwtIssuer } : {}),
        ...(this.config.jwtAudience ? { audience: this.config.jwtAudience } : {}),
      };
      const keys = this.config.authMode === 'jwt' && !this.config.jwtSecret ? this.keySet() : undefined;
      const { payload } = keys
        ? await jwtVerify(token, await keys, options)
        : await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] });
      return toPrincipal(payload);
    } catch {
      return null;
    }
  }
}

function strings(value: unknown): string[] | null {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
}

function toPrincipal(payload: JWTPayload): Principal | null {
  const roles = strings(payload.roles);
  const queues = strings(payload.queues);
  const towns = strings(payload.towns);
  if (!payload.sub || !roles || !queues || !towns || roles.length === 0) return null;
  if (!roles.every((r) => (ROLES as readonly string[]).includes(r))) return null;
  const optional = (name: string) => (typeof payload[name] === 'string' ? { [name]: payload[name] as string } : {});
  return {
    sub: payload.sub,
    roles: roles as Role[],
    queues,
    towns,
    ...optional('name'),
    ...optional('idNumber'),
    ...optional('orgCode'),
    ...optional('department'),
    ...optional('email'),
    // OpenID Connect names it phone_number; the dev token phone.
    ...(typeof payload.phone_number === 'string' ? { phone: payload.phone_number } : optional('phone')),
  };
}
