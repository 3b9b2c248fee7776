// Platform prelude: what Auth0 actions expect (console, timers, the api object) and the driver the
// executor calls. Evaluated after primordials, globals and modules, before any action code.
//
// Rules for this file (ADR 11): it calls only built-ins captured in primordials.js, never a method
// looked up on a value at run time (no for…of, spread or destructuring of arrays, no
// Array.prototype/Set.prototype/JSON/Promise.prototype.then lookups), and it keeps nothing the host
// relies on in the context: every command, console line and the handler's end go to the host as they
// happen, through host functions taking strings. The host checks each command again (the trigger's
// descriptor) and holds the result; the checks here are only the coercions Auth0 does.
'use strict';
(function (global) {
  const P = global.__openactions_primordials;
  const host = global.__host;
  const codec = global.__openactions_codec;
  const {
    ObjectFreeze, ObjectDefineProperty, ObjectKeys, ObjectIsFrozen, ArrayIsArray, ArrayPrototypePush, ArrayPrototypeSort,
    JSONStringify, JSONParse, StringPrototypeIndexOf, StringPrototypeSlice, StringPrototypeCharCodeAt, DateNow, MathMax,
    MathFloor, NumberIsInteger, ReflectApply, SafeMap,
  } = P;
  const StringOf = P.String;
  const ErrorCtor = P.Error;
  const TypeErrorCtor = P.TypeError;
  const RangeErrorCtor = P.RangeError;
  const hostCommand = host.command;
  const hostLog = host.log;
  const hostSettle = host.settle;
  const hostFail = host.fail;
  const hostFetch = host.fetch;
  const cacheGet = host.cache.get;
  const cacheSet = host.cache.set;
  const cacheDelete = host.cache.delete;
  const { bytesToBase64, base64ToBytes, utf8Encode, utf8Decode, hostCrypto } = codec;
  const hostHmac = hostCrypto.hmac;

  /** An error's message and stack as strings, whatever was thrown (a getter that throws included). */
  function describe(e) {
    try {
      const message = e !== null && (typeof e === 'object' || typeof e === 'function') && e.message !== undefined ? StringOf(e.message) : StringOf(e);
      const stack = e !== null && typeof e === 'object' && typeof e.stack === 'string' ? e.stack : null;
      return { message, stack };
    } catch (x) {
      return { message: 'the action threw a value that cannot be turned into a message', stack: null };
    }
  }

  // ---- console: each line goes to the host, which caps the output per execution ------------------
  function format(value) {
    if (typeof value === 'string') return value;
    try {
      if (value instanceof ErrorCtor) return typeof value.stack === 'string' ? value.stack : StringOf(value);
      const json = JSONStringify(value);
      return json === undefined ? StringOf(value) : json;
    } catch (e) {
      try { return StringOf(value); } catch (x) { return '[unprintable value]'; }
    }
  }
  function capture(prefix) {
    return function () {
      let line = prefix;
      for (let i = 0; i < arguments.length; i++) line += (i === 0 ? '' : ' ') + format(arguments[i]);
      hostLog(line);
    };
  }
  const log = capture('');
  global.console = ObjectFreeze({
    log, info: capture('[info] '), warn: capture('[warn] '), error: capture('[error] '), debug: capture('[debug] '),
    trace: capture('[trace] '), dir: log,
  });

  // ---- timers: run by the host's event loop after the handler's first turn ---------------------
  const timers = new SafeMap();
  let timerSeq = 0;
  function addTimer(fn, ms, args, repeat, ref) {
    if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
    if (timers.size >= 1000) throw new RangeErrorCtor('too many pending timers');
    const delay = MathMax(repeat ? 1 : 0, +ms || 0);
    const id = ++timerSeq;
    timers.set(id, { due: DateNow() + delay, fn, args, repeat: repeat ? delay : 0, ref: ref !== false });
    return id;
  }
  function clearTimer(id) { timers.delete(id); }
  function rest(args, from) {
    const out = [];
    for (let i = from; i < args.length; i++) ArrayPrototypePush(out, args[i]);
    return out;
  }
  global.setTimeout = function setTimeout(fn, ms) { return addTimer(fn, ms, rest(arguments, 2), false); };
  global.setInterval = function setInterval(fn, ms) { return addTimer(fn, ms, rest(arguments, 2), true); };
  global.clearTimeout = clearTimer;
  global.clearInterval = clearTimer;
  global.setImmediate = function setImmediate(fn) { return addTimer(fn, 0, rest(arguments, 1), false); };
  global.clearImmediate = clearTimer;
  const microtask = async (fn) => { await undefined; fn(); };
  global.queueMicrotask = function queueMicrotask(fn) {
    if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
    microtask(fn);
  };
  // Milliseconds until the next timer the handler waits for is due, or -1 when none is pending
  // (unreferenced timers, such as an AbortSignal.timeout's, do not keep an execution waiting).
  function nextTimer() {
    let next = -1;
    timers.forEach((t) => { if (t.ref && (next < 0 || t.due < next)) next = t.due; });
    return next < 0 ? -1 : MathMax(0, next - DateNow());
  }
  // Fires the timers that are due, earliest first; promise jobs run when the host call returns. A
  // callback that throws ends the execution as an uncaught exception does in Node.
  function fireTimers() {
    const now = DateNow();
    const due = [];
    timers.forEach((t, id) => { if (t.due <= now) ArrayPrototypePush(due, { id, t }); });
    ArrayPrototypeSort(due, (a, b) => a.t.due - b.t.due);
    for (let i = 0; i < due.length; i++) {
      const id = due[i].id;
      const t = due[i].t;
      if (!timers.has(id)) continue;
      if (t.repeat) t.due = now + t.repeat; else timers.delete(id);
      try {
        ReflectApply(t.fn, undefined, t.args);
      } catch (e) {
        const d = describe(e);
        hostFail('uncaught exception in a timer callback: ' + d.message, d.stack);
        return;
      }
    }
  }

  // ---- api: every call becomes one host command, which the host checks before keeping it -------
  // Each execution's api sends with the number the host gave that execution: an api object kept in
  // module scope from an earlier execution is refused by the host.
  function sender(apiEpoch) {
    return function send(type, args) {
      let json;
      try {
        json = JSONStringify(args);
      } catch (e) {
        throw new TypeErrorCtor(type + ': the value cannot be serialized as JSON (' + describe(e).message + ')');
      }
      const refusal = hostCommand(type, json, apiEpoch);
      if (refusal !== '') throw new TypeErrorCtor(refusal);
    };
  }
  const orNull = (value) => (value === undefined ? null : value);

  // base64url without RegExp (String.prototype.replace looks up Symbol.replace on its pattern)
  function toBase64Url(base64) {
    let out = '';
    for (let i = 0; i < base64.length; i++) {
      const c = base64[i];
      if (c === '=') break;
      out += c === '+' ? '-' : c === '/' ? '_' : c;
    }
    return out;
  }
  const b64urlJson = (value) => toBase64Url(bytesToBase64(utf8Encode(JSONStringify(value))));
  const hmac = (secret, input) => toBase64Url(hostHmac('SHA-256', bytesToBase64(utf8Encode(secret)), bytesToBase64(utf8Encode(input))));
  function sameText(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= StringPrototypeCharCodeAt(a, i) ^ StringPrototypeCharCodeAt(b, i);
    return diff === 0;
  }
  function splitToken(token) {
    const first = StringPrototypeIndexOf(token, '.');
    const second = first < 0 ? -1 : StringPrototypeIndexOf(token, '.', first + 1);
    if (first < 0 || second < 0 || StringPrototypeIndexOf(token, '.', second + 1) >= 0) return null;
    return [StringPrototypeSlice(token, 0, first), StringPrototypeSlice(token, first + 1, second), StringPrototypeSlice(token, second + 1)];
  }

  function redirectApi(event, send) {
    return {
      sendUserTo: (url, options) => send('redirect.sendUserTo', {
        url: StringOf(url), query: options && options.query !== undefined ? options.query : {},
      }),
      encodeToken: (options) => {
        const { secret, payload } = options || {};
        const expiresInSeconds = options && options.expiresInSeconds !== undefined ? options.expiresInSeconds : 900;
        if (typeof secret !== 'string' || secret.length === 0) throw new TypeErrorCtor('redirect.encodeToken: secret is required');
        if (!NumberIsInteger(expiresInSeconds) || expiresInSeconds <= 0) throw new TypeErrorCtor('redirect.encodeToken: expiresInSeconds must be a positive integer');
        const now = MathFloor(DateNow() / 1000);
        const claims = {};
        const keys = payload && typeof payload === 'object' ? ObjectKeys(payload) : [];
        for (let i = 0; i < keys.length; i++) claims[keys[i]] = payload[keys[i]];
        claims.iat = now; claims.exp = now + expiresInSeconds;
        claims.sub = event.user && event.user.user_id; claims.iss = event.request && event.request.hostname; claims.ip = event.request && event.request.ip;
        const input = b64urlJson({ alg: 'HS256', typ: 'JWT' }) + '.' + b64urlJson(claims);
        return input + '.' + hmac(secret, input);
      },
      validateToken: (options) => {
        const secret = options && options.secret;
        const tokenParameterName = options && options.tokenParameterName !== undefined ? StringOf(options.tokenParameterName) : 'session_token';
        if (typeof secret !== 'string' || secret.length === 0) throw new TypeErrorCtor('redirect.validateToken: secret is required');
        const request = event.request || {};
        const token = (request.query && request.query[tokenParameterName]) || (request.body && request.body[tokenParameterName]);
        if (typeof token !== 'string') throw new ErrorCtor('redirect.validateToken: no ' + tokenParameterName + ' in the request');
        const parts = splitToken(token);
        if (parts === null) throw new ErrorCtor('redirect.validateToken: malformed token');
        if (!sameText(hmac(secret, parts[0] + '.' + parts[1]), parts[2])) throw new ErrorCtor('redirect.validateToken: invalid signature');
        let claims;
        try { claims = JSONParse(utf8Decode(base64ToBytes(parts[1]))); } catch (e) { throw new ErrorCtor('redirect.validateToken: malformed token'); }
        if (claims === null || typeof claims !== 'object') throw new ErrorCtor('redirect.validateToken: malformed token');
        if (typeof claims.exp !== 'number' || claims.exp < DateNow() / 1000) throw new ErrorCtor('redirect.validateToken: token expired');
        if (claims.sub !== (event.user && event.user.user_id)) throw new ErrorCtor('redirect.validateToken: token subject does not match the user');
        const state = request.query && request.query.state;
        if (claims.state !== undefined && state !== undefined && claims.state !== state) throw new ErrorCtor('redirect.validateToken: state mismatch');
        return claims;
      },
    };
  }

  const cache = ObjectFreeze({
    get: (key) => { const r = JSONParse(cacheGet(StringOf(key))); return r === null ? undefined : r; },
    set: (key, value, options) => JSONParse(cacheSet(StringOf(key), StringOf(value), JSONStringify(options || {}))),
    delete: (key) => JSONParse(cacheDelete(StringOf(key))),
  });
  const factorsOf = (options) => (options && options.additionalFactors ? options.additionalFactors : []);

  // The api of one execution. Freezing a dozen fresh objects per execution was most of a warm
  // execution's time (GraalJS freezes property by property through its uncached object library), so
  // each trigger's api is an instance of a class whose prototype, built and frozen once per context,
  // holds one getter per member; a member's object is built and frozen the first time the execution
  // reads it. Each execution still gets its own instance, and each instance sends with its own epoch:
  // an api (or a member of it) kept in module scope from an earlier execution stays inert.
  const F = ObjectFreeze;
  const claimSetter = (send, type) => (name, value) => send(type, { name, value: orNull(value) });
  const metadataSetter = (send, type) => (key, value) => send(type, { key, value: orNull(value) });
  const userMetadata = (send) => F({
    setUserMetadata: metadataSetter(send, 'user.setUserMetadata'), setAppMetadata: metadataSetter(send, 'user.setAppMetadata'),
  });
  const postLogin = F({
    access: (send) => F({ deny: (reason) => send('access.deny', { reason: StringOf(reason) }) }),
    accessToken: (send) => F({
      setCustomClaim: claimSetter(send, 'accessToken.setCustomClaim'),
      addScope: (scope) => send('accessToken.addScope', { scope: StringOf(scope) }),
      removeScope: (scope) => send('accessToken.removeScope', { scope: StringOf(scope) }),
    }),
    idToken: (send) => F({ setCustomClaim: claimSetter(send, 'idToken.setCustomClaim') }),
    user: userMetadata,
    multifactor: (send) => F({ enable: (provider, options) => send('multifactor.enable', { provider: StringOf(provider), options: options || {} }) }),
    transaction: (send) => F({ setMetadata: (key, value) => send('transaction.setMetadata', { key: StringOf(key), value }) }),
    session: (send) => F({ revoke: (reason) => send('session.revoke', { reason: StringOf(reason) }) }),
    samlResponse: (send) => F({ setAttribute: (name, value) => send('samlResponse.setAttribute', { name: StringOf(name), value: orNull(value) }) }),
    validation: (send) => F({ error: (code, message) => send('validation.error', { code: StringOf(code), message: StringOf(message) }) }),
    redirect: (send, event) => F(redirectApi(event, send)),
    authentication: (send) => F({
      challengeWith: (factor, options) => send('authentication.challengeWith', { factor: orNull(factor), additional_factors: factorsOf(options) }),
      challengeWithAny: (factors) => send('authentication.challengeWithAny', { factors: orNull(factors) }),
      enrollWith: (factor, options) => send('authentication.enrollWith', { factor: orNull(factor), additional_factors: factorsOf(options) }),
      enrollWithAny: (factors) => send('authentication.enrollWithAny', { factors: orNull(factors) }),
      setPrimaryUser: (userId) => send('authentication.setPrimaryUser', { user_id: orNull(userId) }),
      recordMethod: (url) => send('authentication.recordMethod', { provider_url: StringOf(url) }),
    }),
  });
  const credentialsExchange = F({
    access: (send) => F({ deny: (code, reason) => send('access.deny', { code: orNull(code), reason: StringOf(reason) }) }),
    accessToken: (send) => F({ setCustomClaim: claimSetter(send, 'accessToken.setCustomClaim') }),
  });
  const preUserRegistration = F({
    access: (send) => F({ deny: (reason, userMessage) => send('access.deny', { reason: StringOf(reason), user_message: userMessage === undefined ? null : StringOf(userMessage) }) }),
    validation: (send) => F({ error: (code, message) => send('validation.error', { code: orNull(code), message: orNull(message) }) }),
    user: userMetadata,
  });

  // One class per trigger: its private fields hold the execution's sender, event and the members
  // built so far. The constructor is taken off the prototype and the prototype frozen, so an action
  // can neither make an api of its own nor change the getters later executions of its context use.
  class PostLoginApi {
    #send; #event;
    #access; #accessToken; #idToken; #user; #multifactor; #transaction; #session; #samlResponse; #validation;
    #redirect; #authentication;
    constructor(send, event) { this.#send = send; this.#event = event; }
    get access() { return this.#access === undefined ? (this.#access = postLogin.access(this.#send)) : this.#access; }
    get accessToken() { return this.#accessToken === undefined ? (this.#accessToken = postLogin.accessToken(this.#send)) : this.#accessToken; }
    get idToken() { return this.#idToken === undefined ? (this.#idToken = postLogin.idToken(this.#send)) : this.#idToken; }
    get user() { return this.#user === undefined ? (this.#user = postLogin.user(this.#send)) : this.#user; }
    get multifactor() { return this.#multifactor === undefined ? (this.#multifactor = postLogin.multifactor(this.#send)) : this.#multifactor; }
    get transaction() { return this.#transaction === undefined ? (this.#transaction = postLogin.transaction(this.#send)) : this.#transaction; }
    get session() { return this.#session === undefined ? (this.#session = postLogin.session(this.#send)) : this.#session; }
    get samlResponse() { return this.#samlResponse === undefined ? (this.#samlResponse = postLogin.samlResponse(this.#send)) : this.#samlResponse; }
    get validation() { return this.#validation === undefined ? (this.#validation = postLogin.validation(this.#send)) : this.#validation; }
    get redirect() { return this.#redirect === undefined ? (this.#redirect = postLogin.redirect(this.#send, this.#event)) : this.#redirect; }
    get authentication() { return this.#authentication === undefined ? (this.#authentication = postLogin.authentication(this.#send)) : this.#authentication; }
    get cache() { return cache; }
  }
  class CredentialsExchangeApi {
    #send; #access; #accessToken;
    constructor(send) { this.#send = send; }
    get access() { return this.#access === undefined ? (this.#access = credentialsExchange.access(this.#send)) : this.#access; }
    get accessToken() { return this.#accessToken === undefined ? (this.#accessToken = credentialsExchange.accessToken(this.#send)) : this.#accessToken; }
    get cache() { return cache; }
  }
  class PreUserRegistrationApi {
    #send; #access; #validation; #user;
    constructor(send) { this.#send = send; }
    get access() { return this.#access === undefined ? (this.#access = preUserRegistration.access(this.#send)) : this.#access; }
    get validation() { return this.#validation === undefined ? (this.#validation = preUserRegistration.validation(this.#send)) : this.#validation; }
    get user() { return this.#user === undefined ? (this.#user = preUserRegistration.user(this.#send)) : this.#user; }
    get cache() { return cache; }
  }
  class CacheOnlyApi {
    get cache() { return cache; }
  }
  function sealClass(ApiClass) {
    delete ApiClass.prototype.constructor;
    F(ApiClass.prototype);
    return F(ApiClass);
  }
  sealClass(PostLoginApi);
  sealClass(CredentialsExchangeApi);
  sealClass(PreUserRegistrationApi);
  sealClass(CacheOnlyApi);

  function makeApi(triggerId, event, apiEpoch) {
    const send = sender(apiEpoch);
    switch (triggerId) {
      case 'post-login':
        return F(new PostLoginApi(send, event));
      case 'credentials-exchange':
        return F(new CredentialsExchangeApi(send));
      case 'pre-user-registration':
        return F(new PreUserRegistrationApi(send));
      default:
        return F(new CacheOnlyApi());
    }
  }

  // ---- the driver ----------------------------------------------------------------------------
  // A context is prepared once per action version: load evaluates the module (its top-level code
  // runs once, as on Auth0, and a top-level error fails every execution of that version). Each
  // execution then calls run, which starts with no pending timers and a fresh api; module scope is
  // what carries over. The executor takes this object and deletes the global before the module loads.
  let loaded = null;
  function evaluate(moduleFactory) {
    const module = { exports: {} };
    ReflectApply(moduleFactory, module.exports, [module.exports, module, global.require]);
    return module;
  }
  async function invoke(handler, event, api) {
    try {
      await handler(event, api);
      hostSettle();
    } catch (e) {
      const d = describe(e);
      hostFail(d.message, d.stack);
    }
  }
  const driver = {
    load(moduleFactory) {
      try {
        loaded = { exports: evaluate(moduleFactory).exports, error: null };
      } catch (e) {
        loaded = { exports: null, error: e };
      }
    },
    run(handlerName, eventJson, triggerId, apiEpoch) {
      timers.clear();
      try {
        if (loaded === null) throw new ErrorCtor('the action module was not loaded');
        if (loaded.error) throw loaded.error;
        const handler = loaded.exports[handlerName];
        if (typeof handler !== 'function') throw new ErrorCtor('the action does not export a function named ' + handlerName);
        const event = JSONParse(eventJson);
        invoke(handler, event, makeApi(triggerId, event, apiEpoch));
      } catch (e) {
        const d = describe(e);
        hostFail(d.message, d.stack);
      }
    },
    // Build check: evaluates the module (its top-level code runs, as it will at execution) and checks
    // the handler export. Returns JSON: {ok} or {ok:false, id, message}.
    check(moduleFactory, handlerName) {
      try {
        const module = evaluate(moduleFactory);
        if (typeof module.exports[handlerName] !== 'function') {
          return JSONStringify({ ok: false, id: 'missing_handler', message: 'the action must export a function named ' + handlerName });
        }
        return JSONStringify({ ok: true });
      } catch (e) {
        return JSONStringify({ ok: false, id: 'top_level_error', message: describe(e).message });
      }
    },
    nextTimer,
    fireTimers,
  };
  ObjectDefineProperty(global, '__openactions_driver', { value: ObjectFreeze(driver), configurable: true });
  // for web-fetch.js (the fetch surface), removed with the other hand-overs
  ObjectDefineProperty(global, '__openactions_internal', {
    value: ObjectFreeze({ addTimer, clearTimer, hostFetch, describe }), configurable: true,
  });
})(globalThis);
