// A coordinator's errands in the console, in Debian's headless Chromium (playwright-core, no browser download):
// anonymous visits are sent to sign-in, a resident gets the 403 page, the coordinator changes WellConnect's phone
// number and then sees it in the bot's answer in the Agents Playground, hides a shout-out and downloads the slides.
// Usage: node console-flows.mjs <bot url> <playground url> <folder for the slides and screenshots>
// Prints one JSON line with what it saw; the C# test judges it (and opens the slides).
import { launch, offline, openPlayground } from './chromium.mjs';
import path from 'node:path';

const [base, playground, out] = process.argv.slice(2);
const newPhone = '617-555-0142';
const browser = await launch();
const seen = { anonymous: [], resident: {}, phone: {}, hide: {} };
try {
  // 1. Nobody signed in: every console address leads to the sign-in page.
  const anonymous = await (await offline(await browser.newContext())).newPage();
  for (const address of ['/console', '/console/digest', '/console/digest/print', '/console/resources', '/console/resources/edit?id=wellconnect',
                         '/console/supporters', '/console/support', '/console/kudos']) {
    await anonymous.goto(base + address, { waitUntil: 'load' });
    seen.anonymous.push({ address, landed: new URL(anonymous.url()).pathname, heading: await anonymous.locator('h1').innerText() });
  }

  // 2. A resident signs in: the polite 403.
  const resident = await (await offline(await browser.newContext())).newPage();
  await resident.goto(base + '/console', { waitUntil: 'load' });
  const [answer] = await Promise.all([
    resident.waitForResponse(r => new URL(r.url()).pathname.startsWith('/console/forbidden') || r.status() === 403),
    resident.getByText('Ana Resident', { exact: true }).click(),
  ]);
  seen.resident = { status: answer.status(), heading: await resident.locator('h1').innerText() };

  // 3. The coordinator changes WellConnect's phone number…
  const console_ = await (await offline(await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true }))).newPage();
  await console_.goto(base + '/console', { waitUntil: 'load' });
  await console_.getByText('Eli Coordinator', { exact: true }).click();
  await console_.waitForURL(u => u.pathname === '/console');
  await console_.goto(base + '/console/resources/edit?id=wellconnect', { waitUntil: 'load' });
  await console_.locator('#phone-number-0').fill(newPhone);
  await console_.locator('#checked').check();
  await Promise.all([console_.waitForURL(u => u.pathname === '/console/resources'), console_.locator('form.resource button[type=submit]').first().click()]);
  seen.phone.said = new URL(console_.url()).searchParams.get('said');

  // …and a resident asking the bot in the Playground gets it at once.
  const chat = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const send = await openPlayground(chat, playground);
  const card = await send('resources childcare', newPhone);
  seen.phone.inBot = (await card.innerText()).includes('WellConnect');
  await chat.screenshot({ path: path.join(out, 'playground-new-phone.png') });

  // 4. The coordinator hides one shout-out from the breakfast and downloads the slides.
  await console_.goto(base + '/console/digest', { waitUntil: 'load' });
  const item = console_.locator('ol.readaloud ul > li', { hasText: 'marker-to-hide' }).first();
  await item.locator('summary').click();
  await item.locator('input[name=Reason]').fill('asked not to be read aloud');
  await Promise.all([console_.waitForURL(u => u.searchParams.get('said') === 'hidden'), item.getByRole('button', { name: 'Hide' }).click()]);
  seen.hide.note = await console_.locator('.hidden-note').first().innerText();
  const [download] = await Promise.all([console_.waitForEvent('download'), console_.locator('a[href$="slides.pptx"]').first().click()]);
  seen.hide.file = path.join(out, 'slides.pptx');
  await download.saveAs(seen.hide.file);
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
