// End-to-end steps of the statistics page, run by tests/e2e.mjs after the NRM steps (which leave
// at least one referral behind): an analyst signs in, finds Statistics in the navigation, chooses
// a table, sees small counts as "<5" with the suppression note, a bar chart and the downloads,
// and reads the page in Russian; axe-core checks it. Nobody else is offered the page.
import assert from 'node:assert/strict';

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
      const svgLink = main().getByRole('link', { name: en['stats.downloadSvg'], exact: true });
      assert.match(await svgLink.getAttribute('download'), /\.svg$/);
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
  ];
}
