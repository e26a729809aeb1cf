#!/usr/bin/env node
// The hotline under load, over HTTP against a running server:
//   baseline    GET /api/v1/public/hotline (no database, no hashing) from CLIENTS clients for
//               SECONDS: the HTTP floor of this machine, measured in the same run;
//   submission  POST /api/v1/public/reports from CLIENTS anonymous clients for SECONDS (each
//               report is validated, its passphrase hashed with Argon2id, its text sealed and
//               stored with an audit entry in one transaction); a 503 "busy" is sent again;
//   console     an operator's GET /api/v1/hotline/contacts?status=new (the first page of the
//               queue), one request after another: first on a quiet server, then while JUNK
//               more reports arrive from CLIENTS clients.
// Usage: load.mjs URL OPERATOR PASSWORD CLIENTS SECONDS JUNK
// Prints key=value lines; exits 1 when a request fails.
import { createHash } from 'node:crypto';

const [url, operator, password, clientsText, secondsText, junkText] = process.argv.slice(2);
const clients = Number(clientsText);
const seconds = Number(secondsText);
const junk = Number(junkText);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(name, times, elapsedSeconds) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${name}_requests=${sorted.length}`);
  if (elapsedSeconds) console.log(`${name}_per_second=${(sorted.length / elapsedSeconds).toFixed(1)}`);
  console.log(`${name}_p50_ms=${percentile(sorted, 50).toFixed(2)}`);
  console.log(`${name}_p99_ms=${percentile(sorted, 99).toFixed(2)}`);
}

let failures = 0;
async function timedFetch(path, init, expected) {
  const started = performance.now();
  const response = await fetch(url + path, init);
  await response.arrayBuffer();
  const took = performance.now() - started;
  if (response.status !== expected) {
    failures += 1;
    if (failures <= 5) console.error(`${init?.method ?? 'GET'} ${path} answered ${response.status}`);
  }
  return took;
}

const report = (i, pow) => JSON.stringify({
  pow,
  kind: i % 5 === 0 ? 'advice' : 'report',
  language: 'en',
  what: `Generated report ${i}: people seen sleeping at a workplace, passports kept by the employer.`,
  where: 'Somewhere in the city',
  people_count: 1 + (i % 20),
  children_involved: 'unknown',
  exploitation_types: ['forced_labour'],
});
// A submission answered 503 (more in flight than hotline.concurrent_submissions) is sent again
// after RETRY_MS, as the public page does (after longer); its latency counts every attempt.
const RETRY_MS = 200;
let busyAnswers = 0;
// The proof of work the page computes while the reporter types: fetched and solved before the
// clock starts (the run script sets a difficulty of 1 bit, so the server's check is measured,
// not this client's hashing).
async function proofOfWork() {
  const response = await fetch(`${url}/api/v1/public/challenge`);
  const { challenge, difficulty } = await response.json();
  for (let candidate = 0; ; candidate++) {
    const digest = createHash('sha256').update(challenge).update(String(candidate)).digest();
    const bits = digest[0] === 0 ? 8 + Math.clz32(digest[1]) - 24 : Math.clz32(digest[0]) - 24;
    if (bits >= difficulty) return { challenge, solution: String(candidate) };
  }
}

async function submit(i) {
  const pow = await proofOfWork();
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${url}/api/v1/public/reports`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: report(i, pow),
    });
    await response.arrayBuffer();
    if (response.status === 201) return performance.now() - started;
    if (response.status !== 503) {
      failures += 1;
      if (failures <= 5) console.error(`POST /api/v1/public/reports answered ${response.status}`);
      return performance.now() - started;
    }
    busyAnswers += 1;
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** `clients` loops calling `call(i)` until `until()` says stop; returns every latency. */
async function loops(call, until) {
  const times = [];
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (!until(next)) {
      const i = next;
      next += 1;
      times.push(await call(i));
    }
  }));
  return times;
}

async function forSeconds(name, call) {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const times = await loops(call, () => performance.now() >= deadline);
  summary(name, times, (performance.now() - started) / 1000);
}

async function signIn() {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: operator, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  return { cookie: response.headers.get('set-cookie').split(';')[0] };
}

async function consoleList(session, stop) {
  const times = [];
  while (!stop()) {
    times.push(await timedFetch('/api/v1/hotline/contacts?status=new&limit=50', { headers: { cookie: session.cookie } }, 200));
  }
  return times;
}

console.log(`clients=${clients}`);
await forSeconds('baseline', () => timedFetch('/api/v1/public/hotline', {}, 200));
await forSeconds('submission', submit);

const session = await signIn();
let quietCount = 0;
summary('console_quiet', await consoleList(session, () => quietCount++ >= 200));
let sent = 0;
let flooding = true;
const started = performance.now();
const [floodTimes, consoleTimes] = await Promise.all([
  loops((i) => { sent += 1; return submit(1_000_000 + i); }, (i) => i >= junk).finally(() => { flooding = false; }),
  consoleList(session, () => !flooding),
]);
const floodSeconds = (performance.now() - started) / 1000;
console.log(`junk_reports=${sent}`);
console.log(`junk_seconds=${floodSeconds.toFixed(1)}`);
summary('junk_submission', floodTimes, floodSeconds);
summary('console_under_flood', consoleTimes);
console.log(`busy_answers=${busyAnswers}`);
console.log(`failures=${failures}`);
process.exit(failures > 0 ? 1 : 0);
