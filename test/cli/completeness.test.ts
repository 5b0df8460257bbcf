// Never silently wrong (issue 9): input that was not analysed is part of every answer. Each case is
// a reproduction of what a new user saw: a broken deny-all, a policy the API server rejects, a file
// over the limit, a binary file and a Helm template all used to give "everything allowed", exit 0.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Log } from 'sarif';
import { assertCliBuilt, assertValidSarif, runCli, tempDir } from '../support/cli';

const pods = `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec: { containers: [{ name: c, image: nginx, ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: db, labels: { app: db } }
spec: { containers: [{ name: c, image: postgres, ports: [{ containerPort: 5432 }] }] }
`;

/** A deny-all whose flow sequence misses its `]`. */
const brokenDenyAll = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress
`;

const expectAllowed = `checks:
  - { from: default/web, to: default/db, port: 5432, allowed: true }
`;

const cases: Record<string, { file: string; content: string | Buffer; reason: RegExp }> = {
  'a deny-all with a YAML syntax error': {
    file: 'deny-all.yaml',
    content: brokenDenyAll,
    reason: /deny-all\.yaml:\d+:\d+ document 1 not analysed: YAML/,
  },
  'a binary file': {
    file: 'blob.yaml',
    content: Buffer.from([0x6b, 0x69, 0, 0, 1, 2]),
    reason: /blob\.yaml:1:1 file not analysed: it looks binary/,
  },
  'a Helm template': {
    file: 'np.yaml',
    content: brokenDenyAll.replace('deny-all', '{{ .Release.Name }}-deny'),
    reason: /np\.yaml:\d+:\d+ file not analysed: it is a Helm template/,
  },
  'a policy the API server rejects': {
    file: 'deny_all.yaml',
    content: brokenDenyAll.replace('deny-all', 'deny_all').replace('Egress', 'Egress]'),
    reason: /deny_all\.yaml:\d+:\d+ NetworkPolicy default\/deny_all not counted: the API server rejects it \(invalid-name\)/,
  },
};

describe('incomplete input makes connlist, matrix, explain and assert fail, naming what was left out', () => {
  let tmp: ReturnType<typeof tempDir>;
  before(() => {
    assertCliBuilt();
    tmp = tempDir();
  });
  after(() => tmp.remove());

  for (const [name, c] of Object.entries(cases)) {
    test(name, () => {
      const dir = join(tmp.dir, name.replace(/\W+/g, '-'));
      mkdirSync(dir);
      writeFileSync(join(dir, 'pods.yaml'), pods);
      writeFileSync(join(dir, c.file), c.content);
      writeFileSync(join(dir, 'expect.yaml'), expectAllowed);
      const runs = {
        connlist: runCli(['connlist', dir]),
        matrix: runCli(['matrix', dir]),
        explain: runCli(['explain', dir, '--from', 'default/web', '--to', 'default/db', '--port', '5432']),
        assert: runCli(['assert', join(dir, 'pods.yaml'), join(dir, c.file), '--expect', join(dir, 'expect.yaml')]),
      };
      for (const [command, r] of Object.entries(runs)) {
        assert.equal(r.status, 1, `${command}: ${JSON.stringify(r)}`);
        assert.match(r.stderr, c.reason, `${command} names the file: ${r.stderr}`);
        assert.match(
          r.stderr,
          /netpol-lens: incomplete: .*the result above may be wrong \(exit 1; --allow-incomplete accepts it\)\n$/,
          command,
        );
      }
      assert.match(
        runs.assert.stdout,
        /^FAIL input incomplete: .*\n0 passed, 0 failed$|FAIL input incomplete: [^\n]*\n1 passed, 1 failed\n$/m,
      );
      assert.match(runs.assert.stdout, new RegExp(`FAIL input incomplete: .*${c.file.replace('.', '\\.')}`));
      // With --allow-incomplete the answer stands, the list is still printed, exit 0.
      const allowed = runCli(['connlist', '--allow-incomplete', dir]);
      assert.equal(allowed.status, 0, JSON.stringify(allowed));
      assert.match(allowed.stderr, c.reason);
      assert.match(allowed.stderr, /the result above leaves them out \(--allow-incomplete\)/);
    });
  }

  test('a file over the size limit (10 MB) is named, and the others still count', () => {
    const dir = join(tmp.dir, 'large');
    mkdirSync(dir);
    writeFileSync(join(dir, 'pods.yaml'), pods);
    writeFileSync(join(dir, 'big.yaml'), `# ${'x'.repeat(10 * 1024 * 1024)}\n`);
    const r = runCli(['connlist', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /default\/web\[Pod\] => default\/db\[Pod\] : All Connections/);
    assert.match(r.stderr, /big\.yaml:1:1 file not analysed: 10.0 MB is over the size limit/);
  });

  test('JSON outputs carry a completeness field with located items; stderr has the summary only', () => {
    const dir = join(tmp.dir, 'json');
    mkdirSync(dir);
    writeFileSync(join(dir, 'pods.yaml'), pods);
    writeFileSync(join(dir, 'deny-all.yaml'), brokenDenyAll);
    for (const args of [
      ['connlist', '--format', 'json', dir],
      ['matrix', '--format', 'json', dir],
      ['explain', '--format', 'json', dir, '--from', 'default/web', '--to', 'default/db'],
    ]) {
      const r = runCli(args);
      assert.equal(r.status, 1, args.join(' '));
      const json = JSON.parse(r.stdout) as {
        completeness: {
          complete: boolean;
          summary: string;
          items: { reason: string; location: { file: string; line: number; column: number } }[];
        };
      };
      assert.equal(json.completeness.complete, false);
      assert.equal(json.completeness.items[0]?.reason, 'yaml-syntax');
      assert.match(json.completeness.items[0]?.location.file ?? '', /deny-all\.yaml$/);
      assert.ok((json.completeness.items[0]?.location.line ?? 0) >= 1);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  test('check: the summary says the analysis is partial; SARIF lists each item as a located tool notification', () => {
    const dir = join(tmp.dir, 'sarif');
    mkdirSync(dir);
    writeFileSync(join(dir, 'pods.yaml'), pods);
    writeFileSync(join(dir, 'deny-all.yaml'), brokenDenyAll);
    const text = runCli(['check', dir]);
    assert.match(text.stderr, /^1 error, 0 warnings, 0 notes in 2 files; 1 file not fully analysed\n$/);
    const r = runCli(['check', '--format', 'sarif', dir]);
    const log = JSON.parse(r.stdout) as Log;
    assertValidSarif(log);
    const notes = log.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    assert.deepEqual(
      notes.map((n) => [n.descriptor?.id, n.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.replace(/.*\//, '')]),
      [['not-analysed/yaml-syntax', 'deny-all.yaml']],
    );
    const clean = JSON.parse(runCli(['check', '--format', 'sarif', join(dir, 'pods.yaml')]).stdout) as Log;
    assert.deepEqual(clean.runs[0]?.invocations?.[0]?.toolExecutionNotifications, []);
  });

  test('complete input: exit 0, nothing on stderr, complete: true', () => {
    const dir = join(tmp.dir, 'clean');
    mkdirSync(dir);
    writeFileSync(join(dir, 'pods.yaml'), pods);
    const r = runCli(['connlist', '--format', 'json', dir]);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.equal((JSON.parse(r.stdout) as { completeness: { complete: boolean } }).completeness.complete, true);
  });
});
