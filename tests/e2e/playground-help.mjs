// Drives the Microsoft 365 Agents Playground's web UI in Debian's headless Chromium (playwright-core, no browser
// download): opens the personal chat, types "help", and waits for the bot's help card to render.
// Usage: node playground-help.mjs <playground url> <screenshot.png>
import { launch, openPlayground } from './chromium.mjs';

const [url, screenshot] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const send = await openPlayground(page, url);
  const card = await send('help', "Here's what I can do");
  const text = await card.innerText();
  if (!text.includes('988')) throw new Error('The help card rendered without the crisis line.');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('E2E OK: the help card rendered in the playground');
} finally {
  await browser.close();
}
