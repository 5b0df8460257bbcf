// Driving the rendered workbench with playwright: what a person does with keyboard and mouse.
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Opens the folder and waits until the workbench and its explorer are there. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

async function quickInput(page: Page, keys: string, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // The first key press can land before the workbench listens: try again until the box shows.
  for (let i = 0; i < 5; i++) {
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 700, y: 400 }, trial: true })
      .catch(() => undefined);
    await page.keyboard.press(keys);
    if (await input.isVisible().catch(() => false)) break;
    await page.waitForTimeout(500);
  }
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
}

/** Quick Open (Ctrl+P) a file by name and wait for its editor tab. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await quickInput(page, 'Control+P', fileName);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label*="${fileName}"]`).first().waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
}

/** Runs a command from the command palette (F1) by its title as the palette lists it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await quickInput(page, 'F1', `>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

/** The active editor's text line (1-based) holding `text`, as a locator of the rendered span. */
export function editorText(page: Page, text: string): Locator {
  return page.locator('.editor-instance .monaco-editor .view-lines .view-line span', { hasText: text }).last();
}

/** The content frame of the (only) webview: two iframes deep. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The hover widget once it shows text. */
export async function hoverOver(page: Page, target: Locator): Promise<Locator> {
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
  for (let i = 0; i < 3; i++) {
    await target.hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 5_000 });
      return hover;
    } catch {
      await page.mouse.move(5, 5);
    }
  }
  await hover.waitFor({ state: 'visible', timeout: 5_000 });
  return hover;
}

/**
 * The rendered token `text` on editor line `line` (1-based) of the active editor: monaco reuses line
 * elements in any DOM order, so the line is found by the vertical position of its line number.
 * Tries for up to `timeoutMs` (the editor may still be laying out or tokenizing).
 */
export async function tokenOnLine(page: Page, line: number, text: string, timeoutMs = 10_000): Promise<Locator> {
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const number = editor.locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) }).first();
  const end = Date.now() + timeoutMs;
  for (;;) {
    await number.waitFor({ timeout: Math.max(1, end - Date.now()) });
    const y = (await number.boundingBox())?.y ?? -1;
    const spans = editor.locator('.view-lines .view-line span span', { hasText: text });
    for (const s of await spans.all()) {
      const box = await s.boundingBox();
      if (box && Math.abs(box.y - y) < 4) return s;
    }
    if (Date.now() > end) throw new Error(`no "${text}" on line ${line} of the editor`);
    await page.waitForTimeout(200);
  }
}
