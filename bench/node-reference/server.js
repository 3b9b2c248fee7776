#!/usr/bin/env node
// Node.js reference executor for the benchmarks (BENCHMARKS.md): what a team would otherwise build — a
// plain Node HTTP server running the same three post-login actions on Node's `vm`, with the
// executor's HTTP contract (POST /api/v1/flows/post-login, {"event": {...}} in, FlowResult out for
// the fields these actions touch).
//
//   node server.js --port 8090 --mode reused|fresh [--workers N] [--actions actions.json]
//                  [--verify-key public.pem --issuer URL --audience URL --kafka host:port]
//
// Same work (--verify-key and --kafka, used by bench/run.sh as "node-same-work"): what the executor
// also does per flow — verify the bearer JWT (RS256 with node:crypto on every request, no cache,
// the same claims checked: signature, exp/nbf, iss, aud, scope execute:flows, the tenant claim) and
// publish an execution record to actions.executions on the same Kafka broker (kafkajs, the only npm
// dependency, with its defaults: acks=-1, one send per flow, not awaited by the response).
//
// Modes:
//   fresh  — a new vm context per execution: the driver and the action module are evaluated in it
//            every time (compiled vm.Script objects are reused, as a real implementation would);
//   reused — one context per action, prepared once (module scope carries over, like Auth0 and
//            like the executor's context pool); each execution calls straight into the handler.
// Like the executor, only JSON strings cross into a context (the event in, the report out), so a
// context never holds host objects. Unlike the executor, there is no time or allocation watchdog
// and no console capture limit; without --verify-key/--kafka there is also no token check and no
// execution record: the bare mode gets the lighter job.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const cluster = require('node:cluster');

function option(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(option('port', '8090'));
const mode = option('mode', 'reused');
const workers = Number(option('workers', '1'));
const actionsFile = option('actions', path.join(__dirname, 'actions.json'));
if (mode !== 'fresh' && mode !== 'reused') {
  console.error('--mode must be fresh or reused');
  process.exit(2);
}

const { prepareContext, moduleScript } = require('./driver.js');
const verifyKeyFile = option('verify-key', null);
const issuer = option('issuer', null);
const audience = option('audience', null);
const kafkaBootstrap = option('kafka', null);
const TENANT_CLAIM = 'https://openactions.dev/tenant';
const verifyKey = verifyKeyFile ? crypto.createPublicKey(fs.readFileSync(verifyKeyFile)) : null;

const actions = JSON.parse(fs.readFileSync(actionsFile, 'utf8')).map((a) => ({
  ...a,
  script: moduleScript(a.code, a.action_name),
}));

function prepare(action) {
  return prepareContext(action.script);
}

const reused = mode === 'reused' ? actions.map(prepare) : null;

async function runAction(index, eventJson) {
  const context = reused ? reused[index] : prepare(actions[index]);
  return JSON.parse(await context.__run('onExecutePostLogin', eventJson));
}

function emptyEffects() {
  return {
    access: { denied: false, reason: null, code: null, user_message: null },
    access_token: { claims: {}, scopes: { add: [], remove: [] } },
    id_token: { claims: {} },
    user: { user_metadata: {}, app_metadata: {} },
    transaction: { metadata: {} },
    redirect: null, multifactor: null, validation: null, session: null, authentication: null, saml_attributes: null,
  };
}

function applyEffect(effects, type, args) {
  switch (type) {
    case 'access.deny': effects.access.denied = true; effects.access.reason = args.reason; break;
    case 'accessToken.setCustomClaim': effects.access_token.claims[args.name] = args.value; break;
    case 'idToken.setCustomClaim': effects.id_token.claims[args.name] = args.value; break;
    case 'user.setAppMetadata': effects.user.app_metadata[args.key] = args.value; break;
    case 'user.setUserMetadata': effects.user.user_metadata[args.key] = args.value; break;
    default: break;
  }
}

// ---- same work: bearer token and execution record -------------------------------------------

/** The tenant of a valid bearer token, or null: RS256 signature, exp/nbf, iss, aud, scope, tenant. */
function verifiedTenant(authorization) {
  if (typeof authorization !== 'string' || !authorization.startsWith('Bearer ')) return null;
  const parts = authorization.slice(7).split('.');
  if (parts.length !== 3) return null;
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch (e) {
    return null;
  }
  if (!header || header.alg !== 'RS256' || !claims || typeof claims !== 'object') return null;
  const signed = crypto.verify('RSA-SHA256', Buffer.from(parts[0] + '.' + parts[1]), verifyKey, Buffer.from(parts[2], 'base64url'));
  if (!signed) return null;
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
  if (typeof claims.nbf === 'number' && claims.nbf > now + 60) return null;
  if (issuer && claims.iss !== issuer) return null;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (audience && !audiences.includes(audience)) return null;
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (!scopes.includes('execute:flows')) return null;
  const tenant = claims[TENANT_CLAIM];
  return typeof tenant === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(tenant) ? tenant : null;
}

let producer = null;

async function connectKafka() {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({ clientId: 'node-reference', brokers: [kafkaBootstrap], logLevel: logLevel.ERROR });
  producer = kafka.producer();
  await producer.connect();
}

function publishRecord(tenant, result) {
  const now = new Date().toISOString();
  const record = {
    id: result.execution_id, tenant_id: tenant, trigger_id: 'post-login', status: result.status, event_id: null,
    created_at: now, updated_at: now,
    results: result.results.map((r) => ({ action_id: r.action_id, action_name: r.action_name, version_id: r.action_id + '-v' + r.version,
      version_number: r.version, started_at: r.started_at, ended_at: r.ended_at, error: r.error ? r.error.msg : null, logs: [], error_stack: null })),
  };
  producer.send({ topic: 'actions.executions', messages: [{ key: tenant + '/' + record.id, value: JSON.stringify(record) }] })
    .catch((e) => console.error('execution record not published: ' + e.message));
}

async function runFlow(event, tenant = 'default') {
  const base = { ...event, tenant: { id: tenant }, secrets: {}, configuration: {} };
  const eventJson = JSON.stringify(base);
  const effects = emptyEffects();
  const commands = [];
  const results = [];
  let status = 'completed';
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i];
    const startedAt = new Date().toISOString();
    const report = await runAction(i, eventJson);
    const endedAt = new Date().toISOString();
    if (report.error) {
      results.push({ action_name: action.action_name, action_id: action.action_id, version: action.version_number,
        started_at: startedAt, ended_at: endedAt, error: { id: 'action_failed', msg: "The action '" + action.action_name + "' failed." } });
      status = 'failed';
      break;
    }
    results.push({ action_name: action.action_name, action_id: action.action_id, version: action.version_number,
      started_at: startedAt, ended_at: endedAt, error: null });
    for (const c of report.commands) {
      commands.push({ action: action.action_name, type: c.type, args: c.args });
      applyEffect(effects, c.type, c.args);
    }
    if (report.stopped) {
      status = 'denied';
      break;
    }
  }
  return { execution_id: crypto.randomUUID(), trigger: { id: 'post-login', version: 'v3' }, status, commands, effects,
    results, continuation: null };
}

function problem(res, status, detail) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title: http.STATUS_CODES[status], status, detail }));
}

function serve() {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/q/health/ready') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"UP"}');
      return;
    }
    if (req.method !== 'POST' || req.url !== '/api/v1/flows/post-login') {
      problem(res, 404, 'not found');
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let tenant = 'default';
      if (verifyKey) {
        tenant = verifiedTenant(req.headers.authorization);
        if (tenant === null) {
          problem(res, 401, 'a valid bearer token with scope execute:flows is required');
          return;
        }
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        problem(res, 400, 'the body is not JSON');
        return;
      }
      if (!body || typeof body.event !== 'object' || body.event === null || typeof body.event.user !== 'object') {
        problem(res, 400, 'event.user must be an object for post-login');
        return;
      }
      try {
        const result = await runFlow(body.event, tenant);
        if (producer) publishRecord(tenant, result);
        const json = JSON.stringify(result);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      } catch (e) {
        problem(res, 500, 'internal error');
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  const listen = () => server.listen(port, '127.0.0.1');
  if (kafkaBootstrap) {
    connectKafka().then(listen, (e) => { console.error('cannot connect to Kafka: ' + e.message); process.exit(1); });
  } else {
    listen();
  }
}

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (w, code) => { if (code !== 0) process.exit(code); });
  const stop = () => { for (const id in cluster.workers) cluster.workers[id].kill(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  serve();
}
