// End-to-end steps of the hotline, run by tests/e2e.mjs against the same server and browser:
// a visitor on a phone-width screen reports a suspected case without an account (the draft
// survives a reload, moving between the report pages adds no history entry), gets a follow-up
// code and passphrase; a report sent while the server is unavailable is kept and sent again by
// itself; the follow-up page shows the thread with the reporter's text as text, never markup;
// the quick exit leaves for a neutral site and "back" does not return to the report; a hotline
// operator finds the report in the console, flags urgent danger (the configured instruction
// shows), replies, and refers it to the NRM; the reporter reads the reply. axe-core checks the
// pages.
import assert from 'node:assert/strict';

const PASSWORD = 'Temporary-Pass-2024';
const OWN_PASSWORD = 'Quiet-River-Lantern-77';
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const NEUTRAL_SITE = 'https://www.google.com/';
const MARKUP = '<img src=x data-injected="yes">';
const REPORT_TEXT = `Three women sleep in the back of the nail salon and never go out. ${MARKUP}`;
const OUTAGE_TEXT = 'Boys selling flowers at the crossing every night, an adult collects the money.';
const REPLY = 'Thank you. Is the salon still open now?';
const DRAFT_KEY = 'lifeline.hotline.draft.report';

/** A small JPEG whose EXIF says where it was taken. */
function photoWithLocation() {
  const segment = (marker, payload) => {
    const body = Buffer.from(payload, 'latin1');
    return Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
    segment(0xe1, 'Exif\0\0GPSLatitude 47.0105N'),
    segment(0xda, '\x01\x01\0\0\x3f\0'),
    Buffer.from([0x12, 0xff, 0xd9]),
  ]);
}

export function hotlineSteps(kit) {
  const { env, en, runCli, signIn, expectRoute, expectHeading, checkAccessibility } = kit;
  const operator = { username: 'operator.lindqvist', name: 'Sara Lindqvist' };
  const state = { code: '', passphrase: '' };
  const page = () => env.page;
  const main = () => page().locator('main');
  const label = (key) => page().getByLabel(en[key], { exact: true });
  const button = (key) => page().getByRole('button', { name: en[key], exact: true });

  async function noWiderThanScreen(what) {
    const overflow = await page().evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`);
  }

  async function signOutIfSignedIn() {
    const signOut = page().getByRole('button', { name: en['header.signOut'], exact: true });
    if (await signOut.count()) {
      await signOut.click();
      await expectRoute('/login');
    }
  }

  async function readSecrets() {
    const code = (await main().locator('[data-code]').textContent()) ?? '';
    const passphrase = (await main().locator('[data-passphrase]').textContent()) ?? '';
    assert.match(code, /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    assert.ok(passphrase.length >= 20);
    return { code, passphrase };
  }

  async function openThread(code, passphrase) {
    await label('hotline.code').fill(code);
    await label('hotline.passphrase').fill(passphrase);
    await button('hotline.open').click();
    await main().locator('.thread, .muted').first().waitFor();
  }

  return [
    ['hotline: a visitor on a phone reports a suspected case without an account, and no history entry is added', async () => {
      await signOutIfSignedIn();
      await page().setViewportSize(PHONE);
      await page().goto(`${env.baseUrl}/#/login`);
      await expectHeading(en['login.title']);
      const before = await page().evaluate(() => window.history.length);
      await page().getByRole('link', { name: en['nav.report'], exact: true }).click();
      await expectRoute('/report');
      await expectHeading(en['hotline.reportTitle']);
      assert.equal(await page().evaluate(() => window.history.length), before, 'the report page replaced the history entry');
      await label('hotline.what').fill(REPORT_TEXT);
      await label('hotline.where').fill('Nail salon on Market Street');
      await page().getByLabel(en['nrm.exploitation_types.forced_labour'], { exact: true }).check();
      // What is typed is kept in this tab: a reload brings it back.
      assert.ok((await page().evaluate((key) => window.sessionStorage.getItem(key) ?? '', DRAFT_KEY)).includes('nail salon'));
      await page().reload();
      await expectHeading(en['hotline.reportTitle']);
      assert.equal(await label('hotline.what').inputValue(), REPORT_TEXT);
      await noWiderThanScreen('the report form');
      await checkAccessibility('hotline report form');
      await button('hotline.send').click();
      await main().locator('[data-code]').waitFor();
      Object.assign(state, await readSecrets());
      assert.equal(await page().evaluate((key) => window.sessionStorage.getItem(key), DRAFT_KEY), null, 'the draft is gone once sent');
      await noWiderThanScreen('the code and passphrase');
    }],

    ['hotline: a report sent while the server is unavailable is kept and sent again by itself', async () => {
      await page().getByRole('link', { name: en['hotline.followUpLink'], exact: true }).first().click();
      await expectHeading(en['hotline.followUpTitle']);
      await page().getByRole('link', { name: en['hotline.toReport'], exact: true }).click();
      await expectHeading(en['hotline.reportTitle']);
      let refused = 0;
      await page().route('**/api/v1/public/reports', async (route) => {
        if (route.request().method() === 'POST' && refused === 0) {
          refused += 1;
          await route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"type":"urn:lifeline:problem:unavailable","title":"Service unavailable","status":503}' });
          return;
        }
        await route.continue();
      });
      await label('hotline.what').fill(OUTAGE_TEXT);
      await button('hotline.send').click();
      await main().getByText(en['hotline.retrying'].replace('{seconds}', '10')).waitFor();
      assert.ok((await page().evaluate((key) => window.sessionStorage.getItem(key) ?? '', DRAFT_KEY)).includes('flowers'));
      await main().locator('[data-code]').waitFor({ timeout: 20_000 });
      assert.equal(refused, 1);
      await page().unroute('**/api/v1/public/reports');
      // The browser reported the simulated outage's 503 on its console; that one is expected.
      const expected = (problem) => problem.includes('status of 503');
      env.pageProblems.splice(0, env.pageProblems.length, ...env.pageProblems.filter((problem) => !expected(problem)));
    }],

    ['hotline: the follow-up page shows the thread, the reporter\'s text as text', async () => {
      await page().goto(`${env.baseUrl}/#/follow-up`);
      await expectHeading(en['hotline.followUpTitle']);
      await openThread(state.code.toLowerCase(), state.passphrase);
      await main().getByText(REPORT_TEXT, { exact: true }).waitFor();
      assert.equal(await main().locator('[data-injected]').count(), 0, 'the reporter\'s markup is not rendered');
      await checkAccessibility('hotline follow-up');
      await label('hotline.addMessage').fill('They are moved at 6 in the morning.');
      await button('hotline.send').click();
      await main().getByText('They are moved at 6 in the morning.', { exact: true }).waitFor();
      await label('hotline.photo').setInputFiles({ name: 'salon.jpg', mimeType: 'image/jpeg', buffer: photoWithLocation() });
      await button('hotline.addPhoto').click();
      await main().getByText(en['hotline.photos'].replace('{count}', '1'), { exact: true }).waitFor();
      await noWiderThanScreen('the thread');
    }],

    ['hotline: the quick exit leaves for a neutral site and "back" does not return to the report', async () => {
      await page().route(`${NEUTRAL_SITE}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Search</title><p>neutral</p>' }));
      await page().goto(`${env.baseUrl}/#/login`);
      await page().getByRole('link', { name: en['nav.report'], exact: true }).click();
      await expectHeading(en['hotline.reportTitle']);
      await label('hotline.what').fill('something I do not want seen');
      await button('hotline.quickExit').click();
      await page().waitForURL(NEUTRAL_SITE);
      await page().goBack();
      assert.ok(!page().url().includes('#/report'), `back led to ${page().url()}`);
      await page().unroute(`${NEUTRAL_SITE}**`);
    }],

    ['hotline: an operator finds the report, flags urgent danger, replies and refers it to the NRM', async () => {
      const org = await runCli(['org', 'add', '--name', 'National Hotline', '--type', 'hotline']);
      await runCli(['user', 'add', '--org', org, '--username', operator.username, '--role', 'hotline_operator', '--password-stdin'], `${PASSWORD}\n`);
      await page().setViewportSize(DESKTOP);
      await page().goto(`${env.baseUrl}/#/login`);
      await expectHeading(en['login.title']);
      assert.equal((await signIn(operator.username, PASSWORD)).status(), 200);
      await expectRoute('/password');
      await label('password.current').fill(PASSWORD);
      await label('password.new').fill(OWN_PASSWORD);
      await label('password.repeat').fill(OWN_PASSWORD);
      await button('password.submit').click();
      await expectRoute('/');
      await page().getByRole('navigation', { name: en['nav.label'], exact: true }).getByRole('link', { name: en['nav.hotline'], exact: true }).click();
      await expectHeading(en['console.title']);
      const rows = main().locator('table.data tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 2, 'both web reports are new');
      await checkAccessibility('hotline console');
      // The oldest report is the one with the thread; the queue shows the newest first.
      await rows.nth(1).getByRole('button').click();
      await main().getByText(REPORT_TEXT, { exact: true }).waitFor();
      assert.equal(await main().locator('[data-injected]').count(), 0);
      const photo = main().locator('[data-contact] .attachments a');
      assert.equal(await photo.count(), 1, 'the photograph is offered for download');
      const href = await photo.getAttribute('href');
      const bytes = await page().evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())), href);
      assert.equal(Buffer.from(bytes).subarray(0, 2).toString('hex'), 'ffd8');
      assert.ok(!Buffer.from(bytes).toString('latin1').includes('GPSLatitude'), 'the location was removed');

      const action = async (name) => {
        const details = main().locator(`[data-contact] details[data-action="${name}"]`);
        await details.locator('summary').click();
        return details;
      };
      const triage = await action('triage');
      await triage.getByLabel(en['console.urgentDanger'], { exact: true }).check();
      await triage.locator('button[type="submit"]').click();
      await main().locator('[data-contact] [role="alert"]').waitFor();

      const reply = await action('messages');
      await reply.getByLabel(en['console.reply'], { exact: true }).fill(REPLY);
      await reply.locator('button[type="submit"]').click();
      await main().getByText(REPLY, { exact: true }).waitFor();

      const refer = await action('referral');
      await refer.locator('button[type="submit"]').click();
      await main().getByText(/Referred: case \d+/).waitFor();
      await checkAccessibility('hotline contact');
    }],

    ['hotline: the reporter reads the operator\'s reply with the code and passphrase', async () => {
      await page().getByRole('button', { name: en['header.signOut'], exact: true }).click();
      await expectRoute('/login');
      await page().goto(`${env.baseUrl}/#/follow-up`);
      await openThread(state.code, state.passphrase);
      await main().getByText(REPLY, { exact: true }).waitFor();
    }],
  ];
}
