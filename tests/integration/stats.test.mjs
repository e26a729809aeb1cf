// Statistics for the National Rapporteur over HTTP and the command line: referrals made through
// the API are counted in two-way tables for analysts only, small cells are suppressed with
// their complements, the anonymous facts hold nothing identifying, and imports of outside
// figures are all or nothing.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  addOrganisation, addUser, Client, cli, newInstance, signInNewUser, sql, startServer, stopServer,
} from './lib.mjs';

const CONSENT = { given: true, explained_by: 'Officer on duty', language: 'en' };
const GIVEN_NAME = 'Ottilie';
const BIRTH = '1990-05-17';

function referral({ sex, citizenship, country, types, on }) {
  return {
    person: { given_name: GIVEN_NAME, family_name: 'Statsperson', date_of_birth: BIRTH, sex, citizenship },
    consent: CONSENT,
    is_child: false,
    exploitation_types: types,
    country_of_exploitation: country,
    indicators: [],
    needs: [],
    referred_on: on,
  };
}

// 15 people: 7 women from MD exploited in AT, 2 men exploited in their own country (MD), 6 men
// from UA exploited in PL in two ways at once.
const GROUPS = [
  { by: 'police', count: 7, sex: 'feminine', citizenship: 'MD', country: 'AT', types: ['sexual_exploitation'], on: '2025-03-10' },
  { by: 'police', count: 2, sex: 'masculine', citizenship: 'MD', country: 'MD', types: ['forced_labour'], on: '2025-06-02' },
  { by: 'ngo', count: 6, sex: 'masculine', citizenship: 'UA', country: 'PL', types: ['forced_labour', 'forced_criminality'], on: '2025-11-03' },
];

const UNODC_HEADER = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source\n';
const NRM_HEADER = 'First responder type,First responder,Exploitation type,Age at exploitation,Gender,Nationality,People\n';

describe('statistics', () => {
  let instance;
  let server;
  const users = {};
  const caseIds = [];

  before(async () => {
    instance = newInstance();
    const authority = addOrganisation(instance, 'National Referral Office', 'competent_authority');
    const police = addOrganisation(instance, 'City Police', 'police');
    const ngo = addOrganisation(instance, 'Outreach NGO', 'ngo');
    const people = [[police, 'police', 'first_responder'], [ngo, 'ngo', 'first_responder'],
      [authority, 'caseworker', 'case_worker'], [authority, 'decider', 'decision_maker'],
      [authority, 'analyst', 'analyst']];
    for (const [org, name, role] of people) addUser(instance, org, name, role);
    server = await startServer(instance);
    for (const [, name] of people) users[name] = await signInNewUser(server, name);
    for (const group of GROUPS) {
      for (let i = 0; i < group.count; i++) {
        const response = await users[group.by].request('POST', '/api/v1/referrals', { body: referral(group) });
        assert.equal(response.status, 201, response.text);
        caseIds.push(response.json.case_id);
      }
    }
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  const table = (query, by = 'analyst') => users[by].request('GET', `/api/v1/stats/table?${query}`);

  test('an analyst gets a two-way table with totals, small cells and their complements suppressed', async () => {
    const response = await table('rows=gender&cols=country_of_exploitation');
    assert.equal(response.status, 200, response.text);
    const t = response.json;
    assert.deepEqual(t.rows, ['feminine', 'masculine']);
    assert.deepEqual(t.cols, ['AT', 'MD', 'PL']);
    assert.equal(t.threshold, 5);
    assert.deepEqual(t.cells[0][0], { value: 7, suppressed: false });
    assert.deepEqual(t.cells[0][1], { value: 0, suppressed: false });
    // The two men exploited in MD are fewer than five: suppressed, and so is what would reveal them.
    assert.equal(t.cells[1][1].value, null);
    assert.equal(t.cells[1][1].reason, 'below_threshold');
    assert.equal(t.cells[1][1].shown, '<5');
    assert.equal(t.cells[1][2].value, null);
    assert.equal(t.cells[1][2].reason, 'protects_other_cells');
    assert.equal(t.col_totals[1].value, null);
    assert.equal(t.col_totals[2].value, null);
    assert.deepEqual(t.row_totals.map((c) => c.value), [7, 8]);
    assert.deepEqual(t.total, { value: 15, suppressed: false });
    assert.equal(t.suppression.below_threshold, 2);
    assert.equal(t.suppression.protects_other_cells, 2);
    assert.match(t.suppression.note, /fewer than 5/);
    // Nothing published lets the 2 be worked out: row 2 hides 8, the column totals hide 2 + 6.
    const published = t.cells.flat().concat(t.row_totals, t.col_totals, [t.total]).filter((c) => !c.suppressed);
    assert.ok(published.every((c) => c.value === 0 || c.value >= 5));
  });

  test('a person with several types of exploitation counts in each, and once in the totals', async () => {
    const response = await table('rows=exploitation_type&cols=gender');
    assert.equal(response.status, 200, response.text);
    const t = response.json;
    assert.equal(t.multi_valued, 'exploitation_type');
    assert.deepEqual(t.rows, ['forced_labour', 'sexual_exploitation', 'forced_criminality']);
    assert.deepEqual(t.row_totals.map((c) => c.value), [8, 7, 6]);
    assert.equal(t.total.value, 15);
  });

  test('periods, scope and first responders come from the referral', async () => {
    const years = await table('rows=quarter&cols=scope');
    assert.equal(years.status, 200, years.text);
    assert.deepEqual(years.json.rows, ['2025-Q1', '2025-Q2', '2025-Q4']);
    assert.deepEqual(years.json.cols, ['internal', 'transnational']);
    const responders = await table('rows=first_responder_type&cols=year&from=2025-06-01&to=2025-12-31');
    assert.equal(responders.status, 200, responders.text);
    assert.deepEqual(responders.json.rows, ['ngo', 'police']);
    assert.equal(responders.json.total.value, 8);
    const none = await table('rows=gender&cols=year&to=2000-01-01');
    assert.equal(none.status, 200);
    assert.deepEqual(none.json.rows, []);
    assert.equal(none.json.total.value, 0);
  });

  test('a decision changes the facts in the same transaction', async () => {
    const decided = await users.decider.request('POST', `/api/v1/cases/${caseIds[0]}/decisions`, {
      body: { kind: 'reasonable_grounds', outcome: 'negative', reasons: 'No indicators', decided_on: '2025-03-12' },
    });
    assert.equal(decided.status, 200, decided.text);
    const t = (await table('rows=rg_outcome&cols=gender')).json;
    assert.deepEqual(t.rows, ['negative', 'pending']);
    assert.equal(t.cells[0][0].shown, '<5');
    // 15 people in all: publishing the 14 pending would reveal the one negative decision.
    assert.equal(t.total.value, 15);
    assert.equal(t.row_totals[1].suppressed, true);
    const process = await users.analyst.request('GET', '/api/v1/stats/process');
    assert.equal(process.status, 200, process.text);
    assert.equal(process.json.cases.value, 15);
    assert.equal(process.json.decisions.reasonable_grounds.decisions.suppressed, true);
    assert.equal(process.json.decisions.reasonable_grounds.median_days, null);
    assert.deepEqual(process.json.permits.applied, { value: 0, suppressed: false });
    assert.equal(process.json.shelters.places, 0);
    assert.equal(process.json.backlog.reasonable_grounds.length, 5);
  });

  test('a table as CSV shows suppressed cells as printed', async () => {
    const response = await table('rows=gender&cols=country_of_exploitation&format=csv');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /text\/csv/);
    assert.match(response.text, /"masculine","0","<5","x","8"/);
    assert.match(response.text, /"Total","7","<5","x","15"/);
  });

  test('only analysts see statistics', async () => {
    for (const name of ['caseworker', 'decider', 'police']) {
      const response = await table('rows=gender&cols=year', name);
      assert.equal(response.status, 403, name);
    }
    const anonymous = await new Client(server.url).request('GET', '/api/v1/stats/table?rows=gender&cols=year');
    assert.equal(anonymous.status, 401);
  });

  test('a bad dimension or parameter is a 400 problem naming it', async () => {
    const unknown = await table('rows=name&cols=year');
    assert.equal(unknown.status, 400);
    assert.match(unknown.headers.get('content-type'), /application\/problem\+json/);
    assert.equal(unknown.json.type, 'urn:lifeline:problem:unknown-dimension');
    assert.match(unknown.json.detail, /rows: "name" is not a dimension/);
    const missing = await table('rows=gender');
    assert.equal(missing.status, 400);
    assert.match(missing.json.detail, /cols is required/);
    for (const query of ['rows=gender&cols=gender', 'rows=gender&cols=year&from=2025-13-01',
      'rows=gender&cols=year&from=2025-05-01&to=2025-01-01', 'rows=gender&cols=year&format=xml',
      'rows=gender&cols=year&status=victim']) {
      assert.equal((await table(query)).status, 400, query);
    }
  });

  test('the facts hold nothing identifying, and a rebuild writes the same facts', () => {
    const dump = sql(instance, 'SELECT * FROM stats_case_facts').stdout;
    assert.ok(!dump.includes(GIVEN_NAME) && !dump.includes(BIRTH));
    assert.equal(Number(sql(instance, 'SELECT count(*) FROM stats_case_facts').stdout), 15);
    const before = sql(instance, 'SELECT * FROM stats_case_facts ORDER BY case_id').stdout;
    const rebuilt = cli(instance, ['stats', 'rebuild']);
    assert.equal(rebuilt.status, 0, rebuilt.stderr);
    assert.match(rebuilt.stdout, /15 cases/);
    assert.match(rebuilt.stderr, /15 \/ 15 cases/);
    assert.equal(sql(instance, 'SELECT * FROM stats_case_facts ORDER BY case_id').stdout, before);
  });

  test('the HTCDS case export has a row per case and no identifying field', async () => {
    const response = await users.analyst.request('GET', '/api/v1/stats/export/cases');
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get('content-type'), /text\/csv/);
    const lines = response.text.trim().split('\r\n');
    assert.equal(lines.length, 16);
    assert.match(lines[0], /^"cas_IncomingReferralDate","prs_Gender","lifeline_AgeBand"/);
    assert.ok(!lines[0].includes('prs_FirstName') && !lines[0].includes('prs_Birthdate'));
    assert.match(lines[1], /^"2025-03-10","Feminine","30--38","adult","MD","SexualExploitation","AT","transnational","police"/);
    assert.ok(!response.text.includes(GIVEN_NAME) && !response.text.includes(BIRTH));
    assert.equal((await users.caseworker.request('GET', '/api/v1/stats/export/cases')).status, 403);
    const audited = sql(instance, "SELECT count(*) FROM audit_log WHERE action = 'stats.export.cases'").stdout;
    assert.equal(audited, '1');
  });

  test('the microdata leaves out people who would stand out among fewer than k', async () => {
    const response = await users.analyst.request('GET', '/api/v1/stats/export/microdata?format=json');
    assert.equal(response.status, 200, response.text);
    const { report, columns, rows } = response.json;
    assert.equal(report.k, 11);
    assert.equal(report.rows, 14);  // the one found not to be a victim is not in it
    assert.equal(report.exported, 0);
    assert.equal(report.suppressed, 14);
    assert.deepEqual(report.generalisations, ['age_band_to_majority', 'country_to_region',
      'exploitation_to_main_types', 'year_to_five_years']);
    assert.ok(columns.includes('CountryOfExploitation'));
    assert.deepEqual(rows, []);
  });

  test('the microdata export command writes the file with k from the configuration', () => {
    const file = join(instance.dir, 'microdata.csv');
    const withK = { ...instance, env: { ...instance.env, LIFELINE_STATISTICS_MICRODATA_K: '5' } };
    const exported = cli(withK, ['stats', 'export', 'microdata', file]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stderr, /read 14 \/ 14 people/);
    assert.match(exported.stdout, /people read: 14\nrows exported: 12\nrows left out: 2 \(in groups smaller than k = 5\)/);
    const lines = readFileSync(file, 'utf8').trim().split('\r\n');
    assert.equal(lines.length, 13);
    assert.match(lines[0], /^"yearOfRegistration","Datasource","gender","ageBroad"/);
    assert.ok(lines.slice(1).every((line) => line.startsWith('"2025-2029","Lifeline"')));
    assert.ok(lines.some((line) => line.includes('"Europe"')));
  });

  test('a UNODC file is imported and its figures are served as given and as numbers', async () => {
    const file = join(instance.dir, 'unodc.csv');
    writeFileSync(file, `${UNODC_HEADER
    }MDA,Republic of Moldova,Europe,Eastern Europe,Detected trafficking victims,Total,,Total,Total,2022,Counts,"1,615",National authority\n`
      + 'MDA,Republic of Moldova,Europe,Eastern Europe,Detected trafficking victims,Total,,Female,Total,2022,Counts,<5,National authority\n'
      + 'AUT,Austria,Europe,Western Europe,Detected trafficking victims,Total,,Total,Total,2022,Counts,92,National authority\n');
    const imported = cli(instance, ['stats', 'import', 'unodc', file]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /rows read: 3\nimported: 3\nrejected: 0\ninconsistencies: 0/);
    const response = await users.analyst.request('GET', '/api/v1/stats/external/unodc?iso3=MDA&year=2022');
    assert.equal(response.status, 200, response.text);
    assert.equal(response.json.items.length, 2);
    const total = response.json.items.find((i) => i.sex === 'Total');
    assert.equal(total.value_text, '1,615');
    assert.equal(total.value, 1615);
    assert.equal(total.category, '');
    const small = response.json.items.find((i) => i.sex === 'Female');
    assert.equal(small.value_text, '<5');
    assert.equal(small.value, null);
    const forbidden = await users.caseworker.request('GET', '/api/v1/stats/external/unodc');
    assert.equal(forbidden.status, 403);
    assert.equal((await users.analyst.request('GET', '/api/v1/stats/external/unodc?year=20x2')).status, 400);
  });

  test('a UNODC file whose details exceed their total is rejected and changes nothing', () => {
    const file = join(instance.dir, 'unodc-bad.csv');
    writeFileSync(file, `${UNODC_HEADER}`
      + 'AUT,Austria,Europe,Western Europe,Detected trafficking victims,Total,,Total,Total,2023,Counts,10,S\n'
      + 'AUT,Austria,Europe,Western Europe,Detected trafficking victims,Total,,Female,Total,2023,Counts,8,S\n'
      + 'AUT,Austria,Europe,Western Europe,Detected trafficking victims,Total,,Male,Total,2023,Counts,5,S\n'
      + 'AUT,Austria,Europe,Western Europe,Detected trafficking victims,Total,,Total,Total,2024,Counts,12,S\n');
    const before = sql(instance, 'SELECT count(*) FROM stats_unodc').stdout;
    const imported = cli(instance, ['stats', 'import', 'unodc', file]);
    assert.equal(imported.status, 1);
    assert.match(imported.stdout, /rows read: 4\nimported: 0\nrejected: 0\ninconsistencies: 1/);
    assert.match(imported.stderr, /row 2: inconsistent: the Sex Total is 10 but its 2 detail rows add up to 13/);
    assert.match(imported.stderr, /nothing was imported/);
    assert.equal(sql(instance, 'SELECT count(*) FROM stats_unodc').stdout, before);
  });

  test('an NRM statistics table is checked against its Total rows', () => {
    const good = join(instance.dir, 'nrm.csv');
    writeFileSync(good, `${NRM_HEADER}`
      + 'Police,City Police,Labour,Adult (18 or over),Male,Albania,"1,200"\n'
      + 'Police,City Police,Labour,Adult (18 or over),Female,Albania,<5\n'
      + 'Police,City Police,Labour,Adult (18 or over),Total,Albania,"1,203"\n');
    const imported = cli(instance, ['stats', 'import', 'nrm-table', good]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /imported: 3/);
    assert.equal(sql(instance, 'SELECT count(*) FROM stats_nrm_table').stdout, '3');

    const bad = join(instance.dir, 'nrm-bad.csv');
    writeFileSync(bad, `${NRM_HEADER}`
      + 'Police,City Police,Labour,Adult (18 or over),Male,Albania,10\n'
      + 'Police,City Police,Labour,Adult (18 or over),Female,Albania,5\n'
      + 'Police,City Police,Labour,Adult (18 or over),Total,Albania,16\n'
      + 'NGO,Shelter,Sexual,Child (17 or under),Female,Viet Nam,several\n');
    const rejected = cli(instance, ['stats', 'import', 'nrm-table', bad]);
    assert.equal(rejected.status, 1);
    assert.match(rejected.stdout, /rows read: 4\nimported: 0\nrejected: 1\ninconsistencies: 1/);
    assert.match(rejected.stderr, /row 4: inconsistent: the Gender Total is 16 but its 2 detail rows add up to 15/);
    assert.match(rejected.stderr, /row 5: rejected: People is not a number/);
    assert.equal(sql(instance, 'SELECT count(*) FROM stats_nrm_table').stdout, '3');
    const imports = sql(instance, 'SELECT count(*) FROM stats_imports').stdout;
    assert.equal(imports, '2');
  });

  test('a file that is not of the layout is refused', () => {
    const file = join(instance.dir, 'other.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const refused = cli(instance, ['stats', 'import', 'unodc', file]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /not a UNODC long layout file: the header lacks Iso3_code/);
  });
});
