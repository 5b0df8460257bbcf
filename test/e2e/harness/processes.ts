// Every process the harness starts is registered here and ended on exit, on a signal or on the
// run's time limit: by its own process group id (code-server forks the extension host and more).
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const groups = new Set<number>();
const tempDirs = new Set<string>();

/** A temporary folder removed when the run ends, however it ends. */
export function removeAtExit(dir: string): string {
  tempDirs.add(dir);
  return dir;
}

/** Registers a child started with `detached: true` (so it leads its own process group). */
export function track(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  groups.add(pid);
  child.once('exit', () => {
    // The leader is gone; its group may live on (forked extension host), so end it too.
    killGroup(pid);
    groups.delete(pid);
  });
}

export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Ends a tracked group politely, then for sure. */
export async function stopGroup(child: ChildProcess, graceMs = 2000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    killGroup(pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  }
  killGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

/** Kills whatever is still registered and removes the temporary folders (synchronous: safe in an 'exit' handler). */
export function killAll(): void {
  for (const pid of groups) killGroup(pid);
  groups.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

let installed = false;
/** Cleans up on exit and on SIGINT/SIGTERM; ends the run with a failure after `limitMs`. */
export function installCleanup(limitMs: number, onTimeout: () => void): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      killAll();
      process.exit(130);
    });
  }
  const timer = setTimeout(() => {
    onTimeout();
    killAll();
    process.exit(1);
  }, limitMs);
  timer.unref();
}
