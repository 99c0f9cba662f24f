// Bundles the compiled modules (dist/, from tsc) into one CommonJS file, dist/bundle/leadq.js,
// and writes V8's code cache for it after a warm-up run. bin/leadq.js starts from it, and so do
// the scoring threads (dist/bundle/worker.js): loading one file with its code already compiled
// takes a fraction of loading ~60 modules one by one (docs/performance.md, "Start-up").
// Part of `npm run build`; esbuild-wasm is a dev dependency (WebAssembly, no platform binaries).
import { build } from 'esbuild-wasm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFileFor, loadBundle } from '../dist/code-cache.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: [join(root, 'dist', 'bundle.js')],
  outfile: join(outdir, 'leadq.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // CommonJS has no import.meta: paths the modules resolve (the worker, the starter ruleset)
  // stay relative to the bundle, which sits two levels down like the modules did
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
// .js files in dist/bundle are CommonJS, whatever the package's "type"
writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
// the scoring thread's script, where the bundled pipeline looks for it (next to the bundle)
writeFileSync(join(outdir, 'worker.js'), `// A scoring thread: the loop of src/run/worker-loop.ts, from the bundle and its code cache.
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
writeFileSync(cacheFileFor(bundle), script.createCachedData());
console.log('bundled dist/bundle/leadq.js, with a code cache');
