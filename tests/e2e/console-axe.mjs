// Walks the coordinators' console in Debian's headless Chromium (playwright-core, no browser download): signs in
// locally as the coordinator, opens each page, checks it with axe-core against WCAG 2.1 A and AA, checks the
// keyboard reaches the skip link first and focus is visible, and takes a screenshot of each page.
// Usage: node console-axe.mjs <bot url> <screenshot folder>. Prints one JSON line: the pages and their violations.
import { launch, offline } from './chromium.mjs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [base, shots] = process.argv.slice(2);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const browser = await launch();
const results = [];
try {
  // The console's CSP allows no script at all; only this test's own axe is let past it.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await offline(await context.newPage());

  const check = async (name) => {
    await page.addScriptTag({ path: axePath });
    const axe = await page.evaluate(async () => await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), outline: getComputedStyle(document.activeElement).outlineStyle }));
    results.push({ name, url: page.url(), title: await page.title(), firstTab: first, violations: axe.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) })) });
  };

  await page.goto(base + '/console', { waitUntil: 'load' });
  await check('signin');
  await page.getByText('Eli Coordinator', { exact: true }).click();
  await page.waitForURL(u => u.pathname === '/console');
  await check('overview');
  await page.goto(base + '/console/digest', { waitUntil: 'load' });
  await page.evaluate(() => { const d = document.querySelector('details'); if (d) d.open = true; }); // a kudos' hide form, open (focus left at the top)
  await check('digest');
  await page.goto(base + '/console/digest/print', { waitUntil: 'load' });
  await check('print');
  await page.goto(base + '/console/resources', { waitUntil: 'load' });
  await check('resources');
  await page.goto(base + '/console/resources/edit?id=wellconnect', { waitUntil: 'load' });
  await check('resource-edit');
  await page.goto(base + '/console/resources/office', { waitUntil: 'load' });
  await check('office');
  await page.goto(base + '/console/resources/import', { waitUntil: 'load' });
  await check('import');
  await page.goto(base + '/console/supporters', { waitUntil: 'load' });
  await check('supporters');
  await page.goto(base + '/console/support', { waitUntil: 'load' });
  await check('support');
  await page.goto(base + '/console/kudos', { waitUntil: 'load' });
  await check('kudos');
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
