'use strict';
// The driver evaluated in every vm context of the Node reference: the same idea as the executor's
// prelude (parse the event inside the context, build the post-login api that records commands,
// run the handler, report JSON), trimmed to the api the benchmark's actions use.
const vm = require('node:vm');

const DRIVER = new vm.Script(`(function (global) {
  'use strict';
  const RESERVED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'azp', 'nonce', 'auth_time', 'at_hash', 'c_hash']);
  let loaded = null;
  const logs = [];
  global.console = { log: (...a) => { logs.push(a.map(String).join(' ')); } };
  global.__load = function (factory) {
    const module = { exports: {} };
    try { factory.call(module.exports, module.exports, module, undefined); loaded = { exports: module.exports }; }
    catch (e) { loaded = { error: e }; }
  };
  function makeApi(commands, control) {
    const record = (type, args) => { commands.push({ type, args }); };
    const claim = (type) => (name, value) => {
      if (typeof name !== 'string' || name.length === 0) throw new TypeError(type + ': name must be a non-empty string');
      if (RESERVED.has(name)) throw new Error(type + ": '" + name + "' is a reserved claim");
      record(type, { name, value: value === undefined ? null : value });
    };
    const meta = (type) => (key, value) => {
      if (typeof key !== 'string' || key.length === 0) throw new TypeError(type + ': key must be a non-empty string');
      record(type, { key, value: value === undefined ? null : value });
    };
    return Object.freeze({
      access: { deny: (reason) => { record('access.deny', { reason: String(reason) }); control.stopped = 'access.deny'; } },
      accessToken: { setCustomClaim: claim('accessToken.setCustomClaim') },
      idToken: { setCustomClaim: claim('idToken.setCustomClaim') },
      user: { setAppMetadata: meta('user.setAppMetadata'), setUserMetadata: meta('user.setUserMetadata') },
    });
  }
  global.__run = async function (handlerName, eventJson) {
    logs.length = 0;
    const commands = [];
    const control = { stopped: null };
    let error = null;
    try {
      if (loaded === null) throw new Error('the action module was not loaded');
      if (loaded.error) throw loaded.error;
      const handler = loaded.exports[handlerName];
      if (typeof handler !== 'function') throw new Error('the action does not export ' + handlerName);
      await handler(JSON.parse(eventJson), makeApi(commands, control));
    } catch (e) {
      error = { message: String(e && e.message !== undefined ? e.message : e) };
    }
    return JSON.stringify({ error, commands, stopped: control.stopped, logs });
  };
})(globalThis);`, { filename: 'driver.js' });


/** A new context with the driver evaluated and the action module (a compiled vm.Script) loaded. */
function prepareContext(moduleScript) {
  const context = vm.createContext({});
  DRIVER.runInContext(context);
  context.__load(moduleScript.runInContext(context));
  return context;
}

/** The action as a CommonJS module factory, as the executor wraps it. */
function moduleScript(code, name) {
  return new vm.Script('(function (exports, module, require) {' + code + '\n})', { filename: 'action:' + name });
}

module.exports = { DRIVER, prepareContext, moduleScript };
