// Runs a test module inside code-server's extension host, the way @vscode/test-electron runs one in
// desktop VS Code: the smoke-test driver's payload names the extension under development and the
// tests; their output comes back through `codeAutomationLog`, the exit code through `codeAutomationExit`.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { newWatchedPage } from './browser';

export interface ExtensionHostRun {
  readonly code: number;
  /** Everything the tests printed, in order. */
  readonly output: string;
}

export interface ExtensionHostOptions {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly workspace: string;
  readonly extensionPath: string;
  readonly testsPath: string;
  /** Environment variables of the extension host. */
  readonly env: Record<string, string>;
  readonly logDir: string;
  readonly timeoutMs: number;
  /** Called with each line the tests print (live progress). */
  readonly onLine?: (line: string) => void;
}

export async function runInExtensionHost(opts: ExtensionHostOptions): Promise<ExtensionHostRun> {
  mkdirSync(opts.logDir, { recursive: true });
  const consoleLog = join(opts.logDir, 'browser-console.log');
  writeFileSync(consoleLog, '');
  const { page, context } = await newWatchedPage(opts.browser, consoleLog);
  let output = '';
  let settle: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (settle = r));
  await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
    // The workbench passes console arguments on as they were given (a format string first).
    const text = Array.isArray(message) ? format(...(message as unknown[])) : String(message);
    output += `${text}\n`;
    if (level !== 'trace' && level !== 'debug') opts.onLine?.(text);
  });
  await page.exposeFunction('codeAutomationExit', (code: number, logs?: { relativePath: string; contents: string }[]) => {
    for (const l of logs ?? []) {
      const file = join(opts.logDir, 'workbench-logs', l.relativePath);
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, l.contents);
    }
    settle(code);
  });
  const url = opts.server.folderUrl(opts.workspace, [
    ['extensionDevelopmentPath', opts.server.remoteUri(opts.extensionPath)],
    ['extensionTestsPath', opts.server.remoteUri(opts.testsPath)],
    ['extensionEnvironment', JSON.stringify(opts.env)],
  ]);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((r) => {
    timer = setTimeout(() => {
      output += `extension-host tests did not finish within ${opts.timeoutMs} ms\n`;
      r(1);
    }, opts.timeoutMs);
  });
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const code = await Promise.race([exited, timedOut]);
    await page.screenshot({ path: join(opts.logDir, 'workbench-at-exit.png') }).catch(() => undefined);
    return { code, output };
  } finally {
    clearTimeout(timer);
    writeFileSync(join(opts.logDir, 'extension-host-output.log'), output);
    await context.close().catch(() => undefined);
  }
}
