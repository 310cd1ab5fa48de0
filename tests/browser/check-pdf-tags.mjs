// Checks tagged PDF briefs with Mozilla's pdf.js, a reader independent of
// poppler and qpdf: node check-pdf-tags.mjs FILE.pdf...
//
// For every page, the structure tree pdf.js builds (getStructTree) and the
// text it extracts with its marked content (getTextContent) must show:
// heading levels that never skip one going down (over the whole document),
// a TH in every table (or the table continues from the page before), an
// alternative text on every Figure, an object reference (the annotation)
// in every Link, and no
// text outside the tree except artifacts. Prints one line per problem and
// exits with 1 if there is any; 77 when pdf.js cannot be loaded. pdfjs-dist
// is looked for in $AR_BROWSER_MODULES, else in node_modules beside this
// script.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.AR_BROWSER_MODULES || join(here, 'node_modules');
let getDocument;
try {
  ({ getDocument } = await import(pathToFileURL(join(modules, 'pdfjs-dist/legacy/build/pdf.mjs')).href));
} catch (e) {
  console.error(`cannot load pdf.js from ${modules}: ${e.message}`);
  process.exit(77);
}

const problems = [];

function walk(node, visit, depth = 0) {
  visit(node, depth);
  for (const kid of node.children || []) walk(kid, visit, depth + 1);
}

function has(node, pred) {
  let found = false;
  walk(node, (n) => { if (pred(n)) found = true; });
  return found;
}

async function check(file) {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
  let level = 0;
  let tablesSeen = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tree = await page.getStructTree();
    const where = `${file}: page ${p}`;
    if (!tree) {
      problems.push(`${where}: no structure tree`);
      continue;
    }
    const content = new Set();
    let firstBlock = null;
    walk(tree, (n, depth) => {
      if (n.type === 'content') content.add(n.id);
      if (!n.role) return;
      if (!firstBlock && depth > 1 && n.role !== 'Document') firstBlock = n;
      const h = /^H([1-6])$/.exec(n.role);
      if (h) {
        const lv = Number(h[1]);
        if (level && lv > level + 1) problems.push(`${where}: ${n.role} follows H${level}`);
        level = lv;
      }
      if (n.role === 'Figure' && !(n.alt && n.alt.trim()))
        problems.push(`${where}: a Figure without alternative text`);
      // pdf.js says "annotation" only for a Link holding nothing else; one
      // that also holds its text shows the annotation as an "object".
      if (n.role === 'Link' && !has(n, (k) => k.type === 'annotation' || k.type === 'object'))
        problems.push(`${where}: a Link without its annotation`);
      if (n.role === 'Table') {
        tablesSeen++;
        const continues = n === firstBlock || !has(n, (k) => k.role === 'THead');
        if (!has(n, (k) => k.role === 'TH') && !(continues && p > 1))
          problems.push(`${where}: a table without header cells`);
      }
    });
    const text = await page.getTextContent({ includeMarkedContent: true });
    const open = [];
    for (const item of text.items) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        open.push(item);
      } else if (item.type === 'endMarkedContent') {
        open.pop();
      } else if (typeof item.str === 'string' && item.str.trim()) {
        const inner = open[open.length - 1];
        if (!inner) {
          problems.push(`${where}: text outside marked content: ${JSON.stringify(item.str)}`);
        } else if (inner.tag !== 'Artifact' && !content.has(inner.id)) {
          problems.push(`${where}: text not in the structure tree: ${JSON.stringify(item.str)}`);
        }
      }
    }
    page.cleanup();
  }
  await doc.destroy();
  return tablesSeen;
}

for (const file of process.argv.slice(2)) {
  try {
    await check(file);
  } catch (e) {
    problems.push(`${file}: ${e.message}`);
  }
}
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
