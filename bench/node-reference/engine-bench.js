#!/usr/bin/env node
// Node's side of the engine benchmarks (BENCHMARKS.md), the same small post-login action as the
// executor's WarmExecutionBenchmark and DeployBenchmark, on Node's `vm` with the reference driver:
//   reused  — warm execution on a context prepared once (module scope reused);
//   fresh   — a new context per execution (driver + module evaluated each time);
//   context — vm.createContext alone (an empty context, like the executor's bareContext);
//   deploy  — first execution of a never-seen version: compile new code, new context, run.
// Prints one JSON object with microseconds per operation (mean; p50 for deploy).
//   node engine-bench.js [--seconds 3]
'use strict';
const vm = require('node:vm');
const { prepareContext, moduleScript } = require('./driver.js');

const i = process.argv.indexOf('--seconds');
const seconds = i >= 0 ? Number(process.argv[i + 1]) : 3;
const EVENT = JSON.stringify({ user: { user_id: 'auth0|1', email: 'a@example.com', app_metadata: { plan: 'pro' } }, request: { ip: '198.51.100.7' } });
const CODE = "exports.onExecutePostLogin = async (event, api) => {\n  api.accessToken.setCustomClaim('https://example.com/plan', event.user.app_metadata.plan);\n};";

async function execute(context) {
  const report = JSON.parse(await context.__run('onExecutePostLogin', EVENT));
  if (report.error) throw new Error(report.error.message);
  return report;
}

// Warm-up then measurement, each `seconds` long; mean microseconds per operation.
async function measure(op) {
  for (const phase of ['warmup', 'measure']) {
    let n = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(seconds * 1e9));
    let now = start;
    while (now < end) {
      for (let k = 0; k < 50; k++) await op(n++);
      now = process.hrtime.bigint();
    }
    if (phase === 'measure') return Number(now - start) / 1e3 / n;
  }
}

async function deployP50() {
  const samples = [];
  for (let v = 1; v <= 120; v++) {
    const code = "const ALLOWED_PLANS = new Set(['free', 'pro', 'enterprise']);\nconst BUILD = " + v + ";\n"
      + "exports.onExecutePostLogin = async (event, api) => {\n"
      + "  const plan = ALLOWED_PLANS.has(event.user.app_metadata.plan) ? event.user.app_metadata.plan : 'free';\n"
      + "  api.accessToken.setCustomClaim('https://example.com/plan', plan);\n"
      + "  api.accessToken.setCustomClaim('https://example.com/build', BUILD);\n};";
    const t0 = process.hrtime.bigint();
    await execute(prepareContext(moduleScript(code, 'deployed')));
    const t1 = process.hrtime.bigint();
    if (v > 40) samples.push(Number(t1 - t0) / 1e3);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

(async () => {
  const script = moduleScript(CODE, 'warm');
  const warmContext = prepareContext(script);
  const result = {
    node: process.version,
    reused_us: await measure(() => execute(warmContext)),
    fresh_us: await measure(() => execute(prepareContext(script))),
    context_us: await measure(() => { vm.runInContext('1', vm.createContext({})); }),
    deploy_p50_us: await deployP50(),
  };
  console.log(JSON.stringify(result));
})();
