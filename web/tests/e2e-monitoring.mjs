// End-to-end steps of monitoring, run by tests/e2e.mjs against the same server and browser: a
// national co-ordinator starts the national action plan, adds a measure linked to two
// commitments, an indicator and a progress report, and sees the coverage chart and the overdue
// list; then starts a questionnaire round from a commitment, opens it and, as the co-ordinator
// of Austria, saves a draft and submits; the analysis shows one responding State of 57 with its
// denominator. axe-core checks both pages; the action plan page speaks Russian.
import assert from 'node:assert/strict';

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
  ];
}
