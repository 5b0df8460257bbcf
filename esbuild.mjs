// One script, several bundles (client, server, webview and CLI as the issues add them).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

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
    // The reachability panel's browser code; its CSS import becomes dist/webview.css.
    ...common,
    entryPoints: ['client/src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    target: ['chrome114', 'firefox115', 'safari16'],
    format: 'iife',
  },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
