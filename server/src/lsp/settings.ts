/** The `netpol.*` settings, read through workspace/configuration and checked before use. */
import { findEngine } from '../core/index';
import type { Severity } from '../core/index';

export interface Settings {
  readonly engine: string;
  readonly defaultNamespace: string;
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  readonly exclude: readonly string[];
  /** Bytes. */
  readonly maxFileSize: number;
}

export const defaultSettings: Settings = {
  engine: 'generic',
  defaultNamespace: 'default',
  rules: {},
  exclude: [],
  maxFileSize: 2 * 1024 * 1024,
};

const severities = ['error', 'warning', 'info', 'hint', 'off'];

/** Takes whatever the client sent (possibly nothing or the wrong types) and returns usable settings. */
export function normalizeSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  let engine = defaultSettings.engine;
  if (typeof o.engine === 'string') {
    if (findEngine(o.engine)) engine = o.engine;
    else problems.push(`netpol.engine: unknown engine "${o.engine}", using "generic"`);
  }
  const defaultNamespace =
    typeof o.defaultNamespace === 'string' && o.defaultNamespace ? o.defaultNamespace : defaultSettings.defaultNamespace;
  const rules: Record<string, Severity | 'off'> = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [id, sev] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && severities.includes(sev)) rules[id] = sev as Severity | 'off';
      else problems.push(`netpol.rules.${id}: expected one of ${severities.join(', ')}`);
    }
  }
  const exclude = Array.isArray(o.exclude) ? o.exclude.filter((g): g is string => typeof g === 'string') : [];
  const maxFileSize =
    typeof o.maxFileSize === 'number' && Number.isFinite(o.maxFileSize) && o.maxFileSize > 0
      ? Math.floor(o.maxFileSize)
      : defaultSettings.maxFileSize;
  return { settings: { engine, defaultNamespace, rules, exclude, maxFileSize }, problems };
}
