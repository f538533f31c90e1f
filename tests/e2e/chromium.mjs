// What every browser test here shares: Debian's chromium through playwright-core (never a downloaded browser),
// offline (only loopback is reachable), and the Agents Playground's chat, where a message is sent and its card waited for.
import { chromium } from 'playwright-core';

export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
         '--no-first-run', '--disable-component-update', '--disable-sync'],
});

/** Lets a page or a browser context reach loopback only (fonts and scripts from CDNs are not needed). */
export async function offline(target) {
  await target.route('**/*', route => ['127.0.0.1', 'localhost'].includes(new URL(route.request().url()).hostname) ? route.continue() : route.abort());
  return target;
}

/** Opens the Playground's chat in <page>; returns send(words, cardText, nth): the n-th card with that text, once it came. */
export async function openPlayground(page, url) {
  await offline(page);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const composer = page.locator('div[role=textbox][contenteditable=true]');
  await composer.waitFor({ timeout: 60_000 });
  const hideLog = page.locator('button[title="Hide log panel"]');
  if (await hideLog.count()) await hideLog.first().click(); // its echo of messages would fool text checks
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  const cards = text => page.locator('.ac-adaptiveCard', { hasText: text });
  // The composer can show before the Playground has opened its conversation, and then Enter sends nothing (seen in
  // CI on a loaded machine): send again if no card came, rather than wait a minute for one.
  return async function send(words, cardText, nth = 1) {
    for (let attempt = 1; ; attempt++) {
      await composer.click();
      await composer.pressSequentially(words);
      await page.keyboard.press('Enter');
      try {
        await cards(cardText).nth(nth - 1).waitFor({ timeout: 20_000 });
        return cards(cardText).nth(nth - 1);
      } catch (error) {
        if (error.name !== 'TimeoutError' || attempt === 3 || await cards(cardText).count() >= nth) throw error;
        await composer.fill('').catch(() => {});
      }
    }
  };
}
