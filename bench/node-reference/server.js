#!/usr/bin/env node
// Node.js reference executor for the benchmarks (issue 8): what a team would otherwise build — a
// plain Node HTTP server running the same three post-login actions on Node's `vm`, with the
// executor's HTTP contract (POST /api/v1/flows/post-login, {"event": {...}} in, FlowResult out for
// the fields these actions touch). No npm dependencies, so it runs offline.
//
//   node server.js --port 8090 --mode reused|fresh [--workers N] [--actions actions.json]
//
// Modes:
//   fresh  — a new vm context per execution: the driver and the action module are evaluated in it
//            every time (compiled vm.Script objects are reused, as a real implementation would);
//   reused — one context per action, prepared once (module scope carries over, like Auth0 and
//            like the executor's context pool); each execution calls straight into the handler.
// Like the executor, only JSON strings cross into a context (the event in, the report out), so a
// context never holds host objects. Unlike the executor, there is no time or allocation watchdog,
// no console capture limit and no execution record published to Kafka: Node gets the lighter job.
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

async function runFlow(event) {
  const base = { ...event, tenant: { id: 'default' }, secrets: {}, configuration: {} };
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
        const json = JSON.stringify(await runFlow(body.event));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      } catch (e) {
        problem(res, 500, 'internal error');
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1');
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
