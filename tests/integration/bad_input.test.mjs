// Bad input gets a clear problem response with the right status, and changes nothing.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';

import { newInstance, seedAdministrator, signedInAdministrator, startServer, stopServer } from './lib.mjs';

// Sends raw bytes, for requests fetch refuses to make.
function rawRequest(url, text) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(text));
    let data = '';
    socket.on('data', (d) => { data += d; });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('bad input', () => {
  let instance;
  let server;
  let admin;
  const organisationCount = async () => (await admin.request('GET', '/api/v1/orgs?limit=200')).json.items.length;

  before(async () => {
    instance = newInstance({ LIFELINE_SERVER_MAX_BODY_BYTES: '4096' });
    seedAdministrator(instance);
    server = await startServer(instance);
    admin = await signedInAdministrator(server);
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  const cases = [
    ['malformed JSON', { raw: '{"name": "A", ', headers: { 'Content-Type': 'application/json' } }, 400, 'malformed-request'],
    ['empty body', { raw: '', headers: { 'Content-Type': 'application/json' } }, 400, 'malformed-request'],
    ['wrong content type', { raw: 'name=A&type=ngo', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported-media-type'],
    ['top level not an object', { body: ['A', 'ngo'] }, 422, 'validation'],
    ['wrong types', { body: { name: 7, type: true } }, 422, 'validation'],
    ['unknown field', { body: { name: 'Unknown Field Org', type: 'ngo', owner: 'x' } }, 422, 'validation'],
    ['missing field', { body: { name: 'Missing Type Org' } }, 422, 'validation'],
    ['oversized body', { body: { name: 'x'.repeat(5000), type: 'ngo' } }, 413, 'payload-too-large'],
    ['invalid UTF-8', { raw: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: { 'Content-Type': 'application/json' } }, 400, 'malformed-request'],
  ];

  for (const [name, request, status, type] of cases) {
    test(`${name}: ${status}`, async () => {
      const before = await organisationCount();
      const response = await admin.request('POST', '/api/v1/orgs', request);
      assert.equal(response.status, status, response.text);
      assert.match(response.headers.get('content-type'), /application\/problem\+json/);
      assert.equal(response.json.type, `urn:lifeline:problem:${type}`);
      assert.equal(response.json.status, status);
      assert.ok(response.json.detail);
      assert.equal(await organisationCount(), before, 'nothing was stored');
    });
  }

  test('field errors name the field but never echo the value', async () => {
    const response = await admin.request('POST', '/api/v1/orgs', { body: { name: 'Secret Shelter Address 12', type: 'nope', extra: 'victim-name-here' } });
    assert.equal(response.status, 422);
    const fields = response.json.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['extra'], 'the unknown field is reported before any rule is checked');
    assert.ok(!response.text.includes('victim-name-here'));
    assert.ok(!response.text.includes('Secret Shelter'));
  });

  test('unknown route: 404; wrong method: 405 with Allow', async () => {
    const missing = await admin.request('GET', '/api/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.type, 'urn:lifeline:problem:not-found');
    const unknown = await admin.request('POST', '/api/v1/nothing-here', { body: {} });
    assert.equal(unknown.status, 404, 'an unknown API path is 404 whatever the method');
    const wrong = await admin.request('DELETE', '/api/v1/orgs');
    assert.equal(wrong.status, 405);
    assert.match(wrong.headers.get('allow'), /GET/);
    assert.match(wrong.headers.get('allow'), /POST/);
  });

  test('malformed ids and list parameters', async () => {
    assert.equal((await admin.request('PATCH', '/api/v1/users/abc', { body: { disabled: false } })).status, 404);
    assert.equal((await admin.request('GET', '/api/v1/users?limit=0')).status, 400);
    assert.equal((await admin.request('GET', '/api/v1/users?cursor=-5')).status, 400);
  });

  test('path traversal never leaves the UI folder', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd', '/..\\..\\etc\\passwd']) {
      const text = await rawRequest(server.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      const status = Number(text.split(' ')[1]);
      assert.ok(status === 400 || status === 404, `${path} -> ${status}`);
      assert.ok(!text.includes('root:'), `${path} leaked a system file`);
    }
  });

  test('oversized headers are refused', async () => {
    const text = await rawRequest(server.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70000)}\r\nConnection: close\r\n\r\n`);
    assert.match(text, /^HTTP\/1\.1 431/);
  });

  test('garbage on the socket gets a 400 and the server lives on', async () => {
    const text = await rawRequest(server.url, 'NOT HTTP AT ALL\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 400/);
    assert.equal((await admin.request('GET', '/healthz')).status, 200);
  });
});
