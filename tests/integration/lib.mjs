// Helpers for the integration tests: a real `lifeline` process on a real port, against a real
// SQLite file or a real PostgreSQL database, driven over HTTP.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

export const BIN = process.env.LIFELINE_BIN;
if (!BIN) throw new Error('LIFELINE_BIN must name the lifeline executable');
export const BACKEND = process.env.LIFELINE_TEST_BACKEND ?? 'sqlite';
export const STRONG_PASSWORD = 'Correct-Horse-Battery-1';

let databaseCounter = 0;

function postgresBaseUrl() {
  const file = process.env.LIFELINE_TEST_PG_URL_FILE;
  if (!file) throw new Error('LIFELINE_TEST_PG_URL_FILE is not set: the PostgreSQL tests need a cluster');
  return readFileSync(file, 'utf8').trim();
}

function createPostgresDatabase(name) {
  const url = new URL(postgresBaseUrl());
  const result = spawnSync('createdb', ['-h', url.hostname, '-p', url.port, '-U', url.username, name]);
  if (result.status !== 0) throw new Error(`createdb failed: ${result.stderr}`);
  url.pathname = `/${name}`;
  return url.toString();
}

// A fresh data directory and database for one test's instance.
export function newInstance(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-it-'));
  const env = {
    ...process.env,
    LIFELINE_DATA_DIR: dir,
    LIFELINE_SERVER_HOST: '127.0.0.1',
    LIFELINE_SERVER_PORT: '0',
    LIFELINE_SECURITY_PASSWORD_HASH: 'fast',
    LIFELINE_LOG_LEVEL: 'warn',
    // The public forms' proof of work stays cheap in tests; its own tests set it.
    LIFELINE_HOTLINE_POW_DIFFICULTY: '4',
    ...extraEnv,
  };
  if (BACKEND === 'postgres') {
    const name = `it_${process.pid}_${Date.now()}_${databaseCounter++}`;
    env.LIFELINE_DATABASE_URL = createPostgresDatabase(name);
  }
  return { dir, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function cli(instance, args, input) {
  const result = spawnSync(BIN, args, { env: instance.env, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Starts `lifeline serve` and resolves once it prints the address it serves on.
export function startServer(instance, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve'], { env: { ...instance.env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stdout}\n${stderr}`)), 30000);
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = stdout.match(/serving on (https?:\/\/[\d.]+:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => stdout, errors: () => stderr });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before serving:\n${stdout}\n${stderr}`));
    });
  });
}

export function stopServer(server, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(server.child.exitCode);
    server.child.removeAllListeners('exit');
    server.child.on('exit', (code, sig) => resolve(code ?? sig));
    server.child.kill(signal);
  });
}

// One browser-like client: keeps the session cookie and the CSRF token.
export class Client {
  constructor(url) {
    this.url = url;
    this.cookie = null;
    this.csrf = null;
  }

  async request(method, path, { body, raw, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['Content-Type'] = 'application/json';
    }
    const response = await fetch(this.url + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0];
      this.cookie = value.endsWith('=') ? null : value;
    }
    const text = await response.text();
    let json = null;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json') && text) json = JSON.parse(text);
    return { status: response.status, headers: response.headers, json, text };
  }

  async login(username, password, totp) {
    const body = { username, password };
    if (totp !== undefined) body.totp = totp;
    const response = await this.request('POST', '/api/v1/auth/login', { body });
    if (response.status === 200) this.csrf = response.json.csrf_token;
    return response;
  }
}

// Creates an organisation and an administrator through the command line, as scripts do.
export function seedAdministrator(instance, username = 'admin') {
  const org = cli(instance, ['org', 'add', '--name', `Office ${username}`, '--type', 'competent_authority']);
  if (org.status !== 0) throw new Error(`org add failed: ${org.stderr}`);
  const orgId = Number(org.stdout.trim().split('\n').pop());
  const user = cli(instance, ['user', 'add', '--org', String(orgId), '--username', username,
    '--role', 'administrator', '--password-stdin'], `${STRONG_PASSWORD}\n`);
  if (user.status !== 0) throw new Error(`user add failed: ${user.stderr}`);
  return { orgId, userId: Number(user.stdout.trim()) };
}

// Signs in as a freshly seeded administrator and completes the first password change.
export async function signedInAdministrator(server, username = 'admin') {
  const client = new Client(server.url);
  const login = await client.login(username, STRONG_PASSWORD);
  if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
  const changed = await client.request('POST', '/api/v1/me/password', {
    body: { current_password: STRONG_PASSWORD, new_password: `${STRONG_PASSWORD}-new` },
  });
  if (changed.status !== 204) throw new Error(`password change failed: ${changed.text}`);
  client.password = `${STRONG_PASSWORD}-new`;
  return client;
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as an authenticator app computes it.
export function totp(secretBase32, time = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30)));
  const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(code).padStart(6, '0');
}

export function sql(instance, statement) {
  if (BACKEND === 'postgres') {
    const result = spawnSync('psql', [instance.env.LIFELINE_DATABASE_URL, '-v', 'ON_ERROR_STOP=1', '-tAc', statement], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
  }
  const result = spawnSync('sqlite3', [join(instance.dir, 'lifeline.db'), statement], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// An organisation made with the command line; returns its id.
export function addOrganisation(instance, name, type) {
  const org = cli(instance, ['org', 'add', '--name', name, '--type', type]);
  assert.equal(org.status, 0, org.stderr);
  return Number(org.stdout.trim().split('\n').pop());
}

// A user made with the command line, with STRONG_PASSWORD to change at first sign-in.
export function addUser(instance, orgId, username, role) {
  const created = cli(instance, ['user', 'add', '--org', String(orgId), '--username', username,
    '--role', role, '--password-stdin'], `${STRONG_PASSWORD}\n`);
  assert.equal(created.status, 0, created.stderr);
}

// A client signed in as a user made by addUser, past the first-sign-in password change.
export async function signInNewUser(server, username) {
  const client = new Client(server.url);
  assert.equal((await client.login(username, STRONG_PASSWORD)).status, 200);
  const changed = await client.request('POST', '/api/v1/me/password', {
    body: { current_password: STRONG_PASSWORD, new_password: `${STRONG_PASSWORD}-changed` },
  });
  assert.equal(changed.status, 204, changed.text);
  return client;
}

// The id of a user, read from the database (user ids are not secret).
export function userId(instance, username) {
  return Number(sql(instance, `SELECT id FROM users WHERE username = '${username}'`).stdout.trim());
}

// The bytes of a GET as the signed-in client, for files that are not text (PDF).
export async function fetchBytes(client, path) {
  const response = await fetch(client.url + path, { headers: client.cookie ? { Cookie: client.cookie } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

// The characters a PDF's embedded fonts draw, from their ToUnicode maps (the text itself is
// glyph numbers): enough to tell that a Cyrillic heading was written.
export function pdfCharacters(bytes) {
  const pdf = bytes.toString('latin1');
  const characters = new Set();
  for (const match of pdf.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = pdf.indexOf('endstream', start);
    if (end < 0) continue;
    let content;
    try {
      content = inflateSync(bytes.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const map of content.matchAll(/<[0-9a-fA-F]+>\s*<([0-9a-fA-F]{4,})>/g)) {
      characters.add(String.fromCharCode(parseInt(map[1].slice(0, 4), 16)));
    }
  }
  return characters;
}

// How many zero bits SHA-256(challenge || solution) starts with.
export function leadingZeroBits(challenge, solution) {
  const digest = createHash('sha256').update(challenge).update(solution).digest();
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) { bits += 8; continue; }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

// A solved proof of work for the public report form, as its page computes it.
export async function proofOfWork(url) {
  const response = await fetch(`${url}/api/v1/public/challenge`);
  const { challenge, difficulty } = await response.json();
  for (let candidate = 0; ; candidate++) {
    const solution = String(candidate);
    if (leadingZeroBits(challenge, solution) >= difficulty) return { challenge, solution };
  }
}
