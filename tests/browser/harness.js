// What the browser tests share: finding chromium and playwright-core (no
// browser download), skipping (exit 77, which ctest reports as skipped),
// counting checks, starting `storyloom serve` on a free port and a headless
// page that records dialogs and errors.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {spawn} = require('child_process');

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

// Checks that the environment can run a browser test; returns playwright.
function requireBrowser(binary, usage) {
  if (!binary || !fs.existsSync(binary)) {
    console.error('usage: ' + usage);
    process.exit(2);
  }
  if (!fs.existsSync(chromiumPath)) skip(chromiumPath + ' is not installed (scripts/bootstrap installs chromium)');
  const playwright = loadPlaywright();
  if (!playwright) skip('playwright-core is not installed (scripts/bootstrap runs npm ci in tests/browser)');
  return playwright;
}

class Session {
  constructor(binary, playwright, name) {
    this.binary = binary;
    this.playwright = playwright;
    this.work = fs.mkdtempSync(path.join(os.tmpdir(), 'storyloom-' + name + '-'));
    this.store = path.join(this.work, 'browser.db');
    this.server = null;
    this.context = null;
    this.checks = {passed: 0, failed: 0};
    this.dialogs = [];
    this.errors = [];
  }

  check(ok, what) {
    if (ok) {
      this.checks.passed++;
      console.log('ok   ' + what);
    } else {
      this.checks.failed++;
      console.log('FAIL ' + what);
    }
  }

  startServer() {
    return new Promise((resolve, reject) => {
      const errPath = path.join(this.work, 'serve.err');
      const err = fs.openSync(errPath, 'w');
      this.server = spawn(this.binary, ['serve', '--store', this.store, '--port', '0'], {stdio: ['ignore', 'pipe', err]});
      let out = '';
      this.server.stdout.on('data', d => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      this.server.on('exit', code => reject(new Error('server exited (' + code + '): ' + fs.readFileSync(errPath, 'utf8'))));
    });
  }

  async openPage() {
    const userDataDir = fs.mkdtempSync(path.join(this.work, 'profile-'));
    this.context = await this.playwright.chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: {width: 1200, height: 900},
    });
    this.context.setDefaultTimeout(60000);
    const page = this.context.pages()[0] || await this.context.newPage();
    page.on('dialog', d => { this.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    page.on('pageerror', e => this.errors.push(e.message));
    page.on('console', m => { if (m.type() === 'error') this.errors.push(m.text()); });
    return page;
  }

  async shot(page, dir, name) {
    fs.mkdirSync(dir, {recursive: true});
    const file = path.join(dir, name);
    await page.screenshot({path: file, fullPage: true});
    console.log('screenshot ' + file);
  }

  // Runs main, reports, cleans up and exits 0 only when every check passed.
  run(main) {
    main()
      .catch(e => {
        this.checks.failed++;
        console.log('FAIL ' + (e && e.stack || e));
        const err = path.join(this.work, 'serve.err');
        if (fs.existsSync(err)) console.log('server stderr:\n' + fs.readFileSync(err, 'utf8'));
      })
      .finally(async () => {
        if (this.context) await this.context.close().catch(() => {});
        if (this.server) this.server.kill('SIGTERM');
        fs.rmSync(this.work, {recursive: true, force: true});
        console.log(`${this.checks.passed} passed, ${this.checks.failed} failed`);
        process.exit(this.checks.failed === 0 ? 0 : 1);
      });
  }
}

module.exports = {repo, skip, requireBrowser, Session};
