// One code-server instance (VS Code's web workbench with a real Node extension host) under Node 24,
// with its own temporary config, user-data and extensions folders, on a free port of 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, node24 } from './paths';
import { removeAtExit, stopGroup, track } from './processes';

/** The user settings of every instance: nothing that starts on its own or looks for the network. */
export const userSettings = {
  'workbench.startupEditor': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The web workbench saves after a delay by default; the tests need unsaved edits to stay unsaved.
  'files.autoSave': 'off',
};

export interface CodeServerOptions {
  /** Name for the temp folder and the log file. */
  readonly name: string;
  /** Where code-server's output goes. */
  readonly logFile: string;
  /** Extension folders to link into the extensions folder as `publisher.name-version`. */
  readonly linkExtensions?: readonly { readonly id: string; readonly version: string; readonly path: string }[];
  /** .vsix files installed with `--install-extension` before the server starts. */
  readonly installVsix?: readonly string[];
  /** More user settings. */
  readonly settings?: Record<string, unknown>;
}

export interface CodeServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly tempDir: string;
  /** Workbench URL for a folder, optionally with a smoke-test-driver payload. */
  folderUrl(folder: string, payload?: readonly (readonly [string, string])[]): string;
  /** `vscode-remote://127.0.0.1:PORT/abs/path` */
  remoteUri(path: string): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function childEnv(xdg: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: xdg,
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
  };
  // Nothing of the runner's Node (tsx loader, npm's node-gyp settings) leaks into Node 24.
  delete env['NODE_OPTIONS'];
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  return env;
}

async function waitHealthy(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms`);
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const tempDir = removeAtExit(mkdtempSync(join(tmpdir(), `netpol-e2e-${opts.name}-`)));
  const xdg = join(tempDir, 'xdg');
  const userData = join(tempDir, 'user-data');
  const exts = join(tempDir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(xdg, { recursive: true });
  mkdirSync(exts, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...opts.settings }, null, 2));
  for (const e of opts.linkExtensions ?? []) symlinkSync(e.path, join(exts, `${e.id}-${e.version}`), 'dir');
  const base = [codeServerEntry, '--user-data-dir', userData, '--extensions-dir', exts];
  const env = childEnv(xdg);
  for (const vsix of opts.installVsix ?? []) {
    const r = spawnSync(node24, [...base, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${r.status}): ${r.stderr}${r.stdout}`);
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const log = openSync(opts.logFile, 'w');
  const child = spawn(
    node24,
    [
      ...base,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  track(child);
  const stop = async (): Promise<void> => {
    await stopGroup(child);
    rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(origin, child, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  const remoteUri = (path: string): string => `vscode-remote://127.0.0.1:${port}${encodeURI(path)}`;
  return {
    port,
    origin,
    tempDir,
    remoteUri,
    folderUrl(folder, payload) {
      let url = `${origin}/?folder=${encodeURIComponent(remoteUri(folder))}`;
      if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    stop,
  };
}
