import { describe, expect, it } from 'vitest';
import { ApiProblem, fieldKey, problemFrom } from '../src/lib/problems.js';
import { createApi } from '../src/lib/api.js';
import { clearDraft, loadDraft, saveDraft } from '../src/lib/drafts.js';
import { claimsOf, storedToken, storeToken, tenantOf } from '../src/lib/auth.js';
import { readEvents } from '../src/lib/sse.js';

class MemoryStorage {
  constructor() { this.m = new Map(); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
}

const jwt = (claims) => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.s`;

describe('problems', () => {
  it('maps field errors to form fields', () => {
    expect(fieldKey('update.request.secrets[0].name')).toBe('secrets');
    expect(fieldKey('supported_triggers')).toBe('supportedTriggers');
    const p = new ApiProblem(400, { title: 'Bad Request', detail: 'invalid', errors: [{ field: 'create.request.name', message: 'must not be blank' }] });
    expect(p.forField('name')).toEqual(['must not be blank']);
    expect(p.message).toBe('Bad Request: invalid');
  });

  it('reads a problem answer and survives a non-JSON one', async () => {
    const p = await problemFrom(new Response(JSON.stringify({ title: 'Not Found', status: 404 }), { status: 404 }));
    expect(p.title).toBe('Not Found');
    const q = await problemFrom(new Response('oops', { status: 502 }));
    expect(q.title).toBe('HTTP 502');
  });

  it('sends the bearer token and throws problems', async () => {
    const seen = [];
    const api = createApi('T', async (url, init) => {
      seen.push([url, init.headers.authorization, init.method]);
      return new Response(JSON.stringify({ title: 'Conflict', detail: 'name taken' }), { status: 409 });
    });
    await expect(api.createAction({ name: 'x' })).rejects.toMatchObject({ status: 409, detail: 'name taken' });
    expect(seen).toEqual([['/api/v2/actions/actions', 'Bearer T', 'POST']]);
  });
});

describe('drafts and tokens', () => {
  it('keeps drafts per tenant and action', () => {
    const s = new MemoryStorage();
    saveDraft(s, 't1', 'a', 'code 1');
    expect(loadDraft(s, 't1', 'a').code).toBe('code 1');
    expect(loadDraft(s, 't2', 'a')).toBeNull();
    clearDraft(s, 't1', 'a');
    expect(loadDraft(s, 't1', 'a')).toBeNull();
  });

  it('drops an expired token and reads the tenant claim', () => {
    const s = new MemoryStorage();
    const now = 1_000_000_000_000;
    const live = jwt({ exp: now / 1000 + 60, 'https://openactions.dev/tenant': 'acme' });
    storeToken(s, live);
    expect(storedToken(s, now)).toBe(live);
    expect(tenantOf(live)).toBe('acme');
    storeToken(s, jwt({ exp: now / 1000 - 1 }));
    expect(storedToken(s, now)).toBeNull();
    expect(claimsOf('garbage')).toBeNull();
  });
});

describe('readEvents', () => {
  it('parses server-sent events split across chunks', async () => {
    const chunks = ['event: ready\ndata: {}\n\nevent: execu', 'tion\ndata: {"id":"1"}\n\n'];
    const body = new ReadableStream({ start(c) { for (const x of chunks) c.enqueue(new TextEncoder().encode(x)); c.close(); } });
    const got = [];
    await readEvents(async (_u, init) => {
      expect(init.headers.authorization).toBe('Bearer T');
      return new Response(body, { status: 200 });
    }, '/s', 'T', (e) => got.push(e), undefined);
    expect(got.map((e) => e.event)).toEqual(['ready', 'execution']);
    expect(JSON.parse(got[1].data).id).toBe('1');
  });
});
