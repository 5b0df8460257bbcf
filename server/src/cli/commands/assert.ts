import { containsPort, protocols, readYamlValue } from '../../core/index';
import type { CompletenessView, Connectivity, Protocol } from '../../core/index';
import { resolvePeer } from '../resolvePeer';
import { readTextFile } from '../../io/files';
import { UsageError } from '../usage';

interface Check {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly allowed: boolean;
}

export function readExpectations(file: string): Check[] {
  let text: string;
  try {
    text = readTextFile(file);
  } catch {
    throw new UsageError(`cannot read --expect file ${file}`);
  }
  const { value, findings } = readYamlValue(file, text);
  if (findings.some((f) => f.severity === 'error'))
    throw new UsageError(`--expect file ${file} is not valid YAML or JSON: ${findings[0]?.message ?? ''}`);
  const checks = (value as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks)) throw new UsageError(`--expect file ${file} has no "checks" list`);
  return checks.map((c: unknown, i) => {
    const o = c as Record<string, unknown> | null;
    const bad = (what: string): never => {
      throw new UsageError(`--expect file ${file}: checks[${i}] ${what}`);
    };
    if (!o || typeof o !== 'object') return bad('is not a map');
    if (typeof o.from !== 'string' || typeof o.to !== 'string') return bad('needs "from" and "to" as ns/name');
    const port = typeof o.port === 'string' && /^\d+$/.test(o.port) ? Number(o.port) : o.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return bad('needs a "port" from 1 to 65535');
    const protocol = o.protocol === undefined ? 'TCP' : typeof o.protocol === 'string' ? o.protocol.toUpperCase() : '';
    if (!(protocols as readonly string[]).includes(protocol)) return bad(`has an unknown protocol ${JSON.stringify(o.protocol)}`);
    if (typeof o.allowed !== 'boolean') return bad('needs "allowed": true or false');
    return { from: o.from, to: o.to, port, protocol: protocol as Protocol, allowed: o.allowed };
  });
}

export function runAssert(
  conn: Connectivity,
  checks: readonly Check[],
  defaultNamespace: string,
  paths: readonly string[],
  opts: { readonly engine: string; readonly allowIncomplete: boolean; readonly completeness: CompletenessView },
): { output: string; failed: number } {
  const where = paths.map((p) => (/[\s'"$]/.test(p) ? `'${p.replace(/'/g, "'\\''")}'` : p)).join(' ');
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const c of checks) {
    const what = `${c.from} -> ${c.to} ${c.protocol}/${c.port}`;
    let actual: boolean;
    let uncertain: string | undefined;
    try {
      const src = resolvePeer(conn, c.from, defaultNamespace, 'from');
      const dst = resolvePeer(conn, c.to, defaultNamespace, 'to');
      actual = containsPort(conn.connection(src.node, dst.node), c.protocol, c.port);
      uncertain = conn.uncertainty(src.node, dst.node);
    } catch (e) {
      failed++;
      lines.push(`FAIL ${what}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (uncertain !== undefined && !opts.allowIncomplete) {
      failed++;
      lines.push(
        `FAIL ${what}: uncertain on ${opts.engine}: ${uncertain} (the spec's result is ${actual ? 'allowed' : 'denied'}; --allow-incomplete accepts it)`,
      );
    } else if (actual === c.allowed) passed++;
    else {
      failed++;
      lines.push(
        `FAIL ${what}: expected ${c.allowed ? 'allowed' : 'denied'}, got ${actual ? 'allowed' : 'denied'} (netpol-lens explain ${where} --from ${c.from} --to ${c.to} --port ${c.port} --protocol ${c.protocol})`,
      );
    }
  }
  const c = opts.completeness;
  if (!c.complete && !opts.allowIncomplete) {
    failed++;
    const files = [...new Set(c.items.flatMap((i) => (i.location ? [i.location.file] : [])))];
    lines.push(
      `FAIL input incomplete: ${c.summary}${files.length > 0 ? ` (${files.join(', ')})` : ''}; the checks above may be wrong (--allow-incomplete accepts it)`,
    );
  }
  lines.push(`${passed} passed, ${failed} failed`);
  return { output: lines.join('\n'), failed };
}
