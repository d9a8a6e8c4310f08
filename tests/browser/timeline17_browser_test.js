#!/usr/bin/env node
// The web page at real size: all of Timeline17 (16 sets, 4,328 reports of
// eight affairs, no titles, no publishers) ingested as one JSONL stream, as
// a user would feed it, then the stories list and the largest story's page
// opened in chromium and screenshot. Checks what a reader would: every
// story has a label, the largest story lists its events, its timeline has
// entries that are sentences reporting something, and its sources are
// counted as reports (the feed names no publisher). Skips (exit 77) when
// ../shared, chromium or playwright-core is absent.
//
//   node tests/browser/timeline17_browser_test.js BUILD/storyloom BUILD/screenshots [SHARED]
'use strict';

const fs = require('fs');
const path = require('path');
const {spawnSync} = require('child_process');
const {repo, skip, requireBrowser, Session} = require('./harness');

const binary = process.argv[2];
const shotsDir = process.argv[3] || path.join(process.cwd(), 'screenshots');
const shared = process.argv[4] || path.resolve(repo, '..', 'shared');
const t17 = path.join(shared, 'data', 'timeline17');
const playwright = requireBrowser(binary, 'timeline17_browser_test.js STORYLOOM_BINARY [SCREENSHOT_DIR] [SHARED]');
if (!fs.existsSync(t17)) skip('Timeline17 not found at ' + t17 + ' (../shared/data is absent)');

const s = new Session(binary, playwright, 't17-browser');

// Every article of every set, in publication order, as one JSONL stream.
function writeStream(file) {
  const lines = [];
  for (const set of fs.readdirSync(t17).sort()) {
    const articles = path.join(t17, set, 'articles.jsonl');
    if (!fs.existsSync(articles)) continue;
    for (const line of fs.readFileSync(articles, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const a = JSON.parse(line);
      lines.push({id: set + '/' + a.id, time: a.time, text: a.text});
    }
  }
  lines.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  fs.writeFileSync(file, lines.map(l => JSON.stringify(l)).join('\n') + '\n');
  return lines.length;
}

s.run(async () => {
  const feed = path.join(s.work, 'timeline17.jsonl');
  const articles = writeStream(feed);
  const ingest = spawnSync(binary, ['ingest', feed, '--store', s.store, '-q'], {encoding: 'utf8'});
  if (ingest.status !== 0) throw new Error('ingest failed: ' + ingest.stderr);
  console.log('ingested ' + articles + ' articles');
  const base = await s.startServer();
  const page = await s.openPage();

  // 1. The stories list: every story labelled, reports rather than sources.
  await page.goto(base + '/');
  await page.waitForSelector('li.story');
  const titles = await page.$$eval('.story-title', as => as.map(a => a.textContent.trim()));
  s.check(titles.length >= 8, 'the list shows the stories (' + titles.length + ')');
  s.check(titles.every(t => t && t !== '(untitled)'), 'no story is untitled');
  const meta = await page.$$eval('li.story', ls => ls.map(l => l.textContent));
  s.check(!meta.some(m => /independent sources?/.test(m)), 'no independent sources are claimed for a feed without publishers');
  await s.shot(page, shotsDir, 't17-01-stories.png');

  // 2. The largest story: its events and an informative timeline.
  await page.locator('a.story-title').first().click();
  await page.waitForSelector('#events > li.event');
  await page.waitForSelector('#timeline > li');
  const events = await page.$$eval('#events > li.event strong', es => es.map(e => e.textContent.trim()));
  s.check(events.length >= 5, 'the story lists its events (' + events.length + ')');
  s.check(events.every(t => t && t !== '(untitled)'), 'every event has a label');
  const lines = await page.$$eval('#timeline > li .entry-text', es => es.map(e => e.textContent.trim()));
  s.check(lines.length >= 5, 'the timeline has entries (' + lines.length + ')');
  const empty = lines.filter(t => /\| *Reply|\?\s*$|^\s*(Share|Reply)\b/.test(t));
  s.check(empty.length === 0, 'no timeline entry is a post stamp, a Reply line or a bare question ' + JSON.stringify(empty));
  await s.shot(page, shotsDir, 't17-02-largest-story.png');
  s.check(await page.locator('#docs > li:visible').count() <= 50, 'a long story shows its first reports, the rest on demand');

  s.check(s.dialogs.length === 0, 'no dialogs');
  s.check(s.errors.length === 0, 'no page errors (' + JSON.stringify(s.errors) + ')');
});
