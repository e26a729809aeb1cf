// Sign-in, password change, organisations, users, roles, sessions and two-step sign-in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  cli, Client, newInstance, seedAdministrator, signedInAdministrator, sleep, startServer,
  stopServer, STRONG_PASSWORD, totp,
} from './lib.mjs';

describe('accounts', () => {
  let instance;
  let server;
  before(async () => {
    instance = newInstance();
    seedAdministrator(instance);
    server = await startServer(instance);
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  test('health, readiness and metrics answer', async () => {
    const client = new Client(server.url);
    assert.equal((await client.request('GET', '/healthz')).status, 200);
    assert.equal((await client.request('GET', '/readyz')).status, 200);
    const metrics = await client.request('GET', '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /lifeline_build_info\{/);
    assert.match(metrics.text, /lifeline_http_requests_total\{[^}]*route="\/healthz"/);
    assert.match(metrics.text, /lifeline_db_pool_connections/);
  });

  test('every response carries the security headers', async () => {
    const client = new Client(server.url);
    for (const path of ['/healthz', '/api/v1/me', '/no/such/thing']) {
      const response = await client.request('GET', path);
      const csp = response.headers.get('content-security-policy');
      assert.ok(csp, `${path} has a CSP`);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(response.headers.get('referrer-policy'));
      assert.equal(response.headers.get('strict-transport-security'), null, 'no HSTS without TLS');
    }
  });

  test('a wrong password is refused with a problem document', async () => {
    const client = new Client(server.url);
    const response = await client.login('admin', 'not-the-password');
    assert.equal(response.status, 401);
    assert.match(response.headers.get('content-type'), /application\/problem\+json/);
    assert.equal(response.json.type, 'urn:lifeline:problem:invalid-credentials');
    assert.equal(client.cookie, null);
  });

  test('the first sign-in must change the password before anything else', async () => {
    const client = new Client(server.url);
    const login = await client.login('admin', STRONG_PASSWORD);
    assert.equal(login.status, 200);
    assert.equal(login.json.must_change_password, true);
    assert.match(login.headers.get('set-cookie'), /HttpOnly/);
    assert.match(login.headers.get('set-cookie'), /SameSite=Lax/);
    const me = await client.request('GET', '/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.user.must_change_password, true);
    assert.deepEqual(me.json.roles, ['administrator']);
    const blocked = await client.request('GET', '/api/v1/orgs');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.json.type, 'urn:lifeline:problem:password-change-required');
    const weak = await client.request('POST', '/api/v1/me/password', {
      body: { current_password: STRONG_PASSWORD, new_password: 'password1234' },
    });
    assert.equal(weak.status, 422);
    assert.ok(weak.json.errors.some((e) => e.field === 'new_password'));
    assert.ok(!weak.text.includes('password1234'), 'the refused password is not echoed');
    const changed = await client.request('POST', '/api/v1/me/password', {
      body: { current_password: STRONG_PASSWORD, new_password: 'a-much-better-passphrase' },
    });
    assert.equal(changed.status, 204);
    assert.equal((await client.request('GET', '/api/v1/orgs')).status, 200);
    // The old password is gone.
    assert.equal((await new Client(server.url).login('admin', STRONG_PASSWORD)).status, 401);
    assert.equal((await new Client(server.url).login('admin', 'a-much-better-passphrase')).status, 200);
  });

  test('administrators create organisations and users; CSRF is enforced', async () => {
    const client = new Client(server.url);
    await client.login('admin', 'a-much-better-passphrase');
    const csrf = client.csrf;
    client.csrf = null;
    const forged = await client.request('POST', '/api/v1/orgs', { body: { name: 'La Strada', type: 'ngo' } });
    assert.equal(forged.status, 403);
    assert.equal(forged.json.type, 'urn:lifeline:problem:csrf');
    client.csrf = csrf;
    const org = await client.request('POST', '/api/v1/orgs', { body: { name: 'La Strada', type: 'ngo' } });
    assert.equal(org.status, 201);
    assert.equal(org.json.type, 'ngo');
    const duplicate = await client.request('POST', '/api/v1/orgs', { body: { name: 'la strada', type: 'ngo' } });
    assert.equal(duplicate.status, 409);
    const badType = await client.request('POST', '/api/v1/orgs', { body: { name: 'X', type: 'mafia' } });
    assert.equal(badType.status, 422);

    const user = await client.request('POST', '/api/v1/users', {
      body: { username: 'Outreach.Worker', display_name: 'Олена Outreach', organisation_id: org.json.id,
        roles: ['first_responder'], password: STRONG_PASSWORD },
    });
    assert.equal(user.status, 201, user.text);
    assert.equal(user.json.username, 'outreach.worker');
    assert.equal(user.json.must_change_password, true);
    const list = await client.request('GET', '/api/v1/users?limit=1');
    assert.equal(list.status, 200);
    assert.equal(list.json.items.length, 1);
    assert.ok(list.json.next_cursor);
    const rest = await client.request('GET', `/api/v1/users?cursor=${list.json.next_cursor}`);
    assert.ok(rest.json.items.some((u) => u.username === 'outreach.worker'));

    // The new user is not an administrator.
    const worker = new Client(server.url);
    assert.equal((await worker.login('outreach.worker', STRONG_PASSWORD)).status, 200);
    await worker.request('POST', '/api/v1/me/password', {
      body: { current_password: STRONG_PASSWORD, new_password: 'worker-passphrase-2026' },
    });
    assert.equal((await worker.request('GET', '/api/v1/orgs')).status, 403);
    assert.equal((await worker.request('GET', '/api/v1/users')).status, 403);
    assert.equal((await worker.request('GET', '/api/v1/meta/vocabularies')).status, 200);

    // Roles change; disabling signs the user out at once and refuses new sign-ins.
    const promoted = await client.request('PATCH', `/api/v1/users/${user.json.id}`, { body: { roles: ['case_worker'] } });
    assert.deepEqual(promoted.json.roles, ['case_worker']);
    const disabled = await client.request('PATCH', `/api/v1/users/${user.json.id}`, { body: { disabled: true } });
    assert.equal(disabled.json.disabled, true);
    assert.equal((await worker.request('GET', '/api/v1/me')).status, 401);
    const refused = await new Client(server.url).login('outreach.worker', 'worker-passphrase-2026');
    assert.equal(refused.status, 401);
    assert.equal(refused.json.type, 'urn:lifeline:problem:account-disabled');
    assert.equal((await client.request('PATCH', '/api/v1/users/999999', { body: { disabled: true } })).status, 404);
  });

  test('an administrator cannot lock themselves out', async () => {
    const client = new Client(server.url);
    await client.login('admin', 'a-much-better-passphrase');
    const me = await client.request('GET', '/api/v1/me');
    const response = await client.request('PATCH', `/api/v1/users/${me.json.user.id}`, { body: { disabled: true } });
    assert.equal(response.status, 422);
  });

  test('signing in again replaces the session the browser had', async () => {
    const client = new Client(server.url);
    await client.login('admin', 'a-much-better-passphrase');
    const before = client.cookie;
    await client.login('admin', 'a-much-better-passphrase');
    assert.notEqual(client.cookie, before);
    const stale = new Client(server.url);
    stale.cookie = before;
    assert.equal((await stale.request('GET', '/api/v1/me')).status, 401);
  });

  test('sign out ends the session; sign out everywhere ends them all', async () => {
    const first = new Client(server.url);
    const second = new Client(server.url);
    await first.login('admin', 'a-much-better-passphrase');
    await second.login('admin', 'a-much-better-passphrase');
    assert.equal((await first.request('POST', '/api/v1/auth/logout')).status, 204);
    assert.equal((await first.request('GET', '/api/v1/me')).status, 401);
    assert.equal((await second.request('GET', '/api/v1/me')).status, 200);
    const third = new Client(server.url);
    await third.login('admin', 'a-much-better-passphrase');
    assert.equal((await third.request('POST', '/api/v1/auth/logout-all')).status, 204);
    assert.equal((await second.request('GET', '/api/v1/me')).status, 401);
  });

  test('two-step sign-in with TOTP and single-use recovery codes', async () => {
    const client = new Client(server.url);
    await client.login('admin', 'a-much-better-passphrase');
    const enrol = await client.request('POST', '/api/v1/me/totp/enrol', { body: {} });
    assert.equal(enrol.status, 200);
    assert.match(enrol.json.otpauth_uri, /^otpauth:\/\/totp\//);
    const wrong = await client.request('POST', '/api/v1/me/totp/confirm', { body: { code: '000000' === totp(enrol.json.secret) ? '111111' : '000000' } });
    assert.equal(wrong.status, 422);
    const confirm = await client.request('POST', '/api/v1/me/totp/confirm', { body: { code: totp(enrol.json.secret) } });
    assert.equal(confirm.status, 200);
    assert.equal(confirm.json.recovery_codes.length, 10);

    const without = await new Client(server.url).login('admin', 'a-much-better-passphrase');
    assert.equal(without.status, 401);
    assert.equal(without.json.type, 'urn:lifeline:problem:totp-required');
    // The code used to confirm cannot be replayed; the next step's code works.
    const next = totp(enrol.json.secret, Date.now() / 1000 + 30);
    assert.equal((await new Client(server.url).login('admin', 'a-much-better-passphrase', next)).status, 200);
    const recovery = confirm.json.recovery_codes[0];
    assert.equal((await new Client(server.url).login('admin', 'a-much-better-passphrase', recovery)).status, 200);
    assert.equal((await new Client(server.url).login('admin', 'a-much-better-passphrase', recovery)).status, 401);

    const off = await client.request('POST', '/api/v1/me/totp/disable', { body: { password: 'a-much-better-passphrase' } });
    assert.equal(off.status, 204);
    assert.equal((await new Client(server.url).login('admin', 'a-much-better-passphrase')).status, 200);
  });

  test('repeated failures slow down further guesses for the account', async () => {
    seedAdministrator(instance, 'target');
    const client = new Client(server.url);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await client.login('target', `wrong-guess-${i}`)).status);
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.equal(statuses[6], 429);
    // Even the right password waits until the delay has passed.
    assert.equal((await client.login('target', STRONG_PASSWORD)).status, 429);
  });

  test('the OpenAPI document is served', async () => {
    const response = await new Client(server.url).request('GET', '/api/v1/openapi.json');
    assert.equal(response.status, 200);
    assert.equal(response.json.openapi.startsWith('3.'), true);
    assert.ok(response.json.paths['/api/v1/users/{id}'].patch);
  });
});

describe('session limits', () => {
  test('idle and absolute expiry end sessions', async () => {
    const instance = newInstance({
      LIFELINE_SECURITY_SESSION_IDLE_SECONDS: '2',
      LIFELINE_SECURITY_SESSION_ABSOLUTE_SECONDS: '4',
    });
    seedAdministrator(instance);
    const server = await startServer(instance);
    try {
      const idle = new Client(server.url);
      await idle.login('admin', STRONG_PASSWORD);
      assert.equal((await idle.request('GET', '/api/v1/me')).status, 200);
      await sleep(3200);
      assert.equal((await idle.request('GET', '/api/v1/me')).status, 401);

      const busy = new Client(server.url);
      await busy.login('admin', STRONG_PASSWORD);
      // Kept busy every second, the session still ends at the absolute limit.
      let status = 200;
      for (let i = 0; i < 6 && status === 200; i++) {
        await sleep(1000);
        status = (await busy.request('GET', '/api/v1/me')).status;
      }
      assert.equal(status, 401);
    } finally {
      await stopServer(server);
      instance.cleanup();
    }
  });
});

describe('first administrator', () => {
  test('created once, announced once, kept across restarts', async () => {
    const instance = newInstance();
    try {
      const first = await startServer(instance);
      await sleep(100);
      const announced = first.output().match(/One-time password:\s+(\S+)/);
      assert.ok(announced, 'the one-time password is printed');
      assert.equal(await stopServer(first), 0, 'SIGTERM stops the server cleanly');
      const second = await startServer(instance);
      await sleep(100);
      assert.doesNotMatch(second.output(), /One-time password/);
      const client = new Client(second.url);
      const login = await client.login('admin', announced[1]);
      assert.equal(login.status, 200);
      assert.equal(login.json.must_change_password, true);
      const users = cli(instance, ['audit', 'verify']);
      assert.equal(users.status, 0, users.stdout + users.stderr);
      await stopServer(second);
    } finally {
      instance.cleanup();
    }
  });
});
