// One script, several bundles (client, server, webview and CLI as the issues add them).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// `--outdir=DIR` writes the bundles there instead of dist/ (the packaging test builds into a temp folder).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { NETPOL_LENS_VERSION: JSON.stringify(pkg.version) },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['server/src/cli/index.ts'],
    outfile: 'dist/cli.js',
  },
  {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server.js',
  },
  {
    // The extension host's side: `vscode` is provided by the editor at run time.
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  },
  {
    // The reachability panel's browser code; its CSS import becomes dist/webview.css.
    ...common,
    entryPoints: ['client/src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    target: ['chrome114', 'firefox115', 'safari16'],
    format: 'iife',
  },
];

if (outdir) {
  for (const b of builds) {
    if (b.outfile) b.outfile = b.outfile.replace(/^dist\//, `${outdir}/`);
    if (b.outdir) b.outdir = b.outdir.replace(/^dist(?=\/|$)/, outdir);
  }
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
