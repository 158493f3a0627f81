// Browser test of the dashboard: headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core from npm) loads the page served by `casus serve`
// on a test database and checks that the timeline, the actor network and the
// event table show the data, that highlights mark the right words, and that
// filters travel in the URL. Saves a screenshot.
//
//   node tests/browser/dashboard_test.mjs --url http://127.0.0.1:PORT/ --screenshot out.png
// (tests/browser/run.sh builds the database and starts the server.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const base = args.url;
const shot = args.screenshot || 'dashboard.png';
if (!base) {
  console.error('usage: dashboard_test.mjs --url URL [--screenshot FILE]');
  process.exit(2);
}

// playwright-core comes from web/node_modules (npm ci in web/).
const webDir = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'web');
const require = createRequire(join(webDir, 'package.json'));
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error(`FAIL: playwright-core is not installed in ${webDir}: run "npm ci" there (scripts/build-web.sh)`);
  process.exit(1);
}

// Waits until the page has loaded its data (or failed). A selector, not a
// polled function: the page's Content-Security-Policy forbids eval.
async function settled(page) {
  await page.waitForSelector('body[data-state=ready], body[data-state=error]', { timeout: 20000 });
}

let failures = 0;
let passes = 0;
function check(cond, what) {
  if (cond) { passes++; console.log(`ok   ${what}`); } else { failures++; console.log(`FAIL ${what}`); }
}

const profile = mkdtempSync(join(tmpdir(), 'casus-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CASUS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 1100 },
  });
} catch (e) {
  console.error(`FAIL: cannot launch Chromium: ${e.message}`);
  rmSync(profile, { recursive: true, force: true });
  process.exit(1);
}

try {
  const page = context.pages()[0] || await context.newPage();
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));

  // 1. The whole store.
  await page.goto(base, { waitUntil: 'load' });
  await settled(page);
  check(await page.evaluate(() => document.body.dataset.state) === 'ready', 'dashboard loads without an API error');
  const s = await page.evaluate(() => ({
    points: window.casusDashboard.timelinePoints,
    datasets: window.casusDashboard.timeline?.data.datasets.length,
    drawn: window.casusDashboard.timeline?.data.datasets[0].data.length,
    nodes: window.casusDashboard.graphNodes,
    cyNodes: window.casusDashboard.network?.nodes().length,
    cyEdges: window.casusDashboard.network?.edges().length,
    rows: document.querySelectorAll('#events tbody tr').length,
    marks: [...document.querySelectorAll('#events tbody mark')].map(m => [m.className, m.textContent]),
    summary: document.getElementById('summary').textContent,
  }));
  check(s.points >= 5 && s.drawn === s.points && s.datasets === 3, `timeline has ${s.points} periods with coop, conflict and Goldstein series`);
  check(s.cyNodes >= 5 && s.cyNodes === s.nodes && s.cyEdges >= 5, `network shows ${s.cyNodes} actors and ${s.cyEdges} edges`);
  check(s.rows === 20, `event table lists the 20 mentions (got ${s.rows})`);
  check(/12 articles/.test(s.summary), `summary counts the articles (${s.summary})`);
  const has = (cls, text) => s.marks.some(([c, t]) => c === cls && t === text);
  check(has('hl-source', 'Gondorian army') && has('hl-target', 'Mordor') && has('hl-trigger', 'attacked'),
    'evidence highlights source, target and trigger');
  // UTF-8: "Éomer's Rohirrim praised Gondor" has a two-byte letter before the spans.
  check(has('hl-source', 'Rohirrim') && has('hl-trigger', 'praised'), 'highlights are right after non-ASCII text');
  const box = await page.locator('#network canvas').first().boundingBox();
  check(box && box.width > 100 && box.height > 100, 'network canvas is drawn');
  const chartBox = await page.locator('#timeline').boundingBox();
  check(chartBox && chartBox.width > 200 && chartBox.height > 100, 'timeline canvas is drawn');

  // 2. Filters in the URL: a dyad by week, deduplicated.
  await page.goto(`${base}?source=GONMIL&target=MOR&by=week&dedup=1`, { waitUntil: 'load' });
  await settled(page);
  const f = await page.evaluate(() => ({
    state: document.body.dataset.state,
    source: document.querySelector('input[name=source]').value,
    by: document.querySelector('select[name=by]').value,
    dedup: document.querySelector('input[name=dedup]').checked,
    rows: [...document.querySelectorAll('#events tbody tr')].map(tr => [...tr.cells].map(td => td.textContent)),
    labels: window.casusDashboard.timeline.data.labels,
  }));
  check(f.state === 'ready' && f.source === 'GONMIL' && f.by === 'week' && f.dedup, 'filters are read back from the URL into the form');
  check(f.rows.length === 2 && f.rows.every(r => r[1] === 'GONMIL' && r[2] === 'MOR'), `dyad filter gives 2 deduplicated events (got ${f.rows.length})`);
  check(f.rows.some(r => r[5] === '3 / 2 / 3'), 'deduplicated event shows 3 mentions / 2 sources / 3 articles');
  check(JSON.stringify(f.labels) === JSON.stringify(['2025-02-24', '2025-03-31']), `weekly timeline periods ${JSON.stringify(f.labels)}`);

  // 3. Applying a filter from the form updates the URL (a shareable view).
  await page.fill('input[name=source]', '');
  await page.fill('input[name=target]', '');
  await page.uncheck('input[name=dedup]');
  await page.selectOption('select[name=by]', 'day');
  await page.fill('input[name=text]', 'praised');
  await page.click('button[type=submit]');
  await page.waitForURL(/text=praised/, { timeout: 20000 });
  await settled(page);
  const t = await page.evaluate(() => ({ url: location.search, rows: document.querySelectorAll('#events tbody tr').length }));
  check(t.url.includes('text=praised') && t.rows === 4, `full-text filter from the form: ${t.url} gives ${t.rows} rows`);

  // Back to the full view for the screenshot.
  await page.goto(`${base}?by=week`, { waitUntil: 'load' });
  await settled(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
  check(consoleErrors.length === 0, `no errors in the browser console ${consoleErrors.join(' | ')}`);
} catch (e) {
  failures++;
  console.log(`FAIL ${e.stack || e}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
