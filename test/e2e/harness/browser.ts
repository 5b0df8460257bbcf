// Debian's Chromium driven by playwright-core (no browser download), with the page's console kept
// and the errors of offline look-ups (marketplace, telemetry, update checks) filtered out.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from './paths';
import { removeAtExit } from './processes';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Chromium with its config and cache folders in a temporary folder (not the home folder). */
export async function launchBrowser(): Promise<Browser> {
  const home = removeAtExit(mkdtempSync(join(tmpdir(), 'netpol-e2e-chromium-')));
  const env = { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') };
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true, timeout: 60_000, env });
  browser.on('disconnected', () => rmSync(home, { recursive: true, force: true }));
  return browser;
}

/**
 * Console errors that come from being offline or from the workbench itself, not from the extension:
 * the marketplace, telemetry, update and experiment look-ups fail at once on these machines.
 */
const offlineNoise = [
  /marketplace|gallery|vsassets|visualstudio\.com|vscode-cdn|vscode-unpkg|open-vsx|openvsx/i,
  /telemetry|applicationinsights|vortex|mobile\.events\.data/i,
  /update\.code\.visualstudio|update check/i,
  /Failed to load resource/i,
  /net::ERR_/i,
  /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ENOTFOUND|EAI_AGAIN/i,
  /service worker|ServiceWorker/i,
  /The web worker extension host is started in a same-origin iframe/i,
  /Ignoring fetching additional builtin extensions/i,
  // The workbench's own: reads cancelled while it starts or closes, sign-in providers that do not
  // exist here, and the chat features that need an account.
  /\(Canceled: Canceled\)|Failed to resolve files at location: .* Canceled/i,
  /Long running operations during shutdown are unsupported in the web/i,
  /Timed out waiting for authentication provider/i,
  /No default agent contributed|chatSessionInput:/i,
];

export function isOfflineNoise(text: string): boolean {
  return offlineNoise.some((re) => re.test(text));
}

export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and page errors that are not offline noise. */
  readonly errors: string[];
  /** alert/confirm/prompt dialogs the page opened (none expected). */
  readonly dialogs: string[];
}

/** A new context and page whose console goes to `logFile`. */
export async function newWatchedPage(browser: Browser, logFile: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    const text = m.text();
    appendFileSync(logFile, `[${m.type()}] ${text}\n`);
    if (m.type() === 'error' && !isOfflineNoise(text)) errors.push(text);
  });
  page.on('pageerror', (e) => {
    appendFileSync(logFile, `[pageerror] ${e.stack ?? e.message}\n`);
    if (!isOfflineNoise(e.message)) errors.push(e.message);
  });
  // A console 'Failed to load resource' does not say which; the log does.
  page.on('response', (r) => {
    if (r.status() >= 400) appendFileSync(logFile, `[http ${r.status()}] ${r.url()}\n`);
  });
  page.on('requestfailed', (r) => appendFileSync(logFile, `[request failed] ${r.url()} ${r.failure()?.errorText ?? ''}\n`));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  return { page, context, errors, dialogs };
}
