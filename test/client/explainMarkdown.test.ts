// The "Explain connection" document, from real netpol/explain answers of the in-process server on
// examples/aks-shop, checked against what the CLI's explain says for the same pairs.
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { ExplainResult } from '../../server/src/protocol/protocol';
import { parsePortQuery, renderExplanation } from '../../client/src/explainMarkdown';
import type { PortQuery } from '../../client/src/explainMarkdown';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';
import { repoRoot, runCli } from '../support/workspace';

const folder = join(repoRoot, 'examples', 'aks-shop');
let client: TestClient;
const label = (uri: string): string => relative(repoRoot, fileURLToPath(uri));

before(async () => {
  client = startInProcess();
  await initialize(client, pathToFileURL(folder).href);
  const deadline = Date.now() + 10_000;
  while (!client.logs.some((l) => l.includes('indexed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
});

after(() => client.close());

async function explain(from: string, to: string, query: PortQuery): Promise<{ result: ExplainResult; markdown: string; cli: string }> {
  const result = await client.rpc.sendRequest<ExplainResult | null>('netpol/explain', { from, to, ...query });
  assert.ok(result, `${from} -> ${to} found`);
  const args = ['explain', 'examples/aks-shop', '--from', from.replace(/\[.*\]$/, ''), '--to', to.replace(/\[.*\]$/, '')];
  if (query.port !== undefined) args.push('--port', String(query.port));
  if (query.protocol) args.push('--protocol', query.protocol);
  return { result, markdown: renderExplanation(result, query, label), cli: runCli(args).stdout };
}

/** The explanation's links: `[text](command:netpolLens.openLocation?[{uri,line,character}] "title")`. */
function markdownLinks(markdown: string): { text: string; target: { uri: string; line: number; character: number } }[] {
  return [...markdown.matchAll(/\[([^\]]*)\]\(command:netpolLens\.openLocation\?(\S+) "[^"]*"\)/g)].map((m) => {
    const [target] = JSON.parse(decodeURIComponent(m[2] ?? '')) as [{ uri: string; line: number; character: number }];
    return { text: (m[1] ?? '').replace(/\\(.)/g, '$1'), target };
  });
}

/** `path:line` locations the CLI names, e.g. `examples/aks-shop/policies-frontend.yaml:10`. */
function cliLocations(text: string): string[] {
  return [...text.matchAll(/\((examples\/[^():]+:\d+)\)/g)].map((m) => m[1] ?? '');
}

describe('the explanation document', () => {
  test('an allowed pair: the verdict, every isolating policy and admitting rule, linked at the CLI’s lines', async () => {
    const { markdown, cli } = await explain('frontend/web[Deployment]', 'backend/api[Deployment]', {});
    assert.match(cli, /ALLOWED: TCP 8080/);
    assert.match(markdown, /\*\*ALLOWED\*\*: TCP 8080/);
    const locations = cliLocations(cli);
    assert.ok(locations.length >= 6, cli);
    const links = markdownLinks(markdown);
    for (const loc of locations) {
      const [path, line] = loc.split(':');
      const link = links.find((l) => l.text === loc);
      assert.ok(link, `${loc} linked in\n${markdown}`);
      assert.equal(link.target.uri, pathToFileURL(join(repoRoot, path ?? '')).href);
      assert.equal(link.target.line + 1, Number(line));
    }
    assert.match(markdown, /^## Egress of frontend\/web\\\[Deployment\\\]$/m);
    assert.match(markdown, /Admitted by:/);
  });

  test('a denied pair on a port: DENIED and "no rule admits" on both sides', async () => {
    const { markdown, result, cli } = await explain('frontend/web[Deployment]', 'data/postgres[StatefulSet]', { port: 5432 });
    assert.equal(result.allowed, false);
    assert.match(cli, /DENIED/);
    assert.match(markdown, /on TCP 5432: \*\*DENIED\*\*/);
    assert.equal(markdown.match(/No rule admits/g)?.length, (cli.match(/no rule admits/g) ?? []).length);
  });

  test('sides that no policy isolates say so', async () => {
    const { markdown, result, cli } = await explain('monitoring/prometheus[StatefulSet]', 'kube-system/coredns[Deployment]', {});
    assert.equal((cli.match(/not isolated/g) ?? []).length, 2, cli);
    assert.deepEqual([result.egress.isolatedBy.length, result.ingress.isolatedBy.length], [0, 0]);
    assert.match(markdown, /Not isolated for egress/);
    assert.match(markdown, /Not isolated for ingress/);
    assert.match(markdown, /\*\*ALLOWED\*\*: All Connections/);
  });
});

describe('the port box', () => {
  test('reads a port, a protocol and a port, or nothing', () => {
    assert.deepEqual(parsePortQuery(''), {});
    assert.deepEqual(parsePortQuery(' 5432 '), { port: 5432 });
    assert.deepEqual(parsePortQuery('UDP/53'), { port: 53, protocol: 'UDP' });
    assert.deepEqual(parsePortQuery('53/udp'), { port: 53, protocol: 'UDP' });
    assert.deepEqual(parsePortQuery('sctp 9000'), { port: 9000, protocol: 'SCTP' });
    assert.deepEqual(parsePortQuery('udp'), { protocol: 'UDP' });
  });

  test('says what is wrong otherwise', () => {
    for (const bad of ['http', '0', '70000', 'TCP/80/UDP', 'UDP/53/TCP', '-1', '80-90']) {
      assert.equal(typeof parsePortQuery(bad), 'string', bad);
    }
  });
});
