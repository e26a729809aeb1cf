// End-to-end steps of monitoring, run by tests/e2e.mjs against the same server and browser: a
// national co-ordinator starts the national action plan, adds a measure linked to two
// commitments, an indicator and a progress report, and sees the coverage chart and the overdue
// list; then starts a questionnaire round from a commitment, opens it and, as the co-ordinator
// of Austria, saves a draft and submits; the analysis shows one responding State of 57 with its
// denominator. axe-core checks both pages; the action plan page speaks Russian. A second round
// on two commitments then shows the map of respondents (who submitted, what Austria answered),
// the cross-tabulation of its two items, the comparison of both rounds for one commitment, a new
// version of a frozen item, and a State linked to an organisation and unlinked again.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const PASSWORD = 'Temporary-Pass-2024';
const OWN_PASSWORD = 'Quiet-River-Lantern-77';

/** The steps, as [name, run] pairs; `kit` as for nrmSteps. */
export function monitoringSteps(kit) {
  const { env, en, ru, runCli, signIn, expectRoute, expectHeading, checkAccessibility } = kit;
  const user = { username: 'coordinator.berger', name: 'Lena Berger' };
  const state = { organisation: '' };
  const page = () => env.page;
  const main = () => page().locator('main');
  const field = (label) => main().getByLabel(label, { exact: true });
  const button = (name) => main().getByRole('button', { name, exact: true });

  async function statusSays(text) {
    await main().locator('.status.success', { hasText: text }).waitFor();
  }

  return [
    ['monitoring: a national co-ordinator is created with the CLI and signs in', async () => {
      state.organisation = await runCli(['org', 'add', '--name', 'Austrian Task Force on Human Trafficking', '--type', 'other']);
      await runCli(['user', 'add', '--org', state.organisation, '--username', user.username, '--display-name', user.name,
        '--role', 'coordinator', '--password-stdin'], `${PASSWORD}\n`);
      const signOut = page().getByRole('button', { name: en['header.signOut'], exact: true });
      if (await signOut.count()) {
        await signOut.click();
        await expectRoute('/login');
      }
      await page().goto(`${env.baseUrl}/#/login`);
      await expectHeading(en['login.title']);
      assert.equal((await signIn(user.username, PASSWORD)).status(), 200);
      await expectRoute('/password');
      await page().getByLabel(en['password.current'], { exact: true }).fill(PASSWORD);
      await page().getByLabel(en['password.new'], { exact: true }).fill(OWN_PASSWORD);
      await page().getByLabel(en['password.repeat'], { exact: true }).fill(OWN_PASSWORD);
      await page().getByRole('button', { name: en['password.submit'], exact: true }).click();
      await expectRoute('/');
      const nav = page().getByRole('navigation', { name: en['nav.label'], exact: true });
      await nav.getByRole('link', { name: en['nav.actionPlan'], exact: true }).click();
      await expectHeading(en['nap.title']);
    }],

    ['monitoring: the co-ordinator starts a plan with a measure, an indicator and a progress report', async () => {
      const year = new Date().getFullYear();
      await field(en['nap.planTitle']).fill(`National Action Plan ${year}-${year + 1}`);
      await field(en['nap.periodStart']).fill(`${year - 1}-01-01`);
      await field(en['nap.periodEnd']).fill(`${year + 1}-12-31`);
      await button(en['nap.create']).click();
      await main().getByRole('heading', { level: 2, name: `National Action Plan ${year}-${year + 1}` }).waitFor();

      await field(en['nap.measure']).fill('Establish the National Referral Mechanism');
      await field(en['nap.bodies']).fill('Ministry of Interior, Ministry of Social Affairs');
      await field(en['nap.provisions']).fill('AP.V.3.1, AP.V.3.2');
      await field(en['nap.budget']).fill('250000');
      await field(en['nap.currency']).fill('EUR');
      await button(en['nap.addMeasure']).click();
      await statusSays(en['nap.measureAdded']);
      await main().locator('table.data td', { hasText: 'Establish the National Referral Mechanism' }).waitFor();

      const indicatorForm = main().locator('form', { has: page().getByRole('button', { name: en['nap.addIndicator'], exact: true }) });
      await indicatorForm.getByLabel(en['nap.indicator'], { exact: true }).fill('Victims referred through the NRM');
      await indicatorForm.getByLabel(en['nap.frequencyLabel'], { exact: true }).selectOption('quarterly');
      await button(en['nap.addIndicator']).click();
      await statusSays(en['nap.indicatorAdded']);

      const reportForm = main().locator('form', { has: page().getByRole('button', { name: en['nap.report'], exact: true }) });
      await reportForm.getByLabel(en['nap.status'], { exact: true }).selectOption('in_progress');
      await reportForm.getByLabel(en['nap.value'], { exact: true }).fill('12');
      await reportForm.getByLabel(en['nap.evidence'], { exact: true }).fill('https://example.org/nrm-report');
      await button(en['nap.report']).click();
      await statusSays(en['nap.reported']);
      await main().locator('.badge.progress-in_progress').first().waitFor();
      // Quarterly reports since last January: several are overdue, the first one was filed.
      assert.ok((await main().locator('h3', { hasText: en['nap.overdueReports'] }).count()) === 1);
      await main().locator('svg.bar-chart').waitFor();
      const filled = await main().locator('svg.bar-chart rect.bar-filled').evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('width'))));
      assert.equal(filled.filter((width) => width > 0).length, 1, `one pillar (protection) is partly covered: ${filled}`);
      const covered = en['nap.coverageSummary'].split('{covered}')[0];
      await main().getByText(new RegExp(`^${covered}2 `)).waitFor();
      await checkAccessibility('action plan');
      // The chart's colours come from the stylesheet; the downloaded SVG carries them itself.
      const filledColour = await main().locator('svg.bar-chart rect.bar-filled').first().evaluate((bar) => getComputedStyle(bar).fill);
      const [chartFile] = await Promise.all([
        page().waitForEvent('download'),
        main().locator('figure.chart button.chart-download-svg').click(),
      ]);
      const chartSvg = await readFile(await chartFile.path(), 'utf8');
      assert.ok(chartSvg.startsWith('<svg'), chartSvg.slice(0, 20));
      assert.ok(chartSvg.includes(`fill="${filledColour}"`), `the bars' colour ${filledColour} is written into the file`);
    }],

    ['monitoring: the action plan page speaks Russian', async () => {
      await page().getByLabel(en['header.language'], { exact: true }).selectOption('ru');
      await expectHeading(ru['nap.title']);
      await main().getByRole('heading', { level: 2, name: ru['nap.coverageTitle'] }).waitFor();
      await page().getByLabel(ru['header.language'], { exact: true }).selectOption('en');
      await expectHeading(en['nap.title']);
    }],

    ['monitoring: a round from a commitment is opened and Austria answers, drafts then submits', async () => {
      // The hub links Austria to this organisation (the page has no form for it yet).
      const linked = await page().evaluate(async (organisation) => {
        const me = await (await fetch('/api/v1/me')).json();
        const response = await fetch('/api/v1/questionnaires/respondents/AT', {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
          body: JSON.stringify({ organisation_id: Number(organisation) }),
        });
        return response.status;
      }, state.organisation);
      assert.equal(linked, 200);
      const nav = page().getByRole('navigation', { name: en['nav.label'], exact: true });
      await nav.getByRole('link', { name: en['nav.questionnaires'], exact: true }).click();
      await expectHeading(en['rounds.pageTitle']);
      await field(en['rounds.title']).fill('Survey on the National Referral Mechanism');
      await field(en['rounds.provisions']).fill('AP.V.3.1');
      await button(en['rounds.create']).click();
      await main().getByRole('heading', { level: 2, name: 'Survey on the National Referral Mechanism' }).waitFor();
      await main().locator('table.data td', { hasText: 'ap_v_3_1' }).waitFor();
      await button(en['rounds.open']).click();
      await statusSays(en['rounds.opened']);

      const question = main().getByLabel(/^ap_v_3_1\./);
      await question.selectOption('partly');
      await button(en['rounds.saveDraft']).click();
      await statusSays(en['rounds.draftSaved']);
      await button(en['rounds.submit']).click();
      await statusSays(en['rounds.submitted']);
      await main().locator('.badge', { hasText: en['rounds.responseStatus.submitted'] }).waitFor();
    }],

    ['monitoring: the analysis shows the share of the one responding State, with its denominator', async () => {
      await page().reload();
      await expectHeading(en['rounds.pageTitle']);
      const responding = en['rounds.responding'].replace('{responding}', '1').replace('{invited}', '57');
      await main().getByText(responding, { exact: true }).waitFor();
      const denominator = en['rounds.itemDenominator'].replace('{answered}', '1').replace('{asked}', '1').replace('{responding}', '1');
      await main().getByText(denominator, { exact: true }).waitFor();
      await main().getByText(`${en['rounds.answer.partly']}: 1 (100%)`, { exact: true }).first().waitFor();
      await checkAccessibility('questionnaire round');
    }],

    ['monitoring: a second round on two commitments; the map shows who submitted and what Austria answered', async () => {
      await field(en['rounds.title']).fill('Follow-up survey on referral and assistance');
      await field(en['rounds.provisions']).fill('AP.V.3.1, AP.V.3.2');
      await button(en['rounds.create']).click();
      await main().getByRole('heading', { level: 2, name: 'Follow-up survey on referral and assistance' }).waitFor();
      await button(en['rounds.open']).click();
      await statusSays(en['rounds.opened']);
      await main().getByLabel(/^ap_v_3_1\./).selectOption('yes');
      await main().getByLabel(/^ap_v_3_2\./).selectOption('no');
      await button(en['rounds.submit']).click();
      await statusSays(en['rounds.submitted']);
      await page().reload();
      await expectHeading(en['rounds.pageTitle']);

      const mapCard = main().locator('section.card', { has: page().getByRole('heading', { level: 2, name: en['rounds.map.heading'] }) });
      const map = mapCard.locator('svg.world-map');
      await map.waitFor();
      const respondents = await page().evaluate(async () => {
        const rounds = (await (await fetch('/api/v1/questionnaires')).json()).items;
        const id = rounds.find((r) => r.title === 'Follow-up survey on referral and assistance').id;
        return (await (await fetch(`/api/v1/questionnaires/${id}/respondents`)).json()).items.map((r) => r.code);
      });
      assert.equal(respondents.length, 57);
      const drawn = new Set(await map.locator('path.country').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-code'))));
      assert.equal(await map.locator('path.shaded').count(), respondents.filter((code) => drawn.has(code)).length, 'every drawable respondent is shaded');
      assert.equal(await map.locator('path[data-code="AT"]').getAttribute('fill'), '#2171b5', 'Austria submitted');
      assert.equal(await map.locator('path[data-code="FR"]').getAttribute('fill'), '#fdae6b', 'France did not');
      const rows = mapCard.locator('table.map-table tbody tr');
      assert.equal(await rows.count(), 57, 'the table lists the 57 respondents, the small ones too');
      assert.equal(await mapCard.locator('tr[data-code="AT"] td').last().textContent(), en['rounds.map.submitted']);
      await mapCard.locator('p.map-note').getByText(/Liechtenstein/).waitFor();

      await mapCard.getByLabel(en['rounds.map.show'], { exact: true }).selectOption('ap_v_3_1');
      await map.locator('path[data-code="AT"][fill="#1a9850"]').waitFor();
      assert.equal(await mapCard.locator('tr[data-code="AT"] td').last().textContent(), en['rounds.answer.yes']);
      const [svgFile] = await Promise.all([
        page().waitForEvent('download'),
        mapCard.locator('button.chart-download-svg').click(),
      ]);
      assert.ok((await readFile(await svgFile.path(), 'utf8')).startsWith('<svg'));
    }],

    ['monitoring: the cross-tabulation and the comparison between rounds show their tables', async () => {
      const crossForm = main().locator('form.crosstab-form');
      await crossForm.getByLabel(en['rounds.crosstab.rows'], { exact: true }).selectOption('ap_v_3_1');
      await crossForm.getByLabel(en['rounds.crosstab.columns'], { exact: true }).selectOption('ap_v_3_2');
      await button(en['rounds.crosstab.show']).click();
      const crosstab = main().locator('table.crosstab-table');
      await crosstab.waitFor();
      const caption = en['rounds.crosstab.caption'].replace('{rows}', 'ap_v_3_1').replace('{columns}', 'ap_v_3_2').replace('{denominator}', '1').replace('{responding}', '1');
      assert.equal(await crosstab.locator('caption').textContent(), caption);
      const yesRow = crosstab.locator('tbody tr', { has: page().getByRole('rowheader', { name: en['rounds.answer.yes'], exact: true }) });
      const headers = await crosstab.locator('thead th').allTextContents();
      const noColumn = headers.indexOf(en['rounds.answer.no']);
      assert.ok(noColumn > 0, `a column for "no": ${headers}`);
      assert.equal(await yesRow.locator('td').nth(noColumn - 1).textContent(), '1');

      await main().locator('form.comparison-form').getByLabel(en['rounds.provision'], { exact: true }).selectOption('AP.V.3.1');
      await button(en['rounds.compare.show']).click();
      const comparison = main().locator('.comparison-result table');
      await comparison.waitFor();
      const titles = await comparison.locator('tbody tr td:first-child').allTextContents();
      assert.deepEqual(titles, ['Survey on the National Referral Mechanism', 'Follow-up survey on referral and assistance']);
      const answers = await comparison.locator('tbody tr td:last-child').allTextContents();
      assert.match(answers[0], new RegExp(`${en['rounds.answer.partly']}: 1 \\(100%\\)`), answers[0]);
      assert.match(answers[1], new RegExp(`${en['rounds.answer.yes']}: 1 \\(100%\\)`), answers[1]);
      await checkAccessibility('questionnaire round with map, cross-tabulation and comparison');
    }],

    ['monitoring: a frozen item is revised as a new version; a State is linked to an organisation and unlinked', async () => {
      const revise = main().locator('form.revise-form');
      await revise.getByLabel(en['rounds.revise.item'], { exact: true }).selectOption({ label: 'ap_v_3_2 v1' });
      await revise.getByLabel(en['rounds.prompt'], { exact: true }).fill('Does your State provide assistance to every presumed victim?');
      await button(en['rounds.revise.save']).click();
      await statusSays(en['rounds.revise.saved'].replace('{code}', 'ap_v_3_2').replace('{version}', '2'));
      await main().locator('table.data td', { hasText: 'Does your State provide assistance to every presumed victim?' }).first().waitFor();

      const link = main().locator('form.link-form');
      await link.getByLabel(en['rounds.respondent'], { exact: true }).selectOption('BE');
      await link.getByLabel(en['rounds.link.organisation'], { exact: true }).fill(state.organisation);
      await button(en['rounds.link.save']).click();
      const linkCard = main().locator('section.card', { has: page().getByRole('heading', { level: 2, name: en['rounds.link.heading'] }) });
      await linkCard.locator('.status.success').waitFor();
      await linkCard.locator('table.data td', { hasText: '(BE)' }).waitFor();
      await link.getByLabel(en['rounds.link.organisation'], { exact: true }).fill('');
      await button(en['rounds.link.save']).click();
      await linkCard.locator('.status.success', { hasText: en['rounds.link.unlinked'].split('{name}')[1].trim() }).waitFor();
      assert.equal(await linkCard.locator('table.data td', { hasText: '(BE)' }).count(), 0);
      await checkAccessibility('questionnaire page with the revision and link forms');
    }],
  ];
}
