import { describe, expect, it } from 'vitest';
import { completePath } from '../src/lib/completion.js';
import { sampleEvent, template, TRIGGERS } from '../src/lib/triggers.js';

const labels = (r) => r.options.map((o) => o.label);

describe('completePath', () => {
  it('offers the post-login api namespaces', () => {
    const r = completePath('post-login', '  api.');
    expect(labels(r)).toEqual(expect.arrayContaining(['access', 'accessToken', 'idToken', 'redirect', 'cache']));
    expect(r.from).toBe(6);
  });

  it('filters by the typed prefix and marks methods', () => {
    const r = completePath('post-login', 'api.accessToken.set');
    expect(labels(r)).toEqual(['setCustomClaim']);
    expect(r.options[0].type).toBe('method');
    expect(r.from).toBe('api.accessToken.'.length);
  });

  it('completes nested event fields', () => {
    expect(labels(completePath('post-login', 'if (event.user.app'))).toEqual(['app_metadata']);
    expect(labels(completePath('send-phone-message', 'event.message_options.'))).toContain('recipient');
  });

  it('knows each trigger has its own api', () => {
    expect(labels(completePath('post-user-registration', 'api.'))).toEqual(['cache']);
    expect(completePath('post-user-registration', 'api.accessToken.')).toBeNull();
  });

  it('ignores text that is not an event/api access', () => {
    expect(completePath('post-login', 'const x = foo.')).toBeNull();
    expect(completePath('post-login', 'myevent.')).toBeNull();
  });
});

describe('triggers', () => {
  it('gives each trigger a template exporting its handler and a JSON sample', () => {
    for (const t of TRIGGERS) {
      expect(template(t.id)).toContain(`exports.${t.handler} = async (event, api)`);
      expect(() => JSON.parse(sampleEvent(t.id))).not.toThrow();
    }
  });
});
