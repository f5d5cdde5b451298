import path from 'node:path';

/** The API's settings, from the environment (README lists them with their defaults). */
export interface ApiConfig {
  port: number;
  host: string;
  authMode: 'dev' | 'jwt';
  jwtSecret: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** OpenID Connect sign-in for the web application (jwt mode): tokens are verified against the issuer's keys. */
  oidc?: { issuer: string; clientId: string; scope: string; resource?: string };
  tokenTtlSeconds: number;
  bodyLimitBytes: number;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** Uploads: the largest file taken (413 beyond, while it streams), and the folder documents are stored in. */
  uploadMaxBytes: number;
  documentsDir: string;
  /** S3-compatible object storage for documents instead of the folder, when S3_ENDPOINT and S3_BUCKET are set. */
  s3?: S3Settings;
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export const DEV_JWT_SECRET = 'talentflow-dev-secret-change-me';
export const API_CONFIG = Symbol('API_CONFIG');

export function apiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const production = env.NODE_ENV === 'production';
  const authMode = (env.AUTH_MODE ?? (production ? 'jwt' : 'dev')) as ApiConfig['authMode'];
  if (authMode !== 'dev' && authMode !== 'jwt') throw new Error(`AUTH_MODE must be dev or jwt, not ${authMode}`);
  const jwtSecret = env.JWT_SECRET ?? (authMode === 'dev' ? DEV_JWT_SECRET : '');
  if (authMode === 'jwt' && !jwtSecret && !env.JWKS_URL && !env.OIDC_ISSUER) throw new Error('AUTH_MODE=jwt needs JWT_SECRET, JWKS_URL or OIDC_ISSUER');
  if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) throw new Error('OIDC_ISSUER needs OIDC_CLIENT_ID (the web application\'s client id at the provider)');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    authMode,
    jwtSecret,
    jwksUrl: env.JWKS_URL,
    jwtIssuer: env.JWT_ISSUER ?? env.OIDC_ISSUER,
    jwtAudience: env.JWT_AUDIENCE ?? env.OIDC_RESOURCE,
    oidc: env.OIDC_ISSUER
      ? { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID!, scope: env.OIDC_SCOPE ?? 'openid profile', resource: env.OIDC_RESOURCE }
      : undefined,
    tokenTtlSeconds: Number(env.DEV_TOKEN_TTL_SECONDS ?? 8 * 3600),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 1_048_576),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 600),
    uploadMaxBytes: Number(env.UPLOAD_MAX_BYTES ?? 10 * 1024 * 1024),
    documentsDir: path.resolve(env.DOCUMENTS_DIR ?? path.join(env.DATA_DIR ?? '.data', 'documents')),
    ...(env.S3_ENDPOINT && env.S3_BUCKET
      ? {
          s3: {
            endpoint: env.S3_ENDPOINT,
            bucket: env.S3_BUCKET,
            region: env.S3_REGION ?? 'us-east-1',
            ...(env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID } : {}),
            ...(env.S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.S3_SECRET_ACCESS_KEY } : {}),
          },
        }
      : {}),
  };
}
