/**
 * The one entry point for diagnostics, shared by `netpol-lens check` and the language server:
 * parse problems and API-server validation of every file, then the lint rules.
 */
import { compareFindings } from './findings';
import type { Finding, Severity } from './findings';
import type { EngineProfile } from './engine/profiles/types';
import type { Workspace } from './model/workspace';
import { createRuleContext } from './rules/context';
import { allRules } from './rules/index';

export interface CheckOptions {
  readonly engine: EngineProfile;
  /** Severity overrides per rule id; 'off' disables the rule. */
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  /**
   * Only the findings on these files (the language server's open documents): rules skip the
   * objects of other files, so an edit costs what the open files need, not the whole workspace.
   * The findings are the same as those of an unscoped check on these files.
   */
  readonly files?: ReadonlySet<string>;
  /** Today as YYYY-MM-DD (rules that compare dates); the clock's date when absent. */
  readonly today?: string;
}

export function checkWorkspace(workspace: Workspace, options: CheckOptions): Finding[] {
  const scope = options.files;
  const findings: Finding[] = scope
    ? [...scope].sort().flatMap((f) => workspace.getFile(f)?.findings ?? [])
    : [...workspace.fileFindings()];
  const ctx = createRuleContext(workspace, options.engine, options.today ?? new Date().toISOString().slice(0, 10), scope);
  for (const rule of allRules) {
    const override = options.rules?.[rule.id];
    if (override === 'off') continue;
    for (const f of safeCheck(() => rule.check(ctx))) {
      if (scope && !scope.has(f.file)) continue;
      findings.push(override ? { ...f, severity: override } : f);
    }
  }
  return findings.sort(compareFindings);
}

function safeCheck(run: () => Finding[]): Finding[] {
  try {
    return run();
  } catch {
    // A rule's bug must not take diagnostics down; the rule's own tests catch it.
    return [];
  }
}
