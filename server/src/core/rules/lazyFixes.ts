import type { Finding, Fix } from '../findings';

/**
 * A finding whose fixes are computed only when something reads them (a code action, `check --fix`):
 * publishing diagnostics never pays for the syntax trees that fixes need.
 */
export function withLazyFixes(finding: Finding, make: () => readonly Fix[]): Finding {
  let memo: readonly Fix[] | undefined;
  return Object.defineProperty({ ...finding }, 'fixes', {
    enumerable: true,
    configurable: true,
    get: (): readonly Fix[] | undefined => {
      memo ??= make();
      return memo.length > 0 ? memo : undefined;
    },
  });
}
