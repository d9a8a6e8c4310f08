#!/usr/bin/env node
// Browser test of `storyloom serve`'s web page: Debian's chromium driven by
// playwright-core (no browser download). Ingests the test corpus
// (tests/serve/data/flood.jsonl: one flood in four languages, a copy, and an
// article carrying <script>), starts the server on a free port, then opens the
// stories list, a story, a timeline entry and its source, saving screenshots.
// Skips (exit 77, which ctest reports as skipped) when chromium or
// playwright-core is absent.
//
//   node tests/browser/serve_browser_test.js BUILD/storyloom BUILD/screenshots
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {spawn, spawnSync} = require('child_process');

const binary = process.argv[2];
const shotsDir = process.argv[3] || path.join(process.cwd(), 'screenshots');
const repo = path.resolve(__dirname, '..', '..');
const chromiumPath = process.env.STORYLOOM_CHROMIUM || '/usr/bin/chromium';

function skip(why) {
  console.log('skipped: ' + why);
  process.exit(77);
}

function loadPlaywright() {
  for (const base of [__dirname, repo]) {
    try {
      return require(require.resolve('playwright-core', {paths: [base]}));
    } catch (e) { /* try the next */ }
  }
  return null;
}

if (!binary || !fs.existsSync(binary)) {
  console.error('usage: serve_browser_test.js STORYLOOM_BINARY [SCREENSHOT_DIR]');
  process.exit(2);
}
if (!fs.existsSync(chromiumPath)) skip(chromiumPath + ' is not installed (scripts/bootstrap installs chromium)');
const playwright = loadPlaywright();
if (!playwright) skip('playwright-core is not installed (scripts/bootstrap runs npm ci in tests/browser)');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'storyloom-browser-'));
const store = path.join(work, 'browser.db');
let server = null;
let context = null;
const checks = {passed: 0, failed: 0};

function check(ok, what) {
  if (ok) {
    checks.passed++;
    console.log('ok   ' + what);
  } else {
    checks.failed++;
    console.log('FAIL ' + what);
  }
}

function startServer() {
  return new Promise((resolve, reject) => {
    const err = fs.openSync(path.join(work, 'serve.err'), 'w');
    server = spawn(binary, ['serve', '--store', store, '--port', '0'], {stdio: ['ignore', 'pipe', err]});
    let out = '';
    server.stdout.on('data', d => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on('exit', code => reject(new Error('server exited (' + code + '): ' +
      fs.readFileSync(path.join(work, 'serve.err'), 'utf8'))));
  });
}

async function main() {
  const ingest = spawnSync(binary, ['ingest', path.join(repo, 'tests/serve/data/flood.jsonl'), '--store', store, '-q'],
    {encoding: 'utf8'});
  if (ingest.status !== 0) throw new Error('ingest failed: ' + ingest.stderr);
  const base = await startServer();
  console.log('server at ' + base);
  fs.mkdirSync(shotsDir, {recursive: true});

  const userDataDir = fs.mkdtempSync(path.join(work, 'profile-'));
  context = await playwright.chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: {width: 1200, height: 900},
  });
  context.setDefaultTimeout(30000);
  const page = context.pages()[0] || await context.newPage();
  const dialogs = [];
  const errors = [];
  page.on('dialog', d => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', e => errors.push(e.message));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  const shot = async name => {
    const file = path.join(shotsDir, name);
    await page.screenshot({path: file, fullPage: true});
    console.log('screenshot ' + file);
  };

  // 1. The stories list.
  await page.goto(base + '/');
  await page.waitForSelector('li.story');
  const titles = await page.$$eval('.story-title', as => as.map(a => a.textContent));
  check(titles.length >= 2, 'the list shows the stories (' + titles.length + ')');
  check(titles.some(t => t.includes('<script>alert(1)</script>')), 'a title with <script> is shown as text');
  check(await page.$$eval('.story .tag', t => t.length) >= 4, 'languages are shown as tags');
  check(await page.$$eval('svg.spark', s => s.length) >= 2, 'each story has a sparkline');
  await shot('serve-01-stories.png');

  // 2. A story: the flood, reported in four languages.
  const flood = page.locator('li.story', {has: page.locator('.tag.lang-ar')}).first();
  await flood.locator('a.story-title').click();
  await page.waitForSelector('#timeline > li');
  check((await page.$$('.timeline-chart .point')).length >= 1, 'the timeline chart has points');
  check((await page.$$('#timeline > li')).length >= 1, 'the timeline list has entries');
  await shot('serve-02-story.png');

  // 3. A timeline entry, opened from the chart, with its reports.
  await page.locator('.timeline-chart .point').first().click();
  const entry = page.locator('#timeline > li details[open]').first();
  await entry.locator('.report').first().waitFor();
  check(await entry.locator('.report').count() >= 1, 'an opened entry lists its reports');
  check(await entry.locator('mark.sent').count() >= 1, 'the quoted sentence is highlighted in its paragraph');
  const folded = page.locator('details.folded > summary');
  if (await folded.count() > 0) await folded.first().click();
  await shot('serve-03-entry.png');

  // 4. Its source document, the sentence highlighted.
  await entry.locator('a.source-link').first().click();
  await page.waitForSelector('#text p');
  check(await page.locator('mark#highlight').count() === 1, 'the source opens with its sentence highlighted');
  const toggle = page.locator('#toggle-removed');
  if (await toggle.isVisible()) {
    await toggle.click();
    check(await page.locator('.removed').count() >= 1, 'removed boilerplate shows on demand');
  }
  await shot('serve-04-source.png');

  // 5. The language switch: the timeline in Arabic.
  await page.goBack();
  await page.waitForSelector('#timeline > li');
  await page.locator('.lang-option[data-lang="ar"]').click();
  await page.waitForURL(/lang=ar/);
  await page.waitForSelector('#timeline > li');
  check(await page.locator('.lang-option.current[data-lang="ar"]').count() === 1, 'the language switch selects Arabic');
  await shot('serve-05-story-ar.png');

  // 6. Search, and the article with <script> shown as text.
  await page.goto(base + '/?q=' + encodeURIComponent('Surabaya'));
  await page.waitForSelector('#hits li.hit');
  await page.locator('#hits li.hit a').first().click();
  await page.waitForSelector('#text p');
  const text = await page.locator('#text').textContent();
  check(text.includes('<script>alert(1)</script>'), 'article text with <script> is shown as text');
  check(await page.locator('#text script, #text img').count() === 0, 'no markup from article text enters the page');
  await shot('serve-06-script-article.png');
  await page.goto(base + '/?q=' + encodeURIComponent('banjir'));
  await page.waitForSelector('#hits li.hit mark');
  await shot('serve-07-search.png');

  // 7. A document with boilerplate the cleaner removed, shown on demand.
  await page.locator('#hits li.hit a').first().click();
  await page.waitForSelector('#text p');
  check(await page.locator('.removed').count() === 0, 'removed boilerplate is hidden at first');
  await page.locator('#toggle-removed').click();
  check(await page.locator('.removed').count() >= 1, 'removed boilerplate shows on demand');
  await shot('serve-08-removed.png');

  check(dialogs.length === 0, 'no script from article text ran (dialogs: ' + JSON.stringify(dialogs) + ')');
  check(errors.length === 0, 'no page errors (' + JSON.stringify(errors) + ')');
}

main()
  .catch(e => {
    checks.failed++;
    console.log('FAIL ' + (e && e.stack || e));
    const err = path.join(work, 'serve.err');
    if (fs.existsSync(err)) console.log('server stderr:\n' + fs.readFileSync(err, 'utf8'));
  })
  .finally(async () => {
    if (context) await context.close().catch(() => {});
    if (server) server.kill('SIGTERM');
    fs.rmSync(work, {recursive: true, force: true});
    console.log(`${checks.passed} passed, ${checks.failed} failed`);
    process.exit(checks.failed === 0 ? 0 : 1);
  });
