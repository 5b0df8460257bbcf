import { applyEdits, checkWorkspace, nonOverlappingFixEdits } from '../../core/index';
import type { EngineProfile, Fix, Workspace } from '../../core/index';
import { writeTextFile } from '../../io/files';

/**
 * `check --fix`: applies the safe quick fixes to the files, passing again (up to 10 times, as ESLint
 * does) while fixes keep applying, since one fix can make another possible. Returns what changed.
 */
export function applySafeFixes(ws: Workspace, engine: EngineProfile): { fixed: number; files: string[] } {
  let fixed = 0;
  const changed = new Set<string>();
  for (let pass = 0; pass < 10; pass++) {
    const byFile = new Map<string, Fix[]>();
    for (const f of checkWorkspace(ws, { engine })) {
      const fix = f.fixes?.find((x) => x.safe);
      if (fix) byFile.set(f.file, [...(byFile.get(f.file) ?? []), fix]);
    }
    let passFixed = 0;
    for (const [file, fixes] of byFile) {
      const fm = ws.getFile(file);
      if (!fm) continue;
      const { edits, taken } = nonOverlappingFixEdits(fixes, file);
      if (taken === 0) continue;
      const { text } = applyEdits(fm.parsed.text, edits);
      if (text === fm.parsed.text) continue;
      writeTextFile(file, text);
      ws.setFile(file, text, { keepSyntax: false });
      changed.add(file);
      passFixed += taken;
    }
    fixed += passFixed;
    if (passFixed === 0) break;
  }
  return { fixed, files: [...changed].sort() };
}
