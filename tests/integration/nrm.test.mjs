// National Referral Mechanism intake over HTTP: a first responder refers, the competent
// authority sees the case and, on request and audited, the identity; the referrer sees the
// status only; nobody else sees anything; nothing identifying is stored in plain text.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  addOrganisation, addUser, Client, cli, newInstance, signInNewUser, sql, startServer, stopServer,
} from './lib.mjs';

const PERSON = { given_name: 'Zlata', family_name: 'Quennell', date_of_birth: '1994-03-08', sex: 'feminine', citizenship: 'MD' };
const CONSENT = { given: true, explained_by: 'Officer on duty', language: 'ro' };

function referral(overrides = {}) {
  return {
    person: PERSON,
    consent: CONSENT,
    is_child: false,
    exploitation_types: ['sexual_exploitation'],
    country_of_exploitation: 'AT',
    indicators: [],
    needs: ['shelter'],
    ...overrides,
  };
}

describe('national referral mechanism: intake', () => {
  let instance;
  let server;
  const users = {};

  before(async () => {
    instance = newInstance();
    const authority = addOrganisation(instance, 'National Referral Office', 'competent_authority');
    const police = addOrganisation(instance, 'City Police', 'police');
    const ngo = addOrganisation(instance, 'Other NGO', 'ngo');
    addUser(instance, police, 'responder', 'first_responder');
    addUser(instance, authority, 'caseworker', 'case_worker');
    addUser(instance, authority, 'decider', 'decision_maker');
    addUser(instance, ngo, 'outsider', 'first_responder');
    addUser(instance, authority, 'analyst', 'analyst');
    server = await startServer(instance);
    for (const name of ['responder', 'caseworker', 'decider', 'outsider', 'analyst']) {
      users[name] = await signInNewUser(server, name);
    }
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  let caseId;

  test('the vocabularies a referral form offers are published with their labels', async () => {
    const response = await users.responder.request('GET', '/api/v1/meta/vocabularies');
    assert.equal(response.status, 200, response.text);
    const { nrm } = response.json;
    const ids = (list) => list.map((term) => term.id);
    assert.ok(ids(nrm.exploitation_types).includes('sexual_exploitation'));
    assert.ok(ids(nrm.immediate_needs).includes('shelter'));
    assert.ok(ids(nrm.closure_reasons).length > 0);
    assert.ok(nrm.indicators.every((term) => term.id && term.label));
  });

  test('a first responder refers a presumed victim with consent', async () => {
    const response = await users.responder.request('POST', '/api/v1/referrals', { body: referral() });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.kind, 'identified');
    caseId = response.json.case_id;
    assert.ok(Number.isInteger(caseId));
  });

  test('the referrer sees the status only', async () => {
    const response = await users.responder.request('GET', `/api/v1/cases/${caseId}`);
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(response.json).sort(), ['case_id', 'referred_on', 'status']);
    const identity = await users.responder.request('GET', `/api/v1/cases/${caseId}/identity`);
    assert.equal(identity.status, 403);
  });

  test('the competent authority sees the case without identity, with an ETag', async () => {
    const response = await users.caseworker.request('GET', `/api/v1/cases/${caseId}`);
    assert.equal(response.status, 200);
    assert.equal(response.json.kind, 'identified');
    assert.equal(response.json.age_band, 'age_30_38');
    assert.deepEqual(response.json.exploitation_types, ['sexual_exploitation']);
    assert.equal(response.json.possible_duplicates, 0);
    assert.equal(response.headers.get('etag'), `"${response.json.version}"`);
    assert.ok(!response.text.includes(PERSON.given_name) && !response.text.includes(PERSON.date_of_birth));
  });

  test('showing the identity is audited', async () => {
    const before = Number(sql(instance, "SELECT count(*) FROM audit_log WHERE action = 'case.identity.show'").stdout);
    const response = await users.decider.request('GET', `/api/v1/cases/${caseId}/identity`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, { given_name: PERSON.given_name, family_name: PERSON.family_name, date_of_birth: PERSON.date_of_birth });
    const after = Number(sql(instance, "SELECT count(*) FROM audit_log WHERE action = 'case.identity.show'").stdout);
    assert.equal(after, before + 1);
  });

  test('nobody else sees anything, not even whether the case exists', async () => {
    for (const name of ['outsider', 'analyst']) {
      const response = await users[name].request('GET', `/api/v1/cases/${caseId}`);
      assert.equal(response.status, 404, name);
    }
    const missing = await users.caseworker.request('GET', '/api/v1/cases/999999');
    assert.equal(missing.status, 404);
    const anonymous = await new Client(server.url).request('GET', `/api/v1/cases/${caseId}`);
    assert.equal(anonymous.status, 401);
  });

  test('nothing identifying is stored in plain text', () => {
    for (const table of ['nrm_cases', 'nrm_identities', 'audit_log']) {
      const dump = sql(instance, `SELECT * FROM ${table}`).stdout;
      assert.ok(!dump.includes(PERSON.given_name), table);
      assert.ok(!dump.includes(PERSON.family_name), table);
      assert.ok(!dump.includes(PERSON.date_of_birth), table);
    }
  });

  test('a second referral of the same person is a possible duplicate for the authority only', async () => {
    const again = await users.outsider.request('POST', '/api/v1/referrals', {
      body: referral({ person: { ...PERSON, given_name: 'ZLATA', family_name: 'quennell' } }),
    });
    assert.equal(again.status, 201, again.text);
    const seen = await users.caseworker.request('GET', `/api/v1/cases/${again.json.case_id}`);
    assert.equal(seen.json.possible_duplicates, 1);
    const referrer = await users.outsider.request('GET', `/api/v1/cases/${again.json.case_id}`);
    assert.equal(referrer.json.possible_duplicates, undefined);
  });

  test('without consent an adult is an anonymous notification, and may carry no identity', async () => {
    const refused = await users.responder.request('POST', '/api/v1/referrals', { body: referral({ consent: { given: false } }) });
    assert.equal(refused.status, 422);
    const fields = refused.json.errors.map((e) => e.field);
    assert.ok(fields.includes('person.given_name') && fields.includes('person.date_of_birth'), JSON.stringify(fields));
    assert.ok(!refused.text.includes(PERSON.given_name), 'the error does not repeat the name');
    const anonymous = await users.responder.request('POST', '/api/v1/referrals', {
      body: referral({ consent: { given: false }, person: { sex: 'feminine', citizenship: 'MD' } }),
    });
    assert.equal(anonymous.status, 201, anonymous.text);
    assert.equal(anonymous.json.kind, 'anonymous_notification');
    const identity = await users.caseworker.request('GET', `/api/v1/cases/${anonymous.json.case_id}/identity`);
    assert.equal(identity.status, 404);
    const seen = await users.caseworker.request('GET', `/api/v1/cases/${anonymous.json.case_id}`);
    assert.equal(seen.json.has_identity, false);
  });

  test('a child needs no consent', async () => {
    const response = await users.responder.request('POST', '/api/v1/referrals', {
      body: referral({ is_child: true, consent: { given: false }, person: { ...PERSON, date_of_birth: '2012-06-01' } }),
    });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.kind, 'identified');
  });

  test('an unaccompanied child is flagged on the case and in the lists', async () => {
    const response = await users.responder.request('POST', '/api/v1/referrals', {
      body: referral({ is_child: true, child_situation: 'unaccompanied', consent: { given: false }, person: { ...PERSON, date_of_birth: '2011-02-03' } }),
    });
    assert.equal(response.status, 201, response.text);
    const id = response.json.case_id;
    const seen = await users.caseworker.request('GET', `/api/v1/cases/${id}`);
    assert.equal(seen.json.child_situation, 'unaccompanied');
    const listed = await users.caseworker.request('GET', '/api/v1/cases?limit=200');
    assert.equal(listed.json.items.find((item) => item.case_id === id).child_situation, 'unaccompanied');
    const adult = (await users.caseworker.request('GET', '/api/v1/cases?limit=200')).json.items.find((item) => !item.is_child);
    assert.equal(adult.child_situation, null);
    const vocabularies = await users.caseworker.request('GET', '/api/v1/meta/vocabularies');
    assert.deepEqual(vocabularies.json.nrm.child_situations.map((term) => term.id), ['unaccompanied', 'separated', 'accompanied']);
    // The referrer sees the status only, never the flags.
    const status = await users.responder.request('GET', `/api/v1/cases/${id}`);
    assert.equal(status.json.child_situation, undefined);
  });

  test('bad input is refused with every broken rule and stores nothing', async () => {
    const count = () => Number(sql(instance, 'SELECT count(*) FROM nrm_cases').stdout);
    const before = count();
    const cases = [
      referral({ exploitation_types: ['nonsense'], country_of_exploitation: 'XX', needs: ['unicorn'] }),
      referral({ person: { ...PERSON, date_of_birth: '2099-01-01' } }),
      referral({ person: { ...PERSON, citizenship: 'Moldova' } }),
      referral({ consent: { given: true } }),
      { ...referral(), surprise: true },
      referral({ person: 'Zlata' }),
      referral({ child_situation: 'unaccompanied' }),
      referral({ is_child: true, consent: { given: false }, child_situation: 'lost' }),
    ];
    for (const body of cases) {
      const response = await users.responder.request('POST', '/api/v1/referrals', { body });
      assert.equal(response.status, 422, response.text);
      assert.match(response.headers.get('content-type'), /problem\+json/);
      assert.ok(response.json.errors.length > 0);
    }
    const malformed = await users.responder.request('POST', '/api/v1/referrals', { raw: '{"person":', headers: { 'Content-Type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(count(), before);
  });

  test('identity stays readable after the field key is rotated', async () => {
    const rotated = cli(instance, ['keys', 'rotate', '--no-wait']);
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.match(rotated.stdout, /field key 2 is now current; [1-9]\d* fields re-encrypted/);
    const response = await users.caseworker.request('GET', `/api/v1/cases/${caseId}/identity`);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.family_name, PERSON.family_name);
  });

  test('the intake queue lists every case for the authority, own referrals for a responder', async () => {
    const all = await users.caseworker.request('GET', '/api/v1/cases?limit=2');
    assert.equal(all.status, 200);
    assert.equal(all.json.items.length, 2);
    assert.ok(all.json.next_cursor);
    assert.equal(all.json.items[0].case_id, caseId);
    assert.ok('exploitation_types' in all.json.items[0]);
    const rest = await users.caseworker.request('GET', `/api/v1/cases?limit=200&cursor=${all.json.next_cursor}`);
    const total = all.json.items.length + rest.json.items.length;
    assert.equal(total, Number(sql(instance, 'SELECT count(*) FROM nrm_cases').stdout));
    const own = await users.outsider.request('GET', '/api/v1/cases?limit=200');
    assert.equal(own.status, 200);
    assert.equal(own.json.items.length, 1, 'the outsider referred one case');
    assert.deepEqual(Object.keys(own.json.items[0]).sort(), ['case_id', 'referred_on', 'status']);
    const analyst = await users.analyst.request('GET', '/api/v1/cases');
    assert.equal(analyst.status, 403);
  });

  test('only first responders and case workers refer', async () => {
    const response = await users.analyst.request('POST', '/api/v1/referrals', { body: referral() });
    assert.equal(response.status, 403);
  });
});

describe('national referral mechanism: a deployment\'s own checklist of indicators', () => {
  let instance;
  let server;
  let responder;
  const file = () => join(instance.dir, 'indicators.toml');

  before(async () => {
    instance = newInstance();
    writeFileSync(file(), [
      '[[indicators]]', 'id = "withheld_documents"', 'label = "Documents held by the employer"', 'ru = "Документы у работодателя"', '',
      '[[indicators]]', 'id = "sleeps_at_workplace"', 'label = "Sleeps at the workplace"', '',
    ].join('\n'));
    addOrganisation(instance, 'National Referral Office', 'competent_authority');
    const police = addOrganisation(instance, 'City Police', 'police');
    addUser(instance, police, 'responder', 'first_responder');
    server = await startServer(instance, { LIFELINE_NRM_INDICATORS_FILE: file() });
    responder = await signInNewUser(server, 'responder');
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  test('the form offers the deployment\'s indicators with their translations', async () => {
    const { nrm } = (await responder.request('GET', '/api/v1/meta/vocabularies')).json;
    assert.deepEqual(nrm.indicators, [
      { id: 'withheld_documents', label: 'Documents held by the employer', labels: { en: 'Documents held by the employer', ru: 'Документы у работодателя' } },
      { id: 'sleeps_at_workplace', label: 'Sleeps at the workplace', labels: { en: 'Sleeps at the workplace' } },
    ]);
  });

  test('referrals are checked against it: its own indicators pass, others are refused', async () => {
    const accepted = await responder.request('POST', '/api/v1/referrals', { body: referral({ indicators: ['sleeps_at_workplace'] }) });
    assert.equal(accepted.status, 201, accepted.text);
    const refused = await responder.request('POST', '/api/v1/referrals', { body: referral({ indicators: ['threats'] }) });
    assert.equal(refused.status, 422, refused.text);
    assert.ok(refused.json.errors.some((error) => error.field === 'indicators'), refused.text);
  });

  test('a broken checklist stops the server from starting, and says where', async () => {
    const broken = join(instance.dir, 'broken.toml');
    writeFileSync(broken, '[[indicators]]\nid = "Not Snake"\nlabel = "x"\n');
    await assert.rejects(startServer(instance, { LIFELINE_NRM_INDICATORS_FILE: broken }), /broken\.toml.*lower_snake_case/s);
  });
});
