// The platform's CommonJS loader for actions with npm dependencies. Evaluated after modules.js in
// contexts whose action version has a dependency bundle: `require` then resolves Node's way
// (built-ins first, then node_modules directories upwards, package.json `exports` with the
// `require` condition or `main`, .js/.json/.cjs files, index files) inside the bundle's virtual file
// tree and nowhere else. The host answers only "what is at this path of this bundle" and compiles a
// file of the bundle into a module function (so stack traces name the file and parsing is shared
// across contexts); every path is normalised here first, so `..` never leaves the tree's root.
'use strict';
(function (global) {
  const bundle = global.__hostBundle;
  delete global.__hostBundle;
  const hostNodeCrypto = global.__hostNodeCrypto;
  delete global.__hostNodeCrypto;
  const platformRequire = global.require;
  const polyfills = global.__openactions_node_builtins;
  delete global.__openactions_node_builtins;

  // ---- process: what packages read at load time (inert values, no environment) ----------------
  if (global.process === undefined) {
    const start = Date.now();
    global.process = {
      env: {}, argv: ['node'], execArgv: [], version: 'v22.12.0', versions: { node: '22.12.0' }, platform: 'linux', arch: 'x64',
      pid: 1, title: 'node', browser: false, release: { name: 'node' }, exitCode: undefined,
      cwd: () => '/', uptime: () => (Date.now() - start) / 1000, umask: () => 0o22,
      nextTick: (fn, ...args) => { queueMicrotask(() => { try { fn(...args); } catch (e) { reportUncaught(e); } }); },
      hrtime: Object.assign((prev) => {
        const ns = Math.round(performanceNow() * 1e6);
        const t = [Math.floor(ns / 1e9), ns % 1e9];
        return prev ? [t[0] - prev[0] - (t[1] < prev[1] ? 1 : 0), (t[1] - prev[1] + 1e9) % 1e9] : t;
      }, { bigint: () => BigInt(Math.round(performanceNow() * 1e6)) }),
      memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }),
      emitWarning: () => {},
      on() { return this; }, once() { return this; }, off() { return this; }, removeListener() { return this; }, emit: () => false,
      listeners: () => [],
      exit: () => { throw new Error('process.exit is not available in actions'); },
      stdout: { write: (s) => { console.log(String(s).replace(/\n$/, '')); return true; }, isTTY: false },
      stderr: { write: (s) => { console.error(String(s).replace(/\n$/, '')); return true; }, isTTY: false },
    };
  }
  // An exception thrown by a callback of pending work (Node would report it as uncaught): into the
  // execution's logs, instead of vanishing as the rejection of an internal promise job.
  function reportUncaught(e) {
    console.error('Uncaught ' + (e && e.stack ? String(e.stack) : e && e.message ? String(e.message) : String(e)));
  }
  global.__openactions_uncaught = reportUncaught;
  function performanceNow() { return global.performance && global.performance.now ? global.performance.now() : Date.now(); }

  const nodePolyfills = polyfills ? polyfills.factories : {};
  if (polyfills) global.Buffer = polyfills.Buffer;

  // ---- built-ins ------------------------------------------------------------------------------
  // Modules without real access: they load (packages require them at load time) and every operation
  // fails with a clear error.
  function unavailable(name) {
    const fail = (what) => function () { throw new Error(name + '.' + what + ' is not available in actions (no ' + name + ' access)'); };
    return new Proxy({}, {
      get(target, key) {
        if (typeof key === 'symbol' || key === 'then' || key === '__esModule' || key === 'default') return undefined;
        if (key === 'constants') return {};
        if (key === 'promises') return unavailable(name + '.promises');
        return fail(String(key));
      },
    });
  }
  const builtinFactories = {
    timers: () => ({
      setTimeout: global.setTimeout, clearTimeout: global.clearTimeout, setInterval: global.setInterval, clearInterval: global.clearInterval,
      setImmediate: global.setImmediate, clearImmediate: global.clearImmediate,
      promises: { setTimeout: (ms, value) => new Promise((resolve) => global.setTimeout(() => resolve(value), ms)) },
    }),
    process: () => global.process,
    crypto: () => nodeCrypto(platformRequire('crypto')),
    http: () => global.__openactions_http('http:'),
    https: () => global.__openactions_http('https:'),
  };
  // Inert answers where packages only ask (debug asks whether stderr is a terminal).
  builtinFactories.tty = () => ({ isatty: () => false, ReadStream: class ReadStream {}, WriteStream: class WriteStream {} });
  builtinFactories.perf_hooks = () => ({ performance: global.performance || { now: () => Date.now() } });
  for (const name of ['fs', 'net', 'tls', 'dns', 'child_process', 'dgram', 'cluster', 'http2', 'worker_threads', 'vm', 'v8', 'inspector', 'readline', 'async_hooks', 'module']) {
    builtinFactories[name] = () => unavailable(name);
  }
  builtinFactories['stream/promises'] = () => nodePolyfills.stream().promises || { pipeline: (...s) => new Promise((res, rej) => nodePolyfills.stream().pipeline(...s, (e) => (e ? rej(e) : res()))) };
  builtinFactories['fs/promises'] = () => unavailable('fs.promises');
  builtinFactories['util/types'] = () => nodePolyfills.util().types;
  builtinFactories['path/posix'] = () => nodePolyfills.path();
  builtinFactories['timers/promises'] = () => builtinFactories.timers().promises;
  // ---- crypto: the platform's (hashes, HMAC, randomness) plus keys, signatures, PBKDF2 and AES on the JDK
  function nodeCrypto(base) {
    const Buffer = global.Buffer;
    const call = (fn, ...args) => {
      const r = JSON.parse(fn(...args));
      if (r.error !== undefined) throw new Error(r.error);
      return r.value;
    };
    const bytes = (data, encoding) => {
      if (data instanceof KeyObject) return data._secret();
      if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
      if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      if (data instanceof ArrayBuffer) return Buffer.from(data);
      throw new TypeError('The data argument must be of type string or an instance of Buffer, TypedArray, or DataView');
    };
    const b64 = (data, encoding) => bytes(data, encoding).toString('base64');
    const out = (base64, encoding) => { const b = Buffer.from(base64, 'base64'); return encoding && encoding !== 'buffer' ? b.toString(encoding) : b; };
    class KeyObject {
      constructor(type, material, details) { this.type = type; this._material = material; if (details) this.asymmetricKeyType = details.asymmetricKeyType; }
      _secret() { if (this.type !== 'secret') throw new TypeError('not a secret key'); return this._material; }
      get symmetricKeySize() { return this.type === 'secret' ? this._material.length : undefined; }
      get asymmetricKeyDetails() { return this.type === 'secret' ? undefined : {}; }
      export(options) {
        if (this.type === 'secret') return options && options.format === 'jwk' ? { kty: 'oct', k: this._material.toString('base64url') } : Buffer.from(this._material);
        return this._material;
      }
      equals(other) { return other instanceof KeyObject && other.type === this.type && String(other._material) === String(this._material); }
    }
    const pemOf = (key) => {
      if (key instanceof KeyObject) return key._material;
      if (key && typeof key === 'object' && !ArrayBuffer.isView(key) && key.key !== undefined) {
        if (key.passphrase !== undefined) throw new Error('encrypted private keys are not supported in actions');
        return pemOf(key.key);
      }
      const text = typeof key === 'string' ? key : ArrayBuffer.isView(key) ? Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('utf8') : null;
      if (text === null || !text.includes('-----BEGIN')) {
        const e = new TypeError('error:1E08010C:DECODER routines::unsupported key (a PEM key is expected)');
        e.code = 'ERR_OSSL_UNSUPPORTED';
        throw e;
      }
      return text;
    };
    const asymmetric = (key, wanted) => {
      const pem = pemOf(key);
      const details = call(hostNodeCrypto.describe, pem);
      if (wanted === 'private' && details.type !== 'private') throw new TypeError('error:1E08010C:DECODER routines::unsupported (not a private key)');
      return new KeyObject(wanted === 'public' ? 'public' : details.type, pem, details);
    };
    function createSign(algorithm) {
      const chunks = [];
      const signer = {
        update(data, encoding) { chunks.push(bytes(data, encoding)); return signer; },
        write(data, encoding) { signer.update(data, encoding); return true; },
        end(data, encoding) { if (data !== undefined) signer.update(data, encoding); },
        sign(key, encoding) { return out(call(hostNodeCrypto.sign, String(algorithm), pemOf(key), Buffer.concat(chunks).toString('base64')), encoding); },
      };
      return signer;
    }
    function createVerify(algorithm) {
      const chunks = [];
      const verifier = {
        update(data, encoding) { chunks.push(bytes(data, encoding)); return verifier; },
        write(data, encoding) { verifier.update(data, encoding); return true; },
        end(data, encoding) { if (data !== undefined) verifier.update(data, encoding); },
        verify(key, signature, encoding) {
          return call(hostNodeCrypto.verify, String(algorithm), pemOf(key), Buffer.concat(chunks).toString('base64'), b64(signature, encoding));
        },
      };
      return verifier;
    }
    function pbkdf2Sync(password, salt, iterations, keylen, digest) {
      return out(call(hostNodeCrypto.pbkdf2, b64(password), b64(salt), iterations, keylen, String(digest || 'sha1')));
    }
    function cipher(encrypt, algorithm, key, iv, options) {
      const chunks = [];
      let aad = null, tag = null, resultTag = null, done = false, autoPadding = true;
      const self = {
        update(data, inputEncoding, outputEncoding) {
          if (done) throw new Error('Unsupported state');
          chunks.push(bytes(data, inputEncoding));
          return outputEncoding && outputEncoding !== 'buffer' ? '' : Buffer.alloc(0);
        },
        final(outputEncoding) {
          if (done) throw new Error('Unsupported state');
          done = true;
          const r = call(hostNodeCrypto.cipher, String(algorithm), b64(key), iv === null || iv === undefined ? null : b64(iv),
            Buffer.concat(chunks).toString('base64'), aad, tag, encrypt, autoPadding);
          resultTag = r.tag;
          return out(r.data, outputEncoding);
        },
        setAAD(data) { aad = b64(data); return self; },
        setAuthTag(data) { tag = b64(data); return self; },
        getAuthTag() { if (resultTag === null) throw new Error('Unsupported state'); return Buffer.from(resultTag, 'base64'); },
        setAutoPadding(on) { autoPadding = on !== false; return self; },
      };
      return self;
    }
    const randomFillSync = (buffer, offset = 0, size) => {
      const view = new Uint8Array(buffer.buffer || buffer, buffer.byteOffset || 0, buffer.byteLength);
      const n = size === undefined ? view.length - offset : size;
      view.set(base.randomBytes(n), offset);
      return buffer;
    };
    const later = (fn, callback) => {
      let result, error = null;
      try { result = fn(); } catch (e) { error = e; }
      global.setImmediate(() => callback(error, result));
    };
    return Object.freeze(Object.assign({}, base, {
      createHmac: (algorithm, key) => base.createHmac(algorithm, bytes(key)),
      KeyObject,
      createSecretKey: (key, encoding) => new KeyObject('secret', Buffer.from(bytes(key, encoding))),
      createPrivateKey: (key) => asymmetric(key, 'private'),
      createPublicKey: (key) => asymmetric(key, 'public'),
      createSign, createVerify,
      sign: (algorithm, data, key) => createSign(algorithm || 'sha256').update(data).sign(key),
      verify: (algorithm, data, key, signature) => createVerify(algorithm || 'sha256').update(data).verify(key, signature),
      pbkdf2Sync,
      pbkdf2: (password, salt, iterations, keylen, digest, callback) => later(() => pbkdf2Sync(password, salt, iterations, keylen, digest), callback),
      createCipheriv: (algorithm, key, iv, options) => cipher(true, algorithm, key, iv, options),
      createDecipheriv: (algorithm, key, iv, options) => cipher(false, algorithm, key, iv, options),
      randomFillSync,
      randomFill: (buffer, offset, size, callback) => {
        const cb = [offset, size, callback].find((f) => typeof f === 'function');
        later(() => randomFillSync(buffer, typeof offset === 'number' ? offset : 0, typeof size === 'number' ? size : undefined), cb);
      },
      randomBytes: (size, callback) => {
        const b = Buffer.from(base.randomBytes(size));
        if (typeof callback === 'function') { global.setImmediate(() => callback(null, b)); return undefined; }
        return b;
      },
      getRandomValues: (array) => global.crypto.getRandomValues(array),
      getCiphers: () => ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-128-ctr', 'aes-192-ctr', 'aes-256-ctr', 'aes-128-gcm', 'aes-192-gcm', 'aes-256-gcm', 'aes-128-ecb', 'aes-256-ecb'],
      constants: { RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_AUTO: -2 },
    }));
  }

  const builtinCache = new Map();
  function builtinName(request) {
    const id = request.startsWith('node:') ? request.slice(5) : request;
    return Object.prototype.hasOwnProperty.call(builtinFactories, id) || Object.prototype.hasOwnProperty.call(nodePolyfills, id) ? id : null;
  }
  function loadBuiltin(id) {
    if (!builtinCache.has(id)) {
      const factory = Object.prototype.hasOwnProperty.call(builtinFactories, id) ? builtinFactories[id] : nodePolyfills[id];
      builtinCache.set(id, factory());
    }
    return builtinCache.get(id);
  }

  // ---- paths inside the bundle (POSIX, rooted at '/') ---------------------------------------------
  function normalize(path) {
    const out = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') out.pop(); else out.push(part);
    }
    return '/' + out.join('/');
  }
  const dirname = (path) => (path === '/' ? '/' : path.slice(0, path.lastIndexOf('/')) || '/');
  const join = (...parts) => normalize(parts.join('/'));
  const isFile = (path) => bundle.isFile(path.slice(1));
  const isDir = (path) => path === '/' || bundle.isDir(path.slice(1));

  const packageJsonCache = new Map();
  function readPackageJson(dir) {
    if (!packageJsonCache.has(dir)) {
      const file = join(dir, 'package.json');
      let pkg = null;
      if (isFile(file)) {
        try { pkg = JSON.parse(bundle.read(file.slice(1))); } catch (e) { throw new Error('Invalid package config ' + file + ': ' + e.message); }
      }
      packageJsonCache.set(dir, pkg);
    }
    return packageJsonCache.get(dir);
  }

  const EXTENSIONS = ['.js', '.json', '.cjs'];
  function asFile(path) {
    if (isFile(path)) return path;
    for (const ext of EXTENSIONS) if (isFile(path + ext)) return path + ext;
    return null;
  }
  function asDirectory(path) {
    const pkg = readPackageJson(path);
    if (pkg && typeof pkg.main === 'string' && pkg.main) {
      const main = join(path, pkg.main);
      const found = asFile(main) || asIndex(main);
      if (found) return found;
    }
    return asIndex(path);
  }
  function asIndex(path) {
    for (const ext of EXTENSIONS) if (isFile(path + '/index' + ext)) return path + '/index' + ext;
    return null;
  }

  // package.json "exports": Node's rules for require() (conditions "require", "node", "default").
  const CONDITIONS = ['require', 'node', 'default'];
  function exportTarget(target, pattern) {
    if (typeof target === 'string') return pattern === undefined ? target : target.split('*').join(pattern);
    if (Array.isArray(target)) {
      for (const t of target) { const r = exportTarget(t, pattern); if (r) return r; }
      return null;
    }
    if (target && typeof target === 'object') {
      for (const key of Object.keys(target)) {
        if (CONDITIONS.includes(key)) { const r = exportTarget(target[key], pattern); if (r) return r; }
      }
    }
    return null;
  }
  function resolveExports(pkgDir, exportsField, subpath, request) {
    let map = exportsField;
    if (typeof map === 'string' || Array.isArray(map) || (map && typeof map === 'object' && !Object.keys(map).some((k) => k.startsWith('.')))) {
      map = { '.': map };
    }
    let target = null;
    if (Object.prototype.hasOwnProperty.call(map, subpath) && !subpath.includes('*')) {
      target = exportTarget(map[subpath]);
    } else {
      let best = null;
      for (const key of Object.keys(map)) {
        const star = key.indexOf('*');
        if (star >= 0) {
          const prefix = key.slice(0, star), suffix = key.slice(star + 1);
          if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1 && (!best || prefix.length > best.prefix.length)) {
            best = { key, prefix, pattern: subpath.slice(prefix.length, subpath.length - suffix.length) };
          }
        } else if (key.endsWith('/') && subpath.startsWith(key) && (!best || key.length > best.prefix.length)) {
          best = { key, prefix: key, folder: subpath.slice(key.length) };
        }
      }
      if (best) {
        const t = exportTarget(map[best.key], best.pattern);
        target = t && best.folder !== undefined ? t + best.folder : t;
      }
    }
    if (!target || !target.startsWith('./')) {
      const error = new Error("Package subpath '" + subpath + "' is not defined by \"exports\" in " + join(pkgDir, 'package.json') + " (require('" + request + "'))");
      error.code = 'ERR_PACKAGE_PATH_NOT_EXPORTED';
      throw error;
    }
    const path = join(pkgDir, target);
    if (!path.startsWith(pkgDir + '/')) throw notFound(request);
    return asFile(path) || asIndex(path);
  }

  function notFound(request, from) {
    const error = new Error("Cannot find module '" + request + "'" + (from ? "\nRequire stack:\n- " + from : ''));
    error.code = 'MODULE_NOT_FOUND';
    return error;
  }

  function resolveFilename(request, fromDir, fromFile) {
    if (typeof request !== 'string' || request.length === 0) throw new TypeError('The "id" argument must be a non-empty string');
    if (request.startsWith('node:') || builtinName(request)) {
      const id = builtinName(request);
      if (id === null) throw notFound(request, fromFile);
      return 'node:' + id;
    }
    if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..' || request.startsWith('/')) {
      const path = request.startsWith('/') ? normalize(request) : join(fromDir, request);
      const found = asFile(path) || asDirectory(path);
      if (!found) throw notFound(request, fromFile);
      return found;
    }
    const parts = request.split('/');
    const nameLength = request.startsWith('@') ? 2 : 1;
    const name = parts.slice(0, nameLength).join('/');
    if (parts.length < nameLength || parts.slice(0, nameLength).some((p) => p === '' || p === '.' || p === '..')) throw notFound(request, fromFile);
    const rest = parts.slice(nameLength).join('/');
    for (let dir = fromDir; ; dir = dirname(dir)) {
      if (!dir.endsWith('/node_modules')) {
        const pkgDir = join(dir, 'node_modules', name);
        if (isDir(pkgDir)) {
          const pkg = readPackageJson(pkgDir);
          let found;
          if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
            found = resolveExports(pkgDir, pkg.exports, rest ? './' + rest : '.', request);
          } else {
            const path = join(pkgDir, rest);
            if (!path.startsWith(pkgDir)) throw notFound(request, fromFile);
            found = rest ? asFile(path) || asDirectory(path) : asDirectory(path);
          }
          if (found) return found;
        }
      }
      if (dir === '/') break;
    }
    throw notFound(request, fromFile);
  }

  // ---- modules -----------------------------------------------------------------------------------
  const cache = Object.create(null);
  class Module {
    constructor(id, parent) {
      this.id = id; this.filename = id; this.path = dirname(id); this.exports = {}; this.parent = parent || null;
      this.loaded = false; this.children = []; this.paths = [];
    }
    require(request) { return requireFrom(this, request); }
  }
  function makeRequire(module) {
    const require = (request) => requireFrom(module, request);
    require.resolve = (request) => {
      const resolved = resolveFilename(String(request), module.path, module.filename);
      return resolved.startsWith('node:') ? resolved.slice(5) : resolved;
    };
    require.resolve.paths = () => [];
    require.cache = cache;
    require.main = mainModule;
    return require;
  }
  function requireFrom(parent, request) {
    const filename = resolveFilename(String(request), parent.path, parent.filename);
    if (filename.startsWith('node:')) return loadBuiltin(filename.slice(5));
    const cached = cache[filename];
    if (cached) return cached.exports; // also the partial exports of a module in a cycle
    const module = new Module(filename, parent);
    cache[filename] = module;
    parent.children.push(module);
    try {
      if (filename.endsWith('.json')) {
        module.exports = JSON.parse(bundle.read(filename.slice(1)));
      } else {
        const fn = bundle.compile(filename.slice(1));
        fn.call(module.exports, module.exports, makeRequire(module), module, filename, module.path);
      }
    } catch (e) {
      delete cache[filename];
      throw e;
    }
    module.loaded = true;
    return module.exports;
  }

  // The action itself is the module /action.js at the root of the bundle, next to its node_modules.
  const mainModule = new Module('/action.js', null);
  global.require = makeRequire(mainModule);
})(globalThis);
