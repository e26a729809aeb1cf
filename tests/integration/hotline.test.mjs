// The hotline over HTTP: anonymous reports and advice requests with a follow-up code and
// passphrase, throttling and caps on the public side, the operators' console (queue, reply,
// logged contacts, triage, links, referral to the NRM, tips to the police, statistics), and
// nothing stored or logged about the reporter's network address or browser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  addOrganisation, addUser, BACKEND, cli, Client, leadingZeroBits, newInstance, proofOfWork, signInNewUser, sql,
  startServer, stopServer,
} from './lib.mjs';

const PROBE_AGENT = 'HotlineProbeAgent/9.9';
const CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

function report(overrides = {}) {
  return {
    kind: 'report',
    language: 'en',
    what: 'Men sleep in the car wash and never leave; the boss keeps their passports.',
    where: 'Car wash behind the bus station',
    when: 'Every night last week',
    people_count: 6,
    children_involved: 'no',
    exploitation_types: ['forced_labour'],
    ...overrides,
  };
}

// A caller without a session, as the public pages are.
function anonymous(server) {
  return new Client(server.url);
}

async function submit(server, body = report()) {
  const pow = await proofOfWork(server.url);
  return anonymous(server).request('POST', '/api/v1/public/reports', {
    body: { pow, ...body }, headers: { 'User-Agent': PROBE_AGENT },
  });
}

async function thread(server, code, passphrase) {
  return anonymous(server).request('GET', `/api/v1/public/reports/${code}`, { headers: { 'X-Passphrase': passphrase } });
}

// A JPEG with EXIF (where it was taken), IPTC and a comment around its picture.
function segment(marker, payload) {
  const body = Buffer.from(payload, 'latin1');
  const head = Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
  return Buffer.concat([head, body]);
}
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
  segment(0xe1, 'Exif\0\0GPSLatitude 47.0105N 28.8638E'),
  segment(0xfe, 'taken by Marisol'),
  segment(0xdb, '\x01'.repeat(65)),
  segment(0xc0, '\x08\0\x10\0\x10\x01\x01\x11\0'),
  segment(0xda, '\x01\x01\0\0\x3f\0'),
  Buffer.from([0x12, 0x34, 0xff, 0xd9]),
]);

// A PDF written as text, with a correct cross-reference table.
function pdfOf(objects, trailerExtra = '') {
  let pdf = '%PDF-1.7\n';
  const offsets = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  return `${pdf}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
}
const XMP = '<x:xmpmeta>dc:creator Marisol Author</x:xmpmeta>';
const PDF = pdfOf([
  '<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  '<< /Author (Marisol Author) /Title (Secret Ledger) /Producer (WriterApp 9) >>',
  `<< /Type /Metadata /Subtype /XML /Length ${XMP.length} >>\nstream\n${XMP}\nendstream`,
], '/Info 4 0 R');

async function attach(server, code, passphrase, data) {
  return anonymous(server).request('POST', `/api/v1/public/reports/${code}/attachments`, {
    body: { data }, headers: { 'X-Passphrase': passphrase },
  });
}

const count = (instance, table) => Number(sql(instance, `SELECT count(*) FROM ${table}`).stdout);

describe('hotline: public reporting', () => {
  let instance;
  let server;

  before(async () => {
    instance = newInstance({
      LIFELINE_HOTLINE_PHONES: '0 800 100 200; +373 22 000 000',
      LIFELINE_HOTLINE_HOURS: 'Every day, 8:00-20:00',
      LIFELINE_HOTLINE_SUBMISSIONS_PER_ADDRESS: '40',
      LIFELINE_LOG_LEVEL: 'info',
    });
    server = await startServer(instance);
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  let code;
  let passphrase;

  test('the hotline publishes its phone numbers, hours and the exploitation types', async () => {
    const response = await anonymous(server).request('GET', '/api/v1/public/hotline');
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.json.phones, ['0 800 100 200', '+373 22 000 000']);
    assert.equal(response.json.hours, 'Every day, 8:00-20:00');
    assert.ok(response.json.quick_exit_url.startsWith('https://'));
    assert.ok(response.json.exploitation_types.some((t) => t.id === 'forced_labour' && t.label));
  });

  test('a report without an account gets a follow-up code and a passphrase', async () => {
    const response = await submit(server);
    assert.equal(response.status, 201, response.text);
    assert.deepEqual(Object.keys(response.json).sort(), ['code', 'passphrase']);
    assert.match(response.json.code, CODE_PATTERN);
    assert.ok(response.json.passphrase.length >= 20);
    ({ code, passphrase } = response.json);
    assert.equal(response.headers.get('set-cookie'), null, 'the public side sets no cookie');
  });

  test('the code and passphrase open the thread, the code typed in any case without dashes', async () => {
    const response = await thread(server, code.replaceAll('-', '').toLowerCase(), passphrase);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.code, code);
    assert.equal(response.json.kind, 'report');
    assert.equal(response.json.what, report().what);
    assert.deepEqual(response.json.messages, []);
  });

  test('a wrong passphrase and an unknown code get the same 404', async () => {
    const wrong = await thread(server, code, 'not-the-pass-phrase');
    const unknown = await thread(server, 'ABCD-EFGH-JKMN', passphrase);
    const malformed = await thread(server, 'no-such-code', passphrase);
    const missing = await anonymous(server).request('GET', `/api/v1/public/reports/${code}`);
    for (const response of [wrong, unknown, malformed, missing]) {
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    }
    assert.equal(wrong.json.detail, unknown.json.detail);
    assert.equal(wrong.json.detail, malformed.json.detail);
  });

  test('the reporter adds to the thread', async () => {
    const added = await anonymous(server).request('POST', `/api/v1/public/reports/${code}/messages`, {
      body: { body: 'They were moved to a van this morning <script>alert(1)</script>' },
      headers: { 'X-Passphrase': passphrase },
    });
    assert.equal(added.status, 201, added.text);
    const response = await thread(server, code, passphrase);
    assert.equal(response.json.messages.length, 1);
    assert.equal(response.json.messages[0].author, 'reporter');
    assert.equal(response.json.messages[0].body, 'They were moved to a van this morning <script>alert(1)</script>');
    const refused = await anonymous(server).request('POST', `/api/v1/public/reports/${code}/messages`, {
      body: { body: 'guess' }, headers: { 'X-Passphrase': 'wrong' },
    });
    assert.equal(refused.status, 404);
  });

  test('a photograph loses its metadata before it is stored; active or broken PDF, other files and oversized ones are refused', async () => {
    const stored = await attach(server, code, passphrase, JPEG.toString('base64'));
    assert.equal(stored.status, 201, stored.text);
    assert.equal(stored.json.content_type, 'image/jpeg');
    assert.ok(stored.json.size < JPEG.length);
    const seen = await thread(server, code, passphrase);
    assert.deepEqual(seen.json.attachments.map((a) => a.id), [stored.json.id]);
    const before = count(instance, 'hotline_attachments');
    const refusals = [
      [Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj').toString('base64'), 422],
      [Buffer.from(pdfOf(['<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>',
        '<< /Type /Pages /Kids [] /Count 0 >>'])).toString('base64'), 422],
      [Buffer.from('<svg onload="alert(1)"/>').toString('base64'), 415],
      [JPEG.subarray(0, 30).toString('base64'), 422],
      ['not base64 at all!', 422],
    ];
    for (const [data, status] of refusals) {
      const response = await attach(server, code, passphrase, data);
      assert.equal(response.status, status, response.text);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    }
    const huge = Buffer.concat([JPEG.subarray(0, 2), Buffer.alloc(600 * 1024)]).toString('base64');
    assert.equal((await attach(server, code, passphrase, huge)).status, 413);
    assert.equal((await attach(server, code, 'wrong', JPEG.toString('base64'))).status, 404);
    assert.equal(count(instance, 'hotline_attachments'), before);
  });

  test('an advice request is a report of kind advice', async () => {
    const response = await submit(server, { kind: 'advice', what: 'An agency offers me a job abroad and wants my passport. Is it safe?', contact: 'call me on 555-0100' });
    assert.equal(response.status, 201, response.text);
    const opened = await thread(server, response.json.code, response.json.passphrase);
    assert.equal(opened.json.kind, 'advice');
  });

  test('bad input gets a problem naming the field, and nothing is stored', async () => {
    const before = count(instance, 'hotline_contacts');
    const cases = [
      [report({ what: '' }), 422, 'what'],
      [report({ kind: 'complaint' }), 422, 'kind'],
      [report({ exploitation_types: ['piracy'] }), 422, 'exploitation_types'],
      [report({ people_count: -3 }), 422, 'people_count'],
      [report({ website: 'http://spam.example' }), 422, 'website'],
      [report({ surname: 'x' }), 422, 'surname'],
      [report({ what: 'x'.repeat(5001) }), 422, 'what'],
    ];
    for (const [body, status, field] of cases) {
      const response = await submit(server, body);
      assert.equal(response.status, status, `${field}: ${response.text}`);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
      assert.ok(response.json.errors.some((e) => e.field === field), `${field}: ${response.text}`);
    }
    const big = await anonymous(server).request('POST', '/api/v1/public/reports', {
      raw: JSON.stringify(report({ where: 'y'.repeat(40000) })), headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(big.status, 413);
    const notJson = await anonymous(server).request('POST', '/api/v1/public/reports', {
      raw: 'what=hello', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(notJson.status, 415);
    const broken = await anonymous(server).request('POST', '/api/v1/public/reports', {
      raw: '{"what": ', headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(broken.status, 400);
    assert.equal(count(instance, 'hotline_contacts'), before);
  });

  test('nothing about the reporter is stored or logged: no address, no user agent, no code in the log', async () => {
    const dump = sql(instance, 'SELECT * FROM hotline_contacts; SELECT * FROM hotline_messages; SELECT * FROM audit_log').stdout;
    for (const needle of ['127.0.0.1', PROBE_AGENT]) assert.ok(!dump.includes(needle), `${needle} in the database`);
    if (BACKEND === 'sqlite') {
      const file = readFileSync(join(instance.dir, 'lifeline.db')).toString('latin1');
      for (const needle of ['127.0.0.1', PROBE_AGENT, 'car wash', '555-0100', 'GPSLatitude', 'JFIF']) {
        assert.ok(!file.includes(needle), `${needle} in the SQLite file`);
      }
    }
    // The start-up lines name the address the server listens on, which is not a caller's.
    const own = new URL(server.url).host;
    const log = (server.output() + server.errors()).replaceAll(own, '<server>');
    assert.match(log, /POST \/api\/v1\/public\/reports 201/, 'the access log names the route');
    for (const needle of ['127.0.0.1', PROBE_AGENT, code, code.replaceAll('-', '').toLowerCase()]) {
      assert.ok(!log.includes(needle), `${needle} in the log`);
    }
    const metrics = await anonymous(server).request('GET', '/metrics');
    assert.ok(metrics.text.includes('/api/v1/public/reports/{code}'));
    assert.ok(!metrics.text.includes(code) && !metrics.text.includes('127.0.0.1'));
  });
});

describe('hotline: proof of work instead of a CAPTCHA', () => {
  let instance;
  let server;

  before(async () => {
    instance = newInstance({ LIFELINE_HOTLINE_POW_DIFFICULTY: '10' });
    server = await startServer(instance);
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  const post = (body) => anonymous(server).request('POST', '/api/v1/public/reports', { body });

  test('a challenge is issued without storing anything, and a solved one buys one report', async () => {
    const before = count(instance, 'hotline_contacts');
    const issued = await anonymous(server).request('GET', '/api/v1/public/challenge');
    assert.equal(issued.status, 200);
    assert.equal(issued.json.difficulty, 10);
    assert.equal(issued.json.required, true);
    assert.equal(issued.headers.get('cache-control'), 'no-store');
    assert.ok(issued.json.expires_at > Date.now() / 1000);
    const pow = await proofOfWork(server.url);
    assert.ok(leadingZeroBits(pow.challenge, pow.solution) >= 10);
    const first = await post({ ...report(), pow });
    assert.equal(first.status, 201, first.text);
    const again = await post({ ...report(), pow });
    assert.equal(again.status, 403);
    assert.equal(again.headers.get('content-type'), 'application/problem+json');
    assert.match(again.json.detail, /already used/);
    assert.equal(count(instance, 'hotline_contacts'), before + 1);
  });

  test('a missing, forged or unsolved proof of work is refused with a clear problem and stores nothing', async () => {
    const before = count(instance, 'hotline_contacts');
    const missing = await post(report());
    assert.equal(missing.status, 400, missing.text);
    assert.match(missing.json.detail, /proof of work/);
    assert.ok(missing.json.errors.some((e) => e.field === 'pow'), missing.text);

    const pow = await proofOfWork(server.url);
    const [version, nonce, expires, , mac] = pow.challenge.split('.');
    const easier = { challenge: [version, nonce, expires, '0', mac].join('.'), solution: pow.solution };
    const forged = await post({ ...report(), pow: easier });
    assert.equal(forged.status, 400, forged.text);

    let wrong = 0;
    while (leadingZeroBits(pow.challenge, `w${wrong}`) >= 10) wrong += 1;
    const unsolved = await post({ ...report(), pow: { challenge: pow.challenge, solution: `w${wrong}` } });
    assert.equal(unsolved.status, 403, unsolved.text);
    assert.match(unsolved.json.detail, /does not solve/);

    const shapeless = await post({ ...report(), pow: 'solved' });
    assert.equal(shapeless.status, 422, shapeless.text);
    assert.ok(shapeless.json.errors.some((e) => e.field === 'pow'));
    assert.equal(count(instance, 'hotline_contacts'), before);
    // The unsolved attempt did not spend the challenge: its real solution is still good.
    assert.equal((await post({ ...report(), pow })).status, 201);
  });

  test('a report refused for its content does not spend the proof of work', async () => {
    const pow = await proofOfWork(server.url);
    assert.equal((await post({ ...report({ what: '' }), pow })).status, 422);
    assert.equal((await post({ ...report(), pow })).status, 201);
  });

  test('difficulty 0 turns it off', async () => {
    const off = newInstance({ LIFELINE_HOTLINE_POW_DIFFICULTY: '0' });
    const open = await startServer(off);
    try {
      const issued = await anonymous(open).request('GET', '/api/v1/public/challenge');
      assert.equal(issued.json.required, false);
      const sent = await anonymous(open).request('POST', '/api/v1/public/reports', { body: report() });
      assert.equal(sent.status, 201, sent.text);
    } finally {
      await stopServer(open);
      off.cleanup();
    }
  });
});

describe('hotline: throttling', () => {
  let instance;
  let server;

  before(async () => {
    instance = newInstance({
      LIFELINE_HOTLINE_SUBMISSIONS_PER_ADDRESS: '3',
      LIFELINE_HOTLINE_GUESSES_PER_CODE: '3',
      LIFELINE_HOTLINE_GUESSES_PER_ADDRESS: '6',
    });
    server = await startServer(instance);
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  test('wrong passphrases lock the code, then wrong codes lock the address, even for the right passphrase', async () => {
    const first = await submit(server);
    const second = await submit(server);
    for (let i = 0; i < 3; i += 1) assert.equal((await thread(server, first.json.code, `wrong-${i}`)).status, 404);
    const locked = await thread(server, first.json.code, first.json.passphrase);
    assert.equal(locked.status, 429);
    assert.ok(locked.headers.get('retry-after'));
    // The other code still opens, until the address has made too many wrong guesses.
    assert.equal((await thread(server, second.json.code, second.json.passphrase)).status, 200);
    for (let i = 0; i < 3; i += 1) assert.equal((await thread(server, `ZZZZ-ZZZZ-ZZZ${i + 2}`, 'x')).status, 404);
    assert.equal((await thread(server, second.json.code, second.json.passphrase)).status, 429);
  });

  test('an address may submit only so many reports an hour, and a refused one stores nothing', async () => {
    const before = count(instance, 'hotline_contacts');
    const third = await submit(server);
    assert.equal(third.status, 201, third.text);
    const fourth = await submit(server);
    assert.equal(fourth.status, 429);
    assert.equal(fourth.headers.get('content-type'), 'application/problem+json');
    assert.equal(count(instance, 'hotline_contacts'), before + 1);
  });

  test('the counts are kept in memory only and forgotten on restart', async () => {
    await stopServer(server);
    server = await startServer(instance);
    assert.equal((await submit(server)).status, 201);
  });
});

describe('hotline: operators', () => {
  let instance;
  let server;
  const users = {};
  let policeId;
  let otherPoliceId;

  before(async () => {
    instance = newInstance({ LIFELINE_HOTLINE_URGENT_INSTRUCTION: 'Call 112 now.' });
    const hotlineOrg = addOrganisation(instance, 'National Hotline', 'hotline');
    const authority = addOrganisation(instance, 'National Referral Office', 'competent_authority');
    policeId = addOrganisation(instance, 'City Police', 'police');
    otherPoliceId = addOrganisation(instance, 'Border Police', 'police');
    addUser(instance, hotlineOrg, 'operator', 'hotline_operator');
    addUser(instance, authority, 'caseworker', 'case_worker');
    addUser(instance, policeId, 'officer', 'first_responder');
    addUser(instance, otherPoliceId, 'border', 'first_responder');
    addUser(instance, authority, 'analyst', 'analyst');
    server = await startServer(instance);
    for (const name of ['operator', 'caseworker', 'officer', 'border', 'analyst']) {
      users[name] = await signInNewUser(server, name);
    }
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  let webContact;
  let web;
  let phoneContact;

  test('other roles get 403 on the console and anonymous callers 401', async () => {
    for (const name of ['caseworker', 'officer', 'analyst']) {
      assert.equal((await users[name].request('GET', '/api/v1/hotline/contacts')).status, 403, name);
      assert.equal((await users[name].request('POST', '/api/v1/hotline/contacts', { body: {} })).status, 403, name);
      assert.equal((await users[name].request('GET', '/api/v1/hotline/contacts/1')).status, 403, name);
    }
    assert.equal((await anonymous(server).request('GET', '/api/v1/hotline/contacts')).status, 401);
    assert.equal((await users.operator.request('GET', '/api/v1/hotline/tips')).status, 403);
  });

  test('new web reports and advice requests appear in the queue, without their free text', async () => {
    web = (await submit(server, report({ children_involved: 'yes', exploitation_types: ['sexual_exploitation'] }))).json;
    await submit(server, { kind: 'advice', what: 'Is this job offer safe?' });
    const response = await users.operator.request('GET', '/api/v1/hotline/contacts?status=new');
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.items.length, 2);
    assert.deepEqual(response.json.items.map((i) => i.kind), ['advice', 'report']);
    webContact = response.json.items[1].id;
    assert.equal(response.json.items[1].channel, 'web');
    assert.equal(response.json.items[1].awaiting_reply, true);
    assert.ok(!('what' in response.json.items[1]));
  });

  test('opening a contact shows what was reported and is audited', async () => {
    const response = await users.operator.request('GET', `/api/v1/hotline/contacts/${webContact}`);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.what, report().what);
    assert.equal(response.json.has_follow_up_code, true);
    assert.equal(response.json.status, 'open');
    const audited = sql(instance, `SELECT count(*) FROM audit_log WHERE action = 'hotline.contact.read' AND object_id = '${webContact}'`);
    assert.equal(audited.stdout, '1');
    assert.equal((await users.operator.request('GET', '/api/v1/hotline/contacts/99999')).status, 404);
  });

  test('the operator downloads a photograph without its metadata, audited', async () => {
    const added = await attach(server, web.code, web.passphrase, JPEG.toString('base64'));
    assert.equal(added.status, 201, added.text);
    const opened = await users.operator.request('GET', `/api/v1/hotline/contacts/${webContact}`);
    assert.equal(opened.json.attachments.length, 1);
    const path = `/api/v1/hotline/contacts/${webContact}/attachments/${added.json.id}`;
    const response = await fetch(server.url + path, { headers: { Cookie: users.operator.cookie } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.match(response.headers.get('content-disposition'), /^attachment;/);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString('hex'), 'ffd8');
    assert.ok(!bytes.toString('latin1').includes('GPSLatitude'));
    assert.ok(!bytes.toString('latin1').includes('Marisol'));
    assert.ok(bytes.toString('latin1').includes('JFIF'));
    assert.equal((await users.officer.request('GET', path)).status, 403);
    assert.equal((await users.operator.request('GET', `/api/v1/hotline/contacts/${webContact}/attachments/99999`)).status, 404);
    const audited = sql(instance, `SELECT count(*) FROM audit_log WHERE action = 'hotline.attachment.read' AND object_id = '${webContact}'`);
    assert.equal(audited.stdout, '1');
  });

  test('the operator downloads a PDF without its author, title or XMP', async () => {
    assert.ok(PDF.includes('Secret Ledger'));
    const added = await attach(server, web.code, web.passphrase, Buffer.from(PDF).toString('base64'));
    assert.equal(added.status, 201, added.text);
    assert.equal(added.json.content_type, 'application/pdf');
    const path = `/api/v1/hotline/contacts/${webContact}/attachments/${added.json.id}`;
    const response = await fetch(server.url + path, { headers: { Cookie: users.operator.cookie } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.match(response.headers.get('content-disposition'), /\.pdf"$/);
    const text = Buffer.from(await response.arrayBuffer()).toString('latin1');
    assert.ok(text.startsWith('%PDF-'));
    assert.ok(text.includes('/MediaBox'));
    for (const gone of ['Marisol', 'Secret Ledger', 'WriterApp', '/Metadata', '/Author', '/Title']) {
      assert.ok(!text.includes(gone), `${gone} in the stored PDF`);
    }
  });

  test('the operator replies through the thread and the reporter reads it', async () => {
    const replied = await users.operator.request('POST', `/api/v1/hotline/contacts/${webContact}/messages`, {
      body: { body: 'Thank you. Which town is the car wash in?' },
    });
    assert.equal(replied.status, 201, replied.text);
    const seen = await thread(server, web.code, web.passphrase);
    assert.equal(seen.json.messages.at(-1).author, 'operator');
    assert.equal(seen.json.messages.at(-1).body, 'Thank you. Which town is the car wash in?');
  });

  test('an operator logs a phone call with indicators and sealed notes', async () => {
    const bad = await users.operator.request('POST', '/api/v1/hotline/contacts', {
      body: { channel: 'fax', caller_type: 'neighbour', what: 'x', indicators: ['nope'] },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['caller_type', 'channel', 'indicators']);
    const response = await users.operator.request('POST', '/api/v1/hotline/contacts', {
      body: {
        channel: 'phone', language: 'ru', caller_type: 'family_member', kind: 'report',
        what: 'My sister works in a bar abroad and cannot leave', region: 'North',
        exploitation_types: ['sexual_exploitation'], indicators: ['withheld_documents'],
        notes: 'Caller Marisol Quentin-Voss will call back tomorrow', children_involved: 'no',
      },
    });
    assert.equal(response.status, 201, response.text);
    phoneContact = response.json.id;
    const opened = await users.operator.request('GET', `/api/v1/hotline/contacts/${phoneContact}`);
    assert.equal(opened.json.notes, 'Caller Marisol Quentin-Voss will call back tomorrow');
    assert.deepEqual(opened.json.indicators, ['withheld_documents']);
    assert.ok(!sql(instance, 'SELECT * FROM hotline_contacts').stdout.includes('Quentin-Voss'));
  });

  test('urgent danger puts a contact on top with the configured instruction', async () => {
    const flagged = await users.operator.request('POST', `/api/v1/hotline/contacts/${webContact}/triage`, {
      body: { urgent: true, region: 'South' },
    });
    assert.equal(flagged.status, 204, flagged.text);
    const queue = await users.operator.request('GET', '/api/v1/hotline/contacts?status=all');
    assert.equal(queue.json.items[0].id, webContact);
    assert.equal(queue.json.items[0].urgent, true);
    const opened = await users.operator.request('GET', `/api/v1/hotline/contacts/${webContact}`);
    assert.equal(opened.json.urgent_instruction, 'Call 112 now.');
    const bad = await users.operator.request('POST', `/api/v1/hotline/contacts/${webContact}/triage`, {
      body: { status: 'archived', outcome: 'won' },
    });
    assert.equal(bad.status, 422);
  });

  test('the queue pages with its cursor, urgent first', async () => {
    const first = await users.operator.request('GET', '/api/v1/hotline/contacts?status=all&limit=2');
    assert.equal(first.json.items.length, 2);
    assert.ok(first.json.next_cursor);
    const second = await users.operator.request('GET', `/api/v1/hotline/contacts?status=all&limit=2&cursor=${first.json.next_cursor}`);
    const ids = [...first.json.items, ...second.json.items].map((i) => i.id);
    assert.equal(new Set(ids).size, 3);
    assert.equal(ids[0], webContact);
    assert.equal((await users.operator.request('GET', '/api/v1/hotline/contacts?cursor=x')).status, 400);
  });

  test('contacts about the same situation are linked', async () => {
    const linked = await users.operator.request('POST', `/api/v1/hotline/contacts/${phoneContact}/links`, {
      body: { contact_id: webContact },
    });
    assert.equal(linked.status, 204, linked.text);
    const opened = await users.operator.request('GET', `/api/v1/hotline/contacts/${webContact}`);
    assert.deepEqual(opened.json.linked, [phoneContact]);
    const self = await users.operator.request('POST', `/api/v1/hotline/contacts/${phoneContact}/links`, { body: { contact_id: phoneContact } });
    assert.equal(self.status, 422);
    const missing = await users.operator.request('POST', `/api/v1/hotline/contacts/${phoneContact}/links`, { body: { contact_id: 99999 } });
    assert.equal(missing.status, 404);
  });

  test('a contact becomes an NRM referral in one action and appears in the intake', async () => {
    const refused = await users.operator.request('POST', `/api/v1/hotline/contacts/${phoneContact}/referral`, {
      body: { person: { given_name: 'Ana' } },
    });
    assert.equal(refused.status, 422, 'a name without consent is refused');
    const response = await users.operator.request('POST', `/api/v1/hotline/contacts/${phoneContact}/referral`, {
      body: {
        consent: { given: true, explained_by: 'Hotline operator', language: 'ru' },
        person: { given_name: 'Ana', family_name: 'Quentin-Voss', citizenship: 'MD' },
      },
    });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.kind, 'identified');
    const intake = await users.caseworker.request('GET', '/api/v1/cases');
    const item = intake.json.items.find((c) => c.case_id === response.json.case_id);
    assert.ok(item, 'the case is in the competent authority\'s intake');
    assert.equal(item.in_intake, true);
    assert.deepEqual(item.exploitation_types, ['sexual_exploitation']);
    const opened = await users.caseworker.request('GET', `/api/v1/cases/${response.json.case_id}`);
    assert.deepEqual(opened.json.indicators ?? opened.json.referral?.indicators, ['withheld_documents']);
    const again = await users.operator.request('POST', `/api/v1/hotline/contacts/${phoneContact}/referral`, { body: {} });
    assert.equal(again.status, 409);
    const contact = await users.operator.request('GET', `/api/v1/hotline/contacts/${phoneContact}`);
    assert.equal(contact.json.case_id, response.json.case_id);
    assert.equal(contact.json.outcome, 'referred_to_nrm');
  });

  test('without consent the referral of an adult is an anonymous notification', async () => {
    const response = await users.operator.request('POST', `/api/v1/hotline/contacts/${webContact}/referral`, { body: { is_child: false } });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.kind, 'anonymous_notification');
    const identity = await users.caseworker.request('GET', `/api/v1/cases/${response.json.case_id}/identity`);
    assert.equal(identity.status, 404);
  });

  test('a tip carries only the picked fields to the chosen police organisation', async () => {
    const bad = await users.operator.request('POST', `/api/v1/hotline/contacts/${webContact}/tips`, {
      body: { organisation_id: policeId, fields: ['contact'] },
    });
    assert.equal(bad.status, 422);
    const notPolice = await users.operator.request('POST', `/api/v1/hotline/contacts/${webContact}/tips`, {
      body: { organisation_id: 1, fields: ['where'] },
    });
    assert.equal(notPolice.status, 422);
    const settings = await users.operator.request('GET', '/api/v1/hotline/settings');
    assert.deepEqual(settings.json.police_organisations.map((o) => o.id).sort(), [policeId, otherPoliceId].sort());
    const response = await users.operator.request('POST', `/api/v1/hotline/contacts/${webContact}/tips`, {
      body: { organisation_id: policeId, fields: ['where', 'people_count'] },
    });
    assert.equal(response.status, 201, response.text);
    const tips = await users.officer.request('GET', '/api/v1/hotline/tips');
    assert.equal(tips.status, 200, tips.text);
    assert.equal(tips.json.items.length, 1);
    assert.deepEqual(tips.json.items[0].content, { where: report().where, people_count: 6 });
    assert.equal((await users.border.request('GET', '/api/v1/hotline/tips')).json.items.length, 0);
    const audited = sql(instance, "SELECT count(*) FROM audit_log WHERE action IN ('hotline.tip.forward', 'hotline.tip.read')");
    assert.equal(audited.stdout, '3');
  });

  test('statistics count contacts with small cells suppressed', async () => {
    for (let i = 0; i < 5; i += 1) {
      await users.operator.request('POST', '/api/v1/hotline/contacts', {
        body: { channel: 'chat', caller_type: 'witness', what: `chat ${i}`, language: 'en' },
      });
    }
    const response = await users.analyst.request('GET', '/api/v1/hotline/statistics');
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.threshold, 5);
    assert.deepEqual(response.json.total, { value: 8, suppressed: false });
    const channel = Object.fromEntries(response.json.by_channel.map((c) => [c.category, c]));
    assert.deepEqual(channel.chat, { category: 'chat', value: 5, suppressed: false });
    assert.equal(channel.web.suppressed, true);
    assert.equal(channel.web.value, null);
    assert.equal(channel.phone.suppressed, true);
    const bad = await users.analyst.request('GET', '/api/v1/hotline/statistics?from=yesterday');
    assert.equal(bad.status, 400);
    assert.equal((await users.caseworker.request('GET', '/api/v1/hotline/statistics')).status, 403);
  });

  test('sealed reports, messages, notes and tips stay readable after the field key is rotated', async () => {
    const rotated = cli(instance, ['keys', 'rotate', '--no-wait']);
    assert.equal(rotated.status, 0, rotated.stderr);
    const fields = Number(rotated.stdout.match(/(\d+) fields re-encrypted/)[1]);
    assert.ok(fields >= 10, rotated.stdout);
    const seen = await thread(server, web.code, web.passphrase);
    assert.equal(seen.json.what, report().what);
    assert.equal(seen.json.messages.at(-1).body, 'Thank you. Which town is the car wash in?');
    const opened = await users.operator.request('GET', `/api/v1/hotline/contacts/${phoneContact}`);
    assert.equal(opened.json.notes, 'Caller Marisol Quentin-Voss will call back tomorrow');
    const tips = await users.officer.request('GET', '/api/v1/hotline/tips');
    assert.equal(tips.json.items[0].content.where, report().where);
  });
});
