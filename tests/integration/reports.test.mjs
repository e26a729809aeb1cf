// The National Rapporteur's annual report over HTTP and the command line: HTML and PDF, in
// English and Russian, with the published figures and their disclosure control, for analysts
// only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  addOrganisation, addUser, cli, fetchBytes, newInstance, pdfCharacters, signInNewUser, startServer, stopServer,
} from './lib.mjs';

const CONSENT = { given: true, explained_by: 'Officer on duty', language: 'en' };
const FAMILY_NAME = 'Reportperson';

function referral({ sex, citizenship, country, types, on }) {
  return {
    person: { given_name: 'Ottokar', family_name: FAMILY_NAME, date_of_birth: '1991-02-03', sex, citizenship },
    consent: CONSENT,
    is_child: false,
    exploitation_types: types,
    country_of_exploitation: country,
    indicators: [],
    needs: [],
    referred_on: on,
  };
}

// 15 people in 2025: 7 women from MD in March, 2 men from MD in June (fewer than five), 6 men
// from UA in November; one more person in 2024 who must not be counted.
const GROUPS = [
  { count: 7, sex: 'feminine', citizenship: 'MD', country: 'AT', types: ['sexual_exploitation'], on: '2025-03-10' },
  { count: 2, sex: 'masculine', citizenship: 'MD', country: 'MD', types: ['forced_labour'], on: '2025-06-02' },
  { count: 6, sex: 'masculine', citizenship: 'UA', country: 'PL', types: ['forced_labour'], on: '2025-11-03' },
  { count: 1, sex: 'feminine', citizenship: 'MD', country: 'AT', types: ['forced_labour'], on: '2024-12-30' },
];

function has(characters, text) {
  return [...text].filter((c) => c !== ' ').every((c) => characters.has(c));
}

describe('annual report', () => {
  let instance;
  let server;
  const users = {};

  before(async () => {
    instance = newInstance();
    const authority = addOrganisation(instance, 'National Referral Office', 'competent_authority');
    const police = addOrganisation(instance, 'City Police', 'police');
    addUser(instance, police, 'police', 'first_responder');
    addUser(instance, authority, 'caseworker', 'case_worker');
    addUser(instance, authority, 'analyst', 'analyst');
    server = await startServer(instance);
    for (const name of ['police', 'caseworker', 'analyst']) users[name] = await signInNewUser(server, name);
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

  const report = (query, by = 'analyst') => users[by].request('GET', `/api/v1/stats/report?${query}`);

  test('the HTML report in English has the year\'s figures, small cells shown as <5', async () => {
    const response = await report('year=2025&lang=en&format=html');
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get('content-type'), /text\/html/);
    const html = response.text;
    assert.match(html, /<html lang="en">/);
    assert.match(html, /Annual report of the National Rapporteur on trafficking in human beings 2025/);
    // By sex: 7 women, 8 men, 15 in all (the 2024 referral is not counted).
    assert.match(html, /<th scope="row" align="left">Female<\/th><td align="right">7<\/td><td align="right">7<\/td>/);
    assert.match(html, /<th scope="row" align="left">Total<\/th><td align="right">15<\/td><td align="right">15<\/td>/);
    assert.match(html, /<th scope="row" align="left">MD<\/th><td align="right">9<\/td>/);
    // June's two referrals are suppressed, in the table and in the chart, never shown as 2.
    assert.match(html, /<th scope="row" align="left">2025-06<\/th><td align="right">&lt;5<\/td><td align="right">&lt;5<\/td>/);
    assert.doesNotMatch(html, /2025-06<\/th><td align="right">2</);
    assert.doesNotMatch(html, />2<\/text>/);
    assert.match(html, /Cells counting fewer than 5 people are shown as &quot;&lt;5&quot;/);
    assert.match(html, /<svg /);
    assert.doesNotMatch(html, /<script/);
    assert.doesNotMatch(html, new RegExp(FAMILY_NAME));
  });

  test('the HTML report in Russian is translated', async () => {
    const response = await report('year=2025&lang=ru');
    assert.equal(response.status, 200, response.text);
    assert.match(response.text, /<html lang="ru">/);
    assert.match(response.text, /Ежегодный доклад Национального докладчика/);
    assert.match(response.text, /Направления по гражданству/);
    assert.match(response.text, /<th scope="row" align="left">Женский<\/th><td align="right">7<\/td>/);
  });

  test('the PDF report in English and Russian is a PDF with the headings drawn', async () => {
    for (const [lang, heading] of [['en', 'Referrals by citizenship'], ['ru', 'Направления по гражданству']]) {
      const response = await fetchBytes(users.analyst, `/api/v1/stats/report?year=2025&lang=${lang}&format=pdf`);
      assert.equal(response.status, 200, lang);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.match(response.headers.get('content-disposition'), new RegExp(`lifeline-report-2025-${lang}\\.pdf`));
      assert.equal(response.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(has(pdfCharacters(response.bytes), heading), `${lang}: ${heading}`);
    }
    const en = await fetchBytes(users.analyst, '/api/v1/stats/report?year=2025&format=pdf');
    assert.ok(!pdfCharacters(en.bytes).has('Ж'));
  });

  test('only analysts get the report', async () => {
    for (const name of ['caseworker', 'police']) {
      assert.equal((await report('year=2025', name)).status, 403, name);
    }
  });

  test('a bad year, language or format is a 400 problem naming it', async () => {
    for (const [query, field] of [['year=25x', 'year'], ['lang=en', 'year'], ['year=2025&lang=fr', 'lang'],
      ['year=2025&format=docx', 'format'], ['year=1800', 'year']]) {
      const response = await report(query);
      assert.equal(response.status, 400, query);
      assert.match(response.headers.get('content-type'), /application\/problem\+json/);
      assert.match(response.json.detail, new RegExp(field), query);
    }
  });

  test('the report command writes the file and says what it is doing', () => {
    const file = join(instance.dir, 'report-ru.pdf');
    const written = cli(instance, ['stats', 'report', '--year', '2025', '--lang', 'ru', '--format', 'pdf', '--output', file]);
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stderr, /report 2025: part 1 of 8, referrals by month/);
    assert.match(written.stderr, /part 8 of 8, process figures/);
    assert.match(written.stdout, /written to .*report-ru\.pdf/);
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(has(pdfCharacters(bytes), 'Показатели процесса'));
    const refused = cli(instance, ['stats', 'report', '--year', '2025', '--lang', 'de', '--output', file]);
    assert.notEqual(refused.status, 0);
  });
});
