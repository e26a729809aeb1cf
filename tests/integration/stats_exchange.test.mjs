// Exchange of statistics for the National Rapporteur: tables as CSV, XLSX and JSON with the
// same suppression in each, criminal-justice figures recorded per year, and the UNODC long
// layout export that re-imports cleanly.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import {
  addOrganisation, addUser, cli, newInstance, signInNewUser, sql, startServer, stopServer,
} from './lib.mjs';

const CONSENT = { given: true, explained_by: 'Officer on duty', language: 'en' };

function referral({ sex, citizenship, country, types, on }) {
  return {
    person: { given_name: 'Henrike', family_name: 'Exchangeperson', date_of_birth: '1991-02-03', sex, citizenship },
    consent: CONSENT,
    is_child: false,
    exploitation_types: types,
    country_of_exploitation: country,
    indicators: [],
    needs: [],
    referred_on: on,
  };
}

// 9 people: 7 women from MD exploited in AT, 2 men exploited in MD.
const GROUPS = [
  { count: 7, sex: 'feminine', citizenship: 'MD', country: 'AT', types: ['sexual_exploitation'], on: '2025-03-10' },
  { count: 2, sex: 'masculine', citizenship: 'MD', country: 'MD', types: ['forced_labour'], on: '2025-06-02' },
];

// The text of every part of a zip file (an .xlsx), by name.
function unzip(bytes) {
  const parts = {};
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'not a zip file');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString();
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    parts[name] = (method === 8 ? inflateRawSync(data) : data).toString();
    at += 46 + nameLength + extra + comment;
  }
  return parts;
}

describe('statistics exchange', () => {
  let instance;
  let server;
  const users = {};

  before(async () => {
    instance = newInstance({
      LIFELINE_STATISTICS_COUNTRY_ISO3: 'MDA',
      LIFELINE_STATISTICS_COUNTRY_NAME: 'Republic of Moldova',
      LIFELINE_STATISTICS_REGION: 'Europe',
      LIFELINE_STATISTICS_SUBREGION: 'Eastern Europe',
    });
    const authority = addOrganisation(instance, 'National Referral Office', 'competent_authority');
    const police = addOrganisation(instance, 'City Police', 'police');
    const people = [[police, 'police', 'first_responder'], [authority, 'caseworker', 'case_worker'],
      [authority, 'analyst', 'analyst']];
    for (const [org, name, role] of people) addUser(instance, org, name, role);
    server = await startServer(instance);
    for (const [, name] of people) users[name] = await signInNewUser(server, name);
    for (const group of GROUPS) {
      for (let i = 0; i < group.count; i++) {
        const response = await users.police.request('POST', '/api/v1/referrals', { body: referral(group) });
        assert.equal(response.status, 201, response.text);
      }
    }
  });
  after(async () => {
    await stopServer(server);
    instance.cleanup();
  });

  const QUERY = 'rows=gender&cols=country_of_exploitation';

  test('a table downloads as JSON, CSV and XLSX with the same suppression and its note', async () => {
    const json = await users.analyst.request('GET', `/api/v1/stats/table?${QUERY}`);
    assert.equal(json.status, 200, json.text);
    const t = json.json;
    assert.equal(t.cells[1][1].shown, '<5');
    assert.ok(t.suppression.below_threshold >= 1 && t.suppression.protects_other_cells >= 1);
    // Every line as published: the JSON's numbers, or what it shows for a suppressed cell.
    const shown = (c) => (c.suppressed ? c.shown : String(c.value));
    const published = t.rows.map((name, r) => [name, ...t.cells[r].map(shown), shown(t.row_totals[r])]);
    published.push(['Total', ...t.col_totals.map(shown), shown(t.total)]);
    assert.deepEqual(published[1], ['masculine', '0', '<5', '<5']);

    const csv = await users.analyst.request('GET', `/api/v1/stats/table?${QUERY}&format=csv`);
    assert.equal(csv.status, 200, csv.text);
    assert.match(csv.headers.get('content-disposition'), /attachment; filename="lifeline-gender-by-country_of_exploitation\.csv"/);
    const csvLines = csv.text.trim().split('\r\n');
    assert.equal(csvLines[0], '"gender \\ country_of_exploitation","AT","MD","Total"');
    assert.deepEqual(csvLines.slice(1, 4), published.map((line) => line.map((v) => `"${v}"`).join(',')));
    assert.match(csvLines[4], /fewer than 5 people are shown as ""<5""/);
    assert.ok(!csv.text.includes('"2"'), 'the suppressed 2 must not be in the CSV');

    const response = await fetch(`${server.url}/api/v1/stats/table?${QUERY}&format=xlsx`,
      { headers: { Cookie: users.analyst.cookie } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(response.headers.get('content-disposition'), /filename="lifeline-gender-by-country_of_exploitation\.xlsx"/);
    const parts = unzip(Buffer.from(await response.arrayBuffer()));
    assert.match(parts['xl/workbook.xml'], /name="table"/);
    assert.match(parts['xl/workbook.xml'], /name="suppression"/);
    const all = Object.values(parts).join('\n');
    // The suppressed cells are text as in the CSV, the others numbers.
    const sheet = parts['xl/worksheets/sheet1.xml'];
    const texts = [...sheet.matchAll(/<t xml:space="preserve">([^<]*)<\/t>|<v>([^<]*)<\/v>/g)]
      .map((m) => (m[1] ?? m[2]).replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    assert.deepEqual(texts.slice(0, 4), ['gender \\ country_of_exploitation', 'AT', 'MD', 'Total']);
    assert.deepEqual(texts.slice(4, 16), published.flat());
    assert.match(sheet, /t="inlineStr"><is><t xml:space="preserve">&lt;5/);
    assert.match(all, /fewer than 5 people/);
    assert.ok(!all.includes('<v>2</v>'), 'the suppressed 2 must not be in the workbook');
  });

  test('a table in an unknown format is a 400 problem, and other roles get 403 in every format', async () => {
    const bad = await users.analyst.request('GET', `/api/v1/stats/table?${QUERY}&format=ods`);
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type'), /application\/problem\+json/);
    assert.match(bad.json.detail, /format must be json, csv or xlsx/);
    for (const format of ['json', 'csv', 'xlsx']) {
      for (const name of ['caseworker', 'police']) {
        const response = await users[name].request('GET', `/api/v1/stats/table?${QUERY}&format=${format}`);
        assert.equal(response.status, 403, `${name} ${format}`);
      }
    }
  });

  const FIGURES_2024 = [
    { indicator: 'investigations', exploitation_type: 'sexual_exploitation', value: 31, source: 'Prosecutor General' },
    { indicator: 'prosecutions', exploitation_type: 'sexual_exploitation', value: 12, source: 'Prosecutor General' },
    { indicator: 'convictions', exploitation_type: 'forced_labour', value: 3, source: 'Courts', note: 'first instance' },
    { indicator: 'persons_sentenced', exploitation_type: 'all', value: 9 },
    { indicator: 'sentenced_over_5_years', exploitation_type: 'all', value: 6 },
    { indicator: 'confiscated_assets', exploitation_type: 'all', value: 125000.5, currency: 'EUR' },
  ];
  const figures = (by = 'analyst', query = 'year=2024') => users[by].request('GET', `/api/v1/stats/criminal-justice?${query}`);
  const putFigures = (body, by = 'analyst', query = 'year=2024') =>
    users[by].request('PUT', `/api/v1/stats/criminal-justice?${query}`, { body });

  test('an analyst records a year of criminal-justice figures; small counts are published suppressed', async () => {
    const put = await putFigures({ figures: FIGURES_2024 });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.items.length, 6);
    const got = await figures();
    assert.equal(got.status, 200, got.text);
    const byIndicator = Object.fromEntries(got.json.items.map((i) => [i.indicator, i]));
    assert.deepEqual(byIndicator.investigations.published, { value: 31, suppressed: false });
    assert.equal(byIndicator.convictions.value, 3);
    assert.deepEqual(byIndicator.convictions.published, { value: null, suppressed: true, shown: '<5' });
    assert.equal(byIndicator.convictions.note, 'first instance');
    assert.equal(byIndicator.confiscated_assets.currency, 'EUR');
    assert.deepEqual(byIndicator.confiscated_assets.published, { value: 125000.5, suppressed: false });
    const audited = sql(instance, "SELECT object_id FROM audit_log WHERE action = 'stats.criminal_justice.replace'").stdout;
    assert.equal(audited, '2024');
    // A second PUT replaces the year.
    const again = await putFigures({ figures: FIGURES_2024.slice(0, 2) });
    assert.equal(again.status, 200, again.text);
    assert.equal((await figures()).json.items.length, 2);
    assert.equal((await putFigures({ figures: FIGURES_2024 })).status, 200);
  });

  test('bad criminal-justice figures are a 400 problem naming each, and nothing changes', async () => {
    const before = sql(instance, 'SELECT * FROM stats_criminal_justice ORDER BY year, indicator, exploitation_type').stdout;
    const bad = await putFigures({ figures: [
      { indicator: 'arrests', exploitation_type: 'all', value: 1 },
      { indicator: 'prosecutions', exploitation_type: 'sexual_exploitation', value: 2.5 },
      { indicator: 'confiscated_assets', exploitation_type: 'all', value: 10 },
      { indicator: 'persons_sentenced', exploitation_type: 'all', value: 2 },
      { indicator: 'sentenced_under_1_year', exploitation_type: 'all', value: 3 },
    ] });
    // Invalid fields are a 422 validation problem, as everywhere in the API.
    assert.equal(bad.status, 422, bad.text);
    assert.match(bad.headers.get('content-type'), /application\/problem\+json/);
    const message = (field) => bad.json.errors.find((e) => e.field === field)?.message ?? '';
    assert.match(message('figures[0].indicator'), /indicator must be one of/);
    assert.match(message('figures[1].value'), /whole number/);
    assert.match(message('figures[2].currency'), /ISO 4217/);
    assert.match(message('figures[3]'), /persons sentenced are 2 but the length bands add up to 3/);
    assert.equal(bad.json.errors.length, 4);
    for (const query of ['', 'year=20x4', 'year=1800']) {
      const response = await putFigures({ figures: [] }, 'analyst', query);
      assert.equal(response.status, 400, query);
    }
    assert.equal((await putFigures({ figures: 'none' })).status, 422);
    const notJson = await users.analyst.request('PUT', '/api/v1/stats/criminal-justice?year=2024', { raw: '{"figures": [', headers: { 'Content-Type': 'application/json' } });
    assert.equal(notJson.status, 400);
    assert.equal(sql(instance, 'SELECT * FROM stats_criminal_justice ORDER BY year, indicator, exploitation_type').stdout, before);
  });

  test('only analysts read or write criminal-justice figures', async () => {
    for (const name of ['caseworker', 'police']) {
      assert.equal((await figures(name)).status, 403, name);
      assert.equal((await putFigures({ figures: [] }, name)).status, 403, name);
    }
    assert.equal((await figures()).json.items.length, 6);
  });

  const CJ_HEADER = 'Year,Indicator,Exploitation type,Value,Source,Currency\n';

  test('a criminal-justice file is imported, and a file with any bad row changes nothing', async () => {
    const good = join(instance.dir, 'cj.csv');
    writeFileSync(good, `${CJ_HEADER}`
      + '2023,investigations,forced_labour,"1,204",Ministry of Interior,\n'
      + '2023,convictions,all,17,Courts,\n'
      + '2023,confiscated_assets,all,5000,Courts,MDL\n');
    const imported = cli(instance, ['stats', 'import', 'criminal-justice', good]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /rows read: 3\nimported: 3\nrejected: 0\ninconsistencies: 0/);
    const got = await figures('analyst', 'year=2023');
    assert.equal(got.json.items.length, 3);
    assert.equal(got.json.items.find((i) => i.indicator === 'investigations').value, 1204);

    const before = sql(instance, 'SELECT * FROM stats_criminal_justice ORDER BY year, indicator, exploitation_type').stdout;
    const bad = join(instance.dir, 'cj-bad.csv');
    writeFileSync(bad, `${CJ_HEADER}`
      + '2023,investigations,forced_labour,999,Ministry of Interior,\n'
      + '2023,arrests,all,4,Police,\n'
      + '20x3,convictions,all,4,Courts,\n'
      + '2023,convictions,all,many,Courts,\n'
      + '2023,persons_sentenced,all,4,Courts,\n'
      + '2023,sentenced_1_to_5_years,all,5,Courts,\n'
      + '2023,investigations,forced_labour,1000,Ministry of Interior,\n');
    const rejected = cli(instance, ['stats', 'import', 'criminal-justice', bad]);
    assert.equal(rejected.status, 1);
    assert.match(rejected.stdout, /rows read: 7\nimported: 0\nrejected: 3\ninconsistencies: 2/);
    assert.match(rejected.stderr, /row 3: rejected: indicator must be one of/);
    assert.match(rejected.stderr, /row 4: rejected: year is not a year/);
    assert.match(rejected.stderr, /row 5: rejected: value must be a non-negative number/);
    assert.match(rejected.stderr, /row 6: inconsistent: the persons sentenced are 4 but the length bands add up to 5/);
    assert.match(rejected.stderr, /row 8: inconsistent: repeats the figure of row 2/);
    assert.match(rejected.stderr, /nothing was imported/);
    assert.equal(sql(instance, 'SELECT * FROM stats_criminal_justice ORDER BY year, indicator, exploitation_type').stdout, before);
    const refused = cli(instance, ['stats', 'import', 'criminal-justice', join(instance.dir, 'cj-other.csv')]);
    assert.notEqual(refused.status, 0);
  });

  const UNODC_HEADER = 'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source';

  test('the UNODC long layout export has the exact header, suppresses small counts and re-imports cleanly', async () => {
    const put = await putFigures({ figures: [
      { indicator: 'prosecutions', exploitation_type: 'all', value: 12, source: 'Prosecutor General' },
      { indicator: 'convictions', exploitation_type: 'forced_labour', value: 3 },
      { indicator: 'investigations', exploitation_type: 'all', value: 40 },
    ] }, 'analyst', 'year=2025');
    assert.equal(put.status, 200, put.text);
    const response = await users.analyst.request('GET', '/api/v1/stats/export/unodc?year=2025');
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get('content-type'), /text\/csv/);
    assert.match(response.headers.get('content-disposition'), /filename="lifeline-unodc-MDA-2025\.csv"/);
    const lines = response.text.trim().split('\r\n');
    assert.equal(lines[0], UNODC_HEADER);
    const row = (indicator, dimension, category, sex, age) => lines.find((l) => l.startsWith(
      `"MDA","Republic of Moldova","Europe","Eastern Europe","${indicator}","${dimension}","${category}","${sex}","${age}","2025","Counts",`));
    assert.match(row('Detected trafficking victims', 'Total', '', 'Total', 'Total'), /,"9","National referral mechanism \(Lifeline\)"$/);
    assert.match(row('Detected trafficking victims', 'Total', '', 'Male', 'Total'), /,"<5",/);
    // The 7 women would give the 2 men away from the total: suppressed to protect them.
    assert.match(row('Detected trafficking victims', 'Total', '', 'Female', 'Total'), /,"\.\.",/);
    assert.match(row('Detected trafficking victims', 'Total', '', 'Total', '18+'), /,"9",/);
    assert.match(row('Detected trafficking victims', 'by form of exploitation', 'Forced labour', 'Total', 'Total'), /,"<5",/);
    assert.match(row('Detected trafficking victims', 'by citizenship', 'MD', 'Total', 'Total'), /,"9",/);
    assert.match(row('Persons prosecuted', 'Total', '', 'Total', 'Total'), /,"12","Prosecutor General"$/);
    assert.match(row('Persons convicted', 'by form of exploitation', 'Forced labour', 'Total', 'Total'), /,"<5",/);
    assert.ok(!response.text.includes('Investigations') && !response.text.includes('"2",'));
    assert.equal(Number(sql(instance, "SELECT count(*) FROM audit_log WHERE action = 'stats.export.unodc'").stdout), 1);

    const file = join(instance.dir, 'unodc-export.csv');
    writeFileSync(file, response.text);
    const imported = cli(instance, ['stats', 'import', 'unodc', file]);
    assert.equal(imported.status, 0, imported.stdout + imported.stderr);
    assert.match(imported.stdout, new RegExp(`rows read: ${lines.length - 1}\\nimported: ${lines.length - 1}\\nrejected: 0\\ninconsistencies: 0`));
    const back = await users.analyst.request('GET', '/api/v1/stats/external/unodc?iso3=MDA&year=2025');
    assert.equal(back.status, 200, back.text);
    assert.equal(back.json.items.length, lines.length - 1);
    const total = back.json.items.find((i) => i.indicator === 'Detected trafficking victims' && i.dimension === 'Total' && i.sex === 'Total' && i.age === 'Total');
    assert.equal(total.value, 9);
    const male = back.json.items.find((i) => i.sex === 'Male');
    assert.equal(male.value_text, '<5');
    assert.equal(male.value, null);
  });

  test('the UNODC export needs a year and an analyst', async () => {
    for (const query of ['', '?year=abc', '?year=3000']) {
      const response = await users.analyst.request('GET', `/api/v1/stats/export/unodc${query}`);
      assert.equal(response.status, 400, query);
      assert.match(response.headers.get('content-type'), /application\/problem\+json/);
    }
    for (const name of ['caseworker', 'police']) {
      assert.equal((await users[name].request('GET', '/api/v1/stats/export/unodc?year=2025')).status, 403, name);
    }
  });
});
