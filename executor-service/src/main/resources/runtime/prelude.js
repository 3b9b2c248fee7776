// Platform prelude: evaluated first in every action context. Defines what Auth0 actions expect
// (console, fetch, the api object) on top of a sandbox with no host access. The only bridge to the
// host is __host (fetch, the api.cache store, limits), installed by the executor per context.
'use strict';
(function (global) {
  const host = global.__host;
  delete global.__host;

  // ---- console: captured per execution, capped ------------------------------------------------
  let logs = [];
  let logBytes = 0;
  let logsTruncated = false;
  const LOG_LIMIT = host.logLimitBytes;
  function format(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return value.stack || String(value);
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  }
  function capture(level) {
    return function (...args) {
      if (logsTruncated) return;
      const line = args.map(format).join(' ');
      if (logBytes + line.length > LOG_LIMIT) { logsTruncated = true; logs.push('[console output truncated]'); return; }
      logBytes += line.length;
      logs.push(level === 'log' ? line : '[' + level + '] ' + line);
    };
  }
  global.console = Object.freeze({
    log: capture('log'), info: capture('info'), warn: capture('warn'), error: capture('error'), debug: capture('debug'),
  });

  // ---- fetch: host HTTP client, promise-based -------------------------------------------------
  class Headers {
    constructor(init) {
      this._map = new Map();
      if (init) for (const [k, v] of Object.entries(init)) this._map.set(String(k).toLowerCase(), String(v));
    }
    get(name) { const v = this._map.get(String(name).toLowerCase()); return v === undefined ? null : v; }
    has(name) { return this._map.has(String(name).toLowerCase()); }
    entries() { return this._map.entries(); }
    forEach(fn) { this._map.forEach((v, k) => fn(v, k, this)); }
  }
  class Response {
    constructor(r) {
      this.status = r.status; this.ok = r.status >= 200 && r.status < 300; this.statusText = r.statusText || '';
      this.url = r.url; this.headers = new Headers(r.headers); this._body = r.body;
    }
    async text() { return this._body; }
    async json() { return JSON.parse(this._body); }
  }
  global.fetch = function fetch(input, init) {
    return new Promise((resolve, reject) => {
      const options = init || {};
      let headers = options.headers || {};
      if (headers instanceof Headers) { const o = {}; headers.forEach((v, k) => { o[k] = v; }); headers = o; }
      const request = {
        url: String(input),
        method: String(options.method || 'GET').toUpperCase(),
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [String(k), String(v)])),
        body: options.body === undefined || options.body === null ? null : String(options.body),
      };
      const outcome = JSON.parse(host.fetch(JSON.stringify(request)));
      if (outcome.error) reject(new TypeError('fetch failed: ' + outcome.error));
      else resolve(new Response(outcome));
    });
  };
  global.Headers = Headers;
  global.Response = Response;

  // ---- timers: run by the host's event loop after the handler's first turn ---------------------
  const timers = new Map();
  let timerSeq = 0;
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
    if (timers.size >= 1000) throw new RangeError('too many pending timers');
    const delay = Math.max(repeat ? 1 : 0, Number(ms) || 0);
    const id = ++timerSeq;
    timers.set(id, { due: Date.now() + delay, fn, args, repeat: repeat ? delay : 0 });
    return id;
  }
  global.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false);
  global.setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true);
  global.clearTimeout = (id) => { timers.delete(id); };
  global.clearInterval = global.clearTimeout;
  global.setImmediate = (fn, ...args) => addTimer(fn, 0, args, false);
  global.clearImmediate = global.clearTimeout;
  global.queueMicrotask = (fn) => { Promise.resolve().then(fn); };
  // Milliseconds until the next timer is due, or -1 when none is pending.
  global.__openactions_nextTimer = function () {
    let next = -1;
    for (const t of timers.values()) if (next < 0 || t.due < next) next = t.due;
    return next < 0 ? -1 : Math.max(0, next - Date.now());
  };
  // Fires the timers that are due, earliest first; promise jobs run when the host call returns.
  global.__openactions_fireTimers = function () {
    const now = Date.now();
    const due = [...timers.entries()].filter(([, t]) => t.due <= now).sort((a, b) => a[1].due - b[1].due);
    for (const [id, t] of due) {
      if (!timers.has(id)) continue;
      if (t.repeat) t.due = now + t.repeat; else timers.delete(id);
      t.fn(...t.args);
    }
  };

  // ---- api: records commands; validates like Auth0 does ----------------------------------------
  const RESERVED_CLAIMS = new Set(['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'azp', 'scope', 'nonce',
    'auth_time', 'acr', 'amr', 'at_hash', 'c_hash', 'sid', 'cnf', 'client_id', 'org_id', 'org_name', 'gty']);
  const DENY_CODES = new Set(['invalid_scope', 'invalid_request', 'server_error']);

  const FACTOR_TYPES = new Set(['otp', 'recovery-code', 'email', 'push-notification', 'phone', 'webauthn-platform', 'webauthn-roaming']);
  function factorList(what, factors) {
    if (!Array.isArray(factors) || factors.length === 0) throw new TypeError(what + ': factors must be a non-empty array');
    return factors.map((f) => factor(what, f));
  }
  function factor(what, f) {
    if (!f || typeof f !== 'object' || !FACTOR_TYPES.has(f.type)) {
      throw new TypeError(what + ': a factor needs a type, one of ' + [...FACTOR_TYPES].join(', '));
    }
    return f.options === undefined ? { type: f.type } : { type: f.type, options: f.options };
  }
  const b64urlJson = (value) => global.Buffer.from(JSON.stringify(value)).toString('base64url');
  const hmac = (secret, input) => global.require('crypto').createHmac('sha256', secret).update(input).digest('base64url');

  function redirectApi(event, stop, control) {
    return {
      sendUserTo: (url, options) => {
        let target;
        try { target = new global.URL(String(url)); } catch (e) { throw new TypeError('redirect.sendUserTo: url must be an absolute URL'); }
        if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new TypeError('redirect.sendUserTo: url must be http(s)');
        const query = (options && options.query) || {};
        if (typeof query !== 'object') throw new TypeError('redirect.sendUserTo: options.query must be an object');
        stop('redirect.sendUserTo', { url: target.href, query });
      },
      encodeToken: ({ secret, payload, expiresInSeconds = 900 } = {}) => {
        if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('redirect.encodeToken: secret is required');
        if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0) throw new TypeError('redirect.encodeToken: expiresInSeconds must be a positive integer');
        const now = Math.floor(Date.now() / 1000);
        const claims = Object.assign({}, payload || {}, {
          iat: now, exp: now + expiresInSeconds,
          sub: event.user && event.user.user_id, iss: event.request && event.request.hostname, ip: event.request && event.request.ip,
        });
        const input = b64urlJson({ alg: 'HS256', typ: 'JWT' }) + '.' + b64urlJson(claims);
        return input + '.' + hmac(secret, input);
      },
      validateToken: ({ secret, tokenParameterName = 'session_token' } = {}) => {
        if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('redirect.validateToken: secret is required');
        const request = event.request || {};
        const token = (request.query && request.query[tokenParameterName]) || (request.body && request.body[tokenParameterName]);
        if (typeof token !== 'string') throw new Error('redirect.validateToken: no ' + tokenParameterName + ' in the request');
        const parts = token.split('.');
        if (parts.length !== 3) throw new Error('redirect.validateToken: malformed token');
        const expected = global.Buffer.from(hmac(secret, parts[0] + '.' + parts[1]));
        const actual = global.Buffer.from(parts[2]);
        if (expected.length !== actual.length || !global.require('crypto').timingSafeEqual(expected, actual)) {
          throw new Error('redirect.validateToken: invalid signature');
        }
        const claims = JSON.parse(global.Buffer.from(parts[1], 'base64url').toString());
        if (typeof claims.exp !== 'number' || claims.exp < Date.now() / 1000) throw new Error('redirect.validateToken: token expired');
        if (claims.sub !== (event.user && event.user.user_id)) throw new Error('redirect.validateToken: token subject does not match the user');
        const state = request.query && request.query.state;
        if (claims.state !== undefined && state !== undefined && claims.state !== state) throw new Error('redirect.validateToken: state mismatch');
        return claims;
      },
    };
  }

  function makeApi(triggerId, commands, control, event) {
    const record = (type, args) => { commands.push({ type, args }); };
    const stop = (type, args) => { record(type, args); control.stopped = type; };
    const claimSetter = (type) => (name, value) => {
      if (typeof name !== 'string' || name.length === 0) throw new TypeError(type + ': name must be a non-empty string');
      if (RESERVED_CLAIMS.has(name)) throw new Error(type + ": '" + name + "' is a reserved claim and cannot be set");
      record(type, { name, value: value === undefined ? null : value });
    };
    const metadataSetter = (type) => (key, value) => {
      if (typeof key !== 'string' || key.length === 0) throw new TypeError(type + ': key must be a non-empty string');
      record(type, { key, value: value === undefined ? null : value });
    };
    const shortString = (what, v) => {
      if (typeof v !== 'string' || v.length > 100) throw new TypeError(what + ' must be a string of at most 100 characters');
      return v;
    };
    const cache = Object.freeze({
      get: (key) => { const r = JSON.parse(host.cache.get(String(key))); return r === null ? undefined : r; },
      set: (key, value, options) => JSON.parse(host.cache.set(String(key), String(value), JSON.stringify(options || {}))),
      delete: (key) => JSON.parse(host.cache.delete(String(key))),
    });
    switch (triggerId) {
      case 'post-login':
        return {
          access: { deny: (reason) => stop('access.deny', { reason: String(reason) }) },
          accessToken: {
            setCustomClaim: claimSetter('accessToken.setCustomClaim'),
            addScope: (scope) => record('accessToken.addScope', { scope: String(scope) }),
            removeScope: (scope) => record('accessToken.removeScope', { scope: String(scope) }),
          },
          idToken: { setCustomClaim: claimSetter('idToken.setCustomClaim') },
          user: {
            setUserMetadata: metadataSetter('user.setUserMetadata'),
            setAppMetadata: metadataSetter('user.setAppMetadata'),
          },
          multifactor: { enable: (provider, options) => record('multifactor.enable', { provider: String(provider), options: options || {} }) },
          transaction: {
            setMetadata: (key, value) => {
              if (!['string', 'number', 'boolean'].includes(typeof value)) throw new TypeError('transaction.setMetadata: value must be a string, number or boolean');
              record('transaction.setMetadata', { key: String(key), value });
            },
          },
          session: { revoke: (reason) => stop('session.revoke', { reason: String(reason) }) },
          samlResponse: { setAttribute: (name, value) => record('samlResponse.setAttribute', { name: String(name), value }) },
          validation: { error: (code, message) => stop('validation.error', { code: String(code), message: String(message) }) },
          redirect: redirectApi(event, stop, control),
          authentication: {
            challengeWith: (f, options) => stop('authentication.challengeWith', {
              factor: factor('authentication.challengeWith', f),
              additional_factors: options && options.additionalFactors ? factorList('authentication.challengeWith', options.additionalFactors) : [],
            }),
            challengeWithAny: (factors) => stop('authentication.challengeWithAny', { factors: factorList('authentication.challengeWithAny', factors) }),
            enrollWith: (f, options) => stop('authentication.enrollWith', {
              factor: factor('authentication.enrollWith', f),
              additional_factors: options && options.additionalFactors ? factorList('authentication.enrollWith', options.additionalFactors) : [],
            }),
            enrollWithAny: (factors) => stop('authentication.enrollWithAny', { factors: factorList('authentication.enrollWithAny', factors) }),
            setPrimaryUser: (userId) => {
              if (typeof userId !== 'string' || userId.length === 0) throw new TypeError('authentication.setPrimaryUser: user id must be a non-empty string');
              record('authentication.setPrimaryUser', { user_id: userId });
            },
            recordMethod: (url) => {
              if (!control.continuing) throw new Error('authentication.recordMethod is only available in onContinuePostLogin');
              record('authentication.recordMethod', { provider_url: String(url) });
            },
          },
          cache,
        };
      case 'credentials-exchange':
        return {
          access: {
            deny: (code, reason) => {
              if (!DENY_CODES.has(code)) throw new TypeError('access.deny: code must be one of ' + [...DENY_CODES].join(', '));
              stop('access.deny', { code, reason: String(reason) });
            },
          },
          accessToken: { setCustomClaim: claimSetter('accessToken.setCustomClaim') },
          cache,
        };
      case 'pre-user-registration':
        return {
          access: { deny: (reason, userMessage) => stop('access.deny', { reason: String(reason), user_message: userMessage === undefined ? null : String(userMessage) }) },
          validation: { error: (code, message) => stop('validation.error', { code: shortString('code', code), message: shortString('message', message) }) },
          user: {
            setUserMetadata: metadataSetter('user.setUserMetadata'),
            setAppMetadata: metadataSetter('user.setAppMetadata'),
          },
          cache,
        };
      default:
        return { cache };
    }
  }

  // ---- the driver ----------------------------------------------------------------------------
  // A context is prepared once per action version: __openactions_load evaluates the module (its
  // top-level code runs once, as on Auth0, and a top-level error fails every execution of that
  // version). Each execution then calls __openactions_run, which starts from a clean console, no
  // pending timers and a fresh api; module scope is what carries over.
  let loaded = null;
  global.__openactions_load = function (moduleFactory) {
    try {
      const module = { exports: {} };
      moduleFactory.call(module.exports, module.exports, module, global.require);
      loaded = { exports: module.exports, error: null };
    } catch (e) {
      loaded = { exports: null, error: e };
    }
  };
  global.__openactions_run = function (handlerName, eventJson, triggerId) {
    logs = []; logBytes = 0; logsTruncated = false;
    timers.clear();
    const state = { settled: false, error: null, commands: [], control: { stopped: null, continuing: handlerName === 'onContinuePostLogin' } };
    const fail = (e) => {
      state.settled = true;
      state.error = { message: (e && e.message !== undefined) ? String(e.message) : String(e), stack: e && e.stack ? String(e.stack) : null };
    };
    try {
      if (loaded === null) throw new Error('the action module was not loaded');
      if (loaded.error) throw loaded.error;
      const handler = loaded.exports[handlerName];
      if (typeof handler !== 'function') throw new Error('the action does not export a function named ' + handlerName);
      const event = JSON.parse(eventJson);
      const api = Object.freeze(makeApi(triggerId, state.commands, state.control, event));
      Promise.resolve().then(() => handler(event, api)).then(() => { state.settled = true; }, fail);
    } catch (e) {
      fail(e);
    }
    return state;
  };
  // Build check: evaluates the module (its top-level code runs, as it will at execution) and checks
  // the handler export. Returns JSON: {ok} or {ok:false, id, message}.
  global.__openactions_check = function (moduleFactory, handlerName) {
    try {
      const module = { exports: {} };
      moduleFactory.call(module.exports, module.exports, module, global.require);
      if (typeof module.exports[handlerName] !== 'function') {
        return JSON.stringify({ ok: false, id: 'missing_handler', message: 'the action must export a function named ' + handlerName });
      }
      return JSON.stringify({ ok: true });
    } catch (e) {
      return JSON.stringify({ ok: false, id: 'top_level_error', message: (e && e.message !== undefined) ? String(e.message) : String(e) });
    }
  };
  global.__openactions_report = function (state) {
    return JSON.stringify({ settled: state.settled, error: state.error, commands: state.commands, stopped: state.control.stopped, logs, logsTruncated });
  };
})(globalThis);
