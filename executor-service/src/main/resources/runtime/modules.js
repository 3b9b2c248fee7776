// The platform's module loader: `require` for Node built-ins that Auth0 actions commonly use
// (crypto, url, querystring, util, buffer). npm packages are resolved by a later version of this
// loader; anything else fails with Node's own error message.
'use strict';
(function (global) {
  const codec = global.__openactions_codec; // removed by the executor once every platform script ran
  const { bytesToBase64, base64ToBytes, utf8Encode, utf8Decode, bytesToHex, hexToBytes, hostCrypto } = codec;
  // captured now: an action that replaces globalThis.URL or globalThis.crypto changes only what it calls itself
  const webCrypto = global.crypto;
  const URLClass = global.URL;
  const hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);

  // ---- buffer ----------------------------------------------------------------------------------
  function encodeString(text, encoding) {
    switch ((encoding || 'utf8').toLowerCase()) {
      case 'utf8': case 'utf-8': return utf8Encode(text);
      case 'hex': return hexToBytes(text);
      case 'base64': case 'base64url': return base64ToBytes(text);
      case 'latin1': case 'binary': case 'ascii': return Uint8Array.from(String(text), (c) => c.charCodeAt(0) & 0xff);
      default: throw new TypeError('Unknown encoding: ' + encoding);
    }
  }
  class Buffer extends Uint8Array {
    static from(value, encodingOrOffset, length) {
      if (typeof value === 'string') return Buffer._wrap(encodeString(value, encodingOrOffset));
      if (value instanceof ArrayBuffer) return Buffer._wrap(new Uint8Array(value, encodingOrOffset || 0, length));
      if (ArrayBuffer.isView(value) || Array.isArray(value)) return Buffer._wrap(Uint8Array.from(value));
      if (value && value.type === 'Buffer' && Array.isArray(value.data)) return Buffer._wrap(Uint8Array.from(value.data));
      throw new TypeError('The first argument must be a string, Buffer, ArrayBuffer or array');
    }
    static _wrap(bytes) { const b = new Buffer(bytes.length); b.set(bytes); return b; }
    static alloc(size, fill) { const b = new Buffer(size); if (fill !== undefined) b.fill(typeof fill === 'string' ? fill.charCodeAt(0) : fill); return b; }
    static isBuffer(value) { return value instanceof Buffer; }
    static byteLength(value, encoding) { return typeof value === 'string' ? encodeString(value, encoding).length : value.byteLength; }
    static concat(list, total) {
      const length = total === undefined ? list.reduce((n, b) => n + b.length, 0) : total;
      const out = Buffer.alloc(length);
      let offset = 0;
      for (const b of list) { out.set(b.subarray(0, Math.max(0, length - offset)), offset); offset += b.length; if (offset >= length) break; }
      return out;
    }
    toString(encoding, start, end) {
      const bytes = this.subarray(start || 0, end === undefined ? this.length : end);
      switch ((encoding || 'utf8').toLowerCase()) {
        case 'utf8': case 'utf-8': return utf8Decode(bytes);
        case 'hex': return bytesToHex(bytes);
        case 'base64': return bytesToBase64(bytes);
        case 'base64url': return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        case 'latin1': case 'binary': case 'ascii': return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
        default: throw new TypeError('Unknown encoding: ' + encoding);
      }
    }
    equals(other) { return this.length === other.length && this.every((b, i) => b === other[i]); }
    toJSON() { return { type: 'Buffer', data: Array.from(this) }; }
    slice(start, end) { return Buffer._wrap(this.subarray(start, end)); }
  }
  global.Buffer = Buffer;

  function toBytes(data, encoding) {
    if (typeof data === 'string') return encodeString(data, encoding);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new TypeError('data must be a string, Buffer, TypedArray or DataView');
  }
  function output(bytes, encoding) {
    // npm contexts replace global.Buffer with Node's full Buffer (npm-loader.js): results are made of that one then.
    const b = global.Buffer === Buffer ? Buffer._wrap(bytes) : global.Buffer.from(bytes);
    return encoding ? b.toString(encoding) : b;
  }

  // ---- crypto ----------------------------------------------------------------------------------
  const HASHES = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
  function algorithm(name) {
    const alg = HASHES[String(name).toLowerCase().replace('-', '')];
    if (!alg) throw new Error('Digest method not supported: ' + name);
    return alg;
  }
  class Hash {
    constructor(alg, keyBytes) { this._alg = alg; this._key = keyBytes; this._chunks = []; this._done = false; }
    update(data, encoding) {
      if (this._done) throw new Error('Digest already called');
      this._chunks.push(toBytes(data, encoding));
      return this;
    }
    digest(encoding) {
      if (this._done) throw new Error('Digest already called');
      this._done = true;
      const data = bytesToBase64(Buffer.concat(this._chunks));
      const result = this._key === undefined ? hostCrypto.hash(this._alg, data) : hostCrypto.hmac(this._alg, bytesToBase64(this._key), data);
      return output(base64ToBytes(result), encoding);
    }
  }
  const cryptoModule = Object.freeze({
    createHash: (name) => new Hash(algorithm(name)),
    createHmac: (name, key) => new Hash(algorithm(name), toBytes(key)),
    randomBytes: (size) => {
      if (!Number.isInteger(size) || size < 0 || size > 65536) throw new RangeError('size must be an integer from 0 to 65536');
      return output(base64ToBytes(hostCrypto.random(size)));
    },
    randomUUID: () => webCrypto.randomUUID(),
    randomInt: (min, max) => {
      if (max === undefined) { max = min; min = 0; }
      const range = max - min;
      if (!(range > 0)) throw new RangeError('max must be greater than min');
      const bytes = base64ToBytes(hostCrypto.random(6));
      const n = bytes.reduce((acc, b) => acc * 256 + b, 0);
      return min + (n % range);
    },
    timingSafeEqual: (a, b) => {
      const x = toBytes(a), y = toBytes(b);
      if (x.length !== y.length) throw new RangeError('Input buffers must have the same byte length');
      let diff = 0;
      for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
      return diff === 0;
    },
    getHashes: () => Object.keys(HASHES),
    webcrypto: webCrypto,
  });

  // ---- querystring / url / util -----------------------------------------------------------------
  const querystring = {
    parse(text, sep = '&', eq = '=') {
      const out = {};
      for (const part of String(text).split(sep)) {
        if (!part) continue;
        const i = part.indexOf(eq);
        const k = decodeURIComponent((i < 0 ? part : part.slice(0, i)).replace(/\+/g, ' '));
        const v = i < 0 ? '' : decodeURIComponent(part.slice(i + eq.length).replace(/\+/g, ' '));
        if (k in out) out[k] = [].concat(out[k], v); else out[k] = v;
      }
      return out;
    },
    stringify(obj, sep = '&', eq = '=') {
      return Object.keys(obj || {}).flatMap((k) => [].concat(obj[k]).map((v) => encodeURIComponent(k) + eq + encodeURIComponent(v === undefined || v === null ? '' : String(v)))).join(sep);
    },
    escape: (s) => encodeURIComponent(s),
    unescape: (s) => decodeURIComponent(s),
  };
  querystring.decode = querystring.parse;
  querystring.encode = querystring.stringify;
  Object.freeze(querystring);
  const urlModule = Object.freeze({
    URL: global.URL,
    URLSearchParams: global.URLSearchParams,
    parse(text) {
      const u = new URLClass(text);
      return { protocol: u.protocol, host: u.host, hostname: u.hostname, port: u.port || null, pathname: u.pathname,
        search: u.search || null, query: u.search ? u.search.slice(1) : null, hash: u.hash || null, href: u.href };
    },
    format(u) { return u instanceof URLClass ? u.href : new URLClass(u.href || String(u)).href; },
  });
  function inspect(value) {
    if (typeof value === 'string') return "'" + value + "'";
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  }
  const util = Object.freeze({
    format(fmt, ...args) {
      if (typeof fmt !== 'string') return [fmt, ...args].map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
      let i = 0;
      const out = fmt.replace(/%[sdifjoO%]/g, (m) => {
        if (m === '%%') return '%';
        if (i >= args.length) return m;
        const a = args[i++];
        switch (m) {
          case '%s': return String(a);
          case '%d': case '%i': return String(parseInt(a, 10));
          case '%f': return String(parseFloat(a));
          default: return inspect(a);
        }
      });
      return [out, ...args.slice(i).map((a) => (typeof a === 'string' ? a : inspect(a)))].join(' ');
    },
    inspect,
    promisify: (fn) => (...args) => new Promise((resolve, reject) => fn(...args, (err, value) => (err ? reject(err) : resolve(value)))),
    isDeepStrictEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    types: Object.freeze({ isPromise: (v) => v instanceof Promise, isDate: (v) => v instanceof Date, isRegExp: (v) => v instanceof RegExp }),
    TextEncoder: global.TextEncoder,
    TextDecoder: global.TextDecoder,
  });

  const builtins = {
    crypto: cryptoModule, url: urlModule, querystring, util, buffer: Object.freeze({ Buffer }),
  };
  global.require = function require(name) {
    const id = String(name).startsWith('node:') ? String(name).slice(5) : String(name);
    if (hasOwn(builtins, id)) return builtins[id];
    const error = new Error("Cannot find module '" + name + "'");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  };
})(globalThis);
