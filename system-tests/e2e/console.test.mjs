// Browser journeys of the web console against the real services (started by ConsoleBrowserTest):
// headless Debian Chromium driven by playwright-core. One browser, tests in order (they build on
// each other as the tutorial does).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

const REGISTRY = process.env.REGISTRY_URL;
const EXECUTOR = process.env.EXECUTOR_URL;
const FLOWS_TOKEN = process.env.FLOWS_TOKEN;
const OTHER_TOKEN = process.env.OTHER_TOKEN;
const SHOTS = process.env.SHOTS_DIR || 'target/console-screenshots';
const TIMEOUT = 60_000;
const run = randomUUID().slice(0, 8);
const SECRET = `s3cret-${randomUUID()}`;
const NAME = `journey-${run}`;
const FIRST = `first-${run}`;

let browser;
let page;
let managementToken;
const consoleProblems = [];
const state = {};

const CODE_V1 = `exports.onExecutePostLogin = async (event, api) => {
  const ms = require('ms');
  console.log('salt length ' + event.secrets.SALT.length + ', two days = ' + ms('2 days') + ' ms');
  api.accessToken.setCustomClaim('https://example.com/journey', 'v1');
};
`;
const CODE_V2 = CODE_V1.replace("'v1'", "'v2'");
const BROKEN = `exports.onExecutePostLogin = async (event, api) => {
  const ok = 1;
  const broken = ;
};
`;

async function api(method, path, body, token = managementToken) {
  const response = await fetch(REGISTRY + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function awaitBuilt(id) {
  for (let i = 0; i < 120; i++) {
    const a = await api('GET', `/api/v2/actions/actions/${id}`);
    if (a.body.status === 'built' && a.body.deployed_version) return a.body;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`action ${id} was not built`);
}

function watch(p) {
  p.on('console', (m) => {
    // A refused request is logged by Chromium itself; the journeys cause the expected ones (4xx) on purpose.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
      consoleProblems.push(m.text());
    }
  });
  p.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
}

async function shot(name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function assertNoSecretVisible(p = page) {
  const html = await p.content();
  assert.ok(!html.includes(SECRET), 'the secret value is not in the page');
  const stored = await p.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(SECRET), 'the secret value is not in browser storage');
  for (const value of await p.locator('input').evaluateAll((els) => els.map((e) => e.value))) {
    assert.notEqual(value, SECRET, 'no input still holds the secret value');
  }
}

async function assertLabelled(p = page) {
  const unlabelled = await p.locator('input, select, textarea').evaluateAll((els) => els
    .filter((e) => e.type !== 'hidden' && (!e.labels || e.labels.length === 0) && !e.getAttribute('aria-label'))
    .map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, [], 'every input has a label');
}

async function setCode(code) {
  const content = page.locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

async function eventually(fn, what) {
  let last;
  for (let i = 0; i < 100; i++) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never: ${what}`);
}

const bindingNames = () => page.getByTestId('binding').locator('.binding-name').allTextContents();

async function openAction(id) {
  await page.goto(`${REGISTRY}/console/#/build/${id}`);
  await page.locator('.cm-content').waitFor();
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(TIMEOUT);
  page = await context.newPage();
  watch(page);
});

after(async () => {
  if (browser) await browser.close();
});

test('signs in to the demo tenant and shows the library', async () => {
  await page.goto(`${REGISTRY}/console/`);
  await page.getByRole('button', { name: /Sign in to the demo tenant/ }).click();
  await page.getByRole('heading', { name: 'Library' }).waitFor();
  assert.match(await page.getByTestId('tenant').textContent(), /default/);
  managementToken = await page.evaluate(() => sessionStorage.getItem('openactions.token'));
  assert.ok(managementToken, 'signed in');
  // keyboard: after a reload (still signed in), the first Tab stops on the main navigation
  await page.reload();
  await page.getByRole('heading', { name: 'Library' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Library');
  await assertLabelled();
});

test('creates a post-login action from the template', async () => {
  // another deployed action already in the post-login flow, to reorder against later
  const first = await api('POST', '/api/v2/actions/actions', { name: FIRST, supported_triggers: [{ id: 'post-login', version: 'v3' }],
    code: "exports.onExecutePostLogin = async (event, api) => { api.accessToken.setCustomClaim('https://example.com/first', 1); };" });
  assert.equal(first.status, 201);
  state.firstId = first.body.id;
  assert.equal((await api('POST', `/api/v2/actions/actions/${state.firstId}/deploy`)).status, 202);
  await awaitBuilt(state.firstId);
  assert.equal((await api('PATCH', '/api/v2/actions/triggers/post-login/bindings',
    { bindings: [{ ref: { type: 'action_id', value: state.firstId } }] })).status, 200);

  await page.getByRole('link', { name: 'Build custom' }).first().click();
  await page.getByLabel('Trigger').selectOption('post-login');
  await page.getByLabel('Name').fill(NAME);
  await assertLabelled();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('.cm-content').waitFor();
  state.id = page.url().split('#/build/')[1];
  assert.ok(state.id);
  assert.match(await page.locator('.cm-content').textContent(), /exports\.onExecutePostLogin = async \(event, api\)/);
});

test('shows a syntax error at its line while typing, and completes the api', async () => {
  await setCode(BROKEN);
  const errors = page.getByTestId('syntax-errors');
  await errors.getByText(/Syntax error at line 3, column 18/).waitFor();
  await page.locator('.cm-lintRange-error').first().waitFor();
  await shot('editor-syntax-error');
  await setCode('exports.onExecutePostLogin = async (event, api) => {\n  api.accessT');
  await page.keyboard.press('Control+Space');
  await page.locator('.cm-tooltip-autocomplete').getByText('accessToken').waitFor();
  await page.keyboard.press('Escape');
  await setCode(CODE_V1);
  await page.getByTestId('syntax-errors').locator('li').first().waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved.').waitFor();
});

test('dependencies show validation problems next to the field', async () => {
  await page.getByRole('tab', { name: 'Code' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: 'Dependencies' }).getAttribute('aria-selected'), 'true');
  await page.getByLabel('Package name').fill('');
  await page.getByLabel('Version').fill('1.0.0');
  await page.getByRole('button', { name: 'Add dependency' }).click();
  await page.getByRole('tabpanel').getByRole('alert').first().waitFor();
  assert.match(await page.getByRole('tabpanel').textContent(), /Invalid request/);
  await assertLabelled();
});

test('adds a real npm dependency with a range', async () => {
  await page.getByLabel('Package name').fill('ms');
  await page.getByLabel('Version').fill('^2.1.0');
  await page.getByRole('button', { name: 'Add dependency' }).click();
  await page.getByRole('button', { name: 'Remove ms' }).waitFor();
  assert.match(await page.getByRole('tabpanel').textContent(), /\^2\.1\.0/);
});

test('a secret is write-only: set, shown as set, never visible again', async () => {
  await page.getByRole('tab', { name: 'Secrets' }).click();
  await page.getByLabel('Secret name').fill('SALT');
  await page.getByLabel('Secret value').fill(SECRET);
  await page.getByRole('button', { name: 'Set secret' }).click();
  await page.getByTestId('secret-row').filter({ hasText: 'SALT' }).waitFor();
  assert.match(await page.getByTestId('secret-row').first().textContent(), /set/);
  await assertNoSecretVisible();
  await shot('secrets');
  await page.reload();
  await page.getByRole('tab', { name: 'Secrets' }).click();
  await page.getByTestId('secret-row').filter({ hasText: 'SALT' }).waitFor();
  await assertNoSecretVisible();
  const stored = await api('GET', `/api/v2/actions/actions/${state.id}`);
  assert.ok(!JSON.stringify(stored.body).includes(SECRET));
});

test('tests the action with the sample event and shows its logs', async () => {
  await page.getByRole('tab', { name: 'Test' }).click();
  const sample = JSON.parse(await page.getByLabel(/Sample event/).inputValue());
  assert.ok(sample.user && sample.request, 'a post-login sample event');
  await page.getByRole('button', { name: /Run test/ }).click();
  const result = page.getByTestId('test-result');
  await result.waitFor();
  assert.match(await page.getByTestId('test-logs').textContent(), new RegExp(`salt length ${SECRET.length}, two days = 172800000 ms`));
  assert.match(await result.textContent(), /accessToken\.setCustomClaim/);
  await assertNoSecretVisible();
  await assertLabelled();
  await shot('test');
});

test('a runtime error is shown with its line', async () => {
  await page.getByRole('tab', { name: 'Code' }).click();
  await setCode("exports.onExecutePostLogin = async (event, api) => {\n  const user = event.user;\n  user.missing.call();\n};\n");
  await page.getByRole('tab', { name: 'Test' }).click();
  await page.getByRole('button', { name: /Run test/ }).click();
  const error = page.getByTestId('test-error');
  await error.waitFor();
  assert.match(await error.textContent(), /line 3/);
  await page.getByRole('tab', { name: 'Code' }).click();
  await setCode(CODE_V1);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved.').waitFor();
});

test('deploys the action', async () => {
  await page.getByRole('button', { name: 'Deploy' }).click();
  await page.getByTestId('action-status').getByText('deployed v1').waitFor();
  await shot('editor');
  // the registry pinned the range to the exact version it resolved
  await page.getByRole('tab', { name: 'Dependencies' }).click();
  await page.getByRole('tabpanel').getByText('2.1.3').waitFor();
  await shot('dependencies');
  await page.getByRole('tab', { name: 'Code' }).click();
});

test('adds the action to the post-login flow and drags it before the other one', async () => {
  await page.getByRole('link', { name: 'Flows' }).click();
  await page.getByTestId('binding').first().waitFor();
  await page.getByLabel('Add a deployed action').selectOption({ label: NAME });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('Flow applied.').waitFor();
  await eventually(async () => JSON.stringify(await bindingNames()) === JSON.stringify([FIRST, NAME]), 'the action added last');

  const handle = page.getByTestId('binding').nth(1).locator('.handle');
  const target = page.getByTestId('binding').nth(0);
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y - 5, { steps: 5 });
  await page.mouse.move(to.x + 20, to.y + 4, { steps: 10 });
  await page.mouse.up();
  await eventually(async () => JSON.stringify(await bindingNames()) === JSON.stringify([NAME, FIRST]), 'dragged before the other action');
  await page.getByLabel('On error').first().selectOption('continue');
  await assertLabelled();
  await shot('flows');
  await page.getByRole('button', { name: 'Apply' }).click();
  // the API has the new order once the second Apply has been answered
  const bindings = await eventually(async () => {
    const b = await api('GET', '/api/v2/actions/triggers/post-login/bindings');
    return JSON.stringify(b.body.bindings.map((x) => x.action.id)) === JSON.stringify([state.id, state.firstId]) && b;
  }, 'the dragged order applied');
  assert.equal(bindings.body.bindings[0].on_error, 'continue');
  await page.getByText('Flow applied.').waitFor();
});

test('a login appears in the live stream', async () => {
  await page.getByRole('link', { name: 'Executions' }).click();
  await page.getByTestId('stream-state').getByText('live').waitFor();
  const event = { user: { user_id: 'auth0|journey', email: 'journey@example.com' }, request: { ip: '198.51.100.9' } };
  let claims = null;
  for (let i = 0; i < 60 && !claims; i++) {
    // the executor learns the new flow from Kafka: until then the login runs the old one
    const r = await fetch(`${EXECUTOR}/api/v1/flows/post-login`, {
      method: 'POST', headers: { authorization: `Bearer ${FLOWS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event }),
    });
    const body = await r.json();
    if (body.effects && body.effects.access_token && body.effects.access_token.claims['https://example.com/journey']) claims = body.effects.access_token.claims;
    else await new Promise((res) => setTimeout(res, 500));
  }
  assert.equal(claims['https://example.com/journey'], 'v1');
  const live = page.getByTestId('live-execution').filter({ hasText: NAME }).first();
  await live.waitFor();
  assert.match(await live.textContent(), /post-login/);
  assert.match(await live.textContent(), new RegExp(`salt length ${SECRET.length}`));
  await assertNoSecretVisible();
  await shot('executions');
});

test('rolls back to version 1 from the history, with a diff to the draft', async () => {
  await openAction(state.id);
  await setCode(CODE_V2);
  await page.getByRole('button', { name: 'Deploy' }).click();
  await page.getByTestId('action-status').getByText('deployed v2').waitFor();
  await page.getByRole('tab', { name: 'Versions' }).click();
  await page.getByRole('button', { name: 'Diff v1 to draft' }).click();
  const diff = page.getByLabel('Diff of version 1 to the draft');
  await diff.locator('.del').filter({ hasText: "'v1'" }).waitFor();
  await diff.locator('.add').filter({ hasText: "'v2'" }).waitFor();
  await shot('versions');
  await page.getByRole('button', { name: 'Roll back to v1' }).click();
  await page.getByTestId('action-status').getByText(/v3/).waitFor();
  const action = await api('GET', `/api/v2/actions/actions/${state.id}`);
  assert.equal(action.body.deployed_version.code, CODE_V1, 'the deployed code is version 1 again');
});

test('installs a published integration from the marketplace with a form generated from its manifest', async () => {
  const partner = process.env.PARTNER_TOKEN;
  const reviewer = process.env.REVIEWER_TOKEN;
  const integration = `Purpose claim ${run}`;
  const vendorSecret = `vendor-key-${randomUUID()}`;
  const claim = 'https://e2e-vendor.example/purpose';
  const created = await api('POST', '/api/v1/partner/integrations', { trigger_id: 'post-login', listing: {
    name: integration, short_description: 'Adds the consent purpose to ID tokens',
    long_description: 'Reads the configured purpose and adds it as a claim.', categories: ['consent'],
    documentation_url: 'https://e2e-vendor.example/docs', support_url: 'https://e2e-vendor.example/support' } }, partner);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const field = (name, label, required, extra = {}) => ({ name, label, description: `${label} from the vendor`, required, ...extra });
  const version = await api('POST', `/api/v1/partner/integrations/${id}/versions`, {
    version: '1.0.0',
    code: `exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('${claim}', event.configuration.PURPOSE); };`,
    dependencies: [],
    manifest: {
      secrets: [field('API_KEY', 'API key', true)],
      configuration: [field('PURPOSE', 'Purpose', true), field('DEBUG', 'Debug logging', false, { default_value: 'false', options: ['true', 'false'] })],
      capabilities: { outbound_hosts: ['api.e2e-vendor.example'] },
    },
    test_cases: [{ name: 'purpose set', event: { user: { user_id: 'auth0|e2e' } }, configuration: { PURPOSE: 'marketing' },
      secrets: { API_KEY: 'sandbox' },
      expect: { status: 'completed', commands: [{ type: 'idToken.setCustomClaim', args: { name: claim, value: 'marketing' } }] } }],
  }, partner);
  assert.equal(version.status, 201, JSON.stringify(version.body));
  const submitted = await api('POST', `/api/v1/partner/integrations/${id}/versions/1.0.0/submit`, undefined, partner);
  assert.equal(submitted.body.status, 'in_review', JSON.stringify(submitted.body));
  assert.equal((await api('POST', `/api/v1/review/integrations/${id}/versions/1.0.0/decision`,
    { decision: 'approve', comment: 'Evidence passes.' }, reviewer)).status, 200);
  assert.equal((await api('POST', `/api/v1/partner/integrations/${id}/versions/1.0.0/publish`, undefined, partner)).status, 200);

  await page.getByRole('link', { name: 'Marketplace' }).click();
  await page.getByRole('heading', { name: 'Marketplace' }).waitFor();
  await page.getByRole('link', { name: integration }).click();
  await page.getByTestId('capabilities').getByText('May call: api.e2e-vendor.example').waitFor();
  assert.ok(!(await page.content()).includes('setCustomClaim'), 'the catalog never shows the code');
  await assertLabelled();
  // a required value left out: the API's problem is shown, nothing is installed
  await page.getByRole('button', { name: `Install ${integration}` }).click();
  await page.getByRole('alert').first().waitFor();
  assert.match(await page.getByRole('alert').first().textContent(), /PURPOSE|API_KEY/);
  await page.getByLabel('Purpose (required)', { exact: true }).fill('marketing');
  await page.getByLabel('API key (required) — secret', { exact: true }).fill(vendorSecret);
  await page.getByRole('button', { name: `Install ${integration}` }).click();
  await page.getByTestId('installed').waitFor();
  assert.ok(!(await page.content()).includes(vendorSecret), 'the secret value is not in the page after install');
  await shot('marketplace');
  const listed = await api('GET', '/api/v2/actions/actions?per_page=100');
  const installed = listed.body.actions.find((a) => a.integration && a.integration.integration_id === id);
  assert.ok(installed, 'the install is an action of the tenant');
  assert.equal(installed.code, null, 'an install never shows its code');
});

test("another tenant's console never shows this tenant's data", async () => {
  const context = await browser.newContext();
  const other = await context.newPage();
  watch(other);
  await other.goto(`${REGISTRY}/console/`);
  await other.evaluate((t) => sessionStorage.setItem('openactions.token', t), OTHER_TOKEN);
  await other.goto(`${REGISTRY}/console/#/library`);
  await other.reload();
  await other.getByRole('heading', { name: 'Library' }).waitFor();
  await other.getByText(/No actions/).waitFor();
  await other.goto(`${REGISTRY}/console/#/build/${state.id}`);
  await other.reload();
  await other.getByRole('alert').waitFor();
  assert.match(await other.getByRole('alert').textContent(), /Not Found|not found/i);
  await other.goto(`${REGISTRY}/console/#/flows/post-login`);
  await other.reload();
  await other.getByText(/No actions in this flow/).waitFor();
  await other.goto(`${REGISTRY}/console/#/executions`);
  await other.reload();
  await other.getByTestId('stream-state').getByText('live').waitFor();
  await other.waitForTimeout(500);
  const html = await other.content();
  for (const marker of [NAME, FIRST, state.id, state.firstId, SECRET]) assert.ok(!html.includes(marker), `no ${marker}`);
  await context.close();
});

test('no console errors on the way', () => {
  assert.deepEqual(consoleProblems, []);
});
