// The life of an NRM case over HTTP: assignment, the reasonable-grounds and conclusive
// decisions, the recovery and reflection period, reviews, a child's guardian, closure and
// reopening, notes, the timeline and the deadlines dashboard. Every rule is enforced by the
// server: a refused change answers with a problem, is written to the audit trail and changes
// nothing; a stale If-Match is a 412.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  addOrganisation, addUser, cli, newInstance, signInNewUser, sql, startServer, stopServer, userId,
} from './lib.mjs';

const DAY_MS = 86_400_000;
const isoDaysAgo = (days) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
const REFERRED_ON = isoDaysAgo(60);
const REASONS = 'Her passport was held by the employer and wages were never paid';

function adultReferral(overrides = {}) {
  return {
    person: { given_name: 'Ilinca', family_name: 'Varga', date_of_birth: '1990-05-17', sex: 'feminine', citizenship: 'RO' },
    consent: { given: true, explained_by: 'Labour inspector', language: 'ro' },
    is_child: false,
    exploitation_types: ['forced_labour'],
    country_of_exploitation: 'DE',
    needs: ['shelter'],
    referred_on: REFERRED_ON,
    ...overrides,
  };
}

describe('national referral mechanism: the life of a case', () => {
  let instance;
  let server;
  const users = {};
  const ids = {};
  const orgs = {};

  before(async () => {
    instance = newInstance({ LIFELINE_NRM_RETENTION_DAYS_AFTER_CLOSURE: '30' });
    const authority = addOrganisation(instance, 'National Referral Office', 'competent_authority');
    const inspectorate = addOrganisation(instance, 'Labour Inspectorate', 'labour_inspectorate');
    const guardianship = addOrganisation(instance, 'Guardianship Service', 'social_services');
    const shelterNgo = addOrganisation(instance, 'Safe House', 'ngo');
    const clinic = addOrganisation(instance, 'City Clinic', 'health');
    const people = [
      [inspectorate, 'responder', 'first_responder'], [authority, 'worker', 'case_worker'],
      [authority, 'colleague', 'case_worker'], [authority, 'decider', 'decision_maker'],
      [authority, 'reviewer', 'decision_maker'], [guardianship, 'guardian', 'guardian'],
      [guardianship, 'other_guardian', 'guardian'], [shelterNgo, 'shelter', 'service_provider'],
      [clinic, 'clinic', 'service_provider'], [authority, 'auditor', 'auditor'],
    ];
    for (const [org, name, role] of people) addUser(instance, org, name, role);
    server = await startServer(instance);
    orgs.shelter = shelterNgo;
    orgs.clinic = clinic;
    orgs.authority = authority;
    for (const [, name] of people) {
      users[name] = await signInNewUser(server, name);
      ids[name] = userId(instance, name);
    }
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  async function refer(body, by = 'responder') {
    const response = await users[by].request('POST', '/api/v1/referrals', { body });
    assert.equal(response.status, 201, response.text);
    return response.json.case_id;
  }

  async function readCase(caseId, by = 'worker') {
    const response = await users[by].request('GET', `/api/v1/cases/${caseId}`);
    assert.equal(response.status, 200, response.text);
    return response.json;
  }

  function change(caseId, path, body, { by = 'worker', version } = {}) {
    const headers = version === undefined ? {} : { 'If-Match': `"${version}"` };
    return users[by].request('POST', `/api/v1/cases/${caseId}/${path}`, { body, headers });
  }

  function deniedCount(caseId) {
    return Number(sql(instance, `SELECT count(*) FROM audit_log WHERE object_type = 'case' AND object_id = '${caseId}' AND outcome = 'denied'`).stdout);
  }

  let adult;

  test('a referral recorded for an earlier day has its deadlines counted from that day', async () => {
    adult = await refer(adultReferral());
    const c = await readCase(adult);
    assert.equal(c.referred_on, REFERRED_ON);
    assert.equal(c.trafficking_status, 'presumed_victim');
    assert.equal(c.reflection, null);
    const rg = c.deadlines.find((d) => d.what === 'reasonable-grounds-decision');
    assert.equal(rg.status, 'overdue');
    assert.equal(c.deadlines[0].what, 'reasonable-grounds-decision', 'overdue comes first');
    assert.deepEqual(c.timeline.map((e) => e.kind), ['referral']);
  });

  test('a referral dated in the future is refused', async () => {
    const response = await users.responder.request('POST', '/api/v1/referrals', {
      body: adultReferral({ referred_on: isoDaysAgo(-2) }),
    });
    assert.equal(response.status, 422);
    assert.ok(response.json.errors.some((e) => e.field === 'referred_on'), response.text);
  });

  test('the case worker takes the case: it leaves the intake queue of the others', async () => {
    const response = await change(adult, 'assignment', { case_worker_id: ids.worker, decision_maker_id: ids.decider });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.assigned_case_worker, ids.worker);
    assert.equal((await users.colleague.request('GET', `/api/v1/cases/${adult}`)).status, 404);
    assert.equal((await users.reviewer.request('GET', `/api/v1/cases/${adult}`)).status, 404);
    const queue = await users.colleague.request('GET', '/api/v1/cases');
    assert.ok(!queue.json.items.some((item) => item.case_id === adult));
    const mine = await users.worker.request('GET', '/api/v1/cases');
    assert.ok(mine.json.items.some((item) => item.case_id === adult));
  });

  test('only staff of the competent authority with the right role can be assigned', async () => {
    const response = await change(adult, 'assignment', { case_worker_id: ids.guardian });
    assert.equal(response.status, 422);
    assert.equal(response.json.errors[0].field, 'case_worker_id');
  });

  test('the directory names the staff, the guardians and the organisations', async () => {
    const response = await users.worker.request('GET', '/api/v1/nrm/directory');
    assert.equal(response.status, 200, response.text);
    const roles = Object.fromEntries(response.json.people.map((p) => [p.user_id, p.roles]));
    assert.deepEqual(roles[ids.decider], ['decision_maker']);
    assert.deepEqual(roles[ids.guardian], ['guardian']);
    assert.equal(roles[ids.responder], undefined, 'first responders are not case parties');
    assert.ok(response.json.organisations.some((o) => o.name === 'Safe House' && o.type === 'ngo'));
    assert.equal((await users.guardian.request('GET', '/api/v1/nrm/directory')).status, 403);
  });

  test('the intake shows each case\'s deadlines', async () => {
    const queue = await users.colleague.request('GET', '/api/v1/cases');
    const item = queue.json.items.find((i) => i.case_id === adult);
    assert.equal(item, undefined, 'assigned to another case worker');
    const mine = (await users.worker.request('GET', '/api/v1/cases')).json.items.find((i) => i.case_id === adult);
    assert.equal(mine.in_intake, false);
    assert.equal(mine.deadlines[0].what, 'reasonable-grounds-decision');
  });

  test('the dashboard lists my cases, the most urgent deadline first', async () => {
    const response = await users.worker.request('GET', '/api/v1/me/cases');
    assert.equal(response.status, 200, response.text);
    const item = response.json.items.find((i) => i.case_id === adult);
    assert.equal(item.deadlines[0].status, 'overdue');
    assert.equal((await users.colleague.request('GET', '/api/v1/me/cases')).json.items.length, 0);
  });

  let rgVersion;

  test('a positive reasonable-grounds decision starts the reflection period; reasons are sealed', async () => {
    const before = await readCase(adult);
    const response = await change(adult, 'decisions', {
      kind: 'reasonable_grounds', outcome: 'positive', reasons: REASONS, decided_on: isoDaysAgo(58),
    }, { by: 'decider', version: before.version });
    assert.equal(response.status, 200, response.text);
    const c = response.json;
    assert.equal(c.version, before.version + 1);
    assert.equal(response.headers.get('etag'), `"${c.version}"`);
    assert.equal(c.reflection.start, isoDaysAgo(58));
    assert.equal(c.reflection.minimum_end, isoDaysAgo(28));
    assert.equal(c.deadlines.find((d) => d.what === 'reasonable-grounds-decision').status, 'met');
    const event = c.timeline.at(-1);
    assert.equal(event.kind, 'decision');
    assert.equal(event.note, REASONS);
    assert.equal(event.user_id, ids.decider);
    for (const table of ['nrm_cases', 'nrm_case_events', 'audit_log']) {
      assert.ok(!sql(instance, `SELECT * FROM ${table}`).stdout.includes('passport'), table);
    }
    rgVersion = c.version;
  });

  test('a second edit from a stale read gets 412 and changes nothing', async () => {
    const denied = deniedCount(adult);
    const stale = await change(adult, 'notes', { text: 'Called the shelter' }, { version: rgVersion - 1 });
    assert.equal(stale.status, 412, stale.text);
    assert.equal(stale.json.type, 'urn:lifeline:problem:stale-version');
    const c = await readCase(adult);
    assert.equal(c.version, rgVersion);
    assert.ok(!c.timeline.some((e) => e.kind === 'note'));
    assert.equal(deniedCount(adult), denied + 1);
    const garbled = await change(adult, 'notes', { text: 'x' }, { version: 'abc' });
    assert.equal(garbled.status, 412);
  });

  test('reasonable grounds are decided once', async () => {
    const response = await change(adult, 'decisions', { kind: 'reasonable_grounds', outcome: 'negative', reasons: 'again' }, { by: 'decider' });
    assert.equal(response.status, 409, response.text);
    assert.equal((await readCase(adult)).decisions.length, 1);
  });

  test('a conclusive decision before the reflection minimum is refused and audited', async () => {
    const denied = deniedCount(adult);
    const response = await change(adult, 'decisions', {
      kind: 'conclusive', outcome: 'positive', reasons: 'Indicators confirmed', decided_on: isoDaysAgo(40),
    }, { by: 'decider' });
    assert.equal(response.status, 409, response.text);
    assert.equal(response.json.type, 'urn:lifeline:problem:reflection-period-running');
    assert.equal(deniedCount(adult), denied + 1);
    assert.equal((await readCase(adult)).version, rgVersion);
  });

  test('the reflection period is extended with a reason', async () => {
    const response = await change(adult, 'reflection-extensions', { days: 15, reason: 'Medical treatment' });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.reflection.end, isoDaysAgo(58 - 45));
    assert.deepEqual(response.json.reflection.extensions, [{ days: 15 }]);
  });

  test('co-operation with the police is recorded and changes no rule', async () => {
    const response = await change(adult, 'police-cooperation', { cooperates: false });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.cooperates_with_police, false);
  });

  test('the conclusive decision after the minimum identifies the victim', async () => {
    const response = await change(adult, 'decisions', {
      kind: 'conclusive', outcome: 'positive', reasons: 'Indicators confirmed', decided_on: isoDaysAgo(20),
    }, { by: 'decider' });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.trafficking_status, 'identified_victim');
  });

  test('decisions are for decision makers only, and bad input names every field', async () => {
    const worker = await change(adult, 'decisions', { kind: 'conclusive', outcome: 'positive', reasons: 'x' });
    assert.equal(worker.status, 403);
    const version = (await readCase(adult)).version;
    const bad = await change(adult, 'decisions', { kind: 'final', outcome: 'maybe', decided_on: isoDaysAgo(-1), extra: 1 }, { by: 'decider' });
    assert.equal(bad.status, 422, bad.text);
    const fields = bad.json.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['decided_on', 'extra', 'kind', 'outcome', 'reasons']);
    assert.equal((await readCase(adult)).version, version);
  });

  test('the referrer sees the status but changes nothing; others learn nothing', async () => {
    const referrer = await change(adult, 'notes', { text: 'hello' }, { by: 'responder' });
    assert.equal(referrer.status, 403);
    const colleague = await change(adult, 'notes', { text: 'hello' }, { by: 'colleague' });
    assert.equal(colleague.status, 404);
    const missing = await change(999999, 'notes', { text: 'hello' });
    assert.equal(missing.status, 404);
  });

  test('closing needs a known reason; a closed case changes only by reopening', async () => {
    const unknown = await change(adult, 'closure', { reason: 'bored' });
    assert.equal(unknown.status, 422, unknown.text);
    const closed = await change(adult, 'closure', { reason: 'recovered_independent', note: 'Found work in her home town' });
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.json.status, 'closed');
    assert.deepEqual(closed.json.deadlines, []);
    const note = await change(adult, 'reflection-extensions', { days: 5, reason: 'late' });
    assert.equal(note.status, 409);
    assert.equal(note.json.type, 'urn:lifeline:problem:case-closed');
    const dashboard = await users.worker.request('GET', '/api/v1/me/cases');
    assert.ok(!dashboard.json.items.some((i) => i.case_id === adult));
    const reopened = await change(adult, 'reopening', {});
    assert.equal(reopened.status, 200, reopened.text);
    assert.equal(reopened.json.status, 'open');
    assert.equal(reopened.json.closures[0].reopened_on, isoDaysAgo(0));
  });

  test('the timeline tells the whole story in order, with the actors', async () => {
    const c = await readCase(adult);
    assert.deepEqual(c.timeline.map((e) => e.kind), ['referral', 'assignment', 'decision',
      'reflection_extension', 'police_cooperation', 'decision', 'closure', 'reopening']);
    assert.equal(c.timeline[6].note, 'Found work in her home town');
    const actions = sql(instance, `SELECT action FROM audit_log WHERE object_type = 'case' AND object_id = '${adult}' AND outcome = 'success' ORDER BY id`).stdout.split('\n');
    assert.deepEqual(actions, ['referral.create', 'case.assign', 'case.decision', 'case.reflection.extend',
      'case.police_cooperation', 'case.decision', 'case.close', 'case.reopen']);
  });

  test('tasks have owners and due dates, sealed titles, and show on the owner\'s list', async () => {
    const bad = await users.worker.request('POST', `/api/v1/cases/${adult}/tasks`, {
      body: { owner_id: ids.guardian, due_on: '2026-02-30', title: '' },
    });
    assert.equal(bad.status, 422, bad.text);
    assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['due_on', 'owner_id', 'title']);
    const created = await users.worker.request('POST', `/api/v1/cases/${adult}/tasks`, {
      body: { owner_id: ids.decider, due_on: isoDaysAgo(1), title: 'Ask Ilinca about the passport' },
    });
    assert.equal(created.status, 201, created.text);
    const [task] = created.json.tasks;
    assert.equal(task.status, 'overdue');
    assert.equal(task.title, 'Ask Ilinca about the passport');
    assert.ok(!sql(instance, 'SELECT * FROM nrm_tasks').stdout.includes('passport'));
    const mine = await users.decider.request('GET', '/api/v1/me/tasks');
    assert.deepEqual(mine.json.items.map((t) => t.task_id), [task.task_id]);
    assert.equal((await users.worker.request('GET', '/api/v1/me/tasks')).json.items.length, 0);
    const outsider = await users.colleague.request('POST', `/api/v1/cases/${adult}/tasks/${task.task_id}/done`, { body: {} });
    assert.equal(outsider.status, 404);
    const done = await users.worker.request('POST', `/api/v1/cases/${adult}/tasks/${task.task_id}/done`, { body: {} });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.tasks[0].status, 'met');
    assert.deepEqual(done.json.timeline.slice(-2).map((e) => e.kind), ['task', 'task_done']);
    assert.equal((await users.decider.request('GET', '/api/v1/me/tasks')).json.items.length, 0);
    const twice = await users.worker.request('POST', `/api/v1/cases/${adult}/tasks/${task.task_id}/done`, { body: {} });
    assert.equal(twice.status, 404);
  });

  test('an auditor reads the trail of the case, refusals included, by page', async () => {
    const all = await users.auditor.request('GET', `/api/v1/audit?object_type=case&object_id=${adult}&limit=200`);
    assert.equal(all.status, 200, all.text);
    const success = all.json.items.filter((e) => e.outcome === 'success').map((e) => e.action);
    assert.deepEqual(success.slice(0, 3), ['referral.create', 'case.assign', 'case.decision']);
    assert.ok(all.json.items.some((e) => e.outcome === 'denied' && e.action === 'case.decision'));
    assert.ok(all.json.items.every((e) => e.object_id === String(adult) && e.actor_id > 0));
    const first = await users.auditor.request('GET', `/api/v1/audit?object_type=case&object_id=${adult}&limit=2`);
    assert.equal(first.json.items.length, 2);
    const second = await users.auditor.request('GET', `/api/v1/audit?object_type=case&object_id=${adult}&limit=2&cursor=${first.json.next_cursor}`);
    assert.deepEqual(second.json.items.map((e) => e.id), all.json.items.slice(2, 4).map((e) => e.id));
    const byDecider = await users.auditor.request('GET', `/api/v1/audit?actor_id=${ids.decider}`);
    assert.ok(byDecider.json.items.length > 0 && byDecider.json.items.every((e) => e.actor_id === ids.decider));
    for (const bad of ['object_id=1', 'actor_id=x', 'limit=0', `object_type=${'x'.repeat(65)}`]) {
      assert.equal((await users.auditor.request('GET', `/api/v1/audit?${bad}`)).status, 400, bad);
    }
    assert.equal((await users.worker.request('GET', '/api/v1/audit')).status, 403);
  });

  test('a decision maker cannot decide a case their own organisation referred', async () => {
    const own = await refer(adultReferral(), 'worker');
    const response = await change(own, 'decisions', { kind: 'reasonable_grounds', outcome: 'positive', reasons: 'x' }, { by: 'decider' });
    assert.equal(response.status, 403, response.text);
    assert.equal(response.json.type, 'urn:lifeline:problem:own-referral');
  });

  test('a negative decision is reviewed by another decision maker on request', async () => {
    const caseId = await refer(adultReferral({ person: undefined, consent: { given: false } }));
    const negative = await change(caseId, 'decisions', { kind: 'reasonable_grounds', outcome: 'negative', reasons: 'No indicators', decided_on: isoDaysAgo(59) }, { by: 'decider' });
    assert.equal(negative.status, 200, negative.text);
    const early = await change(caseId, 'decisions', { kind: 'review', outcome: 'positive', reasons: 'x', reviews: 0 }, { by: 'reviewer' });
    assert.equal(early.status, 409, 'no review without a request');
    const requested = await change(caseId, 'review-requests', { decision: 0, requester: 'person', requested_on: isoDaysAgo(50) });
    assert.equal(requested.status, 200, requested.text);
    assert.equal(requested.json.deadlines.find((d) => d.what === 'review-decision').status, 'overdue');
    const self = await change(caseId, 'decisions', { kind: 'review', outcome: 'positive', reasons: 'x', reviews: 0 }, { by: 'decider' });
    assert.equal(self.status, 403, self.text);
    const reviewed = await change(caseId, 'decisions', { kind: 'review', outcome: 'positive', reasons: 'New evidence', reviews: 0, decided_on: isoDaysAgo(45) }, { by: 'reviewer' });
    assert.equal(reviewed.status, 200, reviewed.text);
    assert.equal(reviewed.json.reflection.start, isoDaysAgo(45));
    assert.equal(reviewed.json.review_requests[0].answered, true);
  });

  test('a child: guardian appointed, who sees the case and co-signs decisions', async () => {
    const child = await refer({
      person: { given_name: 'Petru', family_name: 'Lungu', date_of_birth: '2011-02-01', sex: 'masculine', citizenship: 'MD' },
      consent: { given: false }, is_child: true, exploitation_types: ['forced_begging'], referred_on: isoDaysAgo(10),
    });
    let c = await readCase(child);
    assert.equal(c.is_child, true);
    assert.equal(c.deadlines.find((d) => d.what === 'guardian-appointment').status, 'overdue');
    assert.equal((await users.guardian.request('GET', `/api/v1/cases/${child}`)).status, 404);
    const notGuardian = await change(child, 'guardian', { user_id: ids.colleague });
    assert.equal(notGuardian.status, 422, notGuardian.text);
    const appointed = await change(child, 'guardian', { user_id: ids.guardian, appointed_on: isoDaysAgo(9) });
    assert.equal(appointed.status, 200, appointed.text);
    assert.equal(appointed.json.guardian.user_id, ids.guardian);
    c = await readCase(child, 'guardian');
    assert.equal(c.case_id, child);
    assert.equal((await users.other_guardian.request('GET', `/api/v1/cases/${child}`)).status, 404);
    const list = await users.guardian.request('GET', '/api/v1/cases');
    assert.deepEqual(list.json.items.map((i) => i.case_id), [child]);
    const identity = await users.guardian.request('GET', `/api/v1/cases/${child}/identity`);
    assert.equal(identity.status, 200);
    assert.equal(identity.json.given_name, 'Petru');
    const byGuardian = await change(child, 'notes', { text: 'hello' }, { by: 'guardian' });
    assert.equal(byGuardian.status, 403, 'a guardian reads; the authority records');
    const unsigned = await change(child, 'decisions', { kind: 'reasonable_grounds', outcome: 'positive', reasons: 'Begging ring' }, { by: 'decider' });
    assert.equal(unsigned.status, 422, unsigned.text);
    assert.equal(unsigned.json.type, 'urn:lifeline:problem:guardian-must-co-sign');
    const signed = await change(child, 'decisions', { kind: 'reasonable_grounds', outcome: 'positive', reasons: 'Begging ring', guardian_cosigned_by: ids.guardian }, { by: 'decider' });
    assert.equal(signed.status, 200, signed.text);
    const adultAfterAll = await change(child, 'age-assessments', { is_child: false, note: 'Documents found' });
    assert.equal(adultAfterAll.status, 200, adultAfterAll.text);
    assert.equal(adultAfterAll.json.is_child, false);
    assert.equal(adultAfterAll.json.age_assessed_child, false);
  });

  test('every change of a case is refused to roles outside the competent authority', async () => {
    const response = await users.responder.request('POST', `/api/v1/cases/${adult}/assignment`, { body: { case_worker_id: null } });
    assert.equal(response.status, 403);
    const unassign = await change(adult, 'assignment', {});
    assert.equal(unassign.status, 200, unassign.text);
    assert.equal((await users.colleague.request('GET', `/api/v1/cases/${adult}`)).status, 200, 'back in the intake');
  });

  test('legal status, a safe voluntary return and its follow-ups', async () => {
    const caseId = await refer(adultReferral());
    const bad = await change(caseId, 'legal-steps', { kind: 'compensation_court', outcome: 'applied' });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.errors[0].field, 'amount');
    const claim = await change(caseId, 'legal-steps', { kind: 'compensation_court', outcome: 'granted', amount: 1250000, on: isoDaysAgo(20) });
    assert.equal(claim.status, 200, claim.text);
    assert.equal(claim.json.legal_steps[0].amount, 1250000);
    const asylum = await change(caseId, 'legal-steps', { kind: 'asylum', outcome: 'applied', refoulement_risk: false });
    assert.equal(asylum.status, 200, asylum.text);
    const pending = await change(caseId, 'return', { country: 'RO', risk: 'low', receiving_organisation: 'Reaching Out, Pitesti', voluntary: true });
    assert.equal(pending.status, 409);
    assert.equal(pending.json.type, 'urn:lifeline:problem:asylum-pending');
    assert.equal((await change(caseId, 'legal-steps', { kind: 'asylum', outcome: 'withdrawn', refoulement_risk: false })).status, 200);
    const forced = await change(caseId, 'return', { country: 'RO', risk: 'low', receiving_organisation: 'Reaching Out, Pitesti', voluntary: false });
    assert.equal(forced.status, 422);
    const unsafe = await change(caseId, 'return', { country: 'RO', risk: 'high', receiving_organisation: 'Reaching Out, Pitesti', voluntary: true });
    assert.equal(unsafe.json.type, 'urn:lifeline:problem:return-unsafe');
    const returned = await change(caseId, 'return', { country: 'RO', risk: 'medium', receiving_organisation: 'Reaching Out, Pitesti', voluntary: true, on: isoDaysAgo(5) });
    assert.equal(returned.status, 200, returned.text);
    assert.equal(returned.json.return.country, 'RO');
    const followed = await change(caseId, 'follow-ups', { reached: false, re_trafficked: true, note: 'Seen again at the same farm' });
    assert.equal(followed.status, 200, followed.text);
    assert.equal(followed.json.re_trafficked, true);
    const vocab = await users.worker.request('GET', '/api/v1/meta/vocabularies');
    assert.ok(vocab.json.nrm.legal_step_kinds.some((t) => t.id === 'witness_protection'));
  });

  test('retention erases the identity of cases closed longer ago than the period, and reports', async () => {
    const due = await refer(adultReferral());
    const recent = await refer(adultReferral());
    const reopened = await refer(adultReferral());
    assert.equal((await change(due, 'notes', { text: 'Sister in Cluj called' })).status, 200);
    assert.equal((await change(due, 'closure', { reason: 'returned', closed_on: isoDaysAgo(31) })).status, 200);
    assert.equal((await change(recent, 'closure', { reason: 'returned', closed_on: isoDaysAgo(29) })).status, 200);
    assert.equal((await change(reopened, 'closure', { reason: 'missing', closed_on: isoDaysAgo(40) })).status, 200);
    assert.equal((await change(reopened, 'reopening', {})).status, 200);

    const dry = cli(instance, ['cases', 'retention', '--dry-run']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /dry run: 1 closed cases/);
    assert.equal((await users.worker.request('GET', `/api/v1/cases/${due}/identity`)).status, 200);

    const run = cli(instance, ['cases', 'retention']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /erased the identifying data of 1 cases/);
    assert.ok(!run.stdout.includes('Ilinca') && !run.stderr.includes('Ilinca'));
    const identity = await users.worker.request('GET', `/api/v1/cases/${due}/identity`);
    assert.equal(identity.status, 404);
    const c = await readCase(due);
    assert.equal(c.identity_erased, true);
    assert.equal(c.has_identity, false);
    assert.equal(c.citizenship, 'RO', 'the statistics stay');
    assert.equal(c.consent.explained_by, '');
    assert.ok(c.timeline.every((e) => e.note === undefined), 'sealed notes are gone');
    assert.equal(sql(instance, `SELECT count(*) FROM nrm_identities WHERE id = ${due}`).stdout, '0');
    for (const kept of [recent, reopened]) {
      assert.equal((await users.worker.request('GET', `/api/v1/cases/${kept}/identity`)).status, 200, String(kept));
    }
    const audit = sql(instance, `SELECT count(*) FROM audit_log WHERE action = 'case.retention.erase' AND object_id = '${due}' AND actor_id IS NULL`).stdout;
    assert.equal(audit, '1');
    const again = cli(instance, ['cases', 'retention']);
    assert.match(again.stdout, /erased the identifying data of 0 cases/);
  });

  describe('the assistance plan: services and what is shared with providers', () => {
    let shelterService;

    test('consent covers sharing with a shelter what a shelter needs', async () => {
      const response = await change(adult, 'services', {
        type: 'shelter', provider_org: orgs.shelter, shared_fields: ['given_name', 'family_name', 'needs'],
      });
      assert.equal(response.status, 200, response.text);
      const [service] = response.json.services;
      assert.equal(service.status, 'referred');
      assert.deepEqual(service.shared_fields, ['given_name', 'family_name', 'needs']);
      const event = response.json.timeline.at(-1);
      assert.equal(event.kind, 'service_referral');
      assert.equal(event.detail.service_id, service.service_id);
      shelterService = service.service_id;
      const waiting = response.json.deadlines.find((d) => d.what === 'service-answer');
      // Three working days away: due soon (the default warning is three days) unless a weekend lies between.
      const daysLeft = (Date.parse(waiting.due) - Date.parse(new Date().toISOString().slice(0, 10))) / 86400000;
      assert.equal(waiting.status, daysLeft <= 3 ? 'due_soon' : 'upcoming', JSON.stringify(waiting));
    });

    test('sharing beyond consent needs a lawful ground recorded by a decision maker', async () => {
      const body = { type: 'medical', provider_org: orgs.clinic, shared_fields: ['given_name', 'exploitation_types'] };
      const denied = deniedCount(adult);
      const worker = await change(adult, 'services', body);
      assert.equal(worker.status, 403, worker.text);
      assert.equal(worker.json.type, 'urn:lifeline:problem:sharing-needs-lawful-ground');
      assert.equal(deniedCount(adult), denied + 1);
      const ground = 'Emergency treatment under the Health Act, art. 12';
      const decider = await change(adult, 'services', { ...body, lawful_ground: ground }, { by: 'decider' });
      assert.equal(decider.status, 200, decider.text);
      assert.equal(decider.json.services.at(-1).lawful_ground_recorded, true);
      assert.ok(!sql(instance, 'SELECT * FROM nrm_services').stdout.includes('Health Act'));
    });

    test('bad service referrals name every field and store nothing', async () => {
      const before = (await readCase(adult)).services.length;
      const response = await change(adult, 'services', { type: 'spa', provider_org: orgs.authority, shared_fields: ['password'] });
      assert.equal(response.status, 422, response.text);
      assert.deepEqual(response.json.errors.map((e) => e.field).sort(), ['provider_org', 'shared_fields', 'type']);
      assert.equal((await readCase(adult)).services.length, before);
    });

    test('a provider sees its own services only, and no case', async () => {
      const list = await users.shelter.request('GET', '/api/v1/services');
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(list.json.items.map((i) => i.service_id), [shelterService]);
      const clinic = await users.clinic.request('GET', '/api/v1/services');
      assert.deepEqual(clinic.json.items.map((i) => i.type), ['medical']);
      assert.equal((await users.clinic.request('GET', `/api/v1/services/${shelterService}`)).status, 404);
      assert.equal((await users.shelter.request('GET', `/api/v1/cases/${adult}`)).status, 404);
      assert.equal((await users.shelter.request('GET', `/api/v1/cases/${adult}/identity`)).status, 403);
    });

    test('the provider reads exactly the shared fields, and the identity reading is audited', async () => {
      const count = () => Number(sql(instance, `SELECT count(*) FROM audit_log WHERE action = 'case.identity.show' AND actor_id = ${ids.shelter}`).stdout);
      const before = count();
      const response = await users.shelter.request('GET', `/api/v1/services/${shelterService}`);
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(Object.keys(response.json.shared).sort(), ['family_name', 'given_name', 'needs']);
      assert.equal(response.json.shared.given_name, 'Ilinca');
      assert.deepEqual(response.json.shared.needs, ['shelter']);
      assert.equal(count(), before + 1);
    });

    test('the provider accepts once and records delivery; then sharing ends', async () => {
      const accepted = await users.shelter.request('POST', `/api/v1/services/${shelterService}/answer`, { body: { accept: true } });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.json.status, 'accepted');
      const again = await users.shelter.request('POST', `/api/v1/services/${shelterService}/answer`, { body: { accept: false } });
      assert.equal(again.status, 409);
      const other = await users.clinic.request('POST', `/api/v1/services/${shelterService}/answer`, { body: { accept: true } });
      assert.equal(other.status, 404);
      const delivered = await users.shelter.request('POST', `/api/v1/services/${shelterService}/delivery`, { body: { note: 'Stayed 40 nights' } });
      assert.equal(delivered.status, 200, delivered.text);
      const after = await users.shelter.request('GET', `/api/v1/services/${shelterService}`);
      assert.equal(after.json.status, 'delivered');
      assert.equal(after.json.shared, null);
      const c = await readCase(adult);
      assert.deepEqual(c.timeline.slice(-2).map((e) => [e.kind, e.detail.status]), [['service_answer', 'accepted'], ['service_delivery', 'delivered']]);
      assert.equal(c.timeline.at(-1).note, 'Stayed 40 nights');
      assert.equal(c.timeline.at(-1).organisation_id, orgs.shelter);
    });

    test('a shelter declares its places and accepts no one once they are taken', async () => {
      const bad = await users.shelter.request('PUT', '/api/v1/me/shelter', { body: { places: -1 } });
      assert.equal(bad.status, 422);
      assert.equal((await users.worker.request('PUT', '/api/v1/me/shelter', { body: { places: 5 } })).status, 403);
      const declared = await users.shelter.request('PUT', '/api/v1/me/shelter', { body: { places: 1 } });
      assert.equal(declared.status, 200, declared.text);
      assert.deepEqual([declared.json.places, declared.json.occupied], [1, 0], 'the delivered stay no longer counts');
      const first = await change(adult, 'services', { type: 'shelter', provider_org: orgs.shelter, shared_fields: ['needs'] });
      const second = await change(adult, 'services', { type: 'shelter', provider_org: orgs.shelter, shared_fields: ['needs'] });
      const [a, b] = [first.json.services.at(-1).service_id, second.json.services.at(-1).service_id];
      assert.equal((await users.shelter.request('POST', `/api/v1/services/${a}/answer`, { body: { accept: true } })).status, 200);
      const full = await users.shelter.request('POST', `/api/v1/services/${b}/answer`, { body: { accept: true } });
      assert.equal(full.status, 409, full.text);
      assert.equal(full.json.type, 'urn:lifeline:problem:shelter-full');
      const list = await users.worker.request('GET', '/api/v1/shelters');
      assert.deepEqual(list.json.items.map((s) => [s.name, s.places, s.occupied, s.free]), [['Safe House', 1, 1, 0]]);
      assert.equal((await users.shelter.request('POST', `/api/v1/services/${b}/answer`, { body: { accept: false } })).status, 200);
      assert.equal((await users.shelter.request('POST', `/api/v1/services/${a}/delivery`, { body: {} })).status, 200);
    });

    test('acceptances at the same moment never take more places than the shelter has', async () => {
      const declared = await users.shelter.request('PUT', '/api/v1/me/shelter', { body: { places: 2 } });
      assert.deepEqual([declared.json.places, declared.json.occupied], [2, 0], declared.text);
      // One service per case: acceptances on the same case would be told the case changed meanwhile.
      const cases = await Promise.all([1, 2, 3, 4, 5].map(() => refer(adultReferral())));
      const services = [];
      for (const caseId of cases) {
        const referred = await change(caseId, 'services', { type: 'shelter', provider_org: orgs.shelter, shared_fields: ['needs'] });
        assert.equal(referred.status, 200, referred.text);
        services.push(referred.json.services.at(-1).service_id);
      }
      const answers = await Promise.all(services.map((id) => users.shelter.request('POST', `/api/v1/services/${id}/answer`, { body: { accept: true } })));
      const accepted = services.filter((_, index) => answers[index].status === 200);
      assert.equal(accepted.length, 2, answers.map((answer) => `${answer.status} ${answer.text}`).join('\n'));
      for (const answer of answers.filter((entry) => entry.status !== 200)) {
        assert.equal(answer.status, 409, answer.text);
        assert.equal(answer.json.type, 'urn:lifeline:problem:shelter-full');
      }
      const list = await users.worker.request('GET', '/api/v1/shelters');
      assert.deepEqual(list.json.items.map((s) => [s.places, s.occupied, s.free]), [[2, 2, 0]]);
      for (const id of accepted) {
        assert.equal((await users.shelter.request('POST', `/api/v1/services/${id}/delivery`, { body: {} })).status, 200);
      }
      assert.equal((await users.shelter.request('PUT', '/api/v1/me/shelter', { body: { places: 1 } })).status, 200);
    });

    test('the authority withdraws an open service and the provider loses access', async () => {
      const referred = await change(adult, 'services', { type: 'shelter', provider_org: orgs.shelter, shared_fields: ['needs'] });
      assert.equal(referred.status, 200, referred.text);
      const serviceId = referred.json.services.at(-1).service_id;
      const withdrawn = await change(adult, `services/${serviceId}/withdrawal`, { note: 'Moved to another city' });
      assert.equal(withdrawn.status, 200, withdrawn.text);
      assert.equal(withdrawn.json.services.at(-1).status, 'withdrawn');
      assert.equal((await users.shelter.request('GET', `/api/v1/services/${serviceId}`)).json.shared, null);
      const late = await users.shelter.request('POST', `/api/v1/services/${serviceId}/answer`, { body: { accept: true } });
      assert.equal(late.status, 409);
    });

    test('an anonymous notification has no identity to share; a child needs a lawful ground', async () => {
      const anonymous = await refer(adultReferral({ person: undefined, consent: { given: false } }));
      const identity = await change(anonymous, 'services', { type: 'shelter', provider_org: orgs.shelter, shared_fields: ['given_name'], lawful_ground: 'x' }, { by: 'decider' });
      assert.equal(identity.status, 422, identity.text);
      const child = await refer({ consent: { given: false }, is_child: true, exploitation_types: ['forced_begging'] });
      const noGround = await change(child, 'services', { type: 'medical', provider_org: orgs.clinic, shared_fields: ['needs'] });
      assert.equal(noGround.status, 403);
      const withGround = await change(child, 'services', { type: 'medical', provider_org: orgs.clinic, shared_fields: ['needs'], lawful_ground: 'Child Protection Act, s. 4' }, { by: 'decider' });
      assert.equal(withGround.status, 200, withGround.text);
      assert.equal(withGround.json.services[0].lawful_ground_recorded, true);
      assert.ok(!sql(instance, 'SELECT * FROM nrm_services').stdout.includes('Child Protection'));
    });
  });
});
