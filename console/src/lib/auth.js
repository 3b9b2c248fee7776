import * as oauth from 'oauth4webapi';

/**
 * Sign-in. Production: OpenID Connect authorization code flow with PKCE against the operator's
 * identity provider (oauth4webapi does discovery, PKCE, state and the code exchange); the access
 * token carries the tenant claim and scopes the API checks. Locally, when the registry enables it,
 * a sign-in for the demo tenant. The token lives in sessionStorage: gone when the tab closes.
 */
const TOKEN = 'openactions.token';
const PENDING = 'openactions.oidc';
export const TENANT_CLAIM = 'https://openactions.dev/tenant';

export function redirectUri(location) {
  return `${location.origin}${location.pathname}`;
}

export function storedToken(storage, now = Date.now()) {
  const token = storage.getItem(TOKEN);
  if (!token) return null;
  const claims = claimsOf(token);
  if (!claims || (claims.exp && claims.exp * 1000 <= now)) {
    storage.removeItem(TOKEN);
    return null;
  }
  return token;
}

export function storeToken(storage, token) {
  storage.setItem(TOKEN, token);
}

export function signOut(storage) {
  storage.removeItem(TOKEN);
}

/** The token's claims, for display and draft keys only: the server verifies the token, never this page. */
export function claimsOf(token) {
  try {
    const part = token.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export function tenantOf(token) {
  const claims = claimsOf(token);
  return claims ? String(claims[TENANT_CLAIM] || '') : '';
}

async function authorizationServer(config, fetchImpl) {
  const issuer = new URL(config.issuer);
  const options = fetchImpl ? { [oauth.customFetch]: fetchImpl } : undefined;
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
}

/** Starts the OIDC sign-in: returns the authorization URL to navigate to, and remembers verifier and state. */
export async function beginOidc(config, storage, location, fetchImpl) {
  const as = await authorizationServer(config, fetchImpl);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  storage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.client_id);
  url.searchParams.set('redirect_uri', redirectUri(location));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  if (config.audience) url.searchParams.set('audience', config.audience);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  return url;
}

/** Completes the OIDC sign-in on the redirect back (?code=…&state=…): exchanges the code for the access token. */
export async function completeOidc(config, storage, location, fetchImpl) {
  const pending = JSON.parse(storage.getItem(PENDING) || 'null');
  storage.removeItem(PENDING);
  if (!pending) throw new Error('no sign-in in progress');
  const as = await authorizationServer(config, fetchImpl);
  const client = { client_id: config.client_id };
  const params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state);
  const options = fetchImpl ? { [oauth.customFetch]: fetchImpl } : undefined;
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(location),
    pending.verifier, options);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  storeToken(storage, result.access_token);
  return result.access_token;
}

/** The local demo sign-in (only when the registry enables it: the local stack does). */
export async function localSignIn(fetchImpl, storage) {
  const response = await fetchImpl('/console/local-sign-in', { method: 'POST' });
  if (!response.ok) throw new Error(`local sign-in refused (${response.status})`);
  const body = await response.json();
  storeToken(storage, body.access_token);
  return body.access_token;
}
