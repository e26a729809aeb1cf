// Optional TLS: with a certificate and key configured, Lifeline serves HTTPS only, sends HSTS,
// and its session cookie is Secure with the __Host- prefix.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import https from 'node:https';
import { join } from 'node:path';
import { test } from 'node:test';

import { newInstance, seedAdministrator, startServer, stopServer, STRONG_PASSWORD } from './lib.mjs';

function selfSignedCertificate(dir) {
  const key = join(dir, 'tls.key');
  const cert = join(dir, 'tls.crt');
  const result = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
    '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return { key, cert };
}

// The test trusts its own throwaway certificate, and nothing else.
function request(url, method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(url + path, {
      method, rejectUnauthorized: false,
      headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {},
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

test('TLS: HTTPS with HSTS and a __Host- Secure cookie', async () => {
  const instance = newInstance();
  const { key, cert } = selfSignedCertificate(instance.dir);
  seedAdministrator(instance);
  const server = await startServer(instance, {
    LIFELINE_SERVER_TLS_CERTIFICATE_FILE: cert,
    LIFELINE_SERVER_TLS_PRIVATE_KEY_FILE: key,
  });
  try {
    const url = server.url;
    const health = await request(url, 'GET', '/healthz');
    assert.equal(health.status, 200);
    assert.match(health.headers['strict-transport-security'], /max-age=\d+/);
    const login = await request(url, 'POST', '/api/v1/auth/login', { username: 'admin', password: STRONG_PASSWORD });
    assert.equal(login.status, 200, login.text);
    const cookie = login.headers['set-cookie'][0];
    assert.match(cookie, /^__Host-lifeline_session=/);
    assert.match(cookie, /; Secure/);
    assert.match(cookie, /Path=\//);
  } finally {
    await stopServer(server);
    instance.cleanup();
  }
});
