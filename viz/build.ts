import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { readSpecText } from '../src/conformance/universe.js';
import { layoutAllCharts } from './layout/allCharts.js';
import { PAGES } from './pages.js';

const root = resolve(import.meta.dirname, '..');
/** Where `npm run build` puts the viewer: a folder of static files. */
export const VIEWER_DIR = join(root, 'dist/viewer');

function examples() {
  const dir = join(root, 'examples/scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => (a === 'spec-example.json' ? -1 : b === 'spec-example.json' ? 1 : a.localeCompare(b)))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return { name: f.replace(/\.json$/, ''), description: (JSON.parse(text) as { description?: string }).description, text };
    });
}

/**
 * Builds the viewer into `outDir` as static files: the pages, one bundle for the viewer and the
 * inspector (simulator included: runs happen in the page), the demo app, the stylesheet and the
 * examples. The charts are laid out here, with ELK, and bundled as data. esbuild and elkjs are
 * used at build time only.
 */
export async function buildViewer(outDir = VIEWER_DIR): Promise<string> {
  const charts = await layoutAllCharts();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundle = (entry: string, out: string) =>
    build({
      entryPoints: [join(root, entry)],
      outfile: join(outDir, out),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      // The spec's text: the coverage view counts its rule ids as the CLI does.
      define: { 'process.env.NODE_ENV': '"production"', __CHARTS__: JSON.stringify(charts), __SPEC_TEXT__: JSON.stringify(readSpecText()) },
      logLevel: 'silent',
    });
  await Promise.all([bundle('viz/app/main.ts', 'app.js'), bundle('viz/demo/demo.ts', 'demo.js')]);
  for (const [name, html] of Object.entries(PAGES)) writeFileSync(join(outDir, name), html);
  writeFileSync(join(outDir, 'styles.css'), readFileSync(join(root, 'viz/styles.css')));
  writeFileSync(join(outDir, 'examples.json'), JSON.stringify(examples()));
  writeFileSync(join(outDir, 'charts.json'), JSON.stringify(charts, null, 1));
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = await buildViewer(process.argv[2] ? resolve(process.argv[2]) : VIEWER_DIR);
  process.stdout.write(`viewer built into ${out}\n`);
}
