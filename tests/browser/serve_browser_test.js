#!/usr/bin/env node
// Browser test of `storyloom serve`'s web page: Debian's chromium driven by
// playwright-core (no browser download). Ingests the test corpus
// (tests/serve/data/flood.jsonl: one flood in four languages, a copy, and an
// article carrying <script>), starts the server on a free port, then opens the
// stories list (following its Atom feed link), a story (and its feed), a
// timeline entry and its source, saving screenshots.
// Skips (exit 77, which ctest reports as skipped) when chromium or
// playwright-core is absent.
//
//   node tests/browser/serve_browser_test.js BUILD/storyloom BUILD/screenshots
'use strict';

const path = require('path');
const {spawnSync} = require('child_process');
const {repo, requireBrowser, Session} = require('./harness');

const binary = process.argv[2];
const shotsDir = process.argv[3] || path.join(process.cwd(), 'screenshots');
const playwright = requireBrowser(binary, 'serve_browser_test.js STORYLOOM_BINARY [SCREENSHOT_DIR]');
const session = new Session(binary, playwright, 'browser');
const store = session.store;
const check = (ok, what) => session.check(ok, what);

// Follows the page's Atom link as a feed reader would, and reads the feed
// with the browser's XML parser: well-formed Atom with entries.
async function checkFeed(page, hrefPattern, where) {
  const href = await page.$eval('link[rel="alternate"][type="application/atom+xml"]', l => l.href);
  check(hrefPattern.test(href), where + ' names its Atom feed (' + href + ')');
  const feed = await page.evaluate(async url => {
    const ns = 'http://www.w3.org/2005/Atom';
    const res = await fetch(url);
    const doc = new DOMParser().parseFromString(await res.text(), 'application/xml');
    const entries = Array.from(doc.getElementsByTagNameNS(ns, 'entry'));
    return {
      status: res.status,
      type: res.headers.get('content-type') || '',
      wellFormed: doc.getElementsByTagName('parsererror').length === 0,
      root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
      entries: entries.length,
      titled: entries.every(e => e.getElementsByTagNameNS(ns, 'title')[0].textContent.trim() !== ''),
      dates: entries.map(e => e.getElementsByTagNameNS(ns, 'title')[0].textContent.split(' ')[0]),
    };
  }, href);
  check(feed.status === 200 && feed.type.startsWith('application/atom+xml'),
    where + "'s feed answers as Atom (" + feed.status + ', ' + feed.type + ')');
  check(feed.wellFormed && feed.root === 'http://www.w3.org/2005/Atom feed', where + "'s feed is a well-formed Atom feed");
  check(feed.entries >= 1 && feed.titled, where + "'s feed has titled entries (" + feed.entries + ')');
  return feed;
}

async function main() {
  const ingest = spawnSync(binary, ['ingest', path.join(repo, 'tests/serve/data/flood.jsonl'), '--store', store, '-q'],
    {encoding: 'utf8'});
  if (ingest.status !== 0) throw new Error('ingest failed: ' + ingest.stderr);
  const base = await session.startServer();
  console.log('server at ' + base);

  const page = await session.openPage();
  const dialogs = session.dialogs;
  const errors = session.errors;
  const shot = name => session.shot(page, shotsDir, name);

  // 1. The stories list.
  await page.goto(base + '/');
  await page.waitForSelector('li.story');
  const titles = await page.$$eval('.story-title', as => as.map(a => a.textContent));
  check(titles.length >= 2, 'the list shows the stories (' + titles.length + ')');
  check(titles.some(t => t.includes('<script>alert(1)</script>')), 'a title with <script> is shown as text');
  check(await page.$$eval('.story .tag', t => t.length) >= 4, 'languages are shown as tags');
  check(await page.$$eval('svg.spark', s => s.length) >= 2, 'each story has a sparkline');
  await shot('serve-01-stories.png');
  await checkFeed(page, /\/feed\.atom$/, 'the stories page');


  // 2. A story: the flood, reported in four languages.
  const flood = page.locator('li.story', {has: page.locator('.tag.lang-ar')}).first();
  await flood.locator('a.story-title').click();
  await page.waitForSelector('#timeline > li');
  check((await page.$$('.timeline-chart .point')).length >= 1, 'the timeline chart has points');
  check((await page.$$('#timeline > li')).length >= 1, 'the timeline list has entries');
  await shot('serve-02-story.png');
  const storyFeed = await checkFeed(page, /\/api\/stories\/\d+\/feed\.atom$/, 'the story page');
  const shown = await page.$$eval('#timeline > li time.entry-date', ts => ts.map(t => t.textContent));
  check(storyFeed.dates.length === shown.length && shown.every(d => storyFeed.dates.includes(d)),
    'the story feed has an entry for each date the timeline shows (' + storyFeed.dates.join(', ') + ')');

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
  check(/\/feed\.atom\?lang=ar$/.test(await page.$eval('link[type="application/atom+xml"]', l => l.href)),
    'the feed link follows the timeline\'s language');
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

session.run(main);
