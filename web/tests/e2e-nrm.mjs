// End-to-end steps of the National Referral Mechanism, run by tests/e2e.mjs against the same
// server and browser: a police officer refers a presumed victim from a phone-width screen (the
// draft survives a reload without the name), sees the referral's status; a case worker of the
// competent authority opens the case and shows the identity (audited); a decision maker records
// a reasonable-grounds decision and the end of the reflection period appears; a second tab that
// still shows the old case is told that someone else changed it and keeps what was typed.
// axe-core checks each page.
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';

const PASSWORD = 'Temporary-Pass-2024';
const OWN_PASSWORD = 'Quiet-River-Lantern-77';
const PERSON = { given: 'Ana', family: 'Doe-Example', born: '1990-04-12' };
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const DRAFT_KEY = 'lifeline.referralDraft';

/**
 * The steps, as [name, run] pairs. `kit` gives the runner's environment and helpers:
 * env (page, context, baseUrl), en, ru, runCli, signIn, expectRoute, expectHeading,
 * checkAccessibility.
 */
export function nrmSteps(kit) {
  const { env, en, ru, runCli, signIn, expectRoute, expectHeading, checkAccessibility } = kit;
  const users = {
    responder: { username: 'officer.popescu', role: 'first_responder' },
    caseWorker: { username: 'caseworker.ivanova', role: 'case_worker' },
    decisionMaker: { username: 'decider.novak', role: 'decision_maker' },
  };
  const state = { caseId: 0, caseUrl: '', caseFlow: false, staleTab: null };

  const page = () => env.page;
  const main = () => page().locator('main');
  const caseHeading = () => en['case.number'].replace('{id}', String(state.caseId));

  async function noWiderThanScreen(what) {
    const overflow = await page().evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`);
  }

  async function signOutIfSignedIn() {
    const button = page().getByRole('button', { name: en['header.signOut'], exact: true });
    if (await button.count()) {
      await button.click();
      await expectRoute('/login');
    }
  }

  /** Signs a new user in and replaces the one-time password, as every new account must. */
  async function firstSignIn(user) {
    await signOutIfSignedIn();
    await page().goto(`${env.baseUrl}/#/login`);
    await expectHeading(en['login.title']);
    const answer = await signIn(user.username, PASSWORD);
    assert.equal(answer.status(), 200, `sign-in of ${user.username} answered ${answer.status()}`);
    await expectRoute('/password');
    await page().getByLabel(en['password.current'], { exact: true }).fill(PASSWORD);
    await page().getByLabel(en['password.new'], { exact: true }).fill(OWN_PASSWORD);
    await page().getByLabel(en['password.repeat'], { exact: true }).fill(OWN_PASSWORD);
    await page().getByRole('button', { name: en['password.submit'], exact: true }).click();
    await expectRoute('/');
    await expectHeading(en['home.title']);
  }

  /** Saves a full-page screenshot to the temporary directory and prints where. */
  async function screenshot(name) {
    const file = path.join(os.tmpdir(), `lifeline-e2e-${name}-${Date.now()}.png`);
    await page().screenshot({ path: file, fullPage: true });
    console.log(`  screenshot of the ${name.replace(/-/g, ' ')}: ${file}`);
  }

  async function draftText() {
    return page().evaluate((key) => window.sessionStorage.getItem(key) ?? '', DRAFT_KEY);
  }

  /** The case as the signed-in user gets it from the API (used to compare with the page). */
  async function caseJson(target = page()) {
    return target.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}`, { headers: { Accept: 'application/json' } })).json(), state.caseId);
  }

  const nav = () => page().getByRole('navigation', { name: en['nav.label'], exact: true });

  return [
    ['NRM: a police organisation, the competent authority and their staff are created with the CLI', async () => {
      const police = await runCli(['org', 'add', '--name', 'City Police Department', '--type', 'police']);
      const authority = await runCli(['org', 'add', '--name', 'Anti-Trafficking Office', '--type', 'competent_authority']);
      assert.match(police, /^\d+$/);
      assert.match(authority, /^\d+$/);
      const orgOf = { first_responder: police, case_worker: authority, decision_maker: authority };
      for (const user of Object.values(users)) {
        const id = await runCli(
          ['user', 'add', '--org', orgOf[user.role], '--username', user.username, '--role', user.role, '--password-stdin'],
          `${PASSWORD}\n`,
        );
        assert.match(id, /^\d+$/, `user add printed no id: "${id}"`);
        user.id = Number(id);
      }
    }],

    ['NRM: a first responder on a phone finds the referral form from the menu', async () => {
      await page().setViewportSize(PHONE);
      await firstSignIn(users.responder);
      await nav().getByRole('link', { name: en['nav.ownReferrals'], exact: true }).waitFor();
      assert.equal(await nav().getByRole('link', { name: en['nav.myCases'], exact: true }).count(), 0, 'a first responder has no case desk');
      await nav().getByRole('link', { name: en['nav.newReferral'], exact: true }).click();
      await expectRoute('/referrals/new');
      await expectHeading(en['referral.title']);
      await main().getByText(en['referral.draftNote']).waitFor();
      await noWiderThanScreen('the referral form');
      await checkAccessibility('referral form on a phone');
    }],

    ['NRM: the referral form speaks Russian, vocabulary included', async () => {
      await page().getByLabel(en['header.language'], { exact: true }).selectOption('ru');
      await expectHeading(ru['referral.title']);
      await page().getByLabel(ru['nrm.exploitation_types.forced_labour'], { exact: true }).waitFor();
      await page().getByLabel(ru['referral.child.no'], { exact: true }).waitFor();
      await page().getByLabel(ru['header.language'], { exact: true }).selectOption('en');
      await expectHeading(en['referral.title']);
    }],

    ['NRM: without consent an adult is an anonymous notification and the name fields go away', async () => {
      const givenName = page().getByLabel(en['referral.person.givenName'], { exact: true });
      assert.equal(await givenName.isVisible(), false, 'identity fields wait for the answers about age and consent');
      await page().getByLabel(en['referral.child.no'], { exact: true }).check();
      await page().getByLabel(en['referral.consent.no'], { exact: true }).check();
      await main().getByText(en['referral.anonymous.title']).waitFor();
      assert.equal(await givenName.isVisible(), false, 'no name field without consent');
      await page().getByLabel(en['referral.child.maybe'], { exact: true }).check();
      await main().getByText(en['referral.consent.childNone']).waitFor();
      await givenName.waitFor();
      await page().getByLabel(en['referral.child.no'], { exact: true }).check();
      await page().getByLabel(en['referral.consent.yes'], { exact: true }).check();
      await givenName.waitFor();
      assert.equal(await main().getByText(en['referral.anonymous.title']).isVisible(), false);
    }],

    ['NRM: the draft survives a reload, without the name and date of birth', async () => {
      await page().getByLabel(en['referral.person.givenName'], { exact: true }).fill(PERSON.given);
      await page().getByLabel(en['referral.person.familyName'], { exact: true }).fill(PERSON.family);
      await page().getByLabel(en['referral.person.dateOfBirth'], { exact: true }).fill(PERSON.born);
      await page().getByLabel(en['referral.consent.language'], { exact: true }).fill('Romanian');
      await page().getByLabel(en['referral.person.citizenship'], { exact: true }).selectOption('RO');
      await page().getByLabel(en['nrm.exploitation_types.forced_labour'], { exact: true }).check();
      await page().getByLabel(en['nrm.indicators.withheld_documents'], { exact: true }).check();
      await page().getByLabel(en['referral.what.country'], { exact: true }).selectOption('AT');
      await page().getByLabel(en['nrm.immediate_needs.shelter'], { exact: true }).check();
      const stored = await draftText();
      assert.match(stored, /forced_labour/);
      for (const secret of [PERSON.given, PERSON.family, PERSON.born]) assert.ok(!stored.includes(secret), `the draft holds "${secret}"`);
      await page().reload();
      await expectHeading(en['referral.title']);
      await main().getByText(en['referral.draftRestored']).waitFor();
      assert.ok(await page().getByLabel(en['nrm.exploitation_types.forced_labour'], { exact: true }).isChecked());
      assert.ok(await page().getByLabel(en['referral.consent.yes'], { exact: true }).isChecked());
      assert.equal(await page().getByLabel(en['referral.what.country'], { exact: true }).inputValue(), 'AT');
      assert.equal(await page().getByLabel(en['referral.consent.language'], { exact: true }).inputValue(), 'Romanian');
      assert.equal(await page().getByLabel(en['referral.person.givenName'], { exact: true }).inputValue(), '', 'the name came back from storage');
      await screenshot('referral-form-on-a-phone');
    }],

    ['NRM: the responder sends the referral and sees the case number and kind', async () => {
      await page().getByLabel(en['referral.person.givenName'], { exact: true }).fill(PERSON.given);
      await page().getByLabel(en['referral.person.familyName'], { exact: true }).fill(PERSON.family);
      await page().getByLabel(en['referral.person.dateOfBirth'], { exact: true }).fill(PERSON.born);
      await page().getByRole('button', { name: en['referral.submit'], exact: true }).click();
      const result = main().locator('.result');
      await result.waitFor();
      state.caseId = Number(await result.getAttribute('data-case-id'));
      assert.ok(state.caseId > 0, 'no case number');
      await result.getByText(caseHeading(), { exact: true }).waitFor();
      await result.getByText(en['referral.kind.identified'], { exact: true }).waitFor();
      assert.equal(await draftText(), '', 'the draft stays after sending');
      await noWiderThanScreen('the referral result');
      await checkAccessibility('referral sent');
    }],

    ['NRM: the responder sees the status of the referral, and nothing more', async () => {
      await main().getByRole('link', { name: en['referral.sent.seeStatus'], exact: true }).click();
      await expectRoute('/cases');
      await expectHeading(en['cases.titleOwn']);
      const link = main().getByRole('link', { name: caseHeading(), exact: true });
      await link.waitFor();
      await noWiderThanScreen('the referrals list');
      await checkAccessibility('own referrals on a phone');
      await link.click();
      await expectRoute(`/cases/${state.caseId}`);
      await expectHeading(caseHeading());
      await main().getByText(en['case.statusOnlyNote']).waitFor();
      assert.equal(await main().getByText(PERSON.family).count(), 0);
      assert.equal(await main().getByRole('button', { name: en['identity.show'], exact: true }).count(), 0);
      await checkAccessibility('referral status');
    }],

    ['NRM: the case worker finds the case in the intake and opens it', async () => {
      await page().setViewportSize(DESKTOP);
      await firstSignIn(users.caseWorker);
      await main().getByRole('link', { name: en['home.work.intake'], exact: true }).waitFor();
      await main().getByRole('link', { name: en['home.work.myCases'], exact: true }).waitFor();
      await nav().getByRole('link', { name: en['nav.cases'], exact: true }).click();
      await expectHeading(en['cases.titleIntake']);
      const row = main().locator('table tbody tr').filter({ has: page().getByRole('link', { name: caseHeading(), exact: true }) });
      await row.getByText(en['referral.kind.identified'], { exact: true }).waitFor();
      await row.getByText(en['nrm.exploitation_types.forced_labour'], { exact: true }).waitFor();
      await checkAccessibility('case intake');
      await row.getByRole('link', { name: caseHeading(), exact: true }).click();
      await expectHeading(caseHeading());
      state.caseUrl = page().url();
      await main().getByText(en['nrm.indicators.withheld_documents'], { exact: true }).waitFor();
      await main().getByText(en['nrm.immediate_needs.shelter'], { exact: true }).waitFor();
      state.caseFlow = Array.isArray((await caseJson()).decisions);
    }],

    ['NRM: the identity is shown only on request, with the audit note', async () => {
      assert.equal(await main().getByText(PERSON.family).count(), 0, 'the identity was shown without being asked for');
      await main().getByText(en['identity.auditNote']).waitFor();
      await main().getByRole('button', { name: en['identity.show'], exact: true }).click();
      await main().getByText(PERSON.family, { exact: true }).waitFor();
      await main().getByText(PERSON.given, { exact: true }).waitFor();
      await main().locator(`time[datetime="${PERSON.born}"]`).waitFor();
      await checkAccessibility('case page with the identity shown');
      const stored = await page().evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
      assert.ok(!stored.includes(PERSON.family), 'the identity was stored in the browser');
      await main().getByRole('button', { name: en['identity.hide'], exact: true }).click();
      assert.equal(await main().getByText(PERSON.family).count(), 0, 'hiding left the identity on the page');
      if (!state.caseFlow) await screenshot('case-page');
    }],

    ['NRM: the decision maker records reasonable grounds; the reflection period end appears', async () => {
      await firstSignIn(users.decisionMaker);
      await page().goto(state.caseUrl);
      await expectHeading(caseHeading());
      if (!state.caseFlow) {
        console.log('  (the server records no decisions yet: the decision forms are not offered)');
        assert.equal(await main().locator('details[data-action="decision"]').count(), 0);
        return;
      }
      // A second tab shows the case as it is now, before the decision.
      state.staleTab = await env.context.newPage();
      await state.staleTab.goto(state.caseUrl);
      await state.staleTab.getByRole('heading', { level: 1, name: caseHeading(), exact: true }).waitFor();
      await state.staleTab.locator('details[data-action="decision"] summary').waitFor();

      const form = main().locator('details[data-action="decision"]');
      await form.locator('summary').click();
      await form.getByLabel(en['decisionForm.kind'], { exact: true }).selectOption('reasonable_grounds');
      await form.getByLabel(en['nrm.decision_outcomes.positive'], { exact: true }).check();
      const reasons = 'Indicators of forced labour and withheld documents are credible.';
      await form.getByLabel(en['decisionForm.reasons'], { exact: true }).fill(reasons);
      await form.getByRole('button', { name: en['decisionForm.submit'], exact: true }).click();
      await form.locator('.status.success').waitFor();
      const record = await caseJson();
      assert.ok(record.reflection?.end, 'the positive reasonable-grounds decision started no reflection period');
      await main().locator(`.reflection [data-reflection-end="${record.reflection.end}"]`).waitFor();
      await main().locator('.reflection').getByText(en['reflection.ends']).waitFor();
      await main().locator('table').getByText(en['nrm.decision_kinds.reasonable_grounds'], { exact: true }).waitFor();
      const entry = main().locator('.timeline li[data-kind="decision"]');
      await entry.getByText(reasons, { exact: true }).waitFor();
      await entry.getByText(en['nrm.decision_outcomes.positive'], { exact: true }).waitFor();
      await checkAccessibility('case page after a decision');
      await screenshot('case-page');
    }],

    ['NRM: a decision from a stale second tab is refused, reloaded, and the typed reasons kept', async () => {
      if (!state.caseFlow) return;
      const tab = state.staleTab;
      const form = tab.locator('details[data-action="decision"]');
      await form.locator('summary').click();
      const reasons = 'Typed in a tab that still showed the case before the decision.';
      await form.getByLabel(en['decisionForm.kind'], { exact: true }).selectOption('reasonable_grounds');
      await form.getByLabel(en['nrm.decision_outcomes.negative'], { exact: true }).check();
      await form.getByLabel(en['decisionForm.reasons'], { exact: true }).fill(reasons);
      const answer = tab.waitForResponse((response) => response.url().endsWith(`/cases/${state.caseId}/decisions`));
      await form.getByRole('button', { name: en['decisionForm.submit'], exact: true }).click();
      assert.equal((await answer).status(), 412, 'the stale change was not refused with 412');
      await form.locator('.status.error').getByText(en['case.changedMeanwhile']).waitFor();
      assert.equal(await form.getByLabel(en['decisionForm.reasons'], { exact: true }).inputValue(), reasons, 'the typed reasons were lost');
      // The tab now shows the case as it is: the decision made in the other tab is there.
      await tab.locator('main .reflection').waitFor();
      await tab.close();
      state.staleTab = null;
    }],

    ['NRM: the decision maker takes the case and sees it on their desk, most urgent first', async () => {
      if (!state.caseFlow) return;
      const form = main().locator('details[data-action="assignment"]');
      await form.locator('summary').click();
      await form.getByLabel(en['assignForm.decisionMaker'], { exact: true }).fill(String(users.decisionMaker.id));
      await form.getByRole('button', { name: en['assignForm.submit'], exact: true }).click();
      await form.locator('.status.success').waitFor();
      await nav().getByRole('link', { name: en['nav.myCases'], exact: true }).click();
      await expectRoute('/my-cases');
      await expectHeading(en['myCases.title']);
      const item = main().locator(`.desk-case[data-case-id="${state.caseId}"]`);
      await item.waitFor();
      await item.locator('.deadline').first().waitFor();
      await checkAccessibility('my cases');
    }],

    ['NRM: the case page and the desk fit a phone screen', async () => {
      await page().setViewportSize(PHONE);
      try {
        for (const route of [`/cases/${state.caseId}`, '/my-cases', '/cases']) {
          await page().goto(`${env.baseUrl}/#${route}`);
          await main().locator('h2').first().waitFor();
          await main().locator('[role="status"]').waitFor({ state: 'detached' });
          await noWiderThanScreen(route);
        }
        await page().goto(state.caseUrl);
        await main().locator('.case-details').waitFor();
        await checkAccessibility('case page on a phone');
      } finally {
        await page().setViewportSize(DESKTOP);
      }
    }],
  ];
}
