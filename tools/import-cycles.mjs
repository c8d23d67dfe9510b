// `npm run check:cycles`: fails on any import cycle in the repository's TypeScript and Svelte.
// madge builds the graph of the .ts files (type-only imports count: a cycle of types is still
// a cycle of modules); madge cannot read .svelte, so their <script> imports are added here
// with TypeScript's own import scanner, and madge finds the cycles in the whole graph.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import madge from 'madge';
import ts from 'typescript';

const ROOTS = ['server', 'db', 'data', 'web', 'tests', 'tools'];
const root = process.cwd();

/**
 * Cycles known and owned elsewhere, each to be removed by its owner; the check fails on any
 * other cycle, and on an entry here that no longer is a cycle (so the list only shrinks).
 */
/** Cycles known and accepted (none): the check fails on any other, and on a listed one that is gone. */
const KNOWN = [];

function filesOf(dir, ext) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? filesOf(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

/** A relative import of `from` → the repository file it names, or null (packages, assets). */
function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = normalize(join(dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const graph = await madge(ROOTS, {
  baseDir: root,
  fileExtensions: ['ts', 'mjs'],
  tsConfig: 'tsconfig.json',
  detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
});
const tree = graph.obj();
for (const file of ROOTS.flatMap((r) => filesOf(r, '.svelte'))) {
  const text = readFileSync(file, 'utf8');
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  const deps = ts
    .preProcessFile(scripts, true, true)
    .importedFiles.map((f) => resolveImport(file, f.fileName))
    .filter((d) => d !== null)
    .map((d) => relative(root, d));
  tree[relative(root, file)] = [...new Set(deps)];
}
const cycles = (await madge(tree)).circular();

const same = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
const unexpected = cycles.filter((c) => !KNOWN.some((k) => same(k, c)));
const gone = KNOWN.filter((k) => !cycles.some((c) => same(k, c)));
const files = Object.keys(tree).length;
if (unexpected.length === 0 && gone.length === 0) {
  console.log(`import cycles: none among ${files} files${KNOWN.length ? ` (${KNOWN.length} known, listed)` : ''}`);
  process.exit(0);
}
for (const c of unexpected) console.error(`import cycle: ${[...c, c[0]].join(' → ')}`);
for (const k of gone)
  console.error(`no longer a cycle, remove it from KNOWN in tools/import-cycles.mjs: ${k.join(' ↔ ')}`);
process.exit(1);
