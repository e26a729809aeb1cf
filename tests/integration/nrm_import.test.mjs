// `lifeline cases import`: existing case records from a CSV file with HTCDS 2.0 column names.
// A dry run stores nothing; a file with bad rows is refused whole, every bad row reported
// without any of its cells; an imported case is a referral like any other, over HTTP and in the
// database (identity sealed, duplicates found, audited), and can be decided when imported for
// the organisation the records come from.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  addOrganisation, addUser, cli, newInstance, signInNewUser, sql, startServer, stopServer,
} from './lib.mjs';

const COLUMNS = [
  'cas_IncomingReferralDate', 'prs_FirstName', 'prs_SecondName', 'prs_Birthdate', 'prs_Gender',
  'prs_Citizenship', 'con_Consent', 'lifeline_ConsentExplainedBy', 'lifeline_ConsentLanguage',
  'lifeline_IsChild', 'vic_TypeOfExploitation', 'hte_Country', 'hte_Type', 'cas_Status',
  'cas_ReasonForCaseClosure', 'lifeline_ClosedOn',
];

const GIVEN = ['Albina', 'Bogdana', 'Cezara', 'Darina', 'Evelina', 'Filomena', 'Gavrila', 'Horatiu',
  'Iustina', 'Jaroslava', 'Kasimir', 'Ludmila', 'Mirela', 'Nadejda', 'Octavian', 'Petronela'];
const FAMILY = ['Quennell', 'Rautu', 'Strelkova', 'Tarnavschi', 'Ursache', 'Vrabie', 'Wojcik', 'Zubco'];
const EXPLOITATION = ['SexualExploitation', 'ForcedLabour', 'ForcedLabour;ForcedBegging',
  'Servitude', 'ForcedMarriage', 'Other'];
const COUNTRIES = ['AT', 'DE', 'IT', 'PL', 'RO', 'TR'];

function csvCell(value) {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(rows) {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((column) => csvCell(row[column])).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

// 36 records as an NGO's case management system might export them: adults referred with
// consent, adults without (anonymous notifications), children, one person recorded twice, one
// closed case.
function realisticRows() {
  const rows = [];
  for (let i = 0; i < 36; i += 1) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const row = {
      cas_IncomingReferralDate: `2025-${month}-${String((i % 27) + 1).padStart(2, '0')}`,
      prs_Gender: i % 3 === 0 ? 'Masculine' : 'Feminine',
      prs_Citizenship: ['MD', 'UA', 'RO', 'VN'][i % 4],
      vic_TypeOfExploitation: EXPLOITATION[i % EXPLOITATION.length],
      hte_Country: COUNTRIES[i % COUNTRIES.length],
      hte_Type: 'Exploitation',
      cas_Status: i % 5 === 0 ? 'FollowUp' : 'Active',
    };
    if (i % 4 === 3) {
      // an adult who did not consent: anonymous, nothing identifying
    } else if (i % 6 === 1) {
      Object.assign(row, {
        prs_FirstName: GIVEN[i % GIVEN.length],
        prs_SecondName: FAMILY[i % FAMILY.length],
        prs_Birthdate: `2011-0${(i % 9) + 1}-15`,
      });
    } else {
      Object.assign(row, {
        prs_FirstName: GIVEN[i % GIVEN.length],
        prs_SecondName: `${FAMILY[i % FAMILY.length]}, née ${FAMILY[(i + 3) % FAMILY.length]}`,
        prs_Birthdate: `19${80 + (i % 20)}-0${(i % 9) + 1}-0${(i % 9) + 1}`,
        con_Consent: 'TRUE',
        lifeline_ConsentExplainedBy: 'NGO outreach worker',
        lifeline_ConsentLanguage: 'ro',
      });
    }
    rows.push(row);
  }
  // A child whose date of birth is unknown, referred as a child all the same.
  rows.push({
    cas_IncomingReferralDate: '2025-05-05', prs_FirstName: 'Quirina', lifeline_IsChild: 'yes',
    vic_TypeOfExploitation: 'ChildLabour', hte_Country: 'MD',
  });
  // The same person as the first identified row, recorded again by another office.
  rows.push({ ...rows[0], cas_IncomingReferralDate: '2025-07-07' });
  // A case closed after the person returned home.
  rows.push({
    cas_IncomingReferralDate: '2024-02-10', vic_TypeOfExploitation: 'ForcedLabour',
    hte_Country: 'DE', cas_Status: 'Closed', cas_ReasonForCaseClosure: 'returned',
    lifeline_ClosedOn: '2024-09-30',
  });
  return rows;
}

const ROWS = realisticRows();
const count = (predicate) => ROWS.filter(predicate).length;
const EXPECTED = {
  rows: ROWS.length,
  identified: count((r) => r.prs_FirstName),
  anonymous: count((r) => !r.prs_FirstName),
  children: count((r) => r.lifeline_IsChild === 'yes' || r.prs_Birthdate?.startsWith('2011')),
};

// Rows that break rules, each with a name that must never be printed.
const BAD_ROWS = [
  // a name without consent
  { cas_IncomingReferralDate: '2025-01-02', prs_FirstName: 'Wilhelmina', prs_SecondName: 'Xerxesova' },
  // a date of birth in the future
  { cas_IncomingReferralDate: '2025-01-02', prs_FirstName: 'Yevdokia', prs_Birthdate: '2099-01-01',
    con_Consent: 'yes', lifeline_ConsentExplainedBy: 'Officer', lifeline_ConsentLanguage: 'uk' },
  // not an HTCDS gender, and a closed case without its reason
  { cas_IncomingReferralDate: '2025-01-02', prs_Gender: 'Zenobia', cas_Status: 'Closed',
    lifeline_ClosedOn: '2025-02-01' },
];
const SECRETS = ['Wilhelmina', 'Xerxesova', 'Yevdokia', '2099-01-01', 'Zenobia'];

describe('national referral mechanism: import of case records', () => {
  let instance;
  let server;
  let caseworker;
  let decider;
  let ngo;

  const importFile = (name, rows, ...flags) => {
    const file = join(instance.dir, name);
    writeFileSync(file, csv(rows));
    return cli(instance, ['cases', 'import', ...flags, '--as', 'importer', file]);
  };
  const casesStored = () => Number(sql(instance, 'SELECT count(*) FROM nrm_cases').stdout);

  before(async () => {
    instance = newInstance();
    const authority = addOrganisation(instance, 'National Referral Office', 'competent_authority');
    ngo = addOrganisation(instance, 'Outreach NGO', 'ngo');
    addUser(instance, authority, 'importer', 'case_worker');
    addUser(instance, authority, 'caseworker', 'case_worker');
    addUser(instance, authority, 'decider', 'decision_maker');
    addUser(instance, ngo, 'outreach', 'first_responder');
    server = await startServer(instance);
    caseworker = await signInNewUser(server, 'caseworker');
    decider = await signInNewUser(server, 'decider');
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  test('only an enabled case worker of the competent authority may import', () => {
    const file = join(instance.dir, 'cases.csv');
    writeFileSync(file, csv(ROWS));
    for (const user of ['decider', 'outreach', 'nobody']) {
      const refused = cli(instance, ['cases', 'import', '--dry-run', '--as', user, file]);
      assert.equal(refused.status, 1, user);
      assert.match(refused.stderr, /is not an enabled case worker of the competent authority/);
    }
    assert.equal(casesStored(), 0);
  });

  test('a dry run reports what would be created and stores nothing', () => {
    const run = importFile('cases.csv', ROWS, '--dry-run');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^${EXPECTED.rows} rows read; ${EXPECTED.rows} pass every rule`));
    assert.match(run.stdout, new RegExp(`${EXPECTED.identified} identified referrals, `
      + `${EXPECTED.anonymous} anonymous notifications; ${EXPECTED.children} children; 1 closed case`));
    assert.match(run.stdout, /dry run: nothing was imported/);
    assert.equal(casesStored(), 0);
    assert.equal(Number(sql(instance, "SELECT count(*) FROM audit_log WHERE action = 'referral.import'").stdout), 0);
  });

  test('a file with bad rows is refused whole, each bad row reported without its data', () => {
    const rows = [...ROWS.slice(0, 10), BAD_ROWS[0], ...ROWS.slice(10, 20), BAD_ROWS[1], BAD_ROWS[2]];
    for (const flags of [[], ['--dry-run']]) {
      const run = importFile('bad.csv', rows, ...flags);
      assert.notEqual(run.status, 0);
      assert.match(run.stderr, new RegExp(`3 of ${rows.length} rows break the import rules; nothing was imported`));
      // Rows as a spreadsheet numbers them: the header is row 1.
      assert.match(run.stderr, /row 12, prs_FirstName: is identifying/);
      assert.match(run.stderr, /row 12, prs_SecondName: is identifying/);
      assert.match(run.stderr, /row 23, prs_Birthdate: must be a date/);
      assert.match(run.stderr, /row 24, prs_Gender: is not an HTCDS prs_Gender value/);
      assert.match(run.stderr, /row 24, cas_ReasonForCaseClosure: is required for a closed case/);
      for (const secret of SECRETS) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), secret);
      }
    }
    assert.equal(casesStored(), 0);
  });

  test('a file with a column Lifeline does not import is refused, naming the column', () => {
    const file = join(instance.dir, 'phones.csv');
    writeFileSync(file, 'cas_IncomingReferralDate,prs_MobilePhone\r\n2025-01-01,+37360000000\r\n');
    const run = cli(instance, ['cases', 'import', '--as', 'importer', file]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /column 2 \(prs_MobilePhone\): is not a column Lifeline imports/);
    assert.ok(!run.stderr.includes('+37360000000'));
    assert.equal(casesStored(), 0);
  });

  let ids = [];

  test('the import stores every row, with a progress line', () => {
    const run = importFile('cases.csv', ROWS);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`imported ${EXPECTED.rows} / ${EXPECTED.rows} rows`));
    const done = run.stdout.match(/imported (\d+) cases \(case ids (\d+) to (\d+)\)/);
    assert.ok(done, run.stdout);
    assert.equal(Number(done[1]), EXPECTED.rows);
    const [first, last] = [Number(done[2]), Number(done[3])];
    ids = Array.from({ length: last - first + 1 }, (_, k) => first + k);
    assert.equal(ids.length, EXPECTED.rows);
    assert.equal(casesStored(), EXPECTED.rows);
    const audited = (action) => Number(sql(instance, `SELECT count(*) FROM audit_log WHERE action = '${action}'`).stdout);
    assert.equal(audited('referral.import'), EXPECTED.rows);
    assert.equal(audited('case.close'), 1);
    for (const secret of GIVEN) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret));
  });

  test('imported cases are in the intake queue and read like any referral', async () => {
    const list = await caseworker.request('GET', '/api/v1/cases?limit=200');
    assert.equal(list.status, 200, list.text);
    const listed = list.json.items.map((item) => item.case_id);
    for (const id of ids) assert.ok(listed.includes(id), `case ${id} listed`);

    const first = await caseworker.request('GET', `/api/v1/cases/${ids[0]}`);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.kind, 'identified');
    assert.equal(first.json.referred_on, ROWS[0].cas_IncomingReferralDate);
    assert.equal(first.json.sex, 'masculine');
    assert.equal(first.json.citizenship, 'MD');
    assert.deepEqual(first.json.exploitation_types, ['sexual_exploitation']);
    assert.equal(first.json.country_of_exploitation, 'AT');
    assert.equal(first.json.consent.explained_by, 'NGO outreach worker');
    // The same person, recorded twice, is found by the blind index.
    assert.equal(first.json.possible_duplicates, 1);
    assert.ok(!first.text.includes(ROWS[0].prs_FirstName));

    const identity = await caseworker.request('GET', `/api/v1/cases/${ids[0]}/identity`);
    assert.equal(identity.status, 200, identity.text);
    assert.deepEqual(identity.json, {
      given_name: ROWS[0].prs_FirstName,
      family_name: ROWS[0].prs_SecondName,
      date_of_birth: ROWS[0].prs_Birthdate,
    });

    const childIndex = ROWS.findIndex((r) => r.prs_Birthdate?.startsWith('2011'));
    const child = await caseworker.request('GET', `/api/v1/cases/${ids[childIndex]}`);
    assert.equal(child.json.is_child, true);
    assert.equal(child.json.kind, 'identified');
    assert.equal(child.json.age_band, 'age_9_17');

    const anonymousIndex = ROWS.findIndex((r) => !r.prs_FirstName);
    const anonymous = await caseworker.request('GET', `/api/v1/cases/${ids[anonymousIndex]}`);
    assert.equal(anonymous.json.kind, 'anonymous_notification');
    assert.equal(anonymous.json.has_identity, false);

    const closed = await caseworker.request('GET', `/api/v1/cases/${ids[ids.length - 1]}`);
    assert.equal(closed.json.status, 'closed');
    assert.equal(closed.json.htcds_status, 'closed');
    assert.deepEqual(closed.json.closures, [{ reason: 'returned', closed_on: '2024-09-30', reopened_on: null }]);
    assert.deepEqual(closed.json.timeline.map((entry) => entry.kind), ['referral', 'closure']);
  });

  test('records imported for the organisation they come from can be decided', async () => {
    const decide = (id) => decider.request('POST', `/api/v1/cases/${id}/decisions`, {
      body: { kind: 'reasonable_grounds', outcome: 'positive', reasons: 'Indicators present.' },
    });
    // Referred in the competent authority's own name, a case cannot be decided by it.
    const own = await decide(ids[1]);
    assert.equal(own.status, 403, own.text);
    assert.equal(own.json.type.endsWith('own-referral'), true, own.text);

    const missing = importFile('ngo.csv', ROWS.slice(3, 6), '--referring-org', '999999');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /there is no organisation 999999/);
    const run = importFile('ngo.csv', ROWS.slice(3, 6), '--referring-org', String(ngo));
    assert.equal(run.status, 0, run.stderr);
    const first = Number(run.stdout.match(/case ids (\d+) to/)[1]);
    const imported = await caseworker.request('GET', `/api/v1/cases/${first}`);
    assert.equal(imported.json.referring_organisation_id, ngo);
    const decided = await decide(first);
    assert.equal(decided.status, 200, decided.text);
    assert.equal(decided.json.decisions.length, 1);
  });

  test('nothing identifying is stored in plain text', () => {
    const identified = ROWS.filter((r) => r.prs_FirstName);
    for (const table of ['nrm_cases', 'nrm_identities', 'nrm_case_events', 'audit_log']) {
      const dump = sql(instance, `SELECT * FROM ${table}`).stdout;
      for (const row of identified) {
        assert.ok(!dump.includes(row.prs_FirstName), `${table}: given name`);
        if (row.prs_Birthdate) assert.ok(!dump.includes(row.prs_Birthdate), `${table}: date of birth`);
      }
    }
    // Every identity has its blind index (the first file and two identified rows of the second).
    const indexed = Number(sql(instance, "SELECT count(*) FROM nrm_identities WHERE person_index <> ''").stdout);
    assert.equal(indexed, EXPECTED.identified + 2);
  });

  test('the audit trail still verifies', () => {
    const verified = cli(instance, ['audit', 'verify']);
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /audit trail intact/);
  });
});
