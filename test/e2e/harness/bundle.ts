// The extension-host suite as one CommonJS file with mocha inside: only `vscode` comes from the host.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { e2eRoot, suiteBundle } from './paths';

export async function bundleSuite(): Promise<string> {
  await esbuild.build({
    entryPoints: [join(e2eRoot, 'suite', 'index.ts')],
    outfile: suiteBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode resolves worker files; the suite runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return suiteBundle;
}
