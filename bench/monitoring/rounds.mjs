#!/usr/bin/env node
// A questionnaire round of ITEMS items (yes/no, numbers asked after a yes, choice lists, free
// text, evidence links) answered and submitted by every participating State through the API,
// each by its own co-ordinator; then the analysis (GET /api/v1/questionnaires/{id}/analysis)
// and the HTML report (GET .../report) are timed one request after another on one keep-alive
// connection, with the round itself (GET /api/v1/questionnaires/{id}: the same items read
// without any analysis) timed the same way as the baseline.
// Usage: rounds.mjs URL HUB_USER PASSWORD STATES_FILE ITEMS REQUESTS
//   STATES_FILE: lines "CODE ORGANISATION_ID USERNAME", one per State.
// Prints key=value lines.
import { readFileSync } from 'node:fs';

const [url, hubUser, password, statesFile, itemsText, requestsText] = process.argv.slice(2);
const ITEMS = Number(itemsText);
const REQUESTS = Number(requestsText);
const NEW_PASSWORD = `${password}-own`;

class Client {
  constructor() {
    this.cookie = '';
    this.csrf = '';
  }

  async call(method, path, body) {
    const headers = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    const type = response.headers.get('content-type') ?? '';
    return type.includes('json') && text ? JSON.parse(text) : text;
  }

  // First sign-in of a new account, with the password change every new account must make.
  async signIn(username) {
    const login = await this.call('POST', '/api/v1/auth/login', { username, password });
    this.csrf = login.csrf_token;
    await this.call('POST', '/api/v1/me/password', { current_password: password, new_password: NEW_PASSWORD });
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(client, path, requests) {
  const times = [];
  let last;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    last = await client.call('GET', path);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50).toFixed(1), p99: percentile(times, 99).toFixed(1), max: times.at(-1).toFixed(1), last };
}

// The round's items: every fifth a number asked only after a yes (or partly) to the last yes/no
// question before it.
function itemDefinitions() {
  const pillars = ['prosecution', 'prevention', 'protection', 'partnerships'];
  const items = [];
  let lastYesNo = null;
  for (let i = 1; i <= ITEMS; i++) {
    const code = `q${i}`;
    const pillar = pillars[i % pillars.length];
    if (i % 5 === 0 && lastYesNo) {
      items.push({ code, prompt: `How many (item ${i})?`, type: 'number', unit: 'cases', year: 2025, minimum: 0, maximum: 100000,
        pillar, shown_if: { item: lastYesNo, answers: ['yes', 'partly'] } });
    } else if (i % 7 === 0) {
      items.push({ code, prompt: `Which body (item ${i})?`, type: 'choice', pillar,
        choices: [{ code: 'ministry', label: 'A ministry' }, { code: 'agency', label: 'An agency' }, { code: 'other', label: 'Other' }] });
    } else if (i % 11 === 0) {
      items.push({ code, prompt: `Main challenges (item ${i})`, type: 'text', pillar });
    } else if (i % 13 === 0) {
      items.push({ code, prompt: `Legislation (item ${i})`, type: 'evidence', pillar });
    } else {
      items.push({ code, prompt: `Has your State implemented commitment ${i}?`, type: 'yes_no', pillar });
      lastYesNo = code;
    }
  }
  return items;
}

// A State's answers: deterministic, varied between States.
function answersOf(stateIndex, items) {
  const yesNo = ['yes', 'partly', 'no', 'not_applicable'];
  const given = {};
  const answers = [];
  for (const item of items) {
    const k = (stateIndex * 31 + Number(item.code.slice(1)) * 17) % 97;
    if (item.shown_if && !item.shown_if.answers.includes(given[item.shown_if.item])) continue;
    let value;
    if (item.type === 'yes_no') value = yesNo[k % 4];
    else if (item.type === 'number') value = k * 10;
    else if (item.type === 'choice') value = ['ministry', 'agency', 'other'][k % 3];
    else if (item.type === 'text') value = `Shortage of funding and of trained staff in region ${k}`;
    else value = [`https://example.org/law/${stateIndex}/${k}`];
    given[item.code] = value;
    answers.push({ item_id: item.id, value });
  }
  return answers;
}

const states = readFileSync(statesFile, 'utf8').trim().split('\n').map((line) => {
  const [code, organisation, username] = line.trim().split(/\s+/);
  return { code, organisation: Number(organisation), username };
});

const hub = new Client();
await hub.signIn(hubUser);
let started = performance.now();
const round = await hub.call('POST', '/api/v1/questionnaires', { title: `Survey of ${ITEMS} questions` });
for (const item of itemDefinitions()) await hub.call('POST', `/api/v1/questionnaires/${round.id}/items`, item);
await hub.call('POST', `/api/v1/questionnaires/${round.id}/open`);
const items = (await hub.call('GET', `/api/v1/questionnaires/${round.id}`)).items;
for (const state of states) {
  await hub.call('PUT', `/api/v1/questionnaires/respondents/${state.code}`, { organisation_id: state.organisation });
}
console.log(`setup_round_s=${((performance.now() - started) / 1000).toFixed(1)}`);

started = performance.now();
let answered = 0;
for (const [index, state] of states.entries()) {
  const client = new Client();
  await client.signIn(state.username);
  const answers = answersOf(index, items);
  await client.call('PUT', `/api/v1/questionnaires/${round.id}/responses/${state.code}`, { answers });
  await client.call('POST', `/api/v1/questionnaires/${round.id}/responses/${state.code}/submit`);
  answered += answers.length;
}
console.log(`answering_s=${((performance.now() - started) / 1000).toFixed(1)}`);
console.log(`answers=${answered}`);

const baseline = await timed(hub, `/api/v1/questionnaires/${round.id}`, REQUESTS);
const analysis = await timed(hub, `/api/v1/questionnaires/${round.id}/analysis`, REQUESTS);
const report = await timed(hub, `/api/v1/questionnaires/${round.id}/report`, Math.max(3, Math.floor(REQUESTS / 10)));
const pdfReport = await timed(hub, `/api/v1/questionnaires/${round.id}/report?format=pdf`, Math.max(3, Math.floor(REQUESTS / 10)));
if (!pdfReport.last.startsWith('%PDF-')) throw new Error('the PDF report is not a PDF');
if (analysis.last.responding !== states.length || analysis.last.items.length !== ITEMS) {
  throw new Error(`the analysis shows ${analysis.last.responding} States and ${analysis.last.items.length} items`);
}
if (!report.last.includes(`${states.length} of ${states.length} invited States submitted`)) {
  throw new Error('the report does not show every State');
}
console.log(`items=${ITEMS}`);
console.log(`states=${states.length}`);
console.log(`round_p50_ms=${baseline.p50}`);
console.log(`round_p99_ms=${baseline.p99}`);
console.log(`analysis_p50_ms=${analysis.p50}`);
console.log(`analysis_p99_ms=${analysis.p99}`);
console.log(`analysis_max_ms=${analysis.max}`);
console.log(`report_p50_ms=${report.p50}`);
console.log(`report_max_ms=${report.max}`);
console.log(`report_bytes=${report.last.length}`);
console.log(`pdf_report_p50_ms=${pdfReport.p50}`);
console.log(`pdf_report_max_ms=${pdfReport.max}`);
