// One fact, two front ends: every `# explain:` line of every fixture, under every engine that applies
// to it (test/fixtures/explain: all registered engines; engine-kinds/<id>: that engine and generic),
// gives the same content through the CLI's JSON (`explain --format json`, run in process) and the
// language server's `netpol/explain`. Locations differ only in form (CLI 1-based file:line:column,
// LSP 0-based uri/line/character) and are compared after normalising both.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { main } from '../../server/src/cli/main';
import { engineProfiles } from '../../server/src/core/index';
import type { ExplainResult } from '../../server/src/protocol/protocol';
import { listFixtures } from '../support/expect';
import type { Fixture } from '../support/expect';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';

const groups: { folder: string; engines: readonly string[] }[] = [
  { folder: 'explain', engines: engineProfiles.map((e) => e.id) },
  { folder: 'engine-kinds/calico', engines: ['calico', 'generic'] },
  { folder: 'engine-kinds/cilium', engines: ['cilium', 'generic'] },
];

/** The CLI in this process: its exit code and what it wrote. */
function cli(args: string[]): { status: number; stdout: string } {
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = (s: string) => ((stdout += s), true);
  process.stderr.write = () => true;
  try {
    return { status: main(args), stdout };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

/** Both location forms as `basename:line0:char0`, so the two results can be compared whole. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o.file === 'string' && typeof o.line === 'number' && typeof o.column === 'number' && Object.keys(o).length === 3)
    return `${basename(o.file)}:${o.line - 1}:${o.column - 1}`;
  if (typeof o.uri === 'string' && typeof o.line === 'number' && typeof o.character === 'number' && Object.keys(o).length === 3)
    return `${basename(decodeURIComponent(o.uri))}:${o.line}:${o.character}`;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, normalise(v)]));
}

interface Query {
  readonly from: string;
  readonly to: string;
  readonly protocol?: string;
  readonly port?: string;
}

function queries(fx: Fixture): Query[] {
  return fx.directives
    .filter((d) => d.key === 'explain')
    .map((d) => {
      const m = /^(\S+)\s*->\s*(\S+)(?:\s+(TCP|UDP|SCTP)\s+(\d+))?$/.exec(d.value.trim());
      assert.ok(m, `"# explain: ${d.value}" is FROM -> TO [PROTOCOL PORT]`);
      return { from: m[1] as string, to: m[2] as string, ...(m[3] ? { protocol: m[3], port: m[4] as string } : {}) };
    });
}

const isAddress = (s: string): boolean => /^[\d.:]+$/.test(s);

for (const group of groups) {
  describe(`explain parity: ${group.folder}`, () => {
    for (const fx of listFixtures(group.folder)) {
      const list = queries(fx);
      if (list.length === 0) continue;
      describe(fx.name, () => {
        let dir: string;
        let client: TestClient;
        before(async () => {
          dir = mkdtempSync(join(tmpdir(), 'netpol-parity-'));
          mkdirSync(join(dir, 'ws'));
          writeFileSync(join(dir, 'ws', fx.name), fx.text);
          client = startInProcess({});
          const ready = new Promise<void>((resolve) =>
            client.rpc.onNotification('netpol/status', (p: { state: string }) => {
              if (p.state === 'ready') resolve();
            }),
          );
          await initialize(client, pathToFileURL(join(dir, 'ws')).href);
          await ready;
        });
        after(async () => {
          await client.close();
          rmSync(dir, { recursive: true, force: true });
        });
        for (const engine of group.engines) {
          for (const q of list) {
            const label = `${engine}: ${q.from} -> ${q.to}${q.port ? ` ${q.protocol ?? ''} ${q.port}` : ''}`;
            test(label, async () => {
              const port = q.port ? ['--port', q.port, '--protocol', q.protocol ?? 'TCP'] : [];
              const r = cli(['explain', join(dir, 'ws'), '--engine', engine, '--from', q.from, '--to', q.to, ...port, '--format', 'json']);
              assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}`);
              const fromCli = JSON.parse(r.stdout) as { from: string; to: string; completeness: { complete: boolean } };
              assert.equal(r.status, fromCli.completeness.complete ? 0 : 1, 'exit 1 exactly when the answer is incomplete');
              if (isAddress(q.from) || isAddress(q.to)) return; // netpol/explain takes workload ids only
              const fromLsp = await client.rpc.sendRequest<ExplainResult | null>('netpol/explain', {
                from: fromCli.from,
                to: fromCli.to,
                engine,
                ...(q.port ? { port: Number(q.port), protocol: q.protocol ?? 'TCP' } : {}),
              });
              assert.ok(fromLsp, 'the server explains the pair');
              assert.deepEqual(normalise(fromLsp), normalise(fromCli));
            });
          }
        }
      });
    }
  });
}
