// End-to-end steps of the statistics page, run by tests/e2e.mjs after the NRM steps (which leave
// at least one referral behind): an analyst signs in, finds Statistics in the navigation, chooses
// a table, sees small counts as "<5" with the suppression note, a bar chart and the downloads,
// and reads the page in Russian; axe-core checks it. Nobody else is offered the page. Then more
// cases are imported and the maps of countries of citizenship and exploitation are checked
// against the API's table: the shaded countries, the figures of the table beside the map, a
// suppressed country drawn without its value, and the SVG and PNG downloads.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const PASSWORD = 'Temporary-Pass-2024';
const OWN_PASSWORD = 'Quiet-River-Lantern-78';

export function statsSteps(kit) {
  const { env, en, ru, runCli, signIn, expectRoute, expectHeading, checkAccessibility } = kit;
  const analyst = { username: 'analyst.petrova', name: 'Irina Petrova' };
  const page = () => env.page;
  const main = () => page().locator('main');
  const nav = () => page().getByRole('navigation', { name: en['nav.label'], exact: true });

  async function signOutIfSignedIn() {
    const button = page().getByRole('button', { name: en['header.signOut'], exact: true });
    if (await button.count()) {
      await button.click();
      await expectRoute('/login');
    }
  }

  return [
    ['Statistics: an analyst finds the page in the navigation', async () => {
      await runCli(['user', 'add', '--org', env.orgId, '--username', analyst.username, '--display-name', analyst.name,
        '--role', 'analyst', '--password-stdin'], `${PASSWORD}\n`);
      await signOutIfSignedIn();
      await page().goto(`${env.baseUrl}/#/login`);
      await expectHeading(en['login.title']);
      const answer = await signIn(analyst.username, PASSWORD);
      assert.equal(answer.status(), 200);
      await expectRoute('/password');
      await page().getByLabel(en['password.current'], { exact: true }).fill(PASSWORD);
      await page().getByLabel(en['password.new'], { exact: true }).fill(OWN_PASSWORD);
      await page().getByLabel(en['password.repeat'], { exact: true }).fill(OWN_PASSWORD);
      await page().getByRole('button', { name: en['password.submit'], exact: true }).click();
      await expectRoute('/');
      await nav().getByRole('link', { name: en['nav.statistics'], exact: true }).click();
      await expectRoute('/statistics');
      await expectHeading(en['stats.title']);
    }],

    ['Statistics: a chosen table shows small counts suppressed, the note, the chart, downloads and process figures', async () => {
      await main().getByLabel(en['stats.rows'], { exact: true }).selectOption('gender');
      await main().getByLabel(en['stats.cols'], { exact: true }).selectOption('country_of_exploitation');
      await main().getByRole('button', { name: en['stats.show'], exact: true }).click();
      await expectRoute('/statistics?rows=gender&cols=country_of_exploitation');
      const table = main().locator('table.stats-table');
      await table.waitFor();
      // The NRM steps referred fewer than five people: every count is suppressed.
      const total = table.locator('tfoot td').last();
      assert.equal((await total.textContent())?.trim(), '<5');
      assert.equal(await total.getAttribute('title'), en['stats.cell.small']);
      await main().getByText(en['stats.note.small'].replace(/\{threshold\}/g, '5').replace('{below}', '4'), { exact: true }).waitFor();
      const chart = main().locator('svg.stats-chart');
      await chart.waitFor();
      assert.equal(await chart.getAttribute('role'), 'img');
      assert.equal(await chart.locator('rect').count(), 0, 'a suppressed total must not be drawn as a bar');
      const csv = main().getByRole('link', { name: en['stats.downloadCsv'], exact: true });
      assert.match(await csv.getAttribute('href'), /\/api\/v1\/stats\/table\?rows=gender&cols=country_of_exploitation&format=csv$/);
      await main().getByRole('button', { name: en['chart.downloadSvgOf'].replace('{chart}', en['stats.chartHeading']), exact: true }).waitFor();
      await main().getByRole('button', { name: en['chart.downloadPngOf'].replace('{chart}', en['stats.chartHeading']), exact: true }).waitFor();
      await main().getByRole('heading', { name: en['stats.process.title'], exact: true }).waitFor();
      await main().locator('table.stats-figures caption').getByText(en['stats.process.backlogRg'], { exact: true }).waitFor();
      if (process.env.LIFELINE_E2E_SCREENSHOTS) await page().screenshot({ path: process.env.LIFELINE_E2E_SCREENSHOTS, fullPage: true });
      await checkAccessibility('statistics page');
    }],

    ['Statistics: the same dimension twice is refused before asking the server', async () => {
      await main().getByLabel(en['stats.cols'], { exact: true }).selectOption('gender');
      await main().getByRole('button', { name: en['stats.show'], exact: true }).click();
      await main().getByText(en['stats.sameDimension'], { exact: true }).waitFor();
      await expectRoute('/statistics?rows=gender&cols=country_of_exploitation');
    }],

    ['Statistics: the page in Russian', async () => {
      const header = () => page().getByRole('banner');
      await header().getByLabel(en['header.language'], { exact: true }).selectOption('ru');
      await expectHeading(ru['stats.title']);
      await main().locator('table.stats-table caption').getByText(
        ru['stats.caption'].replace('{rows}', ru['stats.dimension.gender']).replace('{cols}', ru['stats.dimension.country_of_exploitation']),
        { exact: true },
      ).waitFor();
      await checkAccessibility('statistics page in Russian');
      await header().getByLabel(ru['header.language'], { exact: true }).selectOption('en');
      await expectHeading(en['stats.title']);
      await signOutIfSignedIn();
    }],

    ['Statistics maps: imported cases from three countries are shaded as the API publishes them', async () => {
      // 8 from UA exploited in PL, 7 from MD exploited in AT, 6 from RO exploited in DE and 2 from
      // BY exploited in LT, beside the few referrals of the NRM steps: some totals are published,
      // some suppressed.
      const groups = [['UA', 'PL', 8], ['MD', 'AT', 7], ['RO', 'DE', 6], ['BY', 'LT', 2]];
      const lines = ['cas_IncomingReferralDate,prs_Gender,prs_Citizenship,lifeline_IsChild,vic_TypeOfExploitation,hte_Country,hte_Type'];
      for (const [citizenship, country, count] of groups) {
        for (let i = 0; i < count; i++) lines.push(`2025-0${(i % 9) + 1}-15,${i % 2 ? 'Feminine' : 'Masculine'},${citizenship},no,ForcedLabour,${country},Exploitation`);
      }
      const file = path.join(env.tempDir, 'map-cases.csv');
      await writeFile(file, `${lines.join('\n')}\n`);
      await runCli(['cases', 'import', '--as', 'caseworker.ivanova', file]);

      await page().goto(`${env.baseUrl}/#/login`);
      await expectHeading(en['login.title']);
      assert.equal((await signIn(analyst.username, OWN_PASSWORD)).status(), 200);
      await expectRoute('/');
      await page().goto(`${env.baseUrl}/#/statistics`);
      await expectHeading(en['stats.title']);
      const slot = main().locator('.stats-map-citizenship');
      const map = slot.locator('svg.world-map');
      await map.waitFor();
      assert.equal(await map.getAttribute('role'), 'img');
      const table = await page().evaluate(async () => (await fetch('/api/v1/stats/table?rows=citizenship&cols=scope')).json());
      const drawn = new Set(await map.locator('path.country').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-code'))));
      const totals = table.rows.map((code, index) => ({ code, cell: table.row_totals[index] })).filter((row) => row.code !== 'unknown');
      const published = totals.filter((row) => !row.cell.suppressed && row.cell.value > 0);
      const suppressed = totals.filter((row) => row.cell.suppressed);
      assert.ok(published.length >= 1, `some citizenship total is published: ${JSON.stringify(totals)}`);
      assert.ok(suppressed.length >= 1, `some citizenship total is suppressed: ${JSON.stringify(totals)}`);
      const shaded = await map.locator('path.shaded').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-code')).sort());
      assert.deepEqual(shaded, published.map((row) => row.code).filter((code) => drawn.has(code)).sort(), 'the shaded countries are those with a published count');

      // The table beside the map has the same figures, suppressed ones as their marks.
      const rows = await slot.locator('table.map-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-code'), tr.querySelector('td:last-child').textContent]));
      assert.deepEqual(rows, totals.map((row) => [row.code, row.cell.suppressed ? row.cell.shown : String(row.cell.value)]));
      // A suppressed country is hatched and its tooltip carries no figure.
      for (const { code } of suppressed.filter((row) => drawn.has(row.code))) {
        const country = map.locator(`path[data-code="${code}"]`);
        assert.match(await country.getAttribute('class'), /\bsuppressed\b/);
        assert.match(await country.getAttribute('fill'), /^url\(#map-hatch-\d+\)$/);
        assert.doesNotMatch(await country.locator('title').textContent(), /\d/);
      }
      await main().locator('.stats-map-country_of_exploitation svg.world-map').waitFor();
      const exploitationShaded = await main().locator('.stats-map-country_of_exploitation path.shaded').count();
      assert.ok(exploitationShaded >= 1, 'some country of exploitation is shaded');

      const title = en['stats.map.citizenship'];
      const [svgFile] = await Promise.all([
        page().waitForEvent('download'),
        slot.getByRole('button', { name: en['chart.downloadSvgOf'].replace('{chart}', title), exact: true }).click(),
      ]);
      assert.equal(svgFile.suggestedFilename(), 'lifeline-map-citizenship.svg');
      const text = await readFile(await svgFile.path(), 'utf8');
      assert.ok(text.startsWith('<svg'), `the SVG file starts with ${text.slice(0, 20)}`);
      assert.ok(text.includes('fill="'), 'the SVG file carries its colours');
      const [pngFile] = await Promise.all([
        page().waitForEvent('download'),
        slot.getByRole('button', { name: en['chart.downloadPngOf'].replace('{chart}', title), exact: true }).click(),
      ]);
      const png = await readFile(await pngFile.path());
      assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'the PNG file is a PNG');
      if (process.env.LIFELINE_E2E_MAP_SCREENSHOT) {
        await slot.screenshot({ path: process.env.LIFELINE_E2E_MAP_SCREENSHOT });
        await writeFile(`${process.env.LIFELINE_E2E_MAP_SCREENSHOT}.downloaded.png`, png);
      }
      await checkAccessibility('statistics maps');
      await signOutIfSignedIn();
    }],
  ];
}
