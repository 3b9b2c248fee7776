// Node's standard library for action sandboxes, from the browser polyfills that browserify and
// webpack use (well kept, widely used). esbuild bundles this file into runtime/node-builtins.js;
// npm-loader.js calls each factory the first time an action requires the module, so an action pays
// only for what it uses. crypto, http(s), timers and the modules without real access (fs, net, ...)
// are the platform's own, in npm-loader.js.
'use strict';
const { Buffer } = require('buffer');

// buffer@6 predates Node's 'base64url' encoding; the platform's code and common packages use it.
const toBase64Url = (b64) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text) => String(text).replace(/-/g, '+').replace(/_/g, '/');
const originalToString = Buffer.prototype.toString;
Buffer.prototype.toString = function toString(encoding, start, end) {
  if (typeof encoding === 'string' && encoding.toLowerCase() === 'base64url') {
    return toBase64Url(originalToString.call(this, 'base64', start, end));
  }
  return originalToString.apply(this, arguments);
};
const originalFrom = Buffer.from;
Buffer.from = function from(value, encoding, length) {
  if (typeof value === 'string' && typeof encoding === 'string' && encoding.toLowerCase() === 'base64url') {
    return originalFrom.call(Buffer, fromBase64Url(value), 'base64');
  }
  return originalFrom.apply(Buffer, arguments);
};
const originalIsEncoding = Buffer.isEncoding;
Buffer.isEncoding = (encoding) => String(encoding).toLowerCase() === 'base64url' || originalIsEncoding(encoding);

// A plain global property (not a `var`), so that npm-loader.js can take it and delete it.
globalThis.__openactions_node_builtins = {
  Buffer,
  factories: {
    assert: () => require('assert'),
    buffer: () => require('buffer'),
    events: () => require('events'),
    os: () => require('os-browserify/browser'),
    path: () => require('path-browserify'),
    punycode: () => require('punycode/'),
    querystring: () => require('querystring-es3'),
    stream: () => require('stream-browserify'),
    string_decoder: () => require('string_decoder/'),
    url: () => require('url/'),
    util: () => require('util/'),
    zlib: () => {
      // browserify-zlib predates zlib.constants (Node 7); packages read their flush flags from it.
      const zlib = require('browserify-zlib');
      if (!zlib.constants) {
        const constants = {};
        for (const key of Object.keys(zlib)) if (/^Z_/.test(key) && typeof zlib[key] === 'number') constants[key] = zlib[key];
        zlib.constants = Object.freeze(constants);
      }
      return zlib;
    },
  },
};
