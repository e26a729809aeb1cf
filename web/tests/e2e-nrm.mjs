// End-to-end steps of the National Referral Mechanism, run by tests/e2e.mjs against the same
// server and browser: a police officer refers a presumed victim from a phone-width screen (the
// draft survives a reload without the name), recorded as made three days earlier, and sees the
// referral's status; a case worker of the competent authority finds it in the intake with its
// next deadline, opens the case and shows the identity (audited); a decision maker records a
// reasonable-grounds decision dated the day before and the end of the reflection period appears;
// a second tab that still shows the old case is told that someone else changed it and keeps what
// was typed. Then the assistance plan: the case worker refers a shelter with the fields it needs
// and sees what the provider will see; adding the date of birth needs a lawful ground, which a
// case worker cannot record, and the server's refusal is shown; the shelter's staff see exactly
// the shared fields, accept the service, record its delivery and then see nothing more; the case
// page names people and organisations; a decision maker shares more on a lawful ground and
// withdraws that service; the shelter declares its places and a decision maker referring a
// shelter sees how many are free; a task is given, found on the desk and marked done; legal
// steps, a return refused while the risk is high, a safe voluntary return and a follow-up that
// finds re-trafficking; the case page speaks Russian. axe-core checks each page.
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';

const PASSWORD = 'Temporary-Pass-2024';
const OWN_PASSWORD = 'Quiet-River-Lantern-77';
const PERSON = { given: 'Ana', family: 'Doe-Example', born: '1990-04-12' };
const PHONE = { width: 360, height: 740 };
const PROVIDER_ORG = 'Harbour House Shelter';
/** The fields a shelter needs (src/domain/nrm/services.cpp), in the order they are offered. */
const SHELTER_NEEDS = ['given_name', 'family_name', 'sex', 'age_band', 'needs', 'reflection_end'];

/** A day `days` before today, YYYY-MM-DD in this machine's time zone. */
function daysAgo(days) {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const pad = (value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
/** The referral is recorded as made three days ago, the decision as taken yesterday. */
const REFERRED_ON = daysAgo(3);
const DECIDED_ON = daysAgo(1);
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
    responder: { username: 'officer.popescu', role: 'first_responder', name: 'Ioana Popescu' },
    caseWorker: { username: 'caseworker.ivanova', role: 'case_worker', name: 'Elena Ivanova' },
    decisionMaker: { username: 'decider.novak', role: 'decision_maker', name: 'Marek Novak' },
    provider: { username: 'shelter.okafor', role: 'service_provider', name: 'Grace Okafor' },
  };
  const state = { caseId: 0, caseUrl: '', caseFlow: false, staleTab: null, serviceId: 0, reflectionEnd: '' };

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

  /** Signs in a user who has already chosen their own password. */
  async function signInAgain(user) {
    await signOutIfSignedIn();
    await page().goto(`${env.baseUrl}/#/login`);
    await expectHeading(en['login.title']);
    const answer = await signIn(user.username, OWN_PASSWORD);
    assert.equal(answer.status(), 200, `sign-in of ${user.username} answered ${answer.status()}`);
    await expectRoute('/');
  }

  async function openCase() {
    await page().goto(state.caseUrl);
    await expectHeading(caseHeading());
    await main().locator('.case-details').waitFor();
  }

  const serviceForm = () => main().locator('details[data-action="service"]');
  const planItem = (serviceId) => main().locator(`.plan li[data-service-id="${serviceId}"]`);
  const identityOption = (field) => en['serviceForm.identityOption'].replace('{field}', en[`nrm.shareable_fields.${field}`]);

  /** The ticked fields of the "Refer a service" form, and those its summary lists. */
  async function sharingChoice() {
    const form = serviceForm();
    const ticked = await form.locator('fieldset[data-field="shared_fields"] input:checked').evaluateAll((boxes) => boxes.map((box) => box.value));
    const summary = await form.locator('.sharing-summary li[data-field]').evaluateAll((items) => items.map((item) => item.dataset.field));
    return { ticked, summary };
  }

  return [
    ['NRM: a police organisation, the competent authority, a shelter and their staff are created with the CLI', async () => {
      const police = await runCli(['org', 'add', '--name', 'City Police Department', '--type', 'police']);
      const authority = await runCli(['org', 'add', '--name', 'Anti-Trafficking Office', '--type', 'competent_authority']);
      const shelter = await runCli(['org', 'add', '--name', PROVIDER_ORG, '--type', 'ngo']);
      for (const id of [police, authority, shelter]) assert.match(id, /^\d+$/);
      const orgOf = { first_responder: police, case_worker: authority, decision_maker: authority, service_provider: shelter };
      for (const user of Object.values(users)) {
        const id = await runCli(
          ['user', 'add', '--org', orgOf[user.role], '--username', user.username, '--display-name', user.name, '--role', user.role, '--password-stdin'],
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
      const situation = page().getByLabel(en['referral.child.situation'], { exact: true });
      assert.equal(await situation.isVisible(), false, 'an adult is asked whether they are accompanied');
      await page().getByLabel(en['referral.child.maybe'], { exact: true }).check();
      await main().getByText(en['referral.consent.childNone']).waitFor();
      await givenName.waitFor();
      const situations = await situation.locator('option').evaluateAll((options) => options.map((option) => option.value));
      assert.deepEqual(situations, ['', 'unaccompanied', 'separated', 'accompanied']);
      await page().getByLabel(en['referral.child.no'], { exact: true }).check();
      assert.equal(await situation.isVisible(), false);
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

    ['NRM: the responder records the referral as made three days ago, sends it and sees the case number and kind', async () => {
      await page().getByLabel(en['referral.person.givenName'], { exact: true }).fill(PERSON.given);
      await page().getByLabel(en['referral.person.familyName'], { exact: true }).fill(PERSON.family);
      await page().getByLabel(en['referral.person.dateOfBirth'], { exact: true }).fill(PERSON.born);
      const referredOn = page().getByLabel(en['referral.date'], { exact: true });
      assert.equal(await referredOn.inputValue(), daysAgo(0), 'the date of referral is not today by default');
      assert.equal(await referredOn.getAttribute('max'), daysAgo(0), 'the date of referral may be in the future');
      await referredOn.fill(REFERRED_ON);
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
      await row.locator(`time[datetime="${REFERRED_ON}"]`).waitFor();
      // The next deadline, marked by its urgency: the reasonable-grounds decision is due.
      const urgency = row.locator('.case-urgency');
      await urgency.getByText(en['deadline.what.reasonable-grounds-decision'], { exact: true }).waitFor();
      assert.ok(['upcoming', 'due_soon', 'due_today', 'overdue'].includes(await urgency.getAttribute('data-urgency')));
      await checkAccessibility('case intake');
      // The intake filter: the case waits in the intake and is nobody's yet.
      const show = main().getByRole('navigation', { name: en['cases.show.label'], exact: true });
      await show.getByRole('link', { name: en['cases.show.intake'], exact: true }).click();
      await expectRoute('/cases?show=intake');
      await row.waitFor();
      await show.getByRole('link', { name: en['cases.show.mine'], exact: true }).click();
      await expectRoute('/cases?show=mine');
      await main().getByText(en['cases.emptyShown'], { exact: true }).waitFor();
      assert.equal(await main().getByRole('link', { name: caseHeading(), exact: true }).count(), 0, 'an unassigned case is shown as mine');
      await show.getByRole('link', { name: en['cases.show.all'], exact: true }).click();
      await expectRoute('/cases');
      await row.waitFor();
      await row.getByRole('link', { name: caseHeading(), exact: true }).click();
      await expectHeading(caseHeading());
      state.caseUrl = page().url();
      // (In the case's facts: the service form offers a shelter too.)
      await main().locator('.case-details').getByText(en['nrm.indicators.withheld_documents'], { exact: true }).waitFor();
      await main().locator('.case-details').getByText(en['nrm.immediate_needs.shelter'], { exact: true }).waitFor();
      // The referring organisation by its name, not its number.
      await main().locator('.case-details').getByText('City Police Department', { exact: true }).waitFor();
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
      await form.getByLabel(en['decisionForm.date'], { exact: true }).fill(DECIDED_ON);
      await form.getByRole('button', { name: en['decisionForm.submit'], exact: true }).click();
      await form.locator('.status.success').waitFor();
      const record = await caseJson();
      assert.equal(record.decisions[0].decided_on, DECIDED_ON, 'the date of the decision was not recorded');
      state.reflectionEnd = record.reflection?.end ?? '';
      const decisionRow = main().locator('table tbody tr').first();
      await decisionRow.locator(`time[datetime="${DECIDED_ON}"]`).waitFor();
      await decisionRow.getByText(en['case.you'].replace('{name}', users.decisionMaker.name), { exact: true }).waitFor();
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
      const maker = form.getByLabel(en['assignForm.decisionMaker'], { exact: true });
      // Chosen by name from the competent authority's decision makers.
      assert.ok((await maker.locator('option').allTextContents()).some((label) => label.startsWith(users.decisionMaker.name)));
      await maker.selectOption(String(users.decisionMaker.id));
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

    ['NRM: the case worker refers a shelter; the fields it needs are ticked and the summary shows what the provider will see', async () => {
      if (!state.caseFlow) return;
      await signInAgain(users.caseWorker);
      await openCase();
      await main().locator('.plan').getByText(en['plan.none'], { exact: true }).waitFor();
      const form = serviceForm();
      await form.locator('summary').click();
      await form.getByLabel(en['serviceForm.type'], { exact: true }).selectOption('shelter');
      const providers = await form.getByLabel(en['serviceForm.provider'], { exact: true }).locator('option').allTextContents();
      assert.ok(providers.includes(PROVIDER_ORG), `the shelter is not offered: ${providers.join(', ')}`);
      assert.ok(!providers.includes('Anti-Trafficking Office'), 'the competent authority is offered as a provider');
      await form.getByLabel(en['serviceForm.provider'], { exact: true }).selectOption({ label: PROVIDER_ORG });
      const choice = await sharingChoice();
      assert.deepEqual(choice.ticked, SHELTER_NEEDS, 'not exactly the fields a shelter needs are ticked');
      assert.deepEqual(choice.summary, SHELTER_NEEDS, 'the summary does not list what is ticked');
      const summary = form.locator('.sharing-summary');
      await summary.getByText(en['serviceForm.summaryTitle'], { exact: true }).waitFor();
      assert.equal(await summary.locator('.identity-field').count(), 2, 'the two name fields are not marked as identity');
      await summary.locator('li[data-field="given_name"]').getByText(en['service.identityField'], { exact: true }).waitFor();
      await form.locator('[data-covered="consent"]').waitFor();
      assert.equal(await form.getByLabel(en['serviceForm.ground'], { exact: true }).isVisible(), false, 'a lawful ground is asked for what consent covers');
      await checkAccessibility('case page, referring a service');
      await form.getByRole('button', { name: en['serviceForm.submit'], exact: true }).click();
      await form.locator('.status.success').waitFor();
      const record = await caseJson();
      assert.equal(record.services.length, 1);
      assert.deepEqual(record.services[0].shared_fields, SHELTER_NEEDS);
      state.serviceId = record.services[0].service_id;
      const item = planItem(state.serviceId);
      await item.getByText(en['nrm.service_types.shelter'], { exact: true }).waitFor();
      await item.getByText(PROVIDER_ORG, { exact: true }).waitFor();
      await item.getByText(en['service.status.referred'], { exact: true }).waitFor();
      await item.getByText(en['plan.onConsent'], { exact: true }).waitFor();
      // The provider's answer is now a deadline on the case.
      await main().locator('.deadline[data-deadline="service-answer"]').getByText(en['deadline.what.service-answer'], { exact: true }).waitFor();
    }],

    ['NRM: a case worker adding the date of birth is told a decision maker must record a lawful ground; the refusal is shown', async () => {
      if (!state.caseFlow) return;
      const form = serviceForm();
      // After sending, the form is ready again with the shelter's fields.
      assert.deepEqual((await sharingChoice()).ticked, SHELTER_NEEDS);
      await form.getByLabel(en['serviceForm.provider'], { exact: true }).selectOption({ label: PROVIDER_ORG });
      await form.getByLabel(identityOption('date_of_birth'), { exact: true }).check();
      const choice = await sharingChoice();
      assert.deepEqual(choice.summary, [...SHELTER_NEEDS.slice(0, 2), 'date_of_birth', ...SHELTER_NEEDS.slice(2)]);
      await form.locator('.sharing-summary li[data-field="date_of_birth"] .identity-field').waitFor();
      const warning = form.locator('[data-covered="lawful-ground"]');
      await warning.getByText(en['serviceForm.askDecisionMaker'], { exact: true }).waitFor();
      await warning.getByText(en['nrm.shareable_fields.date_of_birth'], { exact: false }).waitFor();
      assert.equal(await form.getByLabel(en['serviceForm.ground'], { exact: true }).isVisible(), false, 'a case worker is asked for the lawful ground');
      const answer = page().waitForResponse((response) => response.url().endsWith(`/cases/${state.caseId}/services`));
      await form.getByRole('button', { name: en['serviceForm.submit'], exact: true }).click();
      assert.equal((await answer).status(), 403, 'sharing beyond consent without a lawful ground was not refused');
      await form.locator('.status.error').getByText(en['serviceForm.refused'], { exact: true }).waitFor();
      assert.equal((await caseJson()).services.length, 1, 'a refused service was added');
      assert.ok((await sharingChoice()).ticked.includes('date_of_birth'), 'the choice was lost');
      await checkAccessibility('case page, sharing refused');
      await screenshot('service-referral-refused');
    }],

    ['NRM: the shelter\'s staff find the service referred to them, on a phone', async () => {
      if (!state.caseFlow) return;
      await page().setViewportSize(PHONE);
      await firstSignIn(users.provider);
      await main().getByRole('link', { name: en['home.work.services'], exact: true }).waitFor();
      assert.equal(await nav().getByRole('link', { name: en['nav.cases'], exact: true }).count(), 0, 'a provider is offered the cases');
      await nav().getByRole('link', { name: en['nav.services'], exact: true }).click();
      await expectRoute('/services');
      await expectHeading(en['services.title']);
      const row = main().locator('table tbody tr').filter({ has: page().getByRole('link', { name: en['service.number'].replace('{id}', String(state.serviceId)), exact: true }) });
      await row.getByText(en['service.status.referred'], { exact: true }).waitFor();
      await row.getByText(en['nrm.service_types.shelter'], { exact: true }).waitFor();
      await noWiderThanScreen('the services list');
      await checkAccessibility('services referred to a provider');
      await row.getByRole('link').click();
      await expectRoute(`/services/${state.serviceId}`);
    }],

    ['NRM: the provider sees exactly the shared fields, identity labelled, and that opening the page is recorded', async () => {
      if (!state.caseFlow) return;
      await expectHeading(en['service.number'].replace('{id}', String(state.serviceId)));
      const shared = main().locator('[data-shared="open"]');
      await shared.getByText(en['serviceView.auditNote'], { exact: true }).waitFor();
      const shown = await shared.locator('dd [data-field]').evaluateAll((items) => items.map((item) => item.dataset.field));
      assert.deepEqual(shown, SHELTER_NEEDS, 'the page shows other fields than were shared');
      const fromServer = await page().evaluate(async (id) => (await fetch(`/api/v1/services/${id}`, { headers: { Accept: 'application/json' } })).json(), state.serviceId);
      assert.deepEqual([...shown].sort(), Object.keys(fromServer.shared).sort(), 'the page and the server disagree on what is shared');
      await shared.locator('[data-field="given_name"]').getByText(PERSON.given, { exact: true }).waitFor();
      await shared.locator('[data-field="family_name"]').getByText(PERSON.family, { exact: true }).waitFor();
      await shared.locator('[data-field="needs"]').getByText(en['nrm.immediate_needs.shelter'], { exact: true }).waitFor();
      await shared.locator(`[data-field="reflection_end"] time[datetime="${state.reflectionEnd}"]`).waitFor();
      assert.equal(await shared.locator('.identity-field').count(), 2, 'the identity fields are not labelled');
      assert.equal(await main().locator(`time[datetime="${PERSON.born}"]`).count(), 0, 'the date of birth was shown without being shared');
      assert.equal(await main().getByRole('link', { name: caseHeading(), exact: true }).count(), 0, 'a provider is sent to the case');
      const stored = await page().evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
      assert.ok(!stored.includes(PERSON.family), 'the shared identity was stored in the browser');
      await noWiderThanScreen('the service page');
      await checkAccessibility('a service with its shared fields');
      await screenshot('service-page-on-a-phone');
    }],

    ['NRM: the provider accepts the service, records its delivery, and then sees it is no longer shared', async () => {
      if (!state.caseFlow) return;
      await main().getByLabel(en['serviceView.note'], { exact: true }).fill('A room is ready from tonight.');
      await main().getByRole('button', { name: en['serviceView.accept'], exact: true }).click();
      await main().locator('.status.success').getByText(en['serviceView.accepted'], { exact: true }).waitFor();
      await main().locator('[data-service-status="accepted"]').waitFor();
      await main().locator('[data-shared="open"]').getByText(PERSON.family, { exact: true }).waitFor();
      await main().getByLabel(en['serviceView.note'], { exact: true }).fill('Stayed six weeks; moved to supported housing.');
      await main().getByRole('button', { name: en['serviceView.recordDelivery'], exact: true }).click();
      await main().locator('.status.success').getByText(en['serviceView.delivered'], { exact: true }).waitFor();
      const closed = main().locator('[data-shared="none"]');
      await closed.getByText(en['serviceView.noLongerShared'], { exact: true }).waitFor();
      assert.equal(await main().getByText(PERSON.family).count(), 0, 'the identity stays on the page of a closed service');
      await checkAccessibility('a service no longer shared');
      // The server agrees: read again, nothing is shared.
      await page().reload();
      await main().locator('[data-shared="none"]').waitFor();
      await main().locator('[data-service-status="delivered"]').waitFor();
      assert.equal(await main().getByText(PERSON.given, { exact: true }).count(), 0);
      assert.equal(await main().getByRole('button', { name: en['serviceView.recordDelivery'], exact: true }).count(), 0);
      await page().setViewportSize(DESKTOP);
    }],

    ['NRM: the case page shows the service delivered and names people and organisations', async () => {
      if (!state.caseFlow) return;
      await signInAgain(users.caseWorker);
      await openCase();
      const item = planItem(state.serviceId);
      await item.getByText(en['service.status.delivered'], { exact: true }).waitFor();
      await item.getByText(PROVIDER_ORG, { exact: true }).waitFor();
      await item.getByText(en['plan.providerSaw'], { exact: true }).waitFor();
      assert.equal(await item.getByRole('button', { name: en['plan.withdraw'], exact: true }).count(), 0, 'a delivered service can be withdrawn');
      assert.equal(await main().locator('.deadline[data-deadline="service-answer"]').count(), 0, 'the answered service is still awaited');
      const decisions = main().locator('table').filter({ hasText: en['nrm.decision_kinds.reasonable_grounds'] });
      await decisions.getByText(users.decisionMaker.name, { exact: true }).waitFor();
      const summary = main().locator('.card').filter({ has: page().getByRole('heading', { name: en['case.summary'], exact: true }) });
      await summary.getByText(users.decisionMaker.name, { exact: true }).waitFor();
      await summary.getByText('City Police Department', { exact: true }).waitFor();
      for (const part of [decisions, summary]) {
        assert.ok(!(await part.textContent()).includes(en['case.user'].replace(' {id}', '')), 'a person is shown by number');
      }
      // The provider's staff are not in the directory: their organisation names them.
      const delivery = main().locator('.timeline li[data-kind="service_delivery"]');
      await delivery.getByText(PROVIDER_ORG, { exact: false }).first().waitFor();
      await delivery.getByText('Stayed six weeks; moved to supported housing.', { exact: true }).waitFor();
      await checkAccessibility('case page with its assistance plan');
      await screenshot('case-page-with-assistance-plan');
    }],

    ['NRM: a decision maker shares more on a lawful ground, then withdraws that service', async () => {
      if (!state.caseFlow) return;
      await signInAgain(users.decisionMaker);
      await openCase();
      const form = serviceForm();
      await form.locator('summary').click();
      await form.getByLabel(en['serviceForm.type'], { exact: true }).selectOption('interpretation');
      assert.deepEqual((await sharingChoice()).ticked, ['language']);
      await form.getByLabel(en['serviceForm.provider'], { exact: true }).selectOption({ label: PROVIDER_ORG });
      await form.getByLabel(identityOption('given_name'), { exact: true }).check();
      const ground = form.getByLabel(en['serviceForm.ground'], { exact: true });
      await ground.waitFor();
      assert.ok(await ground.evaluate((area) => area.required), 'the lawful ground is not required');
      await form.locator('[data-covered="lawful-ground"]').getByText(en['serviceForm.groundNeeded'], { exact: true }).waitFor();
      await ground.fill('The interpreter must address the person by name at the hearing of 3 March (court order 12/2025).');
      await form.getByRole('button', { name: en['serviceForm.submit'], exact: true }).click();
      await form.locator('.status.success').waitFor();
      const added = (await caseJson()).services.find((service) => service.type === 'interpretation');
      assert.ok(added?.lawful_ground_recorded, 'no lawful ground was recorded');
      assert.deepEqual(added.shared_fields, ['given_name', 'language']);
      const item = planItem(added.service_id);
      await item.getByText(en['plan.onLawfulGround'], { exact: true }).waitFor();
      await item.getByRole('button', { name: en['plan.withdraw'], exact: true }).click();
      await item.getByLabel(en['plan.withdrawNote'], { exact: true }).fill('The hearing was postponed.');
      await item.getByRole('button', { name: en['plan.withdrawConfirm'], exact: true }).click();
      await main().locator('.plan .status.success').waitFor();
      await planItem(added.service_id).getByText(en['service.status.withdrawn'], { exact: true }).waitFor();
      assert.equal(await page().evaluate(() => document.activeElement?.id), 'plan-heading', 'focus is lost after withdrawing');
    }],

    ['NRM: the shelter declares its places, and a decision maker referring a shelter sees how many are free', async () => {
      if (!state.caseFlow) return;
      await signInAgain(users.provider);
      await page().goto(`${env.baseUrl}/#/services`);
      await expectHeading(en['services.title']);
      const shelterCard = main().locator('.card').filter({ has: page().getByRole('heading', { name: en['shelter.title'], exact: true }) });
      await shelterCard.locator('[data-shelter]').waitFor();
      await shelterCard.getByLabel(en['shelter.places'], { exact: true }).fill('4');
      await shelterCard.getByRole('button', { name: en['shelter.submit'], exact: true }).click();
      await shelterCard.locator('.status.success').getByText(en['shelter.saved'], { exact: true }).waitFor();
      const shelters = await page().evaluate(async () => (await fetch('/api/v1/shelters', { headers: { Accept: 'application/json' } })).json());
      const own = shelters.items.find((shelter) => shelter.name === PROVIDER_ORG);
      assert.equal(own?.places, 4, 'the places were not declared');
      const occupancy = en['shelter.occupancy'].replace('{occupied}', own.occupied).replace('{places}', 4).replace('{free}', own.free);
      await shelterCard.locator('[data-shelter="declared"]').getByText(occupancy, { exact: true }).waitFor();
      await checkAccessibility('services with the shelter places');

      await signInAgain(users.decisionMaker);
      await openCase();
      const form = serviceForm();
      await form.locator('summary').click();
      await form.getByLabel(en['serviceForm.type'], { exact: true }).selectOption('shelter');
      const free = en['shelter.freeAt'].replace('{name}', PROVIDER_ORG).replace('{free}', own.free).replace('{places}', 4);
      await form.locator('[data-shelter-room]').getByText(free, { exact: true }).waitFor();
      await form.getByLabel(en['serviceForm.type'], { exact: true }).selectOption('medical');
      assert.equal(await form.locator('[data-shelter-room]').isVisible(), false, 'shelter places are shown for another service');
      await form.locator('summary').click();
    }],

    ['NRM: a decision maker gives themself a task; it is on their desk and is marked done from the case', async () => {
      if (!state.caseFlow) return;
      const form = main().locator('details[data-action="task"]');
      await form.locator('summary').click();
      await form.getByLabel(en['tasks.what'], { exact: true }).fill('Ask the labour inspectorate for the employer\'s records');
      const owner = form.getByLabel(en['tasks.owner'], { exact: true });
      const mine = (await owner.locator('option').allTextContents()).find((label) => label.includes(users.decisionMaker.name));
      assert.ok(mine, 'the decision maker is not offered as the task\'s owner');
      await owner.selectOption({ label: mine });
      // Two days away: within the default warning of three days, so due soon.
      const due = daysAgo(-2);
      await form.getByLabel(en['tasks.dueOn'], { exact: true }).fill(due);
      await form.getByRole('button', { name: en['tasks.submit'], exact: true }).click();
      await form.locator('.status.success').waitFor();
      const tasks = main().locator('.card').filter({ has: page().getByRole('heading', { name: en['tasks.title'], exact: true }) });
      const task = tasks.locator('li.task').filter({ hasText: 'Ask the labour inspectorate' });
      await task.locator(`time[datetime="${due}"]`).waitFor();
      await task.getByText(en['deadline.status.due_soon'], { exact: true }).waitFor();
      // The home page alerts the decision maker, and leads to the desk.
      await page().goto(`${env.baseUrl}/#/`);
      await main().locator('[data-alert="due_soon"]').waitFor();
      await checkAccessibility('home page with deadline alerts');
      await main().getByRole('link', { name: en['home.alerts.open'], exact: true }).click();
      await expectRoute('/my-cases');
      const desk = main().locator('.card').filter({ has: page().getByRole('heading', { name: en['myTasks.title'], exact: true }) });
      await desk.locator('li.task').filter({ hasText: 'Ask the labour inspectorate' }).getByRole('link', { name: caseHeading(), exact: true }).waitFor();
      await checkAccessibility('my cases with my tasks');
      await openCase();
      await main().locator('li.task').filter({ hasText: 'Ask the labour inspectorate' }).getByRole('button', { name: en['tasks.markDone'], exact: true }).click();
      await main().locator('li.task.task-met').filter({ hasText: 'Ask the labour inspectorate' }).waitFor();
      assert.equal((await caseJson()).tasks.filter((entry) => !entry.done).length, 0, 'the task is still open on the server');
    }],

    ['NRM: legal steps, an unsafe return refused, a voluntary return and a follow-up that finds re-trafficking', async () => {
      if (!state.caseFlow) return;
      const steps = main().locator('details[data-action="legal-step"]');
      await steps.locator('summary').click();
      await steps.getByLabel(en['protection.stepKind'], { exact: true }).selectOption('compensation_court');
      await steps.getByLabel(en['protection.stepOutcome'], { exact: true }).selectOption('applied');
      await steps.getByLabel(en['protection.amount'], { exact: true }).fill('1250.50');
      assert.equal(await steps.locator('fieldset[data-field="refoulement_risk"]').isVisible(), false, 'the non-refoulement question is asked for compensation');
      await steps.getByRole('button', { name: en['protection.stepSubmit'], exact: true }).click();
      await steps.locator('.status.success').waitFor();
      const recorded = await caseJson();
      assert.deepEqual(recorded.legal_steps.map((step) => [step.kind, step.outcome, step.amount]), [['compensation_court', 'applied', 125050]]);
      const protection = main().locator('.card').filter({ has: page().getByRole('heading', { name: en['protection.title'], exact: true }) });
      await protection.getByText(en['nrm.legal_step_kinds.compensation_court'], { exact: true }).waitFor();
      await protection.getByText('1,250.50', { exact: true }).waitFor();

      const back = main().locator('details[data-action="return"]');
      await back.locator('summary').click();
      await back.getByLabel(en['protection.returnCountry'], { exact: true }).selectOption('RO');
      await back.getByLabel(en['protection.returnRisk'], { exact: true }).selectOption('high');
      await back.getByLabel(en['protection.receivingOrganisation'], { exact: true }).fill('Reintegration Centre Iasi');
      await back.getByLabel(en['protection.voluntary'], { exact: true }).check();
      const refused = page().waitForResponse((response) => response.url().endsWith(`/cases/${state.caseId}/return`));
      await back.getByRole('button', { name: en['protection.returnSubmit'], exact: true }).click();
      assert.equal((await refused).status(), 409, 'a return at high risk was not refused');
      await back.locator('.status.error').waitFor();
      assert.equal((await caseJson()).return, null, 'a refused return was recorded');
      await back.getByLabel(en['protection.returnRisk'], { exact: true }).selectOption('low');
      await back.getByRole('button', { name: en['protection.returnSubmit'], exact: true }).click();
      await protection.getByText('Reintegration Centre Iasi', { exact: true }).waitFor();
      assert.equal(await main().locator('details[data-action="return"]').isVisible(), false, 'a second return is offered');

      const follow = main().locator('details[data-action="follow-up"]');
      await follow.locator('summary').click();
      await follow.getByLabel(en['common.yes'], { exact: true }).check();
      await follow.getByLabel(en['protection.reTraffickedFound'], { exact: true }).check();
      await follow.getByRole('button', { name: en['protection.followUpSubmit'], exact: true }).click();
      await main().locator('[data-notice="re-trafficked"]').getByText(en['protection.reTraffickedNotice'], { exact: true }).waitFor();
      assert.equal((await caseJson()).re_trafficked, true, 'the server did not flag re-trafficking');
      await main().locator('.timeline li[data-kind="follow_up"]').getByText(en['timeline.kind.follow_up'], { exact: true }).waitFor();
      await checkAccessibility('case page with legal status and return');
      await screenshot('case-page-with-legal-status-and-return');
    }],

    ['NRM: the case page in Russian', async () => {
      if (!state.caseFlow) return;
      // In the header: the service form has a "Language" box too.
      const header = () => page().getByRole('banner');
      await header().getByLabel(en['header.language'], { exact: true }).selectOption('ru');
      await expectHeading(ru['case.number'].replace('{id}', String(state.caseId)));
      const plan = main().locator('.plan');
      await plan.getByRole('heading', { name: ru['plan.title'], exact: true }).waitFor();
      await planItem(state.serviceId).getByText(ru['service.status.delivered'], { exact: true }).waitFor();
      await planItem(state.serviceId).getByText(ru['nrm.service_types.shelter'], { exact: true }).waitFor();
      await main().locator('details[data-action="service"] summary').getByText(ru['serviceForm.title'], { exact: true }).waitFor();
      await main().getByRole('heading', { name: ru['reflection.title'], exact: true }).waitFor();
      await checkAccessibility('case page in Russian');
      await header().getByLabel(ru['header.language'], { exact: true }).selectOption('en');
      await expectHeading(caseHeading());
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
