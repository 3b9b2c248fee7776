// Node's `http` and `https` modules for npm packages, over the platform's fetch: every request goes
// through the host's outbound HTTP with its SSRF rules, timeout, size cap and per-execution request
// count. A ClientRequest is a Writable that collects the body; on end() the request is sent from a
// macrotask (so it is pending work of the event loop, like a socket in Node) and the response is an
// IncomingMessage, a Readable of the whole body. Redirects are not followed by http(s) (Node does
// not either); the host answers the first response.
'use strict';
(function (global) {
  const factories = global.__openactions_node_builtins.factories;
  const modules = new Map();
  const RESTRICTED = new Set(['host', 'connection', 'content-length', 'expect', 'upgrade', 'transfer-encoding', 'keep-alive']);

  global.__openactions_http = function (defaultProtocol) {
    if (modules.has(defaultProtocol)) return modules.get(defaultProtocol);
    const { Writable, Readable } = factories.stream();
    const EventEmitter = factories.events();
    const { Buffer } = factories.buffer();

    class Agent extends EventEmitter {
      constructor(options) { super(); this.options = Object.assign({}, options); this.maxSockets = Infinity; this.sockets = {}; this.requests = {}; this.freeSockets = {}; this.keepAlive = !!this.options.keepAlive; }
      destroy() {}
    }
    const globalAgent = new Agent();

    // What request() code reads of a socket; there is no socket to reach.
    class FakeSocket extends EventEmitter {
      constructor(encrypted) { super(); this.encrypted = encrypted; this.authorized = encrypted; this.connecting = false; this._connecting = false; this.remoteAddress = undefined; }
      setTimeout() { return this; } setNoDelay() { return this; } setKeepAlive() { return this; } ref() { return this; } unref() { return this; }
      destroy() { return this; } end() { return this; } address() { return {}; } getPeerCertificate() { return {}; }
    }

    class IncomingMessage extends Readable {
      constructor(outcome, socket) {
        super();
        this.statusCode = outcome.status;
        this.statusMessage = outcome.statusText || '';
        this.httpVersion = '1.1'; this.httpVersionMajor = 1; this.httpVersionMinor = 1;
        this.headers = {}; this.rawHeaders = [];
        for (const [k, v] of Object.entries(outcome.headers || {})) {
          this.headers[k] = k === 'set-cookie' ? String(v).split(/,\s*(?=[^;,]+=)/) : v;
          this.rawHeaders.push(k, String(v));
        }
        this.trailers = {}; this.rawTrailers = [];
        this.socket = socket; this.connection = socket; this.complete = false;
        this._body = Buffer.from(outcome.body || '', 'utf8');
        this._sent = false;
      }
      _read() {
        if (this._sent) return;
        this._sent = true;
        if (this._body.length > 0) this.push(this._body);
        this.complete = true;
        this.push(null);
      }
      setTimeout(ms, fn) { if (fn) this.once('timeout', fn); return this; }
    }

    class ClientRequest extends Writable {
      constructor(url, options, callback) {
        super();
        this._url = url; this.method = options.method; this.path = url.pathname + url.search; this.host = url.hostname; this.protocol = url.protocol;
        this._headers = {};
        for (const [k, v] of Object.entries(options.headers || {})) if (v !== undefined) this._headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
        this._chunks = []; this.aborted = false; this.finished = false; this.reusedSocket = false;
        this.socket = new FakeSocket(url.protocol === 'https:'); this.connection = this.socket;
        if (typeof callback === 'function') this.once('response', callback);
        if (options.timeout) this.setTimeout(options.timeout);
        queueMicrotask(() => this.emit('socket', this.socket));
        this.once('finish', () => { this.finished = true; global.setTimeout(() => this._send(), 0); });
      }
      _write(chunk, encoding, done) { this._chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding)); done(); }
      setHeader(name, value) { this._headers[String(name).toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value); return this; }
      getHeader(name) { return this._headers[String(name).toLowerCase()]; }
      getHeaders() { return Object.assign({}, this._headers); }
      getHeaderNames() { return Object.keys(this._headers); }
      hasHeader(name) { return Object.prototype.hasOwnProperty.call(this._headers, String(name).toLowerCase()); }
      removeHeader(name) { delete this._headers[String(name).toLowerCase()]; }
      flushHeaders() {}
      setNoDelay() {} setSocketKeepAlive() {}
      setTimeout(ms, fn) { if (fn) this.once('timeout', fn); return this; } // the host's request timeout applies
      abort() { this.aborted = true; this.destroy(); }
      _destroy(error, done) { this.aborted = true; done(error); }
      _send() {
        if (this.aborted || this.destroyed) return;
        const headers = {};
        for (const [k, v] of Object.entries(this._headers)) if (!RESTRICTED.has(k)) headers[k] = v;
        const body = this._chunks.length ? Buffer.concat(this._chunks).toString('utf8') : null;
        // Only the standard Response surface (status, headers, text()): the platform's fetch may change inside.
        global.fetch(this._url.href, { method: this.method, headers, body })
          .then((response) => response.text().then((text) => ({ response, text })))
          .then(({ response, text }) => {
          const outcome = { status: response.status, statusText: response.statusText, headers: {}, body: text };
          response.headers.forEach((v, k) => { outcome.headers[k] = v; });
          const message = new IncomingMessage(outcome, this.socket);
          message.req = this;
          this.res = message;
          try {
            if (!this.emit('response', message)) message.resume();
          } catch (e) {
            global.__openactions_uncaught(e);
          }
        }, (error) => {
          const e = new Error(String(error && error.message || error).replace(/^fetch failed: /, ''));
          e.code = /timed out/.test(e.message) ? 'ETIMEDOUT' : 'ECONNREFUSED';
          try {
            this.destroy(e);
          } catch (thrown) {
            global.__openactions_uncaught(thrown);
          }
        });
      }
    }

    function toUrl(input, options) {
      if (typeof input === 'string') return new global.URL(input);
      if (input instanceof global.URL) return input;
      const o = input || {};
      const protocol = o.protocol || options.protocol || defaultProtocol;
      const host = o.hostname || (o.host ? String(o.host).replace(/:\d+$/, '') : 'localhost');
      const port = o.port || (o.host && /:(\d+)$/.test(o.host) ? /:(\d+)$/.exec(o.host)[1] : '');
      return new global.URL(protocol + '//' + (host.includes(':') ? '[' + host + ']' : host) + (port ? ':' + port : '') + (o.path || '/'));
    }
    function request(input, options, callback) {
      if (typeof options === 'function') { callback = options; options = {}; }
      options = options || {};
      const merged = typeof input === 'object' && !(input instanceof global.URL) ? Object.assign({}, input, options) : options;
      const url = toUrl(input, merged);
      if (url.protocol !== defaultProtocol) {
        const e = new TypeError('Protocol "' + url.protocol + '" not supported. Expected "' + defaultProtocol + '"');
        e.code = 'ERR_INVALID_PROTOCOL';
        throw e;
      }
      return new ClientRequest(url, { method: String(merged.method || 'GET').toUpperCase(), headers: merged.headers, timeout: merged.timeout }, callback);
    }
    function get(input, options, callback) {
      const req = request(input, options, callback);
      req.end();
      return req;
    }
    const STATUS_CODES = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
      400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
      500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
    const serverless = () => { throw new Error('http servers are not available in actions'); };
    const mod = Object.freeze({
      request, get, Agent, globalAgent, ClientRequest, IncomingMessage, STATUS_CODES, METHODS: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
      createServer: serverless, Server: serverless, maxHeaderSize: 16384,
    });
    modules.set(defaultProtocol, mod);
    return mod;
  };
})(globalThis);
