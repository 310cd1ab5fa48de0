// What Chromium's PDF viewer gives a screen reader for a PDF brief: the
// accessibility tree it builds, read from chrome://accessibility.
//
//   node check-pdf-chromium.mjs [--dump] FILE.pdf...
//
// Prints one line per file, "FILE: headings=N tables=N header-cells=N
// cells=N figures=N described=N lists=N links=N" (the number of each kind
// of node; "described" counts figures with a description), and with --dump
// the nodes themselves, one per line. Exit status: 0, 1 when a file gives
// no tree, 2 usage, 77 when Chromium, playwright-core or the viewer's tree
// are not available.
//
// Chromium builds the tree from a tagged PDF's structure only with the
// PdfTags feature (Chromium 156: not on by default); without it, it guesses
// from the layout. The viewer's nodes are a child tree of the plugin that
// the DevTools Accessibility domain does not return (the plugin frame shows
// one empty EmbeddedObject), so the tree is read from the "blink" dump of
// chrome://accessibility. That page says "Finished loading PDF" once the
// document is in the tree, in English: the browser runs with --lang=en-US.
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHROMIUM = process.env.AR_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = 60000;

const argv = process.argv.slice(2);
const dump = argv[0] === '--dump';
const files = dump ? argv.slice(1) : argv;
if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
  console.error('usage: node check-pdf-chromium.mjs [--dump] FILE.pdf...');
  process.exit(2);
}
const unavailable = (why) => {
  console.error(`check-pdf-chromium: SKIP: ${why}`);
  process.exit(77);
};

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.AR_BROWSER_MODULES || join(here, 'node_modules');
let chromium;
try {
  ({ chromium } = createRequire(import.meta.url)(join(modules, 'playwright-core')));
} catch (e) {
  unavailable(`playwright-core missing (${e.message.split('\n')[0]})`);
}
if (!existsSync(CHROMIUM)) unavailable(`no Chromium at ${CHROMIUM}`);

let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--lang=en-US', '--force-renderer-accessibility', '--enable-features=PdfTags'],
  });
} catch (e) {
  unavailable(`Chromium does not start (${e.message.split('\n')[0]})`);
}

// The "blink" dump of the tab showing url, once its PDF is loaded.
async function treeOf(context, url) {
  const pdf = await context.newPage();
  await pdf.goto(url, { timeout: TIMEOUT_MS }).catch(() => {}); // the viewer fires no ordinary load
  const ax = await context.newPage();
  await ax.goto('chrome://accessibility');
  const deadline = Date.now() + TIMEOUT_MS;
  let text = '';
  while (Date.now() < deadline) {
    const row = await ax.evaluate((u) => {
      for (const r of document.querySelectorAll('#pages .row'))
        if (r.querySelector('.url')?.textContent.trim() === u) return r.id;
      return null;
    }, url);
    if (row) {
      await ax.click(`#${row}-showOrRefreshTree`);
      await ax.waitForTimeout(500);
      text = await ax.evaluate((id) => document.getElementById(`${id}-tree`)?.innerText || '', row);
      if (/ pdfRoot /.test(text) && /Finished loading PDF/.test(text)) break;
    } else {
      await ax.reload();
    }
    await ax.waitForTimeout(500);
  }
  await ax.close();
  await pdf.close();
  return text;
}

// Dump lines are "++id#=N role key=value key='text' ...", two '+' a level.
function parse(text) {
  const nodes = [];
  const stack = [];
  for (const line of text.split('\n')) {
    const m = /^(\+*)id#=(-?\d+) (\S+)(.*)$/.exec(line);
    if (!m) continue;
    const node = { depth: m[1].length / 2, role: m[3], rest: m[4], children: [] };
    while (stack.length && stack[stack.length - 1].depth >= node.depth) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(node);
    stack.push(node);
    nodes.push(node);
  }
  return nodes;
}

// Quoted values are not escaped: one ends where the next "key=" begins.
function attr(node, key) {
  const quoted = new RegExp(` ${key}='(.*?)'(?= [A-Za-z][\\w-]*(?:=| |$)|\\s*$)`).exec(node.rest);
  if (quoted) return quoted[1];
  const bare = new RegExp(` ${key}=([^ ']\\S*)`).exec(node.rest);
  return bare ? bare[1] : undefined;
}

const clean = (s) => (s || '').replace(/<newline>/g, ' ').replace(/\s+/g, ' ').trim();
const textOf = (n) =>
  n.role === 'staticText' ? clean(attr(n, 'name')) : n.children.map(textOf).filter(Boolean).join(' ');
const cut = (s, k) => (s.length > k ? `${s.slice(0, k - 1)}…` : s);

function describe(root) {
  const count = { headings: 0, tables: 0, 'header-cells': 0, cells: 0, figures: 0, described: 0, lists: 0, links: 0 };
  const lines = [];
  const walk = (n) => {
    switch (n.role) {
      case 'heading':
        count.headings++;
        lines.push(`heading level=${attr(n, 'hierarchicalLevel') || '-'}: ${cut(textOf(n), 90)}`);
        break;
      case 'table':
        count.tables++;
        lines.push(`table rows=${attr(n, 'tableRowCount')} columns=${attr(n, 'tableColumnCount')}`);
        break;
      case 'rowHeader':
      case 'columnHeader':
        count['header-cells']++;
        lines.push(`  ${n.role}: ${cut(textOf(n), 60)}`);
        break;
      case 'cell':
        count.cells++;
        lines.push(`  cell: ${cut(textOf(n), 60)}`);
        break;
      case 'figure':
      case 'image': {
        const said = clean(attr(n, 'name')) || clean(attr(n, 'description'));
        count.figures++;
        if (said) count.described++;
        lines.push(`${n.role}: ${said}`);
        break;
      }
      case 'list':
        count.lists++;
        break;
      case 'link':
        count.links++;
        lines.push(`link: ${cut(textOf(n), 80)}`);
        break;
      default:
        break;
    }
    n.children.forEach(walk);
  };
  root.children.forEach(walk);
  return { count, lines };
}

let status = 0;
try {
  const context = await browser.newContext();
  for (const file of files) {
    if (!existsSync(file)) {
      console.error(`${file}: error: no such file`);
      status = 1;
      continue;
    }
    const root = parse(await treeOf(context, pathToFileURL(realpathSync(file)).href)).find(
      (n) => n.role === 'pdfRoot',
    );
    if (!root) {
      console.error(`${file}: error: the PDF viewer gave no accessibility tree`);
      status = 1;
      continue;
    }
    const { count, lines } = describe(root);
    console.log(`${file}: ${Object.entries(count).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    if (dump) console.log(lines.map((l) => `  ${l}`).join('\n'));
  }
} finally {
  await browser.close();
}
process.exit(status);
