// check-pages.mjs: opens HTML briefs in Chromium and checks that each is
// self-contained (no request but the page itself), has no console or page
// errors, and has no serious or critical axe-core finding (the contrast
// checked in the light and the dark colour scheme).
//
//   node check-pages.mjs [--screenshot DIR] [--widths 1280,375] FILE.html...
//
// Prints "FILE: ok" on stdout, "FILE: error: ..." and "FILE: note: ..." on
// stderr. Exit status: 0 all good, 1 a check failed, 2 usage, 77 Chromium or
// the node modules are missing (run "npm ci" in this folder). The modules are
// looked for in $AR_BROWSER_MODULES, else in node_modules beside this script;
// Chromium is /usr/bin/chromium unless $AR_CHROMIUM names another.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHROMIUM = process.env.AR_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const HEIGHT = 900;
const TIMEOUT_MS = 30000;

function usage(message) {
  if (message) console.error(`check-pages: ${message}`);
  console.error('usage: node check-pages.mjs [--screenshot DIR] [--widths 1280,375] FILE.html...');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { screenshot: null, widths: [1280, 375], files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--screenshot' || a === '--widths') {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      const v = argv[++i];
      if (a === '--screenshot') opts.screenshot = v;
      else {
        opts.widths = v.split(',').map(Number);
        if (opts.widths.some((w) => !Number.isInteger(w) || w < 100 || w > 10000)) usage(`bad --widths: ${v}`);
      }
    } else if (a === '--help' || a === '-h') usage();
    else if (a === '--') opts.files.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (opts.files.length === 0) usage('no files');
  return opts;
}

function loadTools() {
  const here = dirname(fileURLToPath(import.meta.url));
  const modules = process.env.AR_BROWSER_MODULES || join(here, 'node_modules');
  const axePath = join(modules, 'axe-core', 'axe.min.js');
  try {
    if (!existsSync(axePath)) throw new Error(`no ${axePath}`);
    const { chromium } = createRequire(import.meta.url)(join(modules, 'playwright-core'));
    return { chromium, axePath };
  } catch (e) {
    console.error(`check-pages: SKIP: node modules missing (${e.message.split('\n')[0]}); run "npm ci" in ${here}`);
    process.exit(77);
  }
}

const targets = (node) => node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ');

// Runs axe-core in the page: every rule, or with a colour scheme only the
// contrast rule, in that scheme.
async function runAxe(page, scheme) {
  if (scheme) await page.emulateMedia({ colorScheme: scheme });
  const violations = await page.evaluate(async (only) => {
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'], ...(only && { runOnly: only }) });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, scheme ? ['color-contrast'] : null);
  if (scheme) await page.emulateMedia({ colorScheme: 'light' });
  return violations.map((v) => ({ ...v, scheme }));
}

// Checks one file in the shared page; returns its list of errors (empty
// when it passes). The page's listeners report into `seen`.
async function checkFile(page, seen, file, opts) {
  const note = (msg) => console.error(`${file}: note: ${msg}`);
  if (!existsSync(file)) return [`cannot read ${file}`];
  seen.url = pathToFileURL(resolve(file)).href;
  seen.errors = [];
  seen.others = new Set();
  const errors = seen.errors;
  try {
    await page.setViewportSize({ width: opts.widths[0], height: HEIGHT });
    await page.goto(seen.url, { waitUntil: 'load' });

    // All rules in the light colour scheme, then the contrast again in the
    // dark one, which the briefs' stylesheet may also have.
    const found = [...(await runAxe(page, null)), ...(await runAxe(page, 'dark'))];
    for (const v of found) {
      const where = v.nodes.slice(0, 3).map(targets).join('; ') + (v.nodes.length > 3 ? `; and ${v.nodes.length - 3} more` : '');
      const msg = `axe ${v.id}${v.scheme ? ` in the ${v.scheme} scheme` : ''} (${v.impact}): ${v.help}: ${where}`;
      if (v.impact === 'serious' || v.impact === 'critical') errors.push(msg);
      else note(msg);
    }

    for (const width of opts.widths) {
      await page.setViewportSize({ width, height: HEIGHT });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > width) note(`at ${width}px the page is ${wide}px wide (scrolls sideways)`);
      if (opts.screenshot) {
        const name = `${basename(file, extname(file))}-${width}.png`;
        await page.screenshot({ path: join(opts.screenshot, name), fullPage: true });
      }
    }
  } catch (e) {
    errors.push(e.message.split('\n')[0]);
  }
  if (seen.others.size) errors.push(`requests other than the page itself: ${[...seen.others].join(' ')}`);
  return errors;
}

// One page for all files: its listeners record what the current file does.
async function openPage(context, axePath) {
  const seen = { url: null, errors: [], others: new Set() };
  const own = (u) => u.split('#')[0] === seen.url || u.startsWith('data:');
  // axe-core is put in every document before the page's own scripts run.
  await context.addInitScript({ path: axePath });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('request', (r) => {
    if (!own(r.url())) seen.others.add(r.url());
  });
  // Nothing leaves the machine even when a page asks for it.
  await page.route('**/*', (route) => (own(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  page.on('console', (m) => {
    // A request blocked above is reported once, as a request.
    if (m.type() === 'error' && !m.text().includes('net::ERR_BLOCKED_BY_CLIENT')) seen.errors.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.errors.push(`page error: ${e.message}`));
  return { page, seen };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM)) {
    console.error(`check-pages: SKIP: ${CHROMIUM} not found (Debian: apt-get install chromium)`);
    process.exit(77);
  }
  const { chromium, axePath } = loadTools();
  if (opts.screenshot) await mkdir(opts.screenshot, { recursive: true });

  const profile = await mkdtemp(join(tmpdir(), 'check-pages-'));
  let context;
  let failed = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: opts.widths[0], height: HEIGHT },
      deviceScaleFactor: 1,
      serviceWorkers: 'block',
      timeout: TIMEOUT_MS,
    });
    const { page, seen } = await openPage(context, axePath);
    for (const file of opts.files) {
      const errors = await checkFile(page, seen, file, opts);
      if (errors.length === 0) console.log(`${file}: ok`);
      for (const e of errors) console.error(`${file}: error: ${e}`);
      if (errors.length) failed++;
    }
  } catch (e) {
    console.error(`check-pages: error: ${e.message.split('\n')[0]}`);
    failed++;
  } finally {
    if (context) await context.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
  if (failed) console.error(`check-pages: ${failed} of ${opts.files.length} files failed`);
  process.exit(failed ? 1 : 0);
}

main();
