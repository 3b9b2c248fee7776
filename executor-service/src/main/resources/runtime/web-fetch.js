// The WHATWG fetch surface actions use, over the host's blocking HTTP call (__host.fetch, handed over
// by the prelude): fetch, Headers (iterable), Request, Response (clone, text, json, arrayBuffer, blob),
// AbortController / AbortSignal (abort, timeout, any) honoured by fetch and by body reads, Event /
// EventTarget for the signal, Blob and FormData (sent as multipart/form-data). Evaluated after the
// prelude; like it, it calls only captured built-ins at run time.
'use strict';
(function (global) {
  const P = global.__openactions_primordials;
  const internal = global.__openactions_internal;
  const codec = global.__openactions_codec;
  const { addTimer, hostFetch } = internal;
  const { bytesToBase64, base64ToBytes, utf8Encode, utf8Decode } = codec;
  const {
    ObjectFreeze, ObjectKeys, ObjectDefineProperty, ArrayIsArray, ArrayPrototypePush, ArrayPrototypeSort, ArrayPrototypeSplice,
    ArrayPrototypeValues, JSONStringify, JSONParse, StringPrototypeToLowerCase, StringPrototypeToUpperCase, StringPrototypeTrim,
    StringPrototypeIndexOf, StringPrototypeSlice, DateNow, MathMax, MathMin, MathFloor, ArrayBufferIsView, TypedArrayPrototypeSubarray,
    TypedArrayPrototypeSet, TypedArrayPrototypeLengthGetter, ReflectApply, SymbolIterator, SymbolToStringTag, ObjectPrototypeHasOwnProperty, RegExpPrototypeExec,
  } = P;
  const StringOf = P.String;
  const TypeErrorCtor = P.TypeError;
  const RangeErrorCtor = P.RangeError;
  const Uint8ArrayCtor = P.Uint8Array;
  const ArrayBufferCtor = P.ArrayBuffer;
  const SafeMap = P.SafeMap;
  const DOMException = global.DOMException;
  const URLSearchParams = global.URLSearchParams;
  const URLSearchParamsToString = URLSearchParams.prototype.toString;
  const INTERNAL = {};
  const abortError = () => new DOMException('This operation was aborted', 'AbortError');
  const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

  function iterate(iterable, fn) {
    // for…of would look up Symbol.iterator and next() on built-in prototypes the action may have
    // replaced; arrays are read by index, anything else through its own iterator.
    if (ArrayIsArray(iterable)) {
      for (let i = 0; i < iterable.length; i++) fn(iterable[i]);
      return;
    }
    const iterator = iterable[SymbolIterator]();
    for (let step = iterator.next(); !step.done; step = iterator.next()) fn(step.value);
  }
  function isIterable(value) { return value !== null && typeof value === 'object' && typeof value[SymbolIterator] === 'function'; }
  function concatBytes(chunks) {
    let total = 0;
    for (let i = 0; i < chunks.length; i++) total += TypedArrayPrototypeLengthGetter(chunks[i]);
    const out = new Uint8ArrayCtor(total);
    let offset = 0;
    for (let i = 0; i < chunks.length; i++) { TypedArrayPrototypeSet(out, chunks[i], offset); offset += TypedArrayPrototypeLengthGetter(chunks[i]); }
    return out;
  }
  function viewBytes(view) { return new Uint8ArrayCtor(view.buffer, view.byteOffset, view.byteLength); }
  function copyOf(bytes) { const out = new Uint8ArrayCtor(TypedArrayPrototypeLengthGetter(bytes)); TypedArrayPrototypeSet(out, bytes, 0); return out; }
  function toArrayBuffer(bytes) { return copyOf(bytes).buffer; }

  // ---- Event / EventTarget (enough for AbortSignal) ------------------------------------------------
  class Event {
    constructor(type, init) {
      if (arguments.length === 0) throw new TypeErrorCtor('The "type" argument must be specified');
      this._type = StringOf(type); this._target = null; this._defaultPrevented = false;
      this._cancelable = !!(init && init.cancelable);
    }
    get type() { return this._type; }
    get target() { return this._target; }
    get currentTarget() { return this._target; }
    get defaultPrevented() { return this._defaultPrevented; }
    get cancelable() { return this._cancelable; }
    preventDefault() { if (this._cancelable) this._defaultPrevented = true; }
    stopPropagation() {}
    stopImmediatePropagation() {}
  }
  class EventTarget {
    constructor() { this._listeners = new SafeMap(); }
    addEventListener(type, listener, options) {
      if (listener === null || listener === undefined) return;
      const key = StringOf(type);
      let list = this._listeners.get(key);
      if (list === undefined) { list = []; this._listeners.set(key, list); }
      for (let i = 0; i < list.length; i++) if (list[i].listener === listener) return;
      ArrayPrototypePush(list, { listener, once: !!(options && typeof options === 'object' && options.once) });
    }
    removeEventListener(type, listener) {
      const list = this._listeners.get(StringOf(type));
      if (list === undefined) return;
      for (let i = 0; i < list.length; i++) if (list[i].listener === listener) { ArrayPrototypeSplice(list, i, 1); return; }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw new TypeErrorCtor('The "event" argument must be an instance of Event');
      event._target = this;
      const handler = this['on' + event.type];
      if (typeof handler === 'function') callListener(handler, this, event);
      const list = this._listeners.get(event.type);
      if (list !== undefined) {
        const snapshot = [];
        for (let i = 0; i < list.length; i++) ArrayPrototypePush(snapshot, list[i]);
        for (let i = 0; i < snapshot.length; i++) {
          if (snapshot[i].once) this.removeEventListener(event.type, snapshot[i].listener);
          const l = snapshot[i].listener;
          if (typeof l === 'function') callListener(l, this, event);
          else if (l && typeof l.handleEvent === 'function') callListener(l.handleEvent, l, event);
        }
      }
      return !event.defaultPrevented;
    }
  }
  // A listener that throws is reported after the dispatch, as in Node (an uncaught exception).
  function callListener(fn, thisArg, event) {
    try { ReflectApply(fn, thisArg, [event]); } catch (e) { addTimer(() => { throw e; }, 0, [], false); }
  }

  // ---- AbortSignal / AbortController ---------------------------------------------------------
  class AbortSignal extends EventTarget {
    constructor(key) {
      if (key !== INTERNAL) throw new TypeErrorCtor('Illegal constructor');
      super();
      this._aborted = false; this._reason = undefined; this._deadline = undefined; this.onabort = null;
    }
    get aborted() { return this._aborted; }
    get reason() { return this._reason; }
    throwIfAborted() { if (this._aborted) throw this._reason; }
    get [SymbolToStringTag]() { return 'AbortSignal'; }
    _abort(reason) {
      if (this._aborted) return;
      this._aborted = true;
      this._reason = reason === undefined ? abortError() : reason;
      this.dispatchEvent(new Event('abort'));
    }
    // Milliseconds until a timeout signal (or one that follows one) aborts by itself; -1 when none.
    _remaining() { return this._deadline === undefined ? -1 : MathMax(0, this._deadline - DateNow()); }
    _expireIfDue() { if (!this._aborted && this._deadline !== undefined && DateNow() >= this._deadline) this._abort(timeoutError()); }
    static abort(reason) { const s = new AbortSignal(INTERNAL); s._abort(reason); return s; }
    static timeout(ms) {
      const delay = +ms;
      if (!(delay >= 0) || delay > 4294967295) throw new RangeErrorCtor('The value of "delay" is out of range. It must be >= 0 && <= 4294967295');
      const s = new AbortSignal(INTERNAL);
      s._deadline = DateNow() + delay;
      // unreferenced, as in Node: a pending timeout signal does not keep the execution waiting
      addTimer(() => s._abort(timeoutError()), delay, [], false, false);
      return s;
    }
    static any(signals) {
      const s = new AbortSignal(INTERNAL);
      const list = [];
      iterate(signals, (signal) => {
        if (!(signal instanceof AbortSignal)) throw new TypeErrorCtor('The "signals" argument must be an iterable of AbortSignal');
        ArrayPrototypePush(list, signal);
      });
      for (let i = 0; i < list.length; i++) {
        if (list[i]._aborted) { s._abort(list[i]._reason); return s; }
      }
      for (let i = 0; i < list.length; i++) {
        const signal = list[i];
        if (signal._deadline !== undefined) s._deadline = s._deadline === undefined ? signal._deadline : MathMin(s._deadline, signal._deadline);
        signal.addEventListener('abort', () => s._abort(signal._reason), { once: true });
      }
      return s;
    }
  }
  class AbortController {
    constructor() { this._signal = new AbortSignal(INTERNAL); }
    get signal() { return this._signal; }
    abort(reason) { this._signal._abort(reason); }
  }

  // ---- Blob / FormData -------------------------------------------------------------------------
  function partBytes(part) {
    if (part instanceof Blob) return part._bytes;
    if (part instanceof ArrayBufferCtor) return new Uint8ArrayCtor(part);
    if (ArrayBufferIsView(part)) return copyOf(viewBytes(part));
    return utf8Encode(StringOf(part));
  }
  class Blob {
    constructor(parts, options) {
      const chunks = [];
      if (parts !== undefined) iterate(parts, (part) => ArrayPrototypePush(chunks, partBytes(part)));
      this._bytes = concatBytes(chunks);
      const type = options && options.type !== undefined ? StringOf(options.type) : '';
      this._type = RegExpPrototypeExec(/^[\x20-\x7e]*$/, type) !== null ? StringPrototypeToLowerCase(type) : '';
    }
    get size() { return TypedArrayPrototypeLengthGetter(this._bytes); }
    get type() { return this._type; }
    get [SymbolToStringTag]() { return 'Blob'; }
    async text() { return utf8Decode(this._bytes); }
    async arrayBuffer() { return toArrayBuffer(this._bytes); }
    async bytes() { return copyOf(this._bytes); }
    slice(start, end, type) {
      const size = this.size;
      const from = start === undefined ? 0 : start < 0 ? MathMax(size + start, 0) : MathMin(start, size);
      const to = end === undefined ? size : end < 0 ? MathMax(size + end, 0) : MathMin(end, size);
      const b = new Blob([], { type: type === undefined ? '' : type });
      b._bytes = copyOf(TypedArrayPrototypeSubarray(this._bytes, from, MathMax(from, to)));
      return b;
    }
  }
  class File extends Blob {
    constructor(parts, name, options) {
      super(parts, options);
      this._name = StringOf(name);
      this._lastModified = options && options.lastModified !== undefined ? +options.lastModified : DateNow();
    }
    get name() { return this._name; }
    get lastModified() { return this._lastModified; }
    get [SymbolToStringTag]() { return 'File'; }
  }
  class FormData {
    constructor(form) {
      if (form !== undefined) throw new TypeErrorCtor('FormData does not take a form element here');
      this._entries = [];
    }
    static _entry(name, value, filename) {
      if (value instanceof Blob) {
        const file = value instanceof File && filename === undefined ? value
          : new File([value], filename !== undefined ? filename : value instanceof File ? value.name : 'blob', { type: value.type });
        return [StringOf(name), file];
      }
      return [StringOf(name), StringOf(value)];
    }
    append(name, value, filename) { ArrayPrototypePush(this._entries, FormData._entry(name, value, filename)); }
    set(name, value, filename) {
      const entry = FormData._entry(name, value, filename);
      const out = [];
      let placed = false;
      for (let i = 0; i < this._entries.length; i++) {
        if (this._entries[i][0] !== entry[0]) ArrayPrototypePush(out, this._entries[i]);
        else if (!placed) { ArrayPrototypePush(out, entry); placed = true; }
      }
      if (!placed) ArrayPrototypePush(out, entry);
      this._entries = out;
    }
    get(name) { const n = StringOf(name); for (let i = 0; i < this._entries.length; i++) if (this._entries[i][0] === n) return this._entries[i][1]; return null; }
    getAll(name) { const n = StringOf(name); const out = []; for (let i = 0; i < this._entries.length; i++) if (this._entries[i][0] === n) ArrayPrototypePush(out, this._entries[i][1]); return out; }
    has(name) { return this.get(name) !== null; }
    delete(name) { const n = StringOf(name); const out = []; for (let i = 0; i < this._entries.length; i++) if (this._entries[i][0] !== n) ArrayPrototypePush(out, this._entries[i]); this._entries = out; }
    forEach(fn, thisArg) { for (let i = 0; i < this._entries.length; i++) ReflectApply(fn, thisArg, [this._entries[i][1], this._entries[i][0], this]); }
    entries() { const out = []; for (let i = 0; i < this._entries.length; i++) ArrayPrototypePush(out, [this._entries[i][0], this._entries[i][1]]); return ArrayPrototypeValues(out); }
    keys() { const out = []; for (let i = 0; i < this._entries.length; i++) ArrayPrototypePush(out, this._entries[i][0]); return ArrayPrototypeValues(out); }
    values() { const out = []; for (let i = 0; i < this._entries.length; i++) ArrayPrototypePush(out, this._entries[i][1]); return ArrayPrototypeValues(out); }
    [SymbolIterator]() { return this.entries(); }
    get [SymbolToStringTag]() { return 'FormData'; }
  }
  function multipart(form) {
    let boundary = '----openactions';
    for (let i = 0; i < 24; i++) boundary += '0123456789abcdef'[MathFloor(P.MathRandom() * 16)];
    const escape = (s) => {
      let out = '';
      for (let i = 0; i < s.length; i++) { const c = s[i]; out += c === '"' ? '%22' : c === '\r' ? '%0D' : c === '\n' ? '%0A' : c; }
      return out;
    };
    const chunks = [];
    for (let i = 0; i < form._entries.length; i++) {
      const name = form._entries[i][0];
      const value = form._entries[i][1];
      let head = '--' + boundary + '\r\nContent-Disposition: form-data; name="' + escape(name) + '"';
      if (value instanceof Blob) {
        head += '; filename="' + escape(value.name) + '"\r\nContent-Type: ' + (value.type || 'application/octet-stream') + '\r\n\r\n';
        ArrayPrototypePush(chunks, utf8Encode(head)); ArrayPrototypePush(chunks, value._bytes);
      } else {
        ArrayPrototypePush(chunks, utf8Encode(head + '\r\n\r\n' + value));
      }
      ArrayPrototypePush(chunks, utf8Encode('\r\n'));
    }
    ArrayPrototypePush(chunks, utf8Encode('--' + boundary + '--\r\n'));
    return { bytes: concatBytes(chunks), type: 'multipart/form-data; boundary=' + boundary };
  }

  // ---- Headers ---------------------------------------------------------------------------------
  function headerName(name) {
    const n = StringPrototypeToLowerCase(StringOf(name));
    if (RegExpPrototypeExec(/^[!#$%&'*+\-.^_`|~0-9a-z]+$/, n) === null) throw new TypeErrorCtor('Invalid header name: "' + StringOf(name) + '"');
    return n;
  }
  function headerValue(value) {
    const v = StringPrototypeTrim(StringOf(value));
    if (StringPrototypeIndexOf(v, '\n') >= 0 || StringPrototypeIndexOf(v, '\r') >= 0 || StringPrototypeIndexOf(v, '\0') >= 0) {
      throw new TypeErrorCtor('Invalid header value');
    }
    return v;
  }
  class Headers {
    constructor(init) {
      this._list = [];
      if (init === undefined || init === null) return;
      if (init instanceof Headers) {
        for (let i = 0; i < init._list.length; i++) ArrayPrototypePush(this._list, [init._list[i][0], init._list[i][1]]);
      } else if (isIterable(init)) {
        iterate(init, (pair) => {
          const items = [];
          iterate(pair, (x) => ArrayPrototypePush(items, x));
          if (items.length !== 2) throw new TypeErrorCtor('Headers constructor: expected name/value pairs');
          this.append(items[0], items[1]);
        });
      } else if (typeof init === 'object') {
        const keys = ObjectKeys(init);
        for (let i = 0; i < keys.length; i++) this.append(keys[i], init[keys[i]]);
      } else {
        throw new TypeErrorCtor('Headers constructor: expected an object or name/value pairs');
      }
    }
    append(name, value) { ArrayPrototypePush(this._list, [headerName(name), headerValue(value)]); }
    set(name, value) {
      const n = headerName(name);
      const v = headerValue(value);
      const out = [];
      let placed = false;
      for (let i = 0; i < this._list.length; i++) {
        if (this._list[i][0] !== n) ArrayPrototypePush(out, this._list[i]);
        else if (!placed) { ArrayPrototypePush(out, [n, v]); placed = true; }
      }
      if (!placed) ArrayPrototypePush(out, [n, v]);
      this._list = out;
    }
    delete(name) {
      const n = headerName(name);
      const out = [];
      for (let i = 0; i < this._list.length; i++) if (this._list[i][0] !== n) ArrayPrototypePush(out, this._list[i]);
      this._list = out;
    }
    get(name) {
      const n = headerName(name);
      let value = null;
      for (let i = 0; i < this._list.length; i++) if (this._list[i][0] === n) value = value === null ? this._list[i][1] : value + ', ' + this._list[i][1];
      return value;
    }
    getSetCookie() {
      const out = [];
      for (let i = 0; i < this._list.length; i++) if (this._list[i][0] === 'set-cookie') ArrayPrototypePush(out, this._list[i][1]);
      return out;
    }
    has(name) { const n = headerName(name); for (let i = 0; i < this._list.length; i++) if (this._list[i][0] === n) return true; return false; }
    // The sorted and combined view the spec iterates (set-cookie values stay separate).
    _pairs() {
      const names = [];
      for (let i = 0; i < this._list.length; i++) {
        let seen = false;
        for (let j = 0; j < names.length; j++) if (names[j] === this._list[i][0]) seen = true;
        if (!seen) ArrayPrototypePush(names, this._list[i][0]);
      }
      ArrayPrototypeSort(names);
      const out = [];
      for (let i = 0; i < names.length; i++) {
        if (names[i] === 'set-cookie') {
          const cookies = this.getSetCookie();
          for (let j = 0; j < cookies.length; j++) ArrayPrototypePush(out, ['set-cookie', cookies[j]]);
        } else {
          ArrayPrototypePush(out, [names[i], this.get(names[i])]);
        }
      }
      return out;
    }
    forEach(fn, thisArg) { const pairs = this._pairs(); for (let i = 0; i < pairs.length; i++) ReflectApply(fn, thisArg, [pairs[i][1], pairs[i][0], this]); }
    entries() { return ArrayPrototypeValues(this._pairs()); }
    keys() { const pairs = this._pairs(); const out = []; for (let i = 0; i < pairs.length; i++) ArrayPrototypePush(out, pairs[i][0]); return ArrayPrototypeValues(out); }
    values() { const pairs = this._pairs(); const out = []; for (let i = 0; i < pairs.length; i++) ArrayPrototypePush(out, pairs[i][1]); return ArrayPrototypeValues(out); }
    [SymbolIterator]() { return this.entries(); }
    get [SymbolToStringTag]() { return 'Headers'; }
  }

  // ---- bodies ----------------------------------------------------------------------------------
  // A body as bytes plus the content type it implies: string, URLSearchParams, FormData, Blob,
  // ArrayBuffer or a view of one.
  function extractBody(body) {
    if (body === undefined || body === null) return { bytes: null, type: null };
    if (typeof body === 'string') return { bytes: utf8Encode(body), type: 'text/plain;charset=UTF-8' };
    if (body instanceof URLSearchParams) return { bytes: utf8Encode(ReflectApply(URLSearchParamsToString, body, [])), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    if (body instanceof FormData) return multipart(body);
    if (body instanceof Blob) return { bytes: body._bytes, type: body.type || null };
    if (body instanceof ArrayBufferCtor) return { bytes: new Uint8ArrayCtor(body), type: null };
    if (ArrayBufferIsView(body)) return { bytes: copyOf(viewBytes(body)), type: null };
    return { bytes: utf8Encode(StringOf(body)), type: 'text/plain;charset=UTF-8' };
  }
  // Body reading shared by Request and Response: once only, and not after the signal aborted.
  const bodyMethods = {
    get bodyUsed() { return this._bodyUsed; },
    get body() { return null; },
    _consume() {
      if (this._signal && this._signal.aborted) throw this._signal.reason;
      if (this._bodyUsed) throw new TypeErrorCtor('Body is unusable: Body has already been read');
      this._bodyUsed = true;
      return this._bytes === null ? new Uint8ArrayCtor(0) : this._bytes;
    },
    async text() { return utf8Decode(this._consume()); },
    async json() { return JSONParse(utf8Decode(this._consume())); },
    async arrayBuffer() { return toArrayBuffer(this._consume()); },
    async bytes() { return copyOf(this._consume()); },
    async blob() {
      const bytes = this._consume();
      const b = new Blob([], { type: this.headers.get('content-type') || '' });
      b._bytes = copyOf(bytes);
      return b;
    },
    async formData() {
      const text = utf8Decode(this._consume());
      const type = this.headers.get('content-type') || '';
      if (StringPrototypeIndexOf(StringPrototypeToLowerCase(type), 'application/x-www-form-urlencoded') < 0) {
        throw new TypeErrorCtor('formData() only reads application/x-www-form-urlencoded bodies here');
      }
      const form = new FormData();
      new URLSearchParams(text).forEach((v, k) => form.append(k, v));
      return form;
    },
  };
  function mixBody(cls) {
    const names = ['bodyUsed', 'body', '_consume', 'text', 'json', 'arrayBuffer', 'bytes', 'blob', 'formData'];
    for (let i = 0; i < names.length; i++) {
      ObjectDefineProperty(cls.prototype, names[i], P.ObjectGetOwnPropertyDescriptor(bodyMethods, names[i]));
    }
  }

  // ---- Request -------------------------------------------------------------------------------
  const NO_SIGNAL = new AbortSignal(INTERNAL);
  class Request {
    constructor(input, init) {
      const options = init || {};
      const from = input instanceof Request ? input : null;
      this._url = from ? from._url : StringOf(input);
      this._method = StringPrototypeToUpperCase(StringOf(options.method !== undefined ? options.method : from ? from._method : 'GET'));
      if (RegExpPrototypeExec(/^[!#$%&'*+\-.^_`|~0-9A-Z]+$/, this._method) === null) throw new TypeErrorCtor("'" + this._method + "' is not a valid HTTP method.");
      this.headers = new Headers(options.headers !== undefined ? options.headers : from ? from.headers : undefined);
      if (options.body !== undefined && options.body !== null) {
        if (this._method === 'GET' || this._method === 'HEAD') throw new TypeErrorCtor('Request with GET/HEAD method cannot have body.');
        const body = extractBody(options.body);
        this._bytes = body.bytes;
        if (body.type !== null && !this.headers.has('content-type')) this.headers.set('content-type', body.type);
      } else {
        this._bytes = from ? from._bytes : null;
      }
      const signal = options.signal !== undefined ? options.signal : from ? from._signal : null;
      if (signal !== null && signal !== undefined && !(signal instanceof AbortSignal)) {
        throw new TypeErrorCtor('The "signal" argument must be an instance of AbortSignal');
      }
      this._signal = signal || null;
      this._redirect = options.redirect !== undefined ? StringOf(options.redirect) : from ? from._redirect : 'follow';
      this._bodyUsed = false;
    }
    get url() { return this._url; }
    get method() { return this._method; }
    get signal() { return this._signal || NO_SIGNAL; }
    get redirect() { return this._redirect; }
    clone() {
      if (this._bodyUsed) throw new TypeErrorCtor('Request.clone: Body has already been consumed.');
      return new Request(this);
    }
    get [SymbolToStringTag]() { return 'Request'; }
  }
  mixBody(Request);

  // ---- Response ------------------------------------------------------------------------------
  class Response {
    constructor(body, init) {
      const options = init || {};
      const status = options.status === undefined ? 200 : +options.status;
      if (!(status >= 200 && status <= 599) || MathFloor(status) !== status) {
        throw new RangeErrorCtor('init["status"] must be in the range of 200 to 599, inclusive.');
      }
      this._status = status;
      this._statusText = options.statusText === undefined ? '' : StringOf(options.statusText);
      this.headers = new Headers(options.headers);
      const extracted = extractBody(body);
      this._bytes = extracted.bytes;
      if (extracted.type !== null && !this.headers.has('content-type')) this.headers.set('content-type', extracted.type);
      this._url = '';
      this._redirected = false;
      this._type = 'default';
      this._signal = null;
      this._bodyUsed = false;
    }
    static _fromHost(outcome, signal) {
      const r = new Response(null, { status: 200 });
      r._status = outcome.status;
      r._statusText = '';
      const headers = new Headers();
      const names = outcome.headers ? ObjectKeys(outcome.headers) : [];
      for (let i = 0; i < names.length; i++) {
        try { headers.append(names[i], outcome.headers[names[i]]); } catch (e) { /* a header the WHATWG rules refuse is left out */ }
      }
      r.headers = headers;
      r._bytes = typeof outcome.body64 === 'string' ? base64ToBytes(outcome.body64) : new Uint8ArrayCtor(0);
      r._url = outcome.url;
      r._redirected = outcome.redirected === true;
      r._type = 'basic';
      r._signal = signal;
      return r;
    }
    static json(data, init) {
      const text = JSONStringify(data);
      if (text === undefined) throw new TypeErrorCtor('Value is not JSON serializable');
      const options = init || {};
      const headers = new Headers(options.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return new Response(text, { status: options.status, statusText: options.statusText, headers });
    }
    static error() { const r = new Response(null); r._status = 0; r._type = 'error'; return r; }
    static redirect(url, status) {
      const code = status === undefined ? 302 : status;
      if (code !== 301 && code !== 302 && code !== 303 && code !== 307 && code !== 308) throw new RangeErrorCtor('Invalid status code ' + code);
      const r = new Response(null, { status: code, headers: { location: StringOf(url) } });
      return r;
    }
    get status() { return this._status; }
    get ok() { return this._status >= 200 && this._status < 300; }
    get statusText() { return this._statusText; }
    get url() { return this._url; }
    get redirected() { return this._redirected; }
    get type() { return this._type; }
    clone() {
      if (this._bodyUsed) throw new TypeErrorCtor('Response.clone: Body has already been consumed.');
      const r = new Response(null, { status: 200 });
      r._status = this._status; r._statusText = this._statusText; r.headers = new Headers(this.headers);
      r._bytes = this._bytes; r._url = this._url; r._redirected = this._redirected; r._type = this._type; r._signal = this._signal;
      return r;
    }
    get [SymbolToStringTag]() { return 'Response'; }
  }
  mixBody(Response);

  // ---- fetch -----------------------------------------------------------------------------------
  async function fetch(input, init) {
    const request = new Request(input, init);
    const signal = request._signal;
    if (signal !== null) {
      signal._expireIfDue();
      if (signal.aborted) throw signal.reason;
    }
    const headers = {};
    const pairs = request.headers._pairs();
    for (let i = 0; i < pairs.length; i++) headers[pairs[i][0]] = ObjectPrototypeHasOwnProperty(headers, pairs[i][0]) ? headers[pairs[i][0]] + ', ' + pairs[i][1] : pairs[i][1];
    const outcome = JSONParse(hostFetch(JSONStringify({
      url: request._url,
      method: request._method,
      headers,
      body64: request._bytes === null ? null : bytesToBase64(request._bytes),
      timeout_ms: signal === null ? -1 : signal._remaining(),
    })));
    if (signal !== null) {
      signal._expireIfDue();
      if (signal.aborted) throw signal.reason;
    }
    if (outcome.error) {
      const error = new TypeErrorCtor('fetch failed: ' + outcome.error);
      error.cause = { message: outcome.error };
      throw error;
    }
    const response = Response._fromHost(outcome, signal);
    // Honour an abort that happens before the response is awaited: an already aborted signal rejects.
    await undefined;
    if (signal !== null && signal.aborted) throw signal.reason;
    return response;
  }

  global.fetch = fetch;
  global.Headers = Headers;
  global.Request = Request;
  global.Response = Response;
  global.AbortController = AbortController;
  global.AbortSignal = AbortSignal;
  global.Event = Event;
  global.EventTarget = EventTarget;
  global.Blob = Blob;
  global.File = File;
  global.FormData = FormData;
})(globalThis);
