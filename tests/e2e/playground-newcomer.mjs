// What a newcomer sees in the first ten minutes, in the Microsoft 365 Agents Playground's web UI, driven in Debian's
// headless Chromium (playwright-core, no browser download). As Ana, a resident: "help" lists only what a resident may
// use; once the test has put her on the H3 roster (it prints WAITING and waits for a line on stdin), "help" adds the
// supporters' commands. The kudos and support forms say each toggle once. Every card "resources childcare" brings
// offers a next step, and says why in words, not the finder's stem. Screenshots of the help card and the kudos form.
// Usage: node playground-newcomer.mjs <playground url> <help.png> <kudos-form.png>
import { launch, openPlayground } from './chromium.mjs';
import { createInterface } from 'node:readline';

const [url, helpShot, kudosShot] = process.argv.slice(2);
const stdin = createInterface({ input: process.stdin });
const lines = stdin[Symbol.asyncIterator]();
const fail = message => { throw new Error(message); };
const count = (text, words) => text.split(words).length - 1;

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  // Sends words and waits for the n-th card with the given text (n counted over the whole chat).
  const send = await openPlayground(page, url);

  // 1. Help, as a resident: kudos, support, resources, help; nobody else's commands.
  const help = await send('help', "Here's what I can do");
  const residentHelp = await help.innerText();
  for (const command of ['kudos', 'support', 'resources', 'help', '988'])
    if (!residentHelp.includes(command)) fail(`The resident's help card lacks "${command}".`);
  for (const other of ['h3', 'available', 'digest', 'resources status'])
    if (residentHelp.includes(other)) fail(`The resident's help card shows "${other}", which residents cannot use.`);
  await help.screenshot({ path: helpShot });

  // 2. Help, as a peer supporter: the test puts Ana on the roster, then the supporters' commands appear (not the coordinators').
  console.log('WAITING supporter');
  await lines.next();
  const supporterHelp = await (await send('help', "Here's what I can do", 2)).innerText();
  if (!supporterHelp.includes('available') || !supporterHelp.includes('h3 requests')) fail("The supporter's help card lacks their commands.");
  if (supporterHelp.includes('h3 roster') || supporterHelp.includes('digest')) fail("The supporter's help card shows coordinators' commands.");

  // 3. The kudos form: each toggle's words once.
  const kudos = await send('kudos', 'Give kudos');
  await kudos.locator('input[type=checkbox]').first().waitFor();
  const kudosText = await kudos.innerText();
  for (const toggle of ['Include me: highlight something I did', 'Anonymous in the digest', 'Just tell them: no shout-out in this channel',
                        'Not for the breakfast: keep it out of the digest'])
    if (count(kudosText, toggle) !== 1) fail(`The kudos form says "${toggle}" ${count(kudosText, toggle)} times.`);
  if (await kudos.locator('input[type=checkbox]').count() !== 4) fail('The kudos form does not show its four toggles.');
  await kudos.screenshot({ path: kudosShot });

  // 4. The support form: its urgent toggle once.
  const support = await send('support', 'Talk to a peer supporter');
  const supportText = await support.innerText();
  const urgent = "This is urgent: I'd like someone to reach out as soon as possible";
  if (count(supportText, urgent) !== 1) fail(`The support form says its urgent toggle ${count(supportText, urgent)} times.`);

  // 5. Resources: every card offers a next step, and never shows the finder's stem.
  await send('resources childcare', 'Why this');
  await page.waitForTimeout(1500); // the other matches' cards, if any, arrive just after
  const resourceCards = page.locator('.ac-adaptiveCard', { hasText: 'Cost' });
  const n = await resourceCards.count();
  if (n === 0) fail('"resources childcare" showed no resource card.');
  for (let i = 0; i < n; i++) {
    const card = resourceCards.nth(i);
    const text = await card.innerText();
    const buttons = await card.locator('button, a[href], .ac-pushButton').count();
    if (buttons === 0 && !text.includes('Ask the wellness office') && !/type \S+ here/.test(text))
      fail(`A resource card offers nothing to act on: ${text.slice(0, 120)}`);
    if (/childcar(?!e)/.test(text)) fail(`A resource card shows the finder's stem: ${text.slice(0, 200)}`);
  }
  const first = await resourceCards.first().innerText();
  if (!first.includes('WellConnect') || !first.includes('Ask the wellness office')) fail(`WellConnect (no link yet) does not send people to the wellness office: ${first.slice(0, 300)}`);
  console.log(`E2E OK: role-specific help, single-label toggles, and ${n} resource card(s) each with a next step`);
} finally {
  stdin.close(); // else node waits on stdin for ever
  await browser.close();
}
