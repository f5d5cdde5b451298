/**
 * 统一身份认证登录: OpenID Connect authorization code flow with PKCE, through oidc-client-ts (loaded only when a
 * deployment uses it). The provider's access token becomes the session's bearer token; the library keeps its own
 * state in sessionStorage. Nothing but the one-time code and state ever travels in a URL.
 */
import type { UserManager } from 'oidc-client-ts';
import type { OidcSettings } from './auth-config';
import { clearSession, setSession } from './session';

export const CALLBACK_PATH = '/auth/callback';

async function userManager(settings: OidcSettings): Promise<UserManager> {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  const resource = settings.resource ? { resource: settings.resource } : undefined;
  return new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${window.location.origin}/login`,
    response_type: 'code',
    scope: settings.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false, // an expired session asks the person to sign in again
    loadUserInfo: false,
    ...(resource ? { extraQueryParams: resource, extraTokenParams: resource } : {}),
  });
}

/** Off to the provider's sign-in page; `next` is where to go after coming back. */
export async function startOidcSignIn(settings: OidcSettings, next: string): Promise<void> {
  await (await userManager(settings)).signinRedirect({ state: { next } });
}

/** On the callback page: trades the code for tokens and starts the session; returns where to go next. */
export async function completeOidcSignIn(settings: OidcSettings): Promise<string | undefined> {
  const user = await (await userManager(settings)).signinRedirectCallback();
  setSession(user.access_token);
  const next = (user.state as { next?: unknown } | undefined)?.next;
  return typeof next === 'string' && next.startsWith('/') ? next : undefined;
}

/** Ends the session here and at the provider, which sends the browser back to the login page. */
export async function oidcSignOut(settings: OidcSettings): Promise<void> {
  const manager = await userManager(settings);
  const user = await manager.getUser();
  clearSession();
  await manager.removeUser();
  await manager.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : undefined);
}
