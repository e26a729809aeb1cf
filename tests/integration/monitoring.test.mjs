// Monitoring over HTTP: the national action plan (measures linked to compendium provisions,
// indicators and the due dates of their progress reports, overdue items, coverage of the
// compendium, a new period from the previous one) and questionnaire rounds (items frozen and
// versioned once a round opens, answers by the 57 participating States' co-ordinators, drafts,
// submission once, amendments kept in history, analysis with its denominators). Only
// co-ordinators get in; refused input changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  Client, addOrganisation, addUser, newInstance, signInNewUser, sql, startServer, stopServer,
  fetchBytes, pdfCharacters,
} from './lib.mjs';

const DAY_MS = 86_400_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const isoDaysFromNow = (days) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

describe('monitoring: national action plan and questionnaire rounds', () => {
  let instance;
  let server;
  const users = {};
  const orgs = {};

  before(async () => {
    instance = newInstance();
    orgs.ministry = addOrganisation(instance, 'National Co-ordinator Office', 'competent_authority');
    orgs.austria = addOrganisation(instance, 'Austrian Task Force', 'other');
    orgs.belgium = addOrganisation(instance, 'Belgian Co-ordination Unit', 'other');
    orgs.france = addOrganisation(instance, 'French Mission', 'other');
    const people = [
      [orgs.ministry, 'coordinator', 'coordinator'], [orgs.ministry, 'worker', 'case_worker'],
      [orgs.ministry, 'analyst', 'analyst'], [orgs.austria, 'austria', 'coordinator'],
      [orgs.belgium, 'belgium', 'coordinator'], [orgs.france, 'france', 'coordinator'],
    ];
    for (const [org, name, role] of people) addUser(instance, org, name, role);
    server = await startServer(instance);
    for (const [, name] of people) users[name] = await signInNewUser(server, name);
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  const as = (name) => users[name];
  const json = async (name, method, path, body) => {
    const response = await as(name).request(method, path, body === undefined ? {} : { body });
    return response;
  };

  test('the participating States are loaded from the shipped OSCE page', async () => {
    assert.match(server.output(), /questionnaires: 57 participating States added/);
    const response = await json('coordinator', 'GET', '/api/v1/questionnaires/respondents');
    assert.equal(response.status, 200);
    const states = response.json.items.filter((r) => r.kind === 'participating_state');
    assert.equal(states.length, 57);
    assert.ok(states.some((s) => s.code === 'VA' && s.name === 'Holy See'));
    assert.ok(states.some((s) => s.code === 'FI' && s.name === 'Finland'));
  });

  test('only co-ordinators reach the monitoring endpoints', async () => {
    for (const name of ['worker', 'analyst']) {
      for (const path of ['/api/v1/action-plans', '/api/v1/questionnaires', '/api/v1/questionnaires/respondents']) {
        assert.equal((await json(name, 'GET', path)).status, 403, `${name} ${path}`);
      }
      const created = await json(name, 'POST', '/api/v1/action-plans', { title: 'X', period_start: '2026-01-01', period_end: '2026-12-31' });
      assert.equal(created.status, 403);
    }
    const anonymous = new Client(server.url);
    assert.equal((await anonymous.request('GET', '/api/v1/action-plans')).status, 401);
    assert.equal(sql(instance, 'SELECT COUNT(*) FROM monitoring_plans').stdout, '0');
  });

  describe('national action plan', () => {
    let plan;
    let measure;
    let second;
    let indicator;
    const start = isoDaysFromNow(-200);
    const end = isoDaysFromNow(365);

    test('a plan with a period; bad periods are refused and nothing is stored', async () => {
      const bad = await json('coordinator', 'POST', '/api/v1/action-plans', { title: 'NAP', period_start: '2027-01-01', period_end: '2026-01-01' });
      assert.equal(bad.status, 422);
      assert.ok(bad.json.errors.some((e) => e.field === 'period_end'), JSON.stringify(bad.json));
      const created = await json('coordinator', 'POST', '/api/v1/action-plans', { title: 'National Action Plan 2026-2027', period_start: start, period_end: end });
      assert.equal(created.status, 201, created.text);
      plan = created.json;
      assert.equal(plan.superseded, false);
      const listed = await json('coordinator', 'GET', '/api/v1/action-plans');
      assert.deepEqual(listed.json.items.map((p) => p.id), [plan.id]);
    });

    test('measures link compendium provisions; unknown provisions are refused', async () => {
      const base = {
        title: 'Establish a National Referral Mechanism',
        bodies: ['Ministry of Interior', 'Ministry of Social Affairs'],
        partners: ['IOM'],
        budget: 250000,
        currency: 'EUR',
        start_on: start,
        due_on: isoDaysFromNow(100),
        provisions: ['AP.V.3.1', 'AP.V.3.2'],
      };
      const unknown = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/measures`, { ...base, provisions: ['AP.XX.1'] });
      assert.equal(unknown.status, 422);
      assert.ok(unknown.json.errors.some((e) => e.field === 'provisions'));
      const noCurrency = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/measures`, { ...base, currency: undefined });
      assert.equal(noCurrency.status, 422);
      const created = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/measures`, base);
      assert.equal(created.status, 201, created.text);
      measure = created.json;
      assert.deepEqual(measure.provisions, ['AP.V.3.1', 'AP.V.3.2']);
      const other = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/measures`, {
        title: 'Train labour inspectors', bodies: ['Labour Inspectorate'], start_on: start, due_on: isoDaysFromNow(-10),
        provisions: ['AP.III.1.1'],
      });
      assert.equal(other.status, 201, other.text);
      second = other.json;
    });

    test('an indicator\'s frequency sets the due dates of its progress reports', async () => {
      const bad = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/indicators`, { measure_id: measure.id, name: 'x', frequency: 'weekly' });
      assert.equal(bad.status, 422);
      const created = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/indicators`, {
        measure_id: measure.id, name: 'Victims referred through the NRM', unit: 'persons', baseline: 0, target: 120, frequency: 'monthly',
      });
      assert.equal(created.status, 201, created.text);
      indicator = created.json;
      assert.ok(indicator.schedule.length >= 9 && indicator.schedule.length <= 11, JSON.stringify(indicator.schedule));
      assert.equal(indicator.schedule.at(-1).due_on, measure.due_on);
      assert.equal(indicator.schedule[0].urgency, 'overdue');
      assert.ok(indicator.schedule.some((s) => s.urgency === 'later'));
      const other = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/indicators`, {
        measure_id: second.id, name: 'Inspectors trained', target_text: 'all regions', frequency: 'once',
      });
      assert.equal(other.status, 201);
      assert.deepEqual(other.json.schedule.map((s) => s.due_on), [second.due_on]);
    });

    test('progress reports: only on scheduled dates, corrections kept, overdue list follows', async () => {
      const firstDue = indicator.schedule[0].due_on;
      const offSchedule = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/progress-reports`, {
        indicator_id: indicator.id, due_on: '2001-01-01', status: 'in_progress',
      });
      assert.equal(offSchedule.status, 422);
      assert.ok(offSchedule.json.errors.some((e) => e.field === 'due_on'));
      const badLink = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/progress-reports`, {
        indicator_id: indicator.id, due_on: firstDue, status: 'in_progress', evidence: ['javascript:alert(1)'],
      });
      assert.equal(badLink.status, 422);
      const overdueBefore = (await json('coordinator', 'GET', `/api/v1/action-plans/${plan.id}/overdue`)).json;
      assert.ok(overdueBefore.overdue_reports.some((r) => r.due_on === firstDue && r.indicator_id === indicator.id));
      assert.ok(overdueBefore.overdue_measures.some((m) => m.id === second.id));
      for (const status of ['in_progress', 'delayed']) {
        const filed = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/progress-reports`, {
          indicator_id: indicator.id, due_on: firstDue, status, value: 12, evidence: ['https://example.org/nrm-report'],
        });
        assert.equal(filed.status, 201, filed.text);
      }
      const reports = await json('coordinator', 'GET', `/api/v1/action-plans/${plan.id}/progress-reports?indicator=${indicator.id}`);
      assert.deepEqual(reports.json.items.map((r) => r.status), ['in_progress', 'delayed']);
      const after = (await json('coordinator', 'GET', `/api/v1/action-plans/${plan.id}/overdue`)).json;
      assert.ok(!after.overdue_reports.some((r) => r.due_on === firstDue && r.indicator_id === indicator.id));
      const whole = (await json('coordinator', 'GET', `/api/v1/action-plans/${plan.id}`)).json;
      const m = whole.measures.find((x) => x.id === measure.id);
      assert.equal(m.status, 'delayed');
      assert.equal(m.indicators[0].schedule[0].report.status, 'delayed');
      const audited = sql(instance, "SELECT COUNT(*) FROM audit_log WHERE action = 'action_plan.progress.report'").stdout;
      assert.equal(audited, '2');
    });

    test('coverage is counted against the compendium\'s national commitments', async () => {
      const documents = (await json('coordinator', 'GET', '/api/v1/corpus/documents')).json.items;
      const commitmentDocs = documents.filter((d) => d.kind === 'commitment').map((d) => d.id);
      const national = [];
      for (const doc of commitmentDocs) {
        let cursor = null;
        do {
          const page = (await json('coordinator', 'GET', `/api/v1/corpus/provisions?document=${encodeURIComponent(doc)}&level=national&limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json;
          national.push(...page.items);
          cursor = page.next_cursor;
        } while (cursor);
      }
      const coverage = (await json('coordinator', 'GET', `/api/v1/action-plans/${plan.id}/coverage`)).json;
      assert.equal(coverage.total, national.length);
      const linked = ['AP.V.3.1', 'AP.V.3.2', 'AP.III.1.1'].filter((id) => national.some((p) => p.id === id));
      assert.equal(coverage.covered, linked.length);
      assert.equal(coverage.uncovered.length, national.length - linked.length);
      const protection = coverage.by_pillar.find((p) => p.key === 'protection');
      assert.equal(protection.total, national.filter((p) => p.pillar === 'protection').length);
      assert.equal(protection.covered, linked.filter((id) => national.find((p) => p.id === id).pillar === 'protection').length);
      assert.equal(coverage.by_pillar.reduce((n, p) => n + p.total, 0), national.length);
      assert.ok(coverage.by_keyword.length > 0);
      const interior = coverage.progress_by_body.find((b) => b.key === 'Ministry of Interior');
      assert.equal(interior.measures, 1);
      assert.equal(interior.by_status.delayed, 1);
      assert.ok(coverage.progress_by_pillar.some((p) => p.key === 'protection' && p.measures === 1));
    });

    test('a new period starts from the previous one, which is kept unchanged', async () => {
      const next = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/next-period`, {
        title: 'National Action Plan 2028-2029', period_start: isoDaysFromNow(366), period_end: isoDaysFromNow(1000),
      });
      assert.equal(next.status, 201, next.text);
      assert.equal(next.json.previous_plan_id, plan.id);
      assert.equal(next.json.carried_measures, 2);
      const carried = (await json('coordinator', 'GET', `/api/v1/action-plans/${next.json.id}`)).json;
      assert.deepEqual(carried.measures.map((m) => m.carried_from_id).sort(), [measure.id, second.id].sort());
      assert.equal(carried.measures.find((m) => m.carried_from_id === measure.id).indicators.length, 1);
      const old = (await json('coordinator', 'GET', `/api/v1/action-plans/${plan.id}`)).json;
      assert.equal(old.superseded, true);
      assert.equal(old.measures.length, 2);
      const refused = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/measures`, {
        title: 'Late', bodies: ['X'], start_on: start, due_on: end, provisions: ['AP.V.3.1'],
      });
      assert.equal(refused.status, 409);
      assert.equal(refused.json.type.endsWith('plan-superseded'), true, refused.text);
      const again = await json('coordinator', 'POST', `/api/v1/action-plans/${plan.id}/next-period`, {
        title: 'Twice', period_start: isoDaysFromNow(366), period_end: isoDaysFromNow(1000),
      });
      assert.equal(again.status, 409);
    });
  });

  describe('questionnaire rounds', () => {
    let round;
    let items;
    let followUp;
    const item = (code) => items.find((i) => i.code === code && i.current);

    test('a round is built from provisions with one item each, then edited while a draft', async () => {
      const created = await json('coordinator', 'POST', '/api/v1/questionnaires', {
        title: 'Survey on MC Decisions 6/17, 7/17 and 6/18', provisions: ['AP.V.3.1', 'AP.III.1.1'],
      });
      assert.equal(created.status, 201, created.text);
      round = created.json;
      assert.equal(round.status, 'draft');
      let got = (await json('coordinator', 'GET', `/api/v1/questionnaires/${round.id}`)).json;
      assert.deepEqual(got.items.map((i) => [i.code, i.type, i.provision_id]),
        [['ap_iii_1_1', 'yes_no', 'AP.III.1.1'], ['ap_v_3_1', 'yes_no', 'AP.V.3.1']]);  // in document order
      assert.equal(got.items[1].pillar, 'protection');
      const permits = await json('coordinator', 'POST', `/api/v1/questionnaires/${round.id}/items`, {
        code: 'permits', prompt: 'How many residence permits were issued to victims?', type: 'number',
        unit: 'permits', year: 2025, minimum: 0, maximum: 10000, provision_id: 'AP.V.3.1',
        shown_if: { item: 'ap_v_3_1', answers: ['yes', 'partly'] },
      });
      assert.equal(permits.status, 201, permits.text);
      const badSkip = await json('coordinator', 'POST', `/api/v1/questionnaires/${round.id}/items`, {
        code: 'bad', prompt: 'x', type: 'text', shown_if: { item: 'nothing', answers: ['yes'] },
      });
      assert.equal(badSkip.status, 422);
      for (const body of [
        { code: 'body', prompt: 'Which body co-ordinates?', type: 'choice', choices: [{ code: 'ministry', label: 'A ministry' }, { code: 'agency', label: 'An agency' }] },
        { code: 'challenges', prompt: 'What are the main challenges?', type: 'text' },
        { code: 'law', prompt: 'Links to the legislation', type: 'evidence' },
      ]) {
        assert.equal((await json('coordinator', 'POST', `/api/v1/questionnaires/${round.id}/items`, body)).status, 201);
      }
      const taken = await json('coordinator', 'POST', `/api/v1/questionnaires/${round.id}/items`, { code: 'law', prompt: 'again', type: 'text' });
      assert.equal(taken.status, 409);
      got = (await json('coordinator', 'GET', `/api/v1/questionnaires/${round.id}`)).json;
      items = got.items;
      const edited = await json('coordinator', 'PUT', `/api/v1/questionnaires/${round.id}/items/${item('challenges').id}`, {
        code: 'challenges', prompt: 'What are the main challenges in implementation?', type: 'text', pillar: 'partnerships',
      });
      assert.equal(edited.status, 200);
      assert.equal(edited.json.version, 1);
      assert.equal(edited.json.id, item('challenges').id);
    });

    test('answers wait for the round to open; only the State\'s own co-ordinators answer', async () => {
      for (const [code, org] of [['AT', orgs.austria], ['BE', orgs.belgium], ['FR', orgs.france]]) {
        const linked = await json('coordinator', 'PUT', `/api/v1/questionnaires/respondents/${code}`, { organisation_id: org });
        assert.equal(linked.status, 200, linked.text);
      }
      const partner = await json('coordinator', 'PUT', '/api/v1/questionnaires/respondents/JP', { name: 'Japan', kind: 'partner' });
      assert.equal(partner.status, 200);
      const notPartner = await json('coordinator', 'PUT', '/api/v1/questionnaires/respondents/XX', { name: 'Nowhere', kind: 'participating_state' });
      assert.equal(notPartner.status, 422);
      const early = await json('austria', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, { answers: [{ item_id: item('ap_v_3_1').id, value: 'yes' }] });
      assert.equal(early.status, 409);
      assert.ok(early.json.type.endsWith('round-not-open'));
      const opened = await json('coordinator', 'POST', `/api/v1/questionnaires/${round.id}/open`);
      assert.equal(opened.status, 200);
      const respondents = (await json('coordinator', 'GET', `/api/v1/questionnaires/${round.id}/respondents`)).json.items;
      assert.equal(respondents.length, 57);  // Partners only when the round includes them
      const foreign = await json('belgium', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, { answers: [{ item_id: item('ap_v_3_1').id, value: 'no' }] });
      assert.equal(foreign.status, 403);
      const hubWrites = await json('coordinator', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, { answers: [{ item_id: item('ap_v_3_1').id, value: 'no' }] });
      assert.equal(hubWrites.status, 403);
      assert.equal(sql(instance, 'SELECT COUNT(*) FROM monitoring_answers').stdout, '0');
    });

    test('items are frozen once the round opens: a change is a new version', async () => {
      const added = await json('coordinator', 'POST', `/api/v1/questionnaires/${round.id}/items`, { code: 'late', prompt: 'Late', type: 'text' });
      assert.equal(added.status, 409);
      const removed = await json('coordinator', 'DELETE', `/api/v1/questionnaires/${round.id}/items/${item('law').id}`);
      assert.equal(removed.status, 409);
    });

    test('drafts, out-of-range numbers, submission once, amendments with history', async () => {
      const nrm = item('ap_v_3_1');
      const outOfRange = await json('austria', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, {
        answers: [{ item_id: nrm.id, value: 'yes' }, { item_id: item('permits').id, value: 20000 }],
      });
      assert.equal(outOfRange.status, 422);
      assert.equal(outOfRange.json.errors[0].field, 'answers[1].value');
      assert.equal(sql(instance, 'SELECT COUNT(*) FROM monitoring_answers').stdout, '0');
      const wrongType = await json('austria', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, { answers: [{ item_id: nrm.id, value: 'maybe' }] });
      assert.equal(wrongType.status, 422);

      const answersOf = {
        AT: [['ap_v_3_1', 'yes'], ['ap_iii_1_1', 'yes'], ['permits', 40], ['body', 'ministry'], ['challenges', 'Funding of shelters']],
        BE: [['ap_v_3_1', 'partly'], ['ap_iii_1_1', 'no'], ['permits', 10], ['body', 'agency'], ['law', ['https://example.be/law']]],
        FR: [['ap_v_3_1', 'no'], ['ap_iii_1_1', 'yes'], ['body', 'ministry'], ['challenges', 'Identification of child victims']],
      };
      for (const [code, list] of Object.entries(answersOf)) {
        const user = { AT: 'austria', BE: 'belgium', FR: 'france' }[code];
        const draft = await json(user, 'PUT', `/api/v1/questionnaires/${round.id}/responses/${code}`, {
          answers: list.map(([c, value]) => ({ item_id: item(c).id, value })),
        });
        assert.equal(draft.status, 200, draft.text);
      }
      // A draft may be replaced freely.
      const redraft = await json('austria', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, { answers: [{ item_id: item('permits').id, value: 42 }] });
      assert.equal(redraft.status, 200);
      assert.equal(redraft.json.answers.find((a) => a.code === 'permits').value, 42);
      for (const code of ['AT', 'BE', 'FR']) {
        const submitted = await json({ AT: 'austria', BE: 'belgium', FR: 'france' }[code], 'POST', `/api/v1/questionnaires/${round.id}/responses/${code}/submit`);
        assert.equal(submitted.status, 200, submitted.text);
      }
      const twice = await json('austria', 'POST', `/api/v1/questionnaires/${round.id}/responses/AT/submit`);
      assert.equal(twice.status, 409);
      assert.ok(twice.json.type.endsWith('already-submitted'));

      // A submitted answer is never silently overwritten: the change names the version it replaces.
      const silent = await json('austria', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, { answers: [{ item_id: item('permits').id, value: 45 }] });
      assert.equal(silent.status, 409);
      assert.ok(silent.json.type.endsWith('answer-changed'));
      const amended = await json('austria', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, { answers: [{ item_id: item('permits').id, value: 45, version: 1 }] });
      assert.equal(amended.status, 200, amended.text);
      const permitsAnswer = amended.json.answers.find((a) => a.code === 'permits');
      assert.equal(permitsAnswer.value, 45);
      assert.equal(permitsAnswer.version, 2);
      const history = (await json('austria', 'GET', `/api/v1/questionnaires/${round.id}/responses/AT/history`)).json.items;
      assert.deepEqual(history.map((h) => [h.value, h.version]), [[42, 1]]);
      const hubReads = await json('coordinator', 'GET', `/api/v1/questionnaires/${round.id}/responses/AT`);
      assert.equal(hubReads.status, 200);
      assert.equal(hubReads.json.status, 'submitted');
      const otherStateReads = await json('belgium', 'GET', `/api/v1/questionnaires/${round.id}/responses/AT`);
      assert.equal(otherStateReads.status, 403);
    });

    test('a revised item is a new version; answers to the old one are refused and kept', async () => {
      const old = item('challenges');
      const revised = await json('coordinator', 'PUT', `/api/v1/questionnaires/${round.id}/items/${old.id}`, {
        code: 'challenges', prompt: 'What are the three main challenges?', type: 'text', pillar: 'partnerships',
      });
      assert.equal(revised.status, 200, revised.text);
      assert.equal(revised.json.version, 2);
      assert.notEqual(revised.json.id, old.id);
      const gone = await json('belgium', 'PUT', `/api/v1/questionnaires/${round.id}/responses/BE`, { answers: [{ item_id: old.id, value: 'Resources' }] });
      assert.equal(gone.status, 409);
      assert.ok(gone.json.type.endsWith('item-version-gone'));
      const fr = (await json('france', 'GET', `/api/v1/questionnaires/${round.id}/responses/FR`)).json;
      const kept = fr.answers.find((a) => a.item_id === old.id);
      assert.equal(kept.value, 'Identification of child victims');
      assert.equal(kept.item_current, false);
      items = (await json('coordinator', 'GET', `/api/v1/questionnaires/${round.id}`)).json.items;
    });

    test('the analysis gives counts and shares of the responding States, with the denominators', async () => {
      const analysis = (await json('coordinator', 'GET', `/api/v1/questionnaires/${round.id}/analysis`)).json;
      assert.equal(analysis.invited, 57);
      assert.equal(analysis.responding, 3);
      const nrm = analysis.items.find((i) => i.code === 'ap_v_3_1');
      assert.equal(nrm.denominator, 3);
      assert.deepEqual(nrm.counts.map((c) => [c.answer, c.count]), [['yes', 1], ['partly', 1], ['no', 1], ['not_applicable', 0]]);
      assert.ok(Math.abs(nrm.counts[0].share - 1 / 3) < 1e-9);
      const permits = analysis.items.find((i) => i.code === 'permits');
      assert.equal(permits.asked, 2);  // France said no: the question was skipped
      assert.equal(permits.answered, 2);
      assert.equal(permits.sum, 55);
      const body = analysis.items.find((i) => i.code === 'body');
      assert.deepEqual(body.counts.map((c) => [c.answer, c.count, c.share]), [['ministry', 2, 2 / 3], ['agency', 1, 1 / 3]]);
      const oldChallenges = analysis.items.find((i) => i.code === 'challenges' && !i.current);
      assert.deepEqual(oldChallenges.texts.map((t) => [t.code, t.name]), [['AT', 'Austria'], ['FR', 'France']]);
      const protection = analysis.pillars.find((p) => p.pillar === 'protection');
      assert.equal(protection.denominator, 3);
      const prosecution = analysis.pillars.find((p) => p.pillar === 'prosecution');
      assert.deepEqual(prosecution.counts.map((c) => c.count), [2, 0, 1, 0]);

      const table = (await json('coordinator', 'GET', `/api/v1/questionnaires/${round.id}/crosstab?rows=ap_v_3_1&columns=ap_iii_1_1`)).json;
      assert.equal(table.denominator, 3);
      assert.deepEqual(table.counts[0], [1, 0, 0, 0]);  // yes / yes: Austria
      assert.deepEqual(table.counts[2], [1, 0, 0, 0]);  // no / yes: France
      const notCounted = await json('coordinator', 'GET', `/api/v1/questionnaires/${round.id}/crosstab?rows=permits&columns=ap_iii_1_1`);
      assert.equal(notCounted.status, 422);

      const report = await as('coordinator').request('GET', `/api/v1/questionnaires/${round.id}/report`);
      assert.equal(report.status, 200);
      assert.match(report.headers.get('content-type'), /text\/html/);
      assert.match(report.text, /3 of 57 invited States submitted/);
      assert.match(report.text, /Denominator: 3 States answered<\/strong> of 3 asked/);
      assert.match(report.text, /<strong>Austria<\/strong>: Funding of shelters/);
      assert.match(report.text, /<svg /);
      assert.doesNotMatch(report.text, /<script/);

      const pdf = await fetchBytes(as('coordinator'), `/api/v1/questionnaires/${round.id}/report?format=pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const drawn = pdfCharacters(pdf.bytes);
      assert.ok([...'Denominator By pillar Shares of yes/no answers'].every((c) => c === ' ' || drawn.has(c)));
      const badFormat = await as('coordinator').request('GET', `/api/v1/questionnaires/${round.id}/report?format=odt`);
      assert.equal(badFormat.status, 400);
      assert.match(badFormat.json.detail, /format/);

      const csv = await as('coordinator').request('GET', `/api/v1/questionnaires/${round.id}/analysis.csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /text\/csv/);
      assert.match(csv.text, /"ap_v_3_1","1","protection","AP.V.3.1","yes_no","yes","1","0.3333","3","3","3"/);
      const workbook = await fetch(`${server.url}/api/v1/questionnaires/${round.id}/analysis.xlsx`, { headers: { Cookie: as('coordinator').cookie } });
      assert.equal(workbook.status, 200);
      assert.equal(workbook.headers.get('content-type'), XLSX);
      assert.equal(Buffer.from(await workbook.arrayBuffer()).subarray(0, 2).toString(), 'PK');
    });

    test('a closed round takes no answers; rounds compare for a provision', async () => {
      const closed = await json('coordinator', 'POST', `/api/v1/questionnaires/${round.id}/close`);
      assert.equal(closed.status, 200);
      const late = await json('austria', 'PUT', `/api/v1/questionnaires/${round.id}/responses/AT`, { answers: [{ item_id: item('ap_v_3_1').id, value: 'no', version: 1 }] });
      assert.equal(late.status, 409);
      assert.ok(late.json.type.endsWith('round-closed'));
      const editClosed = await json('coordinator', 'PUT', `/api/v1/questionnaires/${round.id}/items/${item('law').id}`, { code: 'law', prompt: 'x', type: 'evidence' });
      assert.equal(editClosed.status, 409);
      const next = await json('coordinator', 'POST', '/api/v1/questionnaires', { title: 'Follow-up survey', provisions: ['AP.V.3.1'] });
      assert.equal(next.status, 201);
      assert.equal((await json('coordinator', 'POST', `/api/v1/questionnaires/${next.json.id}/open`)).status, 200);
      followUp = next.json.id;
      const compared = (await json('coordinator', 'GET', '/api/v1/questionnaires/comparison?provision=AP.V.3.1')).json;
      assert.deepEqual(compared.rounds.map((r) => [r.round.id, r.responding]), [[round.id, 3], [next.json.id, 0]]);
      assert.equal(compared.rounds[0].items.find((i) => i.code === 'ap_v_3_1').counts[0].count, 1);
    });

    test('answers exported from ODK or KoboToolbox come in as drafts of the States concerned', async () => {
      const csv = (rows) => ({ body: { csv: rows.join('\r\n') } });
      const path = `/api/v1/questionnaires/${followUp}/import-answers`;
      const foreign = await as('austria').request('POST', path, csv(['_id,respondent,grp/ap_v_3_1', '1,AT,yes', '2,BE,no']));
      assert.equal(foreign.status, 403);
      const bad = await as('austria').request('POST', path, csv(['respondent,ap_v_3_1', 'AT,maybe']));
      assert.equal(bad.status, 422);
      assert.equal(bad.json.errors[0].field, 'row 2, ap_v_3_1');
      assert.equal(sql(instance, `SELECT COUNT(*) FROM monitoring_answers WHERE round_id = ${followUp}`).stdout, '0');
      const imported = await as('austria').request('POST', path, csv(['_id,respondent,grp/ap_v_3_1,_uuid', '1,at,Partly,x']));
      assert.equal(imported.status, 200, imported.text);
      assert.deepEqual(imported.json, { rows: 1, answers: 1 });
      const draft = (await json('austria', 'GET', `/api/v1/questionnaires/${followUp}/responses/AT`)).json;
      assert.equal(draft.status, 'draft');
      assert.deepEqual(draft.answers.map((a) => [a.code, a.value]), [['ap_v_3_1', 'partly']]);
    });

    test('a round goes out as an XLSForm and comes back as the same items', async () => {
      const client = as('coordinator');
      const download = await fetch(`${server.url}/api/v1/questionnaires/${round.id}/xlsform`, { headers: { Cookie: client.cookie } });
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), XLSX);
      const bytes = Buffer.from(await download.arrayBuffer());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK');
      assert.equal((await json('worker', 'GET', `/api/v1/questionnaires/${round.id}/xlsform`)).status, 403);

      const imported = await client.request('POST', '/api/v1/questionnaires/import-xlsform', {
        body: { file: bytes.toString('base64'), title: 'Imported survey' },
      });
      assert.equal(imported.status, 201, imported.text);
      assert.equal(imported.json.title, 'Imported survey');
      assert.equal(imported.json.status, 'draft');
      const copy = (await json('coordinator', 'GET', `/api/v1/questionnaires/${imported.json.id}`)).json.items;
      const shape = (list) => list.filter((i) => i.current).map((i) => [i.code, i.type, i.provision_id, i.pillar, i.unit, i.year,
        i.minimum, i.maximum, i.choices, i.shown_if]);
      assert.deepEqual(shape(copy), shape(items));

      const rounds = sql(instance, 'SELECT COUNT(*) FROM monitoring_rounds').stdout;
      const garbage = await client.request('POST', '/api/v1/questionnaires/import-xlsform', {
        body: { file: Buffer.from('PK not really a zip').toString('base64') },
      });
      assert.equal(garbage.status, 400);
      const notBase64 = await client.request('POST', '/api/v1/questionnaires/import-xlsform', { body: { file: '%%%' } });
      assert.equal(notBase64.status, 400);
      const raw = await client.request('POST', '/api/v1/questionnaires/import-xlsform', { raw: bytes, headers: { 'Content-Type': XLSX } });
      assert.equal(raw.status, 415);  // JSON only: a cross-site form cannot post a file here
      assert.equal(sql(instance, 'SELECT COUNT(*) FROM monitoring_rounds').stdout, rounds);
    });
  });
});
