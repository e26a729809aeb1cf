#!/usr/bin/env node
// End-to-end check of the Lifeline web interface against the real server.
//
// Starts `lifeline serve` on a free port with a fresh data directory, then
// drives Chromium through the first administrator's journey: forced password
// change, language switch, creating an organisation and a user, disabling
// that user, signing out, and the disabled user being refused. Then the
// commitments compendium as a visitor without an account (the document tree,
// a provision, a keyword, the literature, search with facets, downloads, the
// keyboard alone, Russian) and signed in again. Then the National Referral Mechanism
// (tests/e2e-nrm.mjs): a referral from a phone, its status, the case, its identity shown on
// request, a decision, and a change refused because another tab changed the case first.
// axe-core checks the pages for accessibility problems; serious or critical ones fail the run.
//
// Needs: LIFELINE_BIN (path of the lifeline executable) and a built web/dist
// (`npm run build`). Chromium: /usr/bin/chromium unless CHROMIUM_BIN is set.
// Prints "N passed, N failed" as its last line; exits non-zero on failure.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { nrmSteps } from './e2e-nrm.mjs';
import { statsSteps } from './e2e-stats.mjs';
import { hotlineSteps } from './e2e-hotline.mjs';
import { monitoringSteps } from './e2e-monitoring.mjs';

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
const DIST_DIR = path.join(WEB_DIR, 'dist');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HEALTH_TIMEOUT_MS = 20_000;
const ACTION_TIMEOUT_MS = 15_000;

// axe-core is evaluated in the page through the DevTools protocol, which the page's
// Content-Security-Policy does not govern (a <script> tag with its text would be blocked).
const AXE_SOURCE = readFileSync(path.join(WEB_DIR, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

const en = readMessages('en');
const ru = readMessages('ru');

const ADMIN = { username: 'admin', password: 'Correct-Horse-Battery-1', newPassword: 'Staple-Lantern-Orchard-42' };
const NEW_ORG = { name: 'Safe Harbour Association', type: 'ngo' };
const NEW_USER = { username: 'responder1', displayName: 'Rita Responder', password: 'Temporary-Pass-2024' };

function readMessages(language) {
  return JSON.parse(readFileSync(path.join(WEB_DIR, 'src', 'i18n', `${language}.json`), 'utf8'));
}

// ---------------------------------------------------------------- environment

/** Everything started by the test, so that cleanup can stop it whatever happened. */
const env = {
  bin: process.env.LIFELINE_BIN,
  tempDir: null,
  dataDir: null,
  profileDir: null,
  port: 0,
  baseUrl: '',
  server: null,
  serverLog: [],
  context: null,
  page: null,
  orgId: null,
  pageProblems: [],
  /** Accessibility findings per page, summarised at the end. */
  axeSummary: [],
  /** Result counts seen by one step and checked by the next. */
  searchTotal: 0,
};

function requireBinary() {
  assert.ok(env.bin, 'LIFELINE_BIN is not set: point it at the lifeline executable, e.g. LIFELINE_BIN=../build/src/app/lifeline');
  env.bin = path.resolve(env.bin);
  assert.ok(existsSync(env.bin), `LIFELINE_BIN does not exist: ${env.bin}`);
  accessSync(env.bin, constants.X_OK);
  assert.ok(existsSync(path.join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html is missing: run npm run build first`);
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (set CHROMIUM_BIN)`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function lifelineEnv() {
  return {
    ...process.env,
    LIFELINE_DATA_DIR: env.dataDir,
    LIFELINE_SERVER_PORT: String(env.port),
    LIFELINE_SERVER_HOST: '127.0.0.1',
    LIFELINE_SERVER_STATIC_DIR: DIST_DIR,
    // The report form's proof of work, kept cheap here; its integration tests check it.
    LIFELINE_HOTLINE_POW_DIFFICULTY: '8',
  };
}

/** Runs a lifeline command and returns the last non-empty line of its output (the new id). */
function runCli(args, stdin) {
  return new Promise((resolve, reject) => {
    const child = execFile(env.bin, args, { env: lifelineEnv(), timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`lifeline ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        return;
      }
      const lines = stdout.split('\n').map((line) => line.trim()).filter(Boolean);
      resolve(lines.at(-1) ?? '');
    });
    if (stdin !== undefined) child.stdin.end(stdin);
  });
}

function rememberLog(chunk) {
  env.serverLog.push(...chunk.toString().split('\n').filter(Boolean));
  if (env.serverLog.length > 200) env.serverLog.splice(0, env.serverLog.length - 200);
}

function startServer() {
  env.server = spawn(env.bin, ['serve'], { env: lifelineEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  env.server.stdout.on('data', rememberLog);
  env.server.stderr.on('data', rememberLog);
  env.server.exited = new Promise((resolve) => env.server.once('exit', (code, signal) => resolve({ code, signal })));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth() {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let serverEnded = null;
  env.server.exited.then((how) => (serverEnded = how));
  while (Date.now() < deadline) {
    if (serverEnded) throw new Error(`lifeline serve exited early (${JSON.stringify(serverEnded)})`);
    try {
      const response = await fetch(`${env.baseUrl}/healthz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`GET /healthz did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

/** Expected API refusals (401 before sign-in, 401 for a disabled user) are logged by Chromium too; they are not faults. */
function isExpectedApiRefusal(message) {
  const url = message.location()?.url ?? '';
  const status = /status of (\d{3})/.exec(message.text())?.[1];
  return message.text().startsWith('Failed to load resource') && url.includes('/api/v1/') && Number(status) < 500;
}

async function openBrowser() {
  env.context = await chromium.launchPersistentContext(env.profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  // Report every CSP violation as a console error, which the listener below collects.
  await env.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  env.page = env.context.pages()[0] ?? (await env.context.newPage());
  env.page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  env.page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedApiRefusal(message)) env.pageProblems.push(`console: ${message.text()}`);
  });
  env.page.on('pageerror', (error) => env.pageProblems.push(`page error: ${error.message}`));
}

async function stopServer() {
  if (!env.server || env.server.exitCode !== null || env.server.signalCode !== null) return;
  env.server.kill('SIGTERM');
  const stopped = await Promise.race([env.server.exited, sleep(5_000).then(() => null)]);
  if (!stopped) {
    env.server.kill('SIGKILL');
    await env.server.exited;
  }
}

async function cleanup() {
  await env.context?.close().catch(() => {});
  await stopServer().catch(() => {});
  if (env.tempDir) await rm(env.tempDir, { recursive: true, force: true }).catch(() => {});
}

// ---------------------------------------------------------------- page helpers

const hashOf = (page) => new URL(page.url()).hash;

async function expectRoute(route) {
  await env.page.waitForFunction((expected) => window.location.hash === expected, `#${route}`);
}

async function expectHeading(text) {
  await env.page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

async function signIn(username, password) {
  const { page } = env;
  await page.getByLabel(en['login.username'], { exact: true }).fill(username);
  await page.getByLabel(en['login.password'], { exact: true }).fill(password);
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
  await page.getByRole('button', { name: en['login.submit'], exact: true }).click();
  return answer;
}

async function statusText() {
  return (await env.page.locator('main .status').first().textContent())?.trim() ?? '';
}

/** The number in a sentence such as "1,234 results". */
function numberIn(text) {
  const digits = /\d[\d,.\s\u00a0\u202f]*/.exec(text)?.[0].replace(/\D/g, '') ?? '';
  assert.ok(digits, `no number in "${text}"`);
  return Number(digits);
}

async function searchCountText() {
  const count = env.page.locator('main .search-results .count');
  await env.page.waitForFunction(
    (loading) => {
      const text = document.querySelector('main .search-results .count')?.textContent ?? '';
      return text !== '' && text !== loading;
    },
    en['common.loading'],
  );
  return (await count.textContent())?.trim() ?? '';
}

/** Presses a key (Tab or Shift+Tab) until the focused element matches the selector. */
async function moveFocusTo(selector, key = 'Tab', maxPresses = 200) {
  for (let press = 0; press < maxPresses; press += 1) {
    await env.page.keyboard.press(key);
    if (await env.page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`${key} never reached ${selector}`);
}

/** The focused element draws a focus ring (an outline that is not "none"). */
async function assertVisibleFocus() {
  const outline = await env.page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
  assert.ok(outline.style !== 'none' && outline.width !== '0px', `focused element has no visible outline: ${JSON.stringify(outline)}`);
}

/** Runs axe-core on the page; prints every violation and fails on serious or critical ones. */
async function checkAccessibility(name) {
  const { page } = env;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  for (const violation of violations) {
    console.log(`  axe ${name}: [${violation.impact}] ${violation.id}: ${violation.help} at ${violation.targets.slice(0, 5).join(', ')}`);
  }
  env.axeSummary.push(`${name}: ${violations.length} violation(s)`);
  const blocking = violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact));
  assert.deepEqual(blocking.map((violation) => `${violation.id} (${violation.impact})`), [], `${name}: serious or critical accessibility violations`);
}

/** A pillar of the search facets that holds fewer hits than all: choosing it changes the count. */
async function narrowingPillar(total) {
  const values = env.page.locator('main [data-facet="pillar"] a.facet-value');
  await values.first().waitFor();
  for (const link of await values.all()) {
    const count = numberIn((await link.locator('.facet-count').textContent()) ?? '');
    const pillar = new URLSearchParams((await link.getAttribute('href'))?.split('?')[1]).get('pillar');
    if (count < total && pillar) return pillar;
  }
  throw new Error(`no pillar narrows the ${total} results`);
}

async function openCorpusPage(route, heading) {
  await env.page.goto(`${env.baseUrl}/#${route}`);
  await expectHeading(heading);
}

function userRow(username) {
  return env.page.locator('main table tbody tr').filter({ has: env.page.getByRole('cell', { name: username, exact: true }) });
}

// ---------------------------------------------------------------- steps

const steps = [
  ['lifeline binary and web build are present', async () => {
    requireBinary();
  }],

  ['data directory is prepared with an organisation and an administrator', async () => {
    env.tempDir = await mkdtemp(path.join(os.tmpdir(), 'lifeline-e2e-'));
    env.dataDir = path.join(env.tempDir, 'data');
    env.profileDir = path.join(env.tempDir, 'chromium-profile');
    env.port = await freePort();
    env.baseUrl = `http://127.0.0.1:${env.port}`;
    await mkdir(env.dataDir, { mode: 0o700 });
    env.orgId = await runCli(['org', 'add', '--name', 'National Referral Office', '--type', 'competent_authority']);
    assert.match(env.orgId, /^\d+$/, `org add printed no id: "${env.orgId}"`);
    const userId = await runCli(
      ['user', 'add', '--org', env.orgId, '--username', ADMIN.username, '--role', 'administrator', '--password-stdin'],
      `${ADMIN.password}\n`,
    );
    assert.match(userId, /^\d+$/, `user add printed no id: "${userId}"`);
  }],

  ['server starts and answers /healthz', async () => {
    startServer();
    await waitForHealth();
  }],

  ['index.html is served under the Content-Security-Policy', async () => {
    const response = await fetch(`${env.baseUrl}/`);
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/, `CSP header: "${csp}"`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `CSP header: "${csp}"`);
    assert.match(await response.text(), /<div id="app">/);
  }],

  ['browser opens on the sign-in page', async () => {
    await openBrowser();
    await env.page.goto(`${env.baseUrl}/`);
    await expectRoute('/login');
    await expectHeading(en['login.title']);
  }],

  ['the sign-in page has no serious accessibility problems', async () => {
    await env.page.getByRole('link', { name: en['login.corpusLink'], exact: true }).waitFor();
    await checkAccessibility('sign-in page');
  }],

  ['administrator signs in and is sent to change the one-time password', async () => {
    const answer = await signIn(ADMIN.username, ADMIN.password);
    assert.equal(answer.status(), 200, `sign-in answered ${answer.status()}`);
    await expectRoute('/password');
    await expectHeading(en['password.title']);
    // Every other page leads back here until the password is changed.
    await env.page.goto(`${env.baseUrl}/#/admin/users`);
    await expectRoute('/password');
  }],

  ['password change rejects a mismatch, then lands on home', async () => {
    const { page } = env;
    await page.getByLabel(en['password.current'], { exact: true }).fill(ADMIN.password);
    await page.getByLabel(en['password.new'], { exact: true }).fill(ADMIN.newPassword);
    await page.getByLabel(en['password.repeat'], { exact: true }).fill(`${ADMIN.newPassword}x`);
    await page.getByRole('button', { name: en['password.submit'], exact: true }).click();
    await page.locator('main .status.error').getByText(en['password.mismatch']).waitFor();
    assert.equal(hashOf(page), '#/password');

    await page.getByLabel(en['password.repeat'], { exact: true }).fill(ADMIN.newPassword);
    await page.getByRole('button', { name: en['password.submit'], exact: true }).click();
    await expectRoute('/');
    await expectHeading(en['home.title']);
    await page.getByText(en['role.administrator'], { exact: true }).waitFor();
  }],

  ['the home page has no serious accessibility problems', async () => {
    await env.page.getByRole('link', { name: en['nav.corpus'], exact: true }).waitFor();
    await checkAccessibility('home page');
  }],

  ['language switches to Russian and back', async () => {
    const { page } = env;
    await page.getByLabel(en['header.language'], { exact: true }).selectOption('ru');
    await expectHeading(ru['home.title']);
    await page.getByRole('link', { name: ru['nav.administration'], exact: true }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    await page.getByLabel(ru['header.language'], { exact: true }).selectOption('en');
    await expectHeading(en['home.title']);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
  }],

  ['administrator creates an NGO', async () => {
    const { page } = env;
    await page.getByRole('link', { name: en['nav.administration'], exact: true }).click();
    await expectRoute('/admin/orgs');
    await expectHeading(en['orgs.title']);
    await page.getByLabel(en['orgs.name'], { exact: true }).fill(NEW_ORG.name);
    await page.getByLabel(en['orgs.type'], { exact: true }).selectOption(NEW_ORG.type);
    await page.getByRole('button', { name: en['orgs.create'], exact: true }).click();
    const row = page.locator('main table tbody tr').filter({ hasText: NEW_ORG.name });
    await row.getByText(en['orgType.ngo'], { exact: true }).waitFor();
  }],

  ['administrator creates a first responder in the NGO', async () => {
    const { page } = env;
    await page.getByRole('link', { name: en['admin.tab.users'], exact: true }).click();
    await expectRoute('/admin/users');
    await expectHeading(en['users.title']);
    await page.getByLabel(en['users.username'], { exact: true }).fill(NEW_USER.username);
    await page.getByLabel(en['users.displayName'], { exact: true }).fill(NEW_USER.displayName);
    await page.getByLabel(en['users.organisation'], { exact: true }).selectOption({ label: NEW_ORG.name });
    await page.getByLabel(en['role.first_responder'], { exact: true }).check();
    await page.getByLabel(en['users.oneTimePassword'], { exact: true }).fill(NEW_USER.password);
    await page.getByRole('button', { name: en['users.create'], exact: true }).click();
    const row = userRow(NEW_USER.username);
    await row.waitFor();
    await row.getByText(NEW_ORG.name, { exact: true }).waitFor();
    await row.getByText(en['role.first_responder'], { exact: true }).waitFor();
    await row.getByText(en['users.active'], { exact: true }).waitFor();
  }],

  ['administrator disables the new user', async () => {
    const { page } = env;
    const editName = en['users.editNamed'].replace('{name}', NEW_USER.username);
    await page.getByRole('button', { name: editName, exact: true }).click();
    await page.getByRole('button', { name: en['users.disable'], exact: true }).click();
    await userRow(NEW_USER.username).getByText(en['users.disabled'], { exact: true }).waitFor();
    await page.getByRole('button', { name: en['users.enable'], exact: true }).waitFor();
    const screenshot = path.join(os.tmpdir(), `lifeline-e2e-users-${Date.now()}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`  screenshot of the users page: ${screenshot}`);
  }],

  ['signing out shows the sign-in page', async () => {
    const { page } = env;
    await page.getByRole('button', { name: en['header.signOut'], exact: true }).click();
    await expectRoute('/login');
    await expectHeading(en['login.title']);
    // The session is gone on the server too: protected pages lead back to sign-in.
    await page.goto(`${env.baseUrl}/#/admin/users`);
    await expectRoute('/login');
  }],

  ['the disabled user cannot sign in', async () => {
    const answer = await signIn(NEW_USER.username, NEW_USER.password);
    assert.ok(answer.status() >= 400 && answer.status() < 500, `sign-in of a disabled user answered ${answer.status()}`);
    await env.page.locator('main .status.error').waitFor();
    assert.ok((await statusText()).length > 0, 'no error message shown');
    assert.equal(hashOf(env.page), '#/login');
  }],

  // ---- The commitments compendium, first as a visitor without an account ----

  ['a visitor reads the commitments without signing in', async () => {
    const { page } = env;
    await openCorpusPage('/corpus', en['corpus.title']);
    assert.equal(hashOf(page), '#/corpus', 'the visitor was sent elsewhere');
    const nav = page.getByRole('navigation', { name: en['nav.label'], exact: true });
    await nav.getByRole('link', { name: en['nav.corpus'], exact: true }).waitFor();
    await nav.getByRole('link', { name: en['nav.signIn'], exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name: en['nav.home'], exact: true }).count(), 0, 'visitors see no Home entry');
    assert.equal(await page.getByRole('button', { name: en['header.signOut'], exact: true }).count(), 0);
    await page.getByRole('heading', { level: 2, name: en['corpus.group.source'], exact: true }).waitFor();
  }],

  ['the Action Plan opens to its headings and provisions', async () => {
    const { page } = env;
    const plan = page.locator('[data-document="AP"]');
    const toggle = plan.locator('button.disclosure');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await plan.getByRole('heading', { name: 'V. Protection and assistance', exact: true }).waitFor();
    await plan.locator('a[href="#/corpus/provisions/AP.V.3.1"]').waitFor();
    const documents = await (await fetch(`${env.baseUrl}/api/v1/corpus/documents`)).json();
    const expected = documents.items.find((document) => document.id === 'AP')?.provision_count;
    const listed = await plan.locator('.provision-list a').count();
    assert.equal(listed, expected, 'every provision of the Action Plan is listed (all cursor pages followed)');
    await plan.getByRole('link', { name: new RegExp(`^${en['corpus.downloadCsv']}`) }).waitFor();
    await checkAccessibility('document tree');
  }],

  ['provision AP.V.3.1 shows its text, place and links', async () => {
    const { page } = env;
    await page.locator('[data-document="AP"] a[href="#/corpus/provisions/AP.V.3.1"]').click();
    await expectRoute('/corpus/provisions/AP.V.3.1');
    await expectHeading(en['provision.title'].replace('{id}', 'AP.V.3.1'));
    const text = page.locator('main .provision-text p').first();
    await text.waitFor();
    assert.match((await text.textContent()) ?? '', /^(3\.1\s+)?Establishing National Referral Mechanisms/);
    const crumbs = page.getByRole('navigation', { name: en['corpus.breadcrumbs'], exact: true });
    await crumbs.getByText('V. Protection and assistance', { exact: true }).waitFor();
    const permalink = await page.getByLabel(en['provision.permalink'], { exact: true }).inputValue();
    assert.ok(permalink.endsWith('#/corpus/provisions/AP.V.3.1'), `permalink: ${permalink}`);
    await page.getByRole('button', { name: en['provision.copyLink'], exact: true }).click();
    await page.locator('main .status:not(:empty)').waitFor();
    await page.getByRole('link', { name: en['corpus.pillar.protection'], exact: true }).waitFor();
    await checkAccessibility('provision page');
  }],

  ['a keyword of the provision lists its provisions and literature', async () => {
    const { page } = env;
    const keyword = page.locator('main .provision-facts a.chip[href^="#/corpus/keywords/"]').first();
    await keyword.waitFor();
    const name = ((await keyword.textContent()) ?? '').trim();
    await keyword.click();
    await expectHeading(en['keyword.title'].replace('{name}', name));
    assert.ok(hashOf(page).startsWith('#/corpus/keywords/'), hashOf(page));
    await page.locator('main .provision-list a[href="#/corpus/provisions/AP.V.3.1"]').waitFor();
    await page.getByRole('heading', { level: 2, name: en['keyword.literature'], exact: true }).waitFor();
    await checkAccessibility('keyword page');
  }],

  ['the keyword index and the literature can be browsed and filtered', async () => {
    const { page } = env;
    await openCorpusPage('/corpus/keywords', en['keywords.title']);
    await page.locator('main table a[href^="#/corpus/keywords/"]').first().waitFor();
    await openCorpusPage('/corpus/literature', en['literature.title']);
    const count = page.locator('main p.count');
    await page.waitForFunction(() => /\d/.test(document.querySelector('main p.count')?.textContent ?? ''));
    const all = numberIn((await count.textContent()) ?? '');
    assert.ok(all > 0, 'no literature listed');
    await page.getByLabel(en['literature.filterWords'], { exact: true }).fill('zzzz-nothing-like-this');
    await page.waitForFunction(() => /^\D*0\b/.test(document.querySelector('main p.count')?.textContent ?? ''));
    await page.getByLabel(en['literature.filterWords'], { exact: true }).fill('');
    const external = page.locator('main .resource-title a[target="_blank"]').first();
    assert.equal(await external.getAttribute('rel'), 'noopener noreferrer');
    await checkAccessibility('literature page');
  }],

  ['searching "referral mechanism" finds highlighted provisions', async () => {
    const { page } = env;
    await openCorpusPage('/corpus/search', en['search.title']);
    await page.getByLabel(en['search.label'], { exact: true }).fill('referral mechanism');
    await page.getByRole('button', { name: en['search.submit'], exact: true }).click();
    await page.waitForFunction(() => window.location.hash.startsWith('#/corpus/search?q=referral'));
    await page.locator('main .hit mark').first().waitFor();
    env.searchTotal = numberIn(await searchCountText());
    assert.ok(env.searchTotal > 0);
    const marked = (await page.locator('main .hit mark').first().textContent())?.toLowerCase() ?? '';
    assert.match(marked, /referr|mechanism/);
    await checkAccessibility('search page with results');
  }],

  ['a pillar facet narrows the results and its chip removes it', async () => {
    const { page } = env;
    const pillar = await narrowingPillar(env.searchTotal);
    const value = page.locator(`main [data-facet="pillar"] a.facet-value[href*="pillar=${pillar}"]`);
    const expected = numberIn((await value.locator('.facet-count').textContent()) ?? '');
    await value.click();
    await page.waitForFunction(() => window.location.hash.includes('pillar='));
    assert.equal(numberIn(await searchCountText()), expected);
    const chip = page.locator('main .active-filters a.chip');
    await chip.click();
    await page.waitForFunction(() => !window.location.hash.includes('pillar='));
    assert.equal(numberIn(await searchCountText()), env.searchTotal);
  }],

  ['a misspelt word is answered with "Did you mean"', async () => {
    const { page } = env;
    await openCorpusPage('/corpus/search?q=trafficing', en['search.title']);
    const suggestion = page.locator('main .did-you-mean a');
    await suggestion.waitFor();
    const corrected = ((await suggestion.textContent()) ?? '').trim();
    assert.ok(corrected && corrected !== 'trafficing', `suggestion: "${corrected}"`);
    await suggestion.click();
    await page.waitForFunction((word) => new URLSearchParams(window.location.hash.split('?')[1]).get('q') === word, corrected);
    assert.ok(numberIn(await searchCountText()) > 0);
  }],

  ['a query the server refuses shows its explanation', async () => {
    const { page } = env;
    await openCorpusPage(`/corpus/search?q=${'x'.repeat(1001)}`, en['search.title']);
    await page.locator('main .status.error').waitFor();
    assert.ok(((await statusText()) ?? '').length > 0, 'no error message');
    assert.equal(await searchCountText(), en['search.failed']);
  }],

  ['MC6/17.1 opens from an address with the slash encoded, and unencoded', async () => {
    const { page } = env;
    const heading = en['provision.title'].replace('{id}', 'MC6/17.1');
    await openCorpusPage('/corpus/provisions/MC6%2F17.1', heading);
    await page.locator('main .provision-text p').first().waitFor();
    assert.ok(((await page.locator('main .provision-text').textContent()) ?? '').trim().length > 10);
    await openCorpusPage('/corpus/provisions/MC6/17.1', heading);
    await page.locator('main .provision-text p').first().waitFor();
    await openCorpusPage('/corpus/provisions/NO.SUCH.1', en['provision.title'].replace('{id}', 'NO.SUCH.1'));
    await page.locator('main .status.error').waitFor();
  }],

  ['search results download as CSV and JSON', async () => {
    const { page } = env;
    await openCorpusPage('/corpus/search?q=children', en['search.title']);
    const csvLink = page.locator('main .search-results a.download[href*="format=csv"]');
    await csvLink.waitFor();
    const download = page.waitForEvent('download');
    await csvLink.click();
    assert.match((await download).suggestedFilename(), /\.csv$/);
    const csv = await fetch(env.baseUrl + (await csvLink.getAttribute('href')));
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match((await csv.text()).split('\n')[0] ?? '', /id/);
    const jsonHref = await page.locator('main .search-results a.download:not([href*="format=csv"])').getAttribute('href');
    const json = await fetch(env.baseUrl + jsonHref);
    assert.match(json.headers.get('content-type') ?? '', /json/);
    assert.ok(Array.isArray((await json.json()).hits));
    const documentCsv = await fetch(`${env.baseUrl}/api/v1/corpus/provisions?document=AP&format=csv`);
    assert.match(documentCsv.headers.get('content-type') ?? '', /^text\/csv/);
  }],

  ['the whole search works with the keyboard alone', async () => {
    const { page } = env;
    await openCorpusPage('/corpus/search', en['search.title']);
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'q');
    await page.keyboard.type('referral mechanism');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.location.hash.startsWith('#/corpus/search?q=referral'));
    const total = numberIn(await searchCountText());
    const pillar = await narrowingPillar(total);
    await moveFocusTo(`main [data-facet="pillar"] a.facet-value[href*="pillar=${pillar}"]`);
    await assertVisibleFocus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.location.hash.includes('pillar='));
    assert.ok(numberIn(await searchCountText()) < total, 'the pillar did not narrow the results');
    await moveFocusTo('main .active-filters a.chip');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !window.location.hash.includes('pillar='));
    await searchCountText();
    await moveFocusTo('main .hit-title a');
    await assertVisibleFocus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.location.hash.startsWith('#/corpus/provisions/'));
    await page.locator('main .provision-text').waitFor();
    // Back to the top: the skip link comes first and leads into the content.
    await moveFocusTo('.skip-link', 'Shift+Tab');
    await assertVisibleFocus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  }],

  ['the compendium fits a phone screen', async () => {
    const { page } = env;
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      const pages = [
        ['/corpus?open=AP', '.provision-list'],
        ['/corpus/provisions/AP.V.3.1', '.provision-text'],
        ['/corpus/search?q=children', '.hit'],
      ];
      for (const [route, content] of pages) {
        await page.goto(`${env.baseUrl}/#${route}`);
        await page.locator(`main ${content}`).first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${route} is ${overflow}px wider than the screen`);
      }
      await checkAccessibility('search page on a phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }],

  ['the compendium speaks Russian', async () => {
    const { page } = env;
    await openCorpusPage('/corpus/search?q=children', en['search.title']);
    await page.getByLabel(en['header.language'], { exact: true }).selectOption('ru');
    await expectHeading(ru['search.title']);
    await page.getByRole('button', { name: ru['search.submit'], exact: true }).waitFor();
    await page.getByLabel(ru['search.label'], { exact: true }).waitFor();
    await page.getByRole('link', { name: ru['nav.corpus'], exact: true }).waitFor();
    await page.getByRole('link', { name: ru['corpus.tab.keywords'], exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: ru['search.refine'], exact: true }).waitFor();
    await page.getByRole('link', { name: ru['nav.corpus'], exact: true }).click();
    await expectHeading(ru['corpus.title']);
    await page.getByRole('heading', { level: 2, name: ru['corpus.group.source'], exact: true }).waitFor();
    await page.getByLabel(ru['header.language'], { exact: true }).selectOption('en');
    await expectHeading(en['corpus.title']);
  }],

  ['signed in, the compendium keeps the header and the full menu', async () => {
    const { page } = env;
    await page.getByRole('link', { name: en['nav.signIn'], exact: true }).click();
    await expectRoute('/login');
    const answer = await signIn(ADMIN.username, ADMIN.newPassword);
    assert.equal(answer.status(), 200, `sign-in answered ${answer.status()}`);
    // Back where the visitor was before signing in.
    await expectRoute('/corpus');
    await page.getByRole('button', { name: en['header.signOut'], exact: true }).waitFor();
    // A fresh load of a public page asks the server who is signed in and keeps them signed in.
    await page.goto(`${env.baseUrl}/#/corpus/search?q=children`);
    await expectHeading(en['search.title']);
    await page.getByRole('button', { name: en['header.signOut'], exact: true }).waitFor();
    const nav = page.getByRole('navigation', { name: en['nav.label'], exact: true });
    await nav.getByRole('link', { name: en['nav.home'], exact: true }).waitFor();
    await nav.getByRole('link', { name: en['nav.administration'], exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name: en['nav.signIn'], exact: true }).count(), 0);
    await page.locator('main .hit').first().waitFor();
  }],

  ...nrmSteps({ env, en, ru, runCli, signIn, expectRoute, expectHeading, checkAccessibility }),
  ...statsSteps({ env, en, ru, runCli, signIn, expectRoute, expectHeading, checkAccessibility }),
  ...hotlineSteps({ env, en, runCli, signIn, expectRoute, expectHeading, checkAccessibility }),
  ...monitoringSteps({ env, en, ru, runCli, signIn, expectRoute, expectHeading, checkAccessibility }),

  ['no console errors and no CSP violations', async () => {
    assert.deepEqual(env.pageProblems, []);
  }],
];

// ---------------------------------------------------------------- runner

async function saveFailureScreenshot() {
  if (!env.page) return;
  const file = path.join(os.tmpdir(), `lifeline-e2e-failure-${Date.now()}.png`);
  try {
    await env.page.screenshot({ path: file, fullPage: true });
    console.log(`  screenshot at failure: ${file} (page ${env.page.url()})`);
  } catch {
    // The page may already be gone.
  }
}

function reportFailure(error) {
  console.log(`  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
  if (env.pageProblems.length) console.log(`  page problems:\n    ${env.pageProblems.join('\n    ')}`);
  if (env.serverLog.length) console.log(`  last server output:\n    ${env.serverLog.slice(-30).join('\n    ')}`);
}

async function main() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const interrupt = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    for (const [name, run] of steps) {
      if (failed > 0) {
        skipped += 1;
        console.log(`skip ${name}`);
        continue;
      }
      try {
        await run();
        passed += 1;
        console.log(`ok   ${name}`);
      } catch (error) {
        failed += 1;
        console.log(`FAIL ${name}`);
        reportFailure(error);
        await saveFailureScreenshot();
      }
    }
  } finally {
    await cleanup();
  }
  if (env.axeSummary.length) console.log(`axe-core: ${env.axeSummary.join('; ')}`);
  console.log(skipped ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
