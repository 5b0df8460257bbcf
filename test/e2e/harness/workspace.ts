// Workspaces for the tests: temporary copies, so the tests may edit and save.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { removeAtExit } from './processes';

/** A fresh temporary copy of an example folder, or a folder with the given files. */
export function workspace(name: string, from: { example: string } | { files: Record<string, string> }): string {
  const dir = join(removeAtExit(mkdtempSync(join(tmpdir(), 'netpol-e2e-ws-'))), name);
  if ('example' in from) cpSync(join(repoRoot, 'examples', from.example), dir, { recursive: true });
  else {
    mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(from.files)) writeFileSync(join(dir, f), text);
  }
  return dir;
}
