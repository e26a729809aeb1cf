// Faults: killed mid-write, a locked database, missing or wrong keys, a database newer than
// the binary, a tampered audit trail.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import {
  BACKEND, BIN, cli, Client, newInstance, seedAdministrator, signedInAdministrator, sleep, sql,
  startServer, stopServer, STRONG_PASSWORD,
} from './lib.mjs';

describe('faults', () => {
  test('SIGKILL in the middle of writes: every acknowledged write survives, the chain verifies', async () => {
    const instance = newInstance();
    seedAdministrator(instance);
    let server = await startServer(instance);
    const admin = await signedInAdministrator(server);
    const acknowledged = [];
    let stop = false;
    const writer = async (n) => {
      for (let i = 0; !stop; i++) {
        try {
          const name = `Org ${n}-${i}`;
          const r = await admin.request('POST', '/api/v1/orgs', { body: { name, type: 'ngo' } });
          if (r.status === 201) acknowledged.push(name);
        } catch { return; }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await sleep(1500);
    await stopServer(server, 'SIGKILL');
    stop = true;
    await Promise.all(writers);
    assert.ok(acknowledged.length > 5, `some writes were acknowledged (${acknowledged.length})`);

    server = await startServer(instance);
    const again = new Client(server.url);
    await again.login('admin', admin.password);
    const names = new Set();
    let cursor = '';
    for (;;) {
      const page = await again.request('GET', `/api/v1/orgs?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      for (const o of page.json.items) names.add(o.name);
      if (!page.json.next_cursor) break;
      cursor = page.json.next_cursor;
    }
    for (const name of acknowledged) assert.ok(names.has(name), `${name} was acknowledged but is missing`);
    await stopServer(server);
    const verify = cli(instance, ['audit', 'verify']);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /intact/);
    instance.cleanup();
  });

  test('a tampered audit trail is detected at the first changed entry', () => {
    const instance = newInstance();
    seedAdministrator(instance);
    cli(instance, ['org', 'add', '--name', 'Second', '--type', 'police']);
    assert.equal(cli(instance, ['audit', 'verify']).status, 0);
    // Only someone with direct database access can do this; Lifeline itself refuses.
    const disable = BACKEND === 'postgres'
      ? 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update'
      : 'DROP TRIGGER audit_log_no_update';
    assert.equal(sql(instance, `UPDATE audit_log SET object_id = '999' WHERE id = 2`).status === 0, false,
      'the database refuses to edit the audit trail');
    assert.equal(sql(instance, disable).status, 0);
    assert.equal(sql(instance, `UPDATE audit_log SET object_id = '999' WHERE id = 2`).status, 0);
    const verify = cli(instance, ['audit', 'verify']);
    assert.equal(verify.status, 2);
    assert.match(verify.stdout, /BROKEN at entry 2/);
    instance.cleanup();
  });

  test('a missing key file: refuses to start, and never makes a new key', async () => {
    const instance = newInstance();
    seedAdministrator(instance);
    const keyFile = join(instance.dir, 'lifeline.key');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    copyFileSync(keyFile, `${keyFile}.saved`);
    unlinkSync(keyFile);
    const result = cli(instance, ['migrate']);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /key file .* is missing.*restore/);
    assert.equal(existsSync(keyFile), false, 'no new key was created');
    copyFileSync(`${keyFile}.saved`, keyFile);
    instance.cleanup();
  });

  test('a wrong key file: refuses to start and says so', () => {
    const first = newInstance();
    const second = newInstance();
    seedAdministrator(first);
    seedAdministrator(second);
    copyFileSync(join(second.dir, 'lifeline.key'), join(first.dir, 'lifeline.key'));
    const result = cli(first, ['migrate']);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /key file does not match this database/);
    first.cleanup();
    second.cleanup();
  });

  test('a key file readable by others is refused', () => {
    const instance = newInstance();
    seedAdministrator(instance);
    spawn('chmod', ['644', join(instance.dir, 'lifeline.key')]);
    return sleep(200).then(() => {
      const result = cli(instance, ['migrate']);
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /chmod 600/);
      instance.cleanup();
    });
  });

  test('a database newer than the binary is refused', () => {
    const instance = newInstance();
    seedAdministrator(instance);
    assert.equal(sql(instance, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2030-01-01')").status, 0);
    const result = cli(instance, ['migrate']);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /newer than this lifeline binary/);
    instance.cleanup();
  });

  test('key rotation re-encrypts second factors and sign-in keeps working', async () => {
    const instance = newInstance();
    seedAdministrator(instance);
    let server = await startServer(instance);
    const admin = await signedInAdministrator(server);
    const enrol = await admin.request('POST', '/api/v1/me/totp/enrol', { body: {} });
    const { totp } = await import('./lib.mjs');
    await admin.request('POST', '/api/v1/me/totp/confirm', { body: { code: totp(enrol.json.secret) } });
    await stopServer(server);
    const rotated = cli(instance, ['keys', 'rotate', '--no-wait']);
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.match(rotated.stdout, /field key 2 is now current; 1 fields re-encrypted/);
    assert.equal(statSync(join(instance.dir, 'lifeline.key')).mode & 0o777, 0o600);
    server = await startServer(instance);
    const login = await new Client(server.url).login('admin', admin.password, totp(enrol.json.secret, Date.now() / 1000 + 30));
    assert.equal(login.status, 200, login.text);
    await stopServer(server);
    assert.equal(cli(instance, ['audit', 'verify']).status, 0);
    instance.cleanup();
  });

  test('key rotation while a server runs: no restart, no failed sign-in', async () => {
    const instance = newInstance();
    seedAdministrator(instance);
    const server = await startServer(instance);
    const admin = await signedInAdministrator(server);
    const { totp } = await import('./lib.mjs');
    const enrol = await admin.request('POST', '/api/v1/me/totp/enrol', { body: {} });
    const confirm = await admin.request('POST', '/api/v1/me/totp/confirm', { body: { code: totp(enrol.json.secret) } });
    const rotation = spawn(BIN, ['keys', 'rotate'], { env: instance.env });
    let output = '';
    rotation.stdout.on('data', (d) => { output += d; });
    // Sign-ins keep working during the rotation and after it, on the same server process.
    const during = await new Client(server.url).login('admin', admin.password, confirm.json.recovery_codes[0]);
    assert.equal(during.status, 200, during.text);
    const code = await new Promise((resolve) => rotation.on('exit', resolve));
    assert.equal(code, 0);
    assert.match(output, /1 fields re-encrypted/);
    // The secret is now sealed with key 2, which the server loads when it first meets it.
    const afterwards = await new Client(server.url).login('admin', admin.password, totp(enrol.json.secret, Date.now() / 1000 + 30));
    assert.equal(afterwards.status, 200, afterwards.text);
    await stopServer(server);
    instance.cleanup();
  });

  test('keys given in the environment instead of a file', async () => {
    const instance = newInstance();
    seedAdministrator(instance);
    const keyFile = join(instance.dir, 'lifeline.key');
    const text = readFileSync(keyFile, 'utf8');
    unlinkSync(keyFile);
    const withKeys = { ...instance, env: { ...instance.env, LIFELINE_SECURITY_KEYS: text } };
    const server = await startServer(withKeys);
    assert.equal((await new Client(server.url).login('admin', STRONG_PASSWORD)).status, 200);
    await stopServer(server);
    assert.equal(existsSync(keyFile), false, 'no key file was written');
    const rotate = cli(withKeys, ['keys', 'rotate', '--no-wait']);
    assert.notEqual(rotate.status, 0);
    assert.match(rotate.stderr, /LIFELINE_SECURITY_KEYS/);
    const broken = text.replace(/field-key 1 \S+/, 'field-key 1 not-a-key');
    const refused = cli({ ...instance, env: { ...instance.env, LIFELINE_SECURITY_KEYS: broken } }, ['migrate']);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /LIFELINE_SECURITY_KEYS/);
    for (const line of text.split('\n').filter((l) => l.startsWith('field-key'))) {
      assert.ok(!refused.stderr.includes(line.split(' ')[2]), 'no key material in the message');
    }
    instance.cleanup();
  });

  test('backup writes a consistent copy and refuses to overwrite', () => {
    const instance = newInstance();
    seedAdministrator(instance);
    const target = join(instance.dir, BACKEND === 'postgres' ? 'copy.dump' : 'copy.db');
    const result = cli(instance, ['backup', '--to', target]);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(statSync(target).size > 0);
    assert.notEqual(cli(instance, ['backup', '--to', target]).status, 0);
    instance.cleanup();
  });
});

describe('database unavailable', () => {
  // Another process holds a lock on the organisations table; Lifeline waits busy_timeout_ms
  // (SQLite busy timeout, PostgreSQL lock_timeout) and then answers 503.
  function holdLock(instance) {
    if (BACKEND === 'postgres') {
      const locker = spawn('psql', [instance.env.LIFELINE_DATABASE_URL], { stdio: ['pipe', 'ignore', 'ignore'] });
      locker.stdin.write('BEGIN; LOCK TABLE organisations IN ACCESS EXCLUSIVE MODE;\n');
      return locker;
    }
    const locker = spawn('sqlite3', [join(instance.dir, 'lifeline.db')], { stdio: ['pipe', 'ignore', 'ignore'] });
    locker.stdin.write("BEGIN EXCLUSIVE; INSERT INTO organisations (name, type, created_at) VALUES ('lock', 'other', 0);\n");
    return locker;
  }

  test('a locked database gives 503 with Retry-After, and the server recovers', async () => {
    const instance = newInstance({ LIFELINE_DATABASE_BUSY_TIMEOUT_MS: '300' });
    seedAdministrator(instance);
    const server = await startServer(instance);
    const admin = await signedInAdministrator(server);
    const locker = holdLock(instance);
    await sleep(700);
    const refused = await admin.request('POST', '/api/v1/orgs', { body: { name: 'During lock', type: 'ngo' } });
    assert.equal(refused.status, 503, refused.text);
    assert.ok(refused.headers.get('retry-after'));
    assert.equal(refused.json.type, 'urn:lifeline:problem:unavailable');
    locker.stdin.end('ROLLBACK;\n');
    await new Promise((r) => locker.on('exit', r));
    const accepted = await admin.request('POST', '/api/v1/orgs', { body: { name: 'After lock', type: 'ngo' } });
    assert.equal(accepted.status, 201);
    const names = (await admin.request('GET', '/api/v1/orgs?limit=200')).json.items.map((o) => o.name);
    assert.ok(!names.includes('During lock') && !names.includes('lock'));
    await stopServer(server);
    instance.cleanup();
  });
});
