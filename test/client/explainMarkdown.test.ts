// The "Explain connection" document, from real netpol/explain answers of the in-process server,
// checked sentence by sentence against what the CLI's explain text says for the same pairs: the
// Markdown renders the server's view and re-words nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { ExplainResult } from '../../server/src/protocol/protocol';
import { escapeMarkdown, parsePortQuery, renderExplanation } from '../../client/src/explainMarkdown';
import type { PortQuery } from '../../client/src/explainMarkdown';
import { initialize, startInProcess } from '../support/lspClient';
import type { TestClient } from '../support/lspClient';
import { repoRoot, runCli } from '../support/workspace';

const label = (uri: string): string => relative(repoRoot, fileURLToPath(uri));

async function serve(folder: string): Promise<TestClient> {
  const client = startInProcess();
  await initialize(client, pathToFileURL(folder).href);
  const deadline = Date.now() + 10_000;
  while (!client.logs.some((l) => l.includes('indexed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return client;
}

interface Explained {
  readonly result: ExplainResult;
  readonly markdown: string;
  readonly cli: string;
}

async function explain(client: TestClient, path: string, from: string, to: string, query: PortQuery, engine?: string): Promise<Explained> {
  const result = await client.rpc.sendRequest<ExplainResult | null>('netpol/explain', {
    from,
    to,
    ...query,
    ...(engine ? { engine } : {}),
  });
  assert.ok(result, `${from} -> ${to} found`);
  const args = ['explain', path, '--from', from.replace(/\[.*\]$/, ''), '--to', to.replace(/\[.*\]$/, '')];
  if (query.port !== undefined) args.push('--port', String(query.port));
  if (query.protocol) args.push('--protocol', query.protocol);
  if (engine) args.push('--engine', engine, '--allow-incomplete');
  return { result, markdown: renderExplanation(result, label), cli: runCli(args).stdout };
}

/** The explanation's links: `[text](command:netpolLens.openLocation?[{uri,line,character}] "title")`. */
function markdownLinks(markdown: string): { text: string; target: { uri: string; line: number; character: number } }[] {
  return [...markdown.matchAll(/\[([^\]]*)\]\(command:netpolLens\.openLocation\?(\S+) "[^"]*"\)/g)].map((m) => {
    const [target] = JSON.parse(decodeURIComponent(m[2] ?? '')) as [{ uri: string; line: number; character: number }];
    return { text: (m[1] ?? '').replace(/\\(.)/g, '$1'), target };
  });
}

/** The Markdown as the text a reader sees, one line each: links as their text, no emphasis, headings or bullets. */
function plainLines(markdown: string): string[] {
  return markdown
    .replace(/(?<!\\)\[((?:\\.|[^\]\\\n])*)\]\(command:[^)\s]*(?: "[^"]*")?\)/g, '$1')
    .split('\n')
    .map((l) =>
      l
        .replace(/\*\*/g, '')
        .replace(/^#+ /, '')
        .replace(/^\s*- /, '')
        .replace(/\\(.)/g, '$1')
        .trim(),
    )
    .filter((l) => l !== '');
}

/** The CLI's lines, trimmed, without bullets; `Egress of x: headline` as its two sentences. */
function cliLines(cli: string, r: ExplainResult): string[] {
  return cli
    .split('\n')
    .map((l) => l.replace(/^\s*- /, '').trim())
    .filter((l) => l !== '')
    .flatMap((l) => {
      for (const s of [r.egress, r.ingress]) if (l === `${s.title}: ${s.headline}`) return [s.title, s.headline];
      return [l];
    });
}

/** Every sentence of the CLI's text is in the Markdown, in the same order. */
function assertSameSentences(x: Explained): void {
  const plain = plainLines(x.markdown);
  let at = 0;
  for (const line of cliLines(x.cli, x.result)) {
    const i = plain.indexOf(line, at);
    assert.ok(i >= 0, `CLI line missing (or out of order) in the Markdown:\n  ${line}\n--- markdown:\n${x.markdown}\n--- cli:\n${x.cli}`);
    at = i + 1;
  }
}

describe('the explanation document (examples/aks-shop)', () => {
  let client: TestClient;
  const path = join('examples', 'aks-shop');
  before(async () => {
    client = await serve(join(repoRoot, path));
  });
  after(() => client.close());

  test('an allowed pair: the verdict, every isolating policy and admitting rule, linked at the CLI’s lines', async () => {
    const x = await explain(client, path, 'frontend/web[Deployment]', 'backend/api[Deployment]', {});
    assert.match(x.cli, /ALLOWED: TCP 8080/);
    assert.match(x.markdown, /\*\*ALLOWED: TCP 8080\*\*/);
    const locations = [...x.cli.matchAll(/\((examples\/[^():]+:\d+)\)/g)].map((m) => m[1] ?? '');
    assert.ok(locations.length >= 6, x.cli);
    const links = markdownLinks(x.markdown);
    for (const loc of locations) {
      const [file, line] = loc.split(':');
      const link = links.find((l) => l.text === loc);
      assert.ok(link, `${loc} linked in\n${x.markdown}`);
      assert.equal(link.target.uri, pathToFileURL(join(repoRoot, file ?? '')).href);
      assert.equal(link.target.line + 1, Number(line));
    }
    assert.match(x.markdown, /^## Egress of frontend\/web\\\[Deployment\\\]$/m);
    assertSameSentences(x);
  });

  test('a denied pair on a port: DENIED and the server’s conclusion on both sides', async () => {
    const x = await explain(client, path, 'frontend/web[Deployment]', 'data/postgres[StatefulSet]', { port: 5432 });
    assert.equal(x.result.allowed, false);
    assert.match(x.markdown, /on TCP 5432: \*\*DENIED\*\*/);
    assert.ok(x.result.egress.conclusion ?? x.result.ingress.conclusion);
    assertSameSentences(x);
  });

  test('sides that no policy isolates say so, in the server’s words', async () => {
    const x = await explain(client, path, 'monitoring/prometheus[StatefulSet]', 'kube-system/coredns[Deployment]', {});
    assert.deepEqual([x.result.egress.isolatedBy.length, x.result.ingress.isolatedBy.length], [0, 0]);
    assert.equal(plainLines(x.markdown).filter((l) => l.startsWith('not isolated')).length, 2, x.markdown);
    assertSameSentences(x);
  });
});

describe('the explanation document under cilium (test/fixtures/engine-kinds/cilium)', () => {
  let client: TestClient;
  // The server and the CLI read the same folder.
  const folder = join('test', 'fixtures', 'engine-kinds', 'cilium');
  const path = folder;
  before(async () => {
    client = await serve(join(repoRoot, folder));
  });
  after(() => client.close());

  test('a pair an egressDeny denies shows the engine’s steps, never "not isolated"', async () => {
    const x = await explain(client, path, 'shop/web[Deployment]', 'shop/db[Deployment]', { port: 5432 }, 'cilium');
    assert.equal(x.result.allowed, false);
    assert.match(x.markdown, /\*\*DENIED\*\*/);
    assert.doesNotMatch(x.markdown, /not isolated/i);
    assert.doesNotMatch(x.markdown, /every connection is allowed/i);
    const deny = plainLines(x.markdown).find((l) => l.includes('egressDeny[0]'));
    assert.ok(deny, x.markdown);
    assert.match(deny, /^CiliumNetworkPolicy shop\/web spec\.egressDeny\[0\] \(.*deny-and-entities\.yaml:\d+\) denies TCP 5432$/);
    assert.ok(
      markdownLinks(x.markdown).some((l) => /deny-and-entities\.yaml:65$/.test(l.text)),
      x.markdown,
    );
    assertSameSentences(x);
  });
});

describe('the explanation document of an incomplete workspace', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-md-'));
    const pod = (name: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: default, labels: {app: ${name}}}\nspec: {containers: [{name: c, image: x}]}\n`;
    writeFileSync(join(dir, 'pods.yaml'), `${pod('a')}---\n${pod('b')}`);
    writeFileSync(
      join(dir, 'deny.yaml'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: default}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress\n',
    );
    client = await serve(dir);
  });
  after(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('says what was not analysed, with a link to the file', async () => {
    const result = await client.rpc.sendRequest<ExplainResult | null>('netpol/explain', { from: 'default/a[Pod]', to: 'default/b[Pod]' });
    assert.ok(result);
    assert.equal(result.completeness.complete, false);
    const markdown = renderExplanation(result, (uri) => relative(dir, fileURLToPath(uri)));
    const plain = plainLines(markdown);
    assert.ok(plain.includes(result.completeness.summary), markdown);
    for (const item of result.completeness.items)
      assert.ok(
        plain.some((l) => l.includes(item.message)),
        `${item.message} in\n${markdown}`,
      );
    assert.ok(
      markdownLinks(markdown).some((l) => l.text.startsWith('deny.yaml:') && l.target.uri.endsWith('/deny.yaml')),
      markdown,
    );
  });
});

describe('escaping', () => {
  test('manifest text cannot make links, HTML or emphasis', () => {
    assert.equal(escapeMarkdown('<img src=x>'), '\\<img src=x\\>');
    assert.equal(escapeMarkdown('[a](command:x)'), '\\[a\\](command:x)');
    assert.equal(escapeMarkdown('*b* _c_ `d`'), '\\*b\\* \\_c\\_ \\`d\\`');
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
