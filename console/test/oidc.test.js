import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { beginOidc, completeOidc, storedToken } from '../src/lib/auth.js';

class MemoryStorage {
  constructor() { this.m = new Map(); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
}

const ISSUER = 'https://idp.example.com/';
const config = { sign_in: 'oidc', issuer: ISSUER, client_id: 'console', audience: 'https://api.openactions.dev/', scope: 'openid read:actions' };
const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const at = (claims) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

/** A stand-in identity provider: discovery and a token endpoint that records what it was sent. */
function identityProvider(accessToken) {
  const tokenRequests = [];
  const fetchImpl = async (url, init) => {
    const u = String(url);
    if (u === `${ISSUER}.well-known/openid-configuration`) {
      return json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}authorize`, token_endpoint: `${ISSUER}oauth/token`,
        response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] });
    }
    if (u === `${ISSUER}oauth/token`) {
      tokenRequests.push(new URLSearchParams(String(init.body)));
      return json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
    }
    return new Response('not found', { status: 404 });
  };
  return { fetchImpl, tokenRequests };
}

const here = { origin: 'https://console.example.com', pathname: '/console/', href: 'https://console.example.com/console/' };

describe('OIDC sign-in (authorization code + PKCE)', () => {
  it('sends the user to the IdP with a S256 challenge and exchanges the code with its verifier', async () => {
    const token = at({ exp: Math.floor(Date.now() / 1000) + 600, 'https://openactions.dev/tenant': 'acme' });
    const idp = identityProvider(token);
    const storage = new MemoryStorage();
    const url = await beginOidc(config, storage, here, idp.fetchImpl);
    expect(url.origin + url.pathname).toBe(`${ISSUER}authorize`);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe('console');
    expect(p.get('redirect_uri')).toBe('https://console.example.com/console/');
    expect(p.get('audience')).toBe('https://api.openactions.dev/');
    expect(p.get('scope')).toBe('openid read:actions');
    expect(p.get('code_challenge_method')).toBe('S256');

    const back = { ...here, href: `https://console.example.com/console/?code=C1&state=${p.get('state')}` };
    expect(await completeOidc(config, storage, back, idp.fetchImpl)).toBe(token);
    const sent = idp.tokenRequests[0];
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.get('code')).toBe('C1');
    expect(sent.get('redirect_uri')).toBe('https://console.example.com/console/');
    expect(createHash('sha256').update(sent.get('code_verifier')).digest('base64url')).toBe(p.get('code_challenge'));
    expect(sent.has('client_secret')).toBe(false);
    expect(storedToken(storage)).toBe(token);
  });

  it('refuses a redirect whose state is not the one it sent', async () => {
    const idp = identityProvider('x');
    const storage = new MemoryStorage();
    await beginOidc(config, storage, here, idp.fetchImpl);
    const forged = { ...here, href: 'https://console.example.com/console/?code=C1&state=forged' };
    await expect(completeOidc(config, storage, forged, idp.fetchImpl)).rejects.toThrow();
    expect(idp.tokenRequests).toHaveLength(0);
    expect(storedToken(storage)).toBeNull();
  });
});
