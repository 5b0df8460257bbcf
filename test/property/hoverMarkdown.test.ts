// Manifest text in hovers is text, not Markdown: random workspaces whose label keys and values, names,
// namespaces and port names are made of Markdown and HTML metacharacters (`<img src=x onerror=…>`,
// `*`, `_`, backticks, `[]()`, `|`, `#`, entities, autolinks, …) are hovered at every string of every
// manifest (NetworkPolicy under generic, CiliumNetworkPolicy under cilium, Calico NetworkPolicy under
// calico). Each hover's Markdown is rendered by a real CommonMark renderer (markdown-it, raw HTML and
// linkify on, so an unescaped string would show); the result may hold only the elements the hovers'
// own markup makes, links only to the workspace, and wherever a string shows, it shows whole, as
// written. Also the completion documentation that lists workload names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { completeAt, hoverAt } from '../../server/src/core/index';
import type { EngineProfile, Workspace } from '../../server/src/core/index';
import { markdownCode, markdownLink, markdownList, markdownText } from '../../server/src/core/text/markdown';
import { registeredEngine } from '../support/engines';
import { workspaceFromText } from '../support/workspace';

const scale = Math.max(1, Number(process.env.NETPOL_PROPERTY_SCALE ?? '1') || 1);
const md = new MarkdownIt({ html: true, linkify: true });
// markdown-it refuses file: links by default; editors follow them (the hovers link into the workspace).
md.validateLink = (url) => !/^(?:javascript|vbscript|data):/i.test(url.trim());

const pieces = [
  '<img src=x onerror=alert(1)>',
  '<b>',
  '</p>',
  '<!-- c -->',
  '&amp;',
  '&lt;',
  '&#60;',
  '*',
  '**',
  '_',
  '__',
  '`',
  '``',
  '[',
  ']',
  '(',
  ')',
  '[x](javascript:alert(1))',
  '![i](x.png)',
  '|',
  '#',
  '\\',
  '!',
  '~~',
  '>',
  '-',
  '+',
  '1.',
  '2)',
  '=',
  ':',
  '{',
  '}',
  '$',
  'http://evil.io/x',
  'www.evil.io',
  'a@b.io',
  'x',
  'y',
  '.',
  '/',
];

/** A string that starts and ends with a marker of its own, so that where it shows, its extent is known. */
const meta = (i: number, allowed: readonly string[] = pieces): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...allowed), { minLength: 1, maxLength: 6 }).map((p) => `mk${i}a${p.join('')}mk${i}z`);

const calicoSafe = pieces.filter((p) => !/["'\\]/.test(p));

const workspaceArb = fc.record({
  ns: meta(0),
  name: meta(1),
  key: meta(2),
  value: meta(3),
  policy: meta(4),
  port: meta(5),
  calicoValue: meta(6, calicoSafe),
  cilium: meta(7),
});

type Names = Record<'ns' | 'name' | 'key' | 'value' | 'policy' | 'port' | 'calicoValue' | 'cilium', string>;

const folder = 'dir (1)/a b';
const link = (loc: { file: string }): string => `file:///ws/${folder}/${loc.file}#L1`;

function manifests(n: Names): Record<string, string> {
  const docs = (...objs: unknown[]): string => objs.map((o) => JSON.stringify(o, null, 1)).join('\n---\n');
  const labels = { [n.key]: n.value, app: n.calicoValue };
  return {
    'workloads.yaml': docs(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.ns, labels } },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: n.name, namespace: n.ns, labels },
        spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080, name: n.port }] }] },
      },
    ),
    'policy.yaml': docs({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: n.policy, namespace: n.ns },
      spec: {
        podSelector: { matchLabels: { [n.key]: n.value } },
        ingress: [
          {
            from: [
              { podSelector: { matchLabels: { [n.key]: n.value } } },
              { namespaceSelector: { matchExpressions: [{ key: n.key, operator: 'In', values: [n.value, n.name] }] } },
              { ipBlock: { cidr: n.ns } },
            ],
            ports: [{ port: n.port }],
          },
        ],
      },
    }),
    'cilium.yaml': docs({
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: n.cilium, namespace: n.ns },
      spec: {
        endpointSelector: { matchLabels: { [n.key]: n.value } },
        ingress: [{ fromEndpoints: [{ matchLabels: { [n.key]: n.value } }] }],
      },
    }),
    'calico.yaml': docs({
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { name: 'calico', namespace: n.ns },
      spec: {
        selector: `app == '${n.calicoValue}'`,
        ingress: [{ action: 'Allow', source: { selector: `app == '${n.calicoValue}'` } }],
      },
    }),
  };
}

const engineFor: Record<string, string> = { 'policy.yaml': 'generic', 'cilium.yaml': 'cilium', 'calico.yaml': 'calico' };

/** The hovers at the start of every string of every manifest file. */
function allHovers(ws: Workspace, files: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const [file, text] of Object.entries(files)) {
    const engine: EngineProfile = registeredEngine(engineFor[file] ?? 'generic');
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '"' || text[i - 1] === '\\') continue;
      const h = hoverAt(ws, file, i + 1, { engine, link });
      if (h) out.add(h.contents);
    }
  }
  return [...out];
}

const allowedTags = new Set(['p', 'strong', 'code', 'ul', 'li', 'a']);

function decode(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The rendered Markdown has only our elements, links only into the workspace, and every string shows whole. */
function assertRendersAsText(markdown: string, strings: readonly string[], seen: Set<number>): void {
  const html = md.render(markdown);
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [, tag = '', attrs = ''] = m;
    assert.ok(allowedTags.has(tag.toLowerCase()), `element <${tag}> from ${JSON.stringify(markdown)}\n${html}`);
    if (tag === 'a' && !m[0].startsWith('</')) {
      const href = /^\s+href="([^"]*)"$/.exec(attrs)?.[1];
      assert.ok(href?.startsWith(md.normalizeLink(`file:///ws/${folder}/`)), `link ${attrs} from ${JSON.stringify(markdown)}`);
    } else assert.equal(attrs.trim(), '', `attributes on <${tag}>: ${html}`);
  }
  const text = decode(html);
  strings.forEach((s, i) => {
    const norm = s.replace(/\s+/g, ' ');
    for (let at = text.indexOf(`mk${i}a`); at >= 0; at = text.indexOf(`mk${i}a`, at + 1)) {
      seen.add(i);
      const end = text.indexOf(`mk${i}z`, at);
      assert.ok(end >= 0, `string ${i} cut short in ${JSON.stringify(text)}\nfrom ${JSON.stringify(markdown)}`);
      assert.equal(text.slice(at, end + `mk${i}z`.length), norm, `from ${JSON.stringify(markdown)}`);
    }
  });
}

test('hovers show manifest strings as text: no HTML element, no link, no emphasis made of them', () => {
  fc.assert(
    fc.property(workspaceArb, (n) => {
      const files = manifests(n);
      const ws = workspaceFromText(files);
      const strings = [n.ns, n.name, n.key, n.value, n.policy, n.port, n.calicoValue, n.cilium];
      const seen = new Set<number>();
      const hovers = allHovers(ws, files);
      assert.ok(hovers.length >= 6, `${hovers.length} hovers`);
      for (const h of hovers) assertRendersAsText(h, strings, seen);
      // Every kind of string reached some hover: namespace, workload name, label key and value, policy name, a
      // Calico selector's value (a port name of metacharacters is invalid, and dropped before any hover).
      for (const i of [0, 1, 2, 3, 4, 6]) assert.ok(seen.has(i), `string ${i} (${strings[i]}) shown in no hover`);
    }),
    { numRuns: 60 * scale },
  );
});

test('a label value <img src=x onerror=alert(1)> shows as written in the hover on the peer', () => {
  const n: Names = {
    ns: 'shop',
    name: 'web',
    key: 'app',
    value: '<img src=x onerror=alert(1)>',
    policy: 'p',
    port: 'http',
    calicoValue: 'web',
    cilium: 'c',
  };
  const files = manifests(n);
  const ws = workspaceFromText(files);
  const text = files['policy.yaml'] ?? '';
  const h = hoverAt(ws, 'policy.yaml', text.indexOf('"from"') + 6, { engine: registeredEngine('generic'), link });
  assert.ok(h);
  const html = md.render(h.contents);
  assert.doesNotMatch(html, /<img/);
  assert.match(decode(html), /<img src=x onerror=alert\(1\)>/);
});

test('completion documentation lists workload names as text', () => {
  fc.assert(
    fc.property(workspaceArb, (n) => {
      const files = manifests(n);
      const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: q\n  namespace: ${JSON.stringify(n.ns)}\nspec:\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: `;
      const ws = workspaceFromText({ ...files, 'new.yaml': text });
      const items = completeAt(ws, text, text.length, { engine: registeredEngine('generic') });
      const docs = items.map((i) => i.documentation).filter((d): d is string => d !== undefined);
      assert.ok(docs.length > 0, JSON.stringify(items.map((i) => i.label)));
      for (const d of docs) assertRendersAsText(d, [n.ns, n.name], new Set());
    }),
    { numRuns: 30 * scale },
  );
});

test('the helpers: text, code spans (backticks and spaces inside), links and lists render as written', () => {
  const punct = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
  const inline = (m: string): string => md.render(m).replace(/^<p>|<\/p>\n$/g, '');
  assert.equal(decode(inline(markdownText(`a ${punct} b`))).trim(), `a ${punct} b`);
  assert.equal(inline(markdownText('# h\n- x')), '# h - x');
  for (const s of ['a`b', '`a`', '``', 'a ``` b`', ' lead', 'trail ', ' both ', '  ', '<img src=x>', 'x\ny'])
    assert.equal(
      inline(markdownCode(s)),
      `<code>${s.replace(/\n/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`,
      s,
    );
  assert.equal(inline(markdownCode('')), '<code> </code>');
  assert.equal(
    inline(markdownLink(markdownCode('ns/a[Pod]'), 'file:///w (1)/a b.yaml#L3')),
    '<a href="file:///w%20(1)/a%20b.yaml#L3"><code>ns/a[Pod]</code></a>',
  );
  assert.equal(inline(markdownLink('x', 'file:///a>b<c\\d')), `<a href="${md.normalizeLink('file:///a>b<c\\d')}">x</a>`);
  assert.equal(
    md.render(markdownList(['1. one', '> two', '*three*'], 2)),
    '<ul>\n<li>1. one</li>\n<li>&gt; two</li>\n<li>… and 1 more</li>\n</ul>\n',
  );
});
