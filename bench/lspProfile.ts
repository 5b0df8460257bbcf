/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) of the language server and lists its hotspots
 * per phase of the benchmark: self and total time per function, mapped back to the TypeScript
 * sources through dist/server.js.map.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import type { SourceMapPayload } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Hotspot {
  readonly fn: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

export interface PhaseProfile {
  readonly phase: string;
  readonly wallMs: number;
  readonly sampledMs: number;
  readonly bySelf: readonly Hotspot[];
  readonly byTotal: readonly Hotspot[];
}

/**
 * A phase of the run, in milliseconds of the monotonic clock (process.hrtime): V8 stamps the
 * profile's samples with the same clock, so the client's phases line up with the server's samples.
 */
export interface PhaseWindow {
  readonly phase: string;
  readonly fromMs: number;
  readonly toMs: number;
}

const pseudo = new Set(['(root)', '(program)', '(idle)']);
/** Frames every stack goes through (timers, streams, JSON-RPC dispatch): left out of the "total" list. */
const plumbing = /\((node:|node_modules\/vscode-|[^/()]*:\d+\)$)|^\(anonymous\)$|^[^(]*$/;

/**
 * `sourcesDir` is where the bundle's source map was written (dist/): its `sources` are relative to it,
 * wherever the bundle was copied to before it ran.
 */
export function analyzeProfile(
  file: string,
  phases: readonly PhaseWindow[],
  repoRoot: string,
  sourcesDir: string,
  top = 15,
): PhaseProfile[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const maps = new Map<string, SourceMap | undefined>();
  const sourceMapOf = (url: string): SourceMap | undefined => {
    if (!url.startsWith('file:')) return undefined;
    if (maps.has(url)) return maps.get(url);
    let map: SourceMap | undefined;
    try {
      const mapPath = `${fileURLToPath(url)}.map`;
      if (existsSync(mapPath)) map = new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')) as SourceMapPayload);
    } catch {
      map = undefined;
    }
    maps.set(url, map);
    return map;
  };
  const label = (cf: CallFrame): string => {
    const name = cf.functionName || '(anonymous)';
    if (!cf.url) return name;
    const entry = sourceMapOf(cf.url)?.findEntry(cf.lineNumber, cf.columnNumber);
    if (entry && 'originalSource' in entry) {
      const src = entry.originalSource.startsWith('file:')
        ? fileURLToPath(entry.originalSource)
        : resolve(sourcesDir, entry.originalSource);
      return `${name} (${relative(repoRoot, src)}:${entry.originalLine + 1})`;
    }
    const path = cf.url.startsWith('file:') ? relative(repoRoot, fileURLToPath(cf.url)) : cf.url;
    return `${name} (${path}:${cf.lineNumber + 1})`;
  };

  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const labels = new Map<number, string>();
  const labelOf = (id: number): string => {
    let l = labels.get(id);
    if (l === undefined) {
      const cf = byId.get(id)?.callFrame;
      l = cf ? label(cf) : '?';
      labels.set(id, l);
    }
    return l;
  };

  // Sample i lasts until sample i+1; times in ms of the monotonic clock.
  const times: number[] = [];
  let t = profile.startTime / 1000;
  for (const d of profile.timeDeltas) {
    t += d / 1000;
    times.push(t);
  }
  return phases.map((w) => {
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    let sampledMs = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      const at = times[i] ?? 0;
      if (at < w.fromMs || at >= w.toMs) continue;
      const dur = (times[i + 1] ?? at) - at;
      const id = profile.samples[i] ?? 0;
      const own = labelOf(id);
      if (pseudo.has(own)) continue;
      sampledMs += dur;
      self.set(own, (self.get(own) ?? 0) + dur);
      const seen = new Set<string>();
      for (let n: number | undefined = id, depth = 0; n !== undefined && depth < 500; n = parent.get(n), depth++) {
        const l = labelOf(n);
        if (pseudo.has(l) || seen.has(l)) continue;
        seen.add(l);
        total.set(l, (total.get(l) ?? 0) + dur);
      }
    }
    const spot = (fn: string): Hotspot => ({ fn, selfMs: self.get(fn) ?? 0, totalMs: total.get(fn) ?? 0 });
    const bySelf = [...self.keys()]
      .map(spot)
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top);
    const byTotal = [...total.keys()]
      .filter((fn) => !plumbing.test(fn))
      .map(spot)
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top);
    return { phase: w.phase, wallMs: w.toMs - w.fromMs, sampledMs, bySelf, byTotal };
  });
}
