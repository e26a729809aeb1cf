#!/usr/bin/env node
// The case worker's deadlines dashboard (GET /api/v1/me/cases) and case page with its timeline
// and tasks (GET /api/v1/cases/{id}), timed one request after another on one keep-alive
// connection. The case worker first takes CASES cases from the intake queue through the API
// (POST /api/v1/cases/{id}/assignment), which also gives each a timeline event.
// Usage: dashboard.mjs URL USERNAME PASSWORD REQUESTS CASES
// Prints key=value lines: dashboard_p50_ms, dashboard_p99_ms, dashboard_cases, case_p50_ms, ...
const [url, username, password, requestsText, casesText] = process.argv.slice(2);
const requests = Number(requestsText);

let cookie = '';
let csrf = '';
async function call(method, path, body) {
  const headers = { cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const setCookie = response.headers.get('set-cookie');
  if (setCookie) cookie = setCookie.split(';')[0];
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(path) {
  const times = [];
  let last;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    last = await call('GET', typeof path === 'function' ? path(i) : path);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50).toFixed(2), p99: percentile(times, 99).toFixed(2), last };
}

const login = await call('POST', '/api/v1/auth/login', { username, password });
csrf = login.csrf_token;
await call('POST', '/api/v1/me/password', { current_password: password, new_password: `${password}-chosen` });
const { user } = await call('GET', '/api/v1/me');
const intake = await call('GET', `/api/v1/cases?limit=${Number(casesText)}`);
const caseIds = intake.items.filter((item) => item.in_intake).map((item) => item.case_id);
for (const id of caseIds) {
  await call('POST', `/api/v1/cases/${id}/assignment`, { case_worker_id: user.id });
}
if (caseIds.length === 0) throw new Error('the intake queue had no case to take');
const dashboard = await timed('/api/v1/me/cases');
if (dashboard.last.items.length !== caseIds.length) {
  throw new Error(`the dashboard shows ${dashboard.last.items.length} cases, not ${caseIds.length}`);
}
const page = await timed((i) => `/api/v1/cases/${caseIds[i % caseIds.length]}`);
console.log(`dashboard_cases=${dashboard.last.items.length}`);
console.log(`dashboard_p50_ms=${dashboard.p50}`);
console.log(`dashboard_p99_ms=${dashboard.p99}`);
console.log(`case_timeline_events=${page.last.timeline.length}`);
console.log(`case_p50_ms=${page.p50}`);
console.log(`case_p99_ms=${page.p99}`);
