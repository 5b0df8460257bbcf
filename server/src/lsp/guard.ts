/**
 * Every request through one guard: it runs after the messages already queued (so a cancellation or a
 * newer edit is seen first), answers a cancelled request with RequestCancelled, logs a request that
 * took longer than its budget, and turns a bug into an empty answer and one log line, never a crash.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CancellationToken, Connection } from 'vscode-languageserver';

/** Milliseconds each request should take at most on a 3,000-workload workspace (bench/lsp.ts measures them). */
export const budgets = {
  hover: 20,
  completion: 20,
  codeAction: 50,
  codeLens: 50,
  matrix: 2000,
  explain: 200,
  diff: 2000,
} as const;

export type Budgeted = keyof typeof budgets;

export function guarded<P, R>(
  connection: Connection,
  name: Budgeted,
  fallback: R,
  handler: (params: P) => R,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
    const start = performance.now();
    try {
      return handler(params);
    } catch (e: unknown) {
      connection.console.error(`netpol-lens: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    } finally {
      const ms = performance.now() - start;
      if (ms > budgets[name]) connection.console.log(`netpol-lens: ${name} took ${ms.toFixed(0)} ms (budget ${budgets[name]} ms)`);
    }
  };
}
