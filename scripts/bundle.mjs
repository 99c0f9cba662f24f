// Bundles the compiled modules (dist/, from tsc) into one CommonJS file, dist/bundle/leadq.js,
// and writes V8's code cache for it after a warm-up run. bin/leadq.js starts from it, and so do
// the worker threads (dist/bundle/worker.js): loading one file with its code already compiled
// takes a fraction of loading ~60 modules one by one (docs/performance.md, "Start-up from one file").
// Part of `npm run build`; esbuild-wasm is a dev dependency (WebAssembly, no platform binaries).
import { build, formatMessages } from 'esbuild-wasm';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheContent, cacheFileFor, loadBundle } from '../dist/code-cache.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

const built = await build({
  entryPoints: [join(root, 'dist', 'bundle.js')],
  outfile: join(outdir, 'leadq.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // CommonJS has no import.meta: paths the modules resolve (the worker, the starter ruleset)
  // stay relative to the bundle, which sits two levels down like the modules did (checked below)
  define: { 'import.meta.url': '__bundle_url' },
  metafile: true,
  absWorkingDir: root,
  // "use strict" first: the modules are ES modules (always strict), and a directive after the
  // banner's statement would be no directive at all
  banner: { js: "'use strict';\nconst __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'silent',
});
// a warning (an import.meta property the define does not cover, a require esbuild cannot follow)
// is a bundle that may behave unlike the modules: fail the build instead
if (built.warnings.length > 0) {
  console.error((await formatMessages(built.warnings, { kind: 'warning' })).join('\n'));
  throw new Error(`bundling gave ${built.warnings.length} warning(s)`);
}
// a module one level down (dist/x.js) resolving a path from import.meta.url would be one level off in the bundle
for (const input of Object.keys(built.metafile.inputs)) {
  const file = join(root, input);
  if (/^dist\/[^/]+\.js$/.test(input) && readFileSync(file, 'utf8').includes('import.meta')) {
    throw new Error(`${input} uses import.meta: only modules in a folder of dist/ may (the bundle is dist/bundle/leadq.js)`);
  }
}
// .js files in dist/bundle are CommonJS, whatever the package's "type"
writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
// the worker thread's script, where the bundled pipeline looks for it (next to the bundle)
writeFileSync(join(outdir, 'worker.js'), `// A worker thread: the loop of src/run/worker-loop.ts, from the bundle and its code cache.
const { join } = require('node:path');
const { parentPort } = require('node:worker_threads');
import('../code-cache.js').then(({ loadBundle }) => loadBundle(join(__dirname, 'leadq.js')).exports.serveBlocks(parentPort));
`);

// Warm-up: the code cache holds the functions compiled when it is made, so score the bundled
// example first (output to a temporary directory, nothing printed).
const bundle = join(outdir, 'leadq.js');
const { exports, script } = loadBundle(bundle);
const scratch = mkdtempSync(join(tmpdir(), 'leadq-bundle-'));
try {
  const code = await exports.main(
    ['score', join(root, 'examples', 'leads.csv'), '-r', join(root, 'rules.example.yaml'), '--spend', join(root, 'examples', 'spend.csv'), '--out-dir', scratch],
    { ...exports.defaultIo(), out() {}, err() {}, errIsTTY: false },
  );
  if (code !== 0) throw new Error(`the warm-up run of the bundle exited with ${code}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
writeFileSync(cacheFileFor(bundle), cacheContent(bundle, script.createCachedData()));
console.log('bundled dist/bundle/leadq.js, with a code cache');
