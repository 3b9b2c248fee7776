// Web-platform globals Auth0 actions rely on, in plain JavaScript over a few host functions
// (__hostCrypto: hashing, HMAC, randomness; __hostUrl: URL parsing). Evaluated after primordials.js.
'use strict';
(function (global) {
  const P = global.__openactions_primordials;
  const hostCrypto = global.__hostCrypto;
  const hostUrl = global.__hostUrl;
  delete global.__hostCrypto;
  delete global.__hostUrl;
  const { ArrayPrototypePush, StringPrototypeCharCodeAt, StringPrototypeCodePointAt, StringFromCodePoint,
    NumberPrototypeToString, StringPrototypePadStart, TypedArrayPrototypeSubarray, TypedArrayPrototypeLengthGetter, JSONParse } = P;
  const Uint8ArrayCtor = P.Uint8Array;
  const StringOf = P.String;
  const TypeErrorCtor = P.TypeError;

  // ---- base64 / UTF-8 ---------------------------------------------------------------------------
  // Shared with modules.js and the prelude (which run them on behalf of the platform, e.g. for
  // api.redirect tokens and fetch bodies), so they use captured built-ins only (ADR 11).
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_INDEX = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;
  B64_INDEX['-'.charCodeAt(0)] = 62;
  B64_INDEX['_'.charCodeAt(0)] = 63;
  function bytesToBase64(bytes) {
    let out = '';
    const length = TypedArrayPrototypeLengthGetter(bytes);
    for (let i = 0; i < length; i += 3) {
      const n = (bytes[i] << 16) | ((i + 1 < length ? bytes[i + 1] : 0) << 8) | (i + 2 < length ? bytes[i + 2] : 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < length ? B64[(n >> 6) & 63] : '=') + (i + 2 < length ? B64[n & 63] : '=');
    }
    return out;
  }
  function base64ToBytes(text) {
    const s = StringOf(text);
    const out = new Uint8ArrayCtor((s.length * 3) >> 2);
    let bits = 0, value = 0, o = 0;
    for (let i = 0; i < s.length; i++) {
      const c = StringPrototypeCharCodeAt(s, i);
      if (c === 61 || c === 32 || c === 9 || c === 10 || c === 13 || c === 12) continue; // '=' and whitespace
      const v = c < 128 ? B64_INDEX[c] : -1;
      if (v < 0) throw new TypeErrorCtor('invalid base64 input');
      value = ((value << 6) | v) & 0xffffff; bits += 6;
      if (bits >= 8) { bits -= 8; out[o++] = (value >> bits) & 0xff; }
    }
    return TypedArrayPrototypeSubarray(out, 0, o);
  }
  function utf8Encode(text) {
    const s = StringOf(text);
    const out = [];
    for (let i = 0; i < s.length; i++) {
      let c = StringPrototypeCodePointAt(s, i);
      if (c > 0xffff) i++;
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) ArrayPrototypePush(out, c);
      else if (c < 0x800) ArrayPrototypePush(out, 0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) ArrayPrototypePush(out, 0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else ArrayPrototypePush(out, 0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    const bytes = new Uint8ArrayCtor(out.length);
    for (let i = 0; i < out.length; i++) bytes[i] = out[i];
    return bytes;
  }
  function utf8Decode(bytes) {
    let out = '';
    const length = TypedArrayPrototypeLengthGetter(bytes);
    for (let i = 0; i < length;) {
      const b = bytes[i];
      let c, n;
      if (b < 0x80) { c = b; n = 1; }
      else if (b >= 0xc0 && b < 0xe0) { c = b & 31; n = 2; }
      else if (b >= 0xe0 && b < 0xf0) { c = b & 15; n = 3; }
      else if (b >= 0xf0 && b < 0xf8) { c = b & 7; n = 4; }
      else { out += '\ufffd'; i++; continue; }
      if (i + n > length) { out += '\ufffd'; break; }
      for (let k = 1; k < n; k++) c = (c << 6) | (bytes[i + k] & 63);
      out += c > 0x10ffff ? '\ufffd' : StringFromCodePoint(c);
      i += n;
    }
    return out;
  }
  function bytesToHex(bytes) {
    let out = '';
    const length = TypedArrayPrototypeLengthGetter(bytes);
    for (let i = 0; i < length; i++) out += StringPrototypePadStart(NumberPrototypeToString(bytes[i], 16), 2, '0');
    return out;
  }
  function hexToBytes(hex) {
    const s = StringOf(hex);
    const out = new Uint8ArrayCtor(s.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = P.NumberParseInt(s[i * 2] + s[i * 2 + 1], 16);
    return out;
  }

  global.btoa = function btoa(text) {
    const s = String(text);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 255) throw new DOMException('The string to be encoded contains characters outside of the Latin1 range.', 'InvalidCharacterError');
      bytes[i] = c;
    }
    return bytesToBase64(bytes);
  };
  global.atob = function atob(text) {
    return Array.from(base64ToBytes(text), (b) => String.fromCharCode(b)).join('');
  };
  class DOMException extends Error {
    constructor(message, name) { super(message); this.name = name || 'Error'; }
  }
  global.DOMException = DOMException;

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(text = '') { return utf8Encode(text); }
  }
  class TextDecoder {
    constructor(label = 'utf-8') {
      if (!/^utf-?8$/i.test(label)) throw new RangeError('only utf-8 is supported');
    }
    get encoding() { return 'utf-8'; }
    decode(input) { return input === undefined ? '' : utf8Decode(input instanceof Uint8Array ? input : new Uint8Array(input.buffer || input)); }
  }
  global.TextEncoder = TextEncoder;
  global.TextDecoder = TextDecoder;

  global.structuredClone = function structuredClone(value) {
    if (value === undefined) return undefined;
    if (typeof value === 'function') throw new DOMException('function could not be cloned', 'DataCloneError');
    const seen = new Map();
    const clone = (v) => {
      if (v === null || typeof v !== 'object') {
        if (typeof v === 'function' || typeof v === 'symbol') throw new DOMException(String(typeof v) + ' could not be cloned', 'DataCloneError');
        return v;
      }
      if (seen.has(v)) return seen.get(v);
      let out;
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (ArrayBuffer.isView(v)) out = new v.constructor(v);
      else if (v instanceof Map) { out = new Map(); seen.set(v, out); v.forEach((val, k) => out.set(clone(k), clone(val))); return out; }
      else if (v instanceof Set) { out = new Set(); seen.set(v, out); v.forEach((val) => out.add(clone(val))); return out; }
      else if (Array.isArray(v)) { out = []; seen.set(v, out); v.forEach((val, i) => { out[i] = clone(val); }); return out; }
      else { out = {}; seen.set(v, out); for (const k of Object.keys(v)) out[k] = clone(v[k]); return out; }
      seen.set(v, out);
      return out;
    };
    return clone(value);
  };

  // ---- crypto (web) ----------------------------------------------------------------------------
  function randomBytesArray(n) { return base64ToBytes(hostCrypto.random(n)); }
  global.crypto = Object.freeze({
    randomUUID() {
      const b = randomBytesArray(16);
      b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
      const h = bytesToHex(b);
      return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    },
    getRandomValues(array) {
      if (!ArrayBuffer.isView(array)) throw new TypeError('getRandomValues needs a typed array');
      if (array.byteLength > 65536) throw new DOMException('quota exceeded', 'QuotaExceededError');
      const bytes = randomBytesArray(array.byteLength);
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
      return array;
    },
  });

  // ---- URL / URLSearchParams -------------------------------------------------------------------
  class URLSearchParams {
    constructor(init) {
      this._list = [];
      if (init === undefined || init === null) return;
      if (typeof init === 'string') {
        const s = init.startsWith('?') ? init.slice(1) : init;
        for (const part of s.split('&')) {
          if (!part) continue;
          const eq = part.indexOf('=');
          const k = eq < 0 ? part : part.slice(0, eq);
          const v = eq < 0 ? '' : part.slice(eq + 1);
          this._list.push([decode(k), decode(v)]);
        }
      } else if (init instanceof URLSearchParams) {
        this._list = init._list.map(([k, v]) => [k, v]);
      } else if (typeof init[Symbol.iterator] === 'function') {
        for (const [k, v] of init) this._list.push([String(k), String(v)]);
      } else {
        for (const k of Object.keys(init)) this._list.push([k, String(init[k])]);
      }
      function decode(x) { return decodeURIComponent(x.replace(/\+/g, ' ')); }
    }
    append(k, v) { this._list.push([String(k), String(v)]); this._update(); }
    delete(k) { this._list = this._list.filter(([n]) => n !== String(k)); this._update(); }
    get(k) { const e = this._list.find(([n]) => n === String(k)); return e ? e[1] : null; }
    getAll(k) { return this._list.filter(([n]) => n === String(k)).map(([, v]) => v); }
    has(k) { return this._list.some(([n]) => n === String(k)); }
    set(k, v) {
      const key = String(k);
      const i = this._list.findIndex(([n]) => n === key);
      if (i < 0) this._list.push([key, String(v)]);
      else { this._list[i][1] = String(v); this._list = this._list.filter(([n], j) => n !== key || j === i); }
      this._update();
    }
    sort() { this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); this._update(); }
    forEach(fn, thisArg) { this._list.forEach(([k, v]) => fn.call(thisArg, v, k, this)); }
    keys() { return this._list.map(([k]) => k)[Symbol.iterator](); }
    values() { return this._list.map(([, v]) => v)[Symbol.iterator](); }
    entries() { return this._list.map(([k, v]) => [k, v])[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
    get size() { return this._list.length; }
    toString() {
      const enc = (x) => encodeURIComponent(x).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
      return this._list.map(([k, v]) => enc(k) + '=' + enc(v)).join('&');
    }
    _update() { if (this._url) this._url._setSearch(this.toString()); }
  }
  class URL {
    constructor(input, base) {
      const parsed = JSONParse(hostUrl.parse(StringOf(input), base === undefined ? null : StringOf(base)));
      if (parsed.error) throw new TypeError('Invalid URL: ' + String(input));
      this._assign(parsed);
    }
    static canParse(input, base) { try { new URL(input, base); return true; } catch (e) { return false; } }
    _assign(p) {
      this._protocol = p.protocol; this._username = p.username; this._password = p.password;
      this._hostname = p.hostname; this._port = p.port; this._pathname = p.pathname;
      this._search = p.search; this._hash = p.hash;
      this._params = new URLSearchParams(this._search);
      this._params._url = this;
    }
    _setSearch(s) { this._search = s ? '?' + s : ''; }
    get protocol() { return this._protocol; }
    get username() { return this._username; }
    get password() { return this._password; }
    get hostname() { return this._hostname; }
    set hostname(v) { this._hostname = String(v); }
    get port() { return this._port; }
    set port(v) { this._port = String(v); }
    get host() { return this._hostname + (this._port ? ':' + this._port : ''); }
    get origin() { return this._protocol + '//' + this.host; }
    get pathname() { return this._pathname; }
    set pathname(v) { const s = String(v); this._pathname = s.startsWith('/') ? s : '/' + s; }
    get search() { return this._search; }
    set search(v) {
      const s = String(v);
      this._search = s === '' || s === '?' ? '' : (s.startsWith('?') ? s : '?' + s);
      this._params = new URLSearchParams(this._search); this._params._url = this;
    }
    get searchParams() { return this._params; }
    get hash() { return this._hash; }
    set hash(v) { const s = String(v); this._hash = s === '' || s === '#' ? '' : (s.startsWith('#') ? s : '#' + s); }
    get href() {
      const auth = this._username ? this._username + (this._password ? ':' + this._password : '') + '@' : '';
      return this._protocol + '//' + auth + this.host + this._pathname + this._search + this._hash;
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }
  global.URL = URL;
  global.URLSearchParams = URLSearchParams;

  // shared with the module loader (modules.js), the prelude and web-fetch.js; the executor removes it
  Object.defineProperty(global, '__openactions_codec', {
    value: Object.freeze({ bytesToBase64, base64ToBytes, utf8Encode, utf8Decode, bytesToHex, hexToBytes, hostCrypto }), configurable: true,
  });
})(globalThis);
