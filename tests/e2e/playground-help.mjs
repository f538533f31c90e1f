// Drives the Microsoft 365 Agents Playground's web UI in Debian's headless Chromium (playwright-core, no browser
// download): opens the personal chat, types "help", and waits for the bot's help card to render.
// Usage: node playground-help.mjs <playground url> <screenshot.png>
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
         '--no-first-run', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Offline: only the playground itself (fonts and scripts from CDNs are not needed).
  await page.route('**/*', route => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  const hideLog = page.locator('button[title="Hide log panel"]');
  if (await hideLog.count()) await hideLog.first().click(); // its echo of messages would fool text checks

  const composer = page.locator('div[role=textbox][contenteditable=true]');
  await composer.waitFor({ timeout: 60_000 });
  // The composer can show before the playground has opened its conversation, and then Enter sends nothing (seen
  // once in CI on a loaded machine): send again if no card came, rather than wait a minute for one.
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  const card = page.locator('.ac-adaptiveCard', { hasText: "Here's what I can do" });
  for (let attempt = 1; ; attempt++) {
    await composer.click();
    await composer.pressSequentially('help');
    await page.keyboard.press('Enter');
    try {
      await card.first().waitFor({ timeout: 20_000 });
      break;
    } catch (error) {
      if (error.name !== 'TimeoutError' || attempt === 3) throw error;
      await composer.fill('').catch(() => {});
    }
  }
  const text = await card.first().innerText();
  if (!text.includes('988')) throw new Error('The help card rendered without the crisis line.');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('E2E OK: the help card rendered in the playground');
} finally {
  await browser.close();
}
