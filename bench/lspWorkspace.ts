/**
 * The LSP benchmark's workspace: bench/generate.ts's "large" workspace written to a temp folder, and
 * the NetworkPolicy file the editor session works on, with the two lines it edits: a spec.podSelector
 * `app: <value>` (a value workloads of the namespace carry) and a numeric `port:` without endPort.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchSizes, generateWorkspace } from './generate';
import type { GeneratedFile, GeneratedWorkspace } from './generate';

export interface LineEdit {
  /** 0-based line of the open document. */
  readonly line: number;
  /** 0-based column where the value starts; it runs to the end of the line. */
  readonly column: number;
  readonly value: string;
}

export interface EditTarget {
  readonly file: GeneratedFile;
  readonly path: string;
  readonly uri: string;
  readonly text: string;
  readonly namespace: string;
  readonly policyName: string;
  /** `app: <value>` under the policy's spec.podSelector.matchLabels. */
  readonly label: LineEdit;
  /** `port: <number>` of some rule (no endPort after it). */
  readonly port: LineEdit;
  /** Every `app` label value of the namespace's workloads and pods (what completion should offer). */
  readonly namespaceAppValues: ReadonlySet<string>;
}

export interface BenchWorkspace {
  readonly generated: GeneratedWorkspace;
  readonly root: string;
  readonly rootUri: string;
  readonly bytes: number;
  readonly target: EditTarget;
  remove(): void;
}

function appValues(files: readonly GeneratedFile[], dir: string): Set<string> {
  const values = new Set<string>();
  for (const f of files) {
    if (dirname(f.path) !== dir || f.path.endsWith('networkpolicies.yaml')) continue;
    for (const m of f.text.matchAll(/^\s+app: (\S+)$/gm)) if (m[1]) values.add(m[1]);
  }
  return values;
}

function findTarget(files: readonly GeneratedFile[], root: string): EditTarget | undefined {
  const candidates = files
    .filter((f) => f.path.startsWith('clusters/') && f.path.endsWith('/networkpolicies.yaml'))
    .sort((a, b) => b.documents - a.documents || (a.path < b.path ? -1 : 1));
  for (const file of candidates) {
    const lines = file.text.split('\n');
    const values = appValues(files, dirname(file.path));
    let label: LineEdit | undefined;
    let policyName = '';
    let namespace = '';
    let port: LineEdit | undefined;
    let name = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const nameMatch = /^ {2}name: (\S+)$/.exec(line);
      if (nameMatch?.[1]) name = nameMatch[1];
      const nsMatch = /^ {2}namespace: (\S+)$/.exec(line);
      if (nsMatch?.[1]) namespace = nsMatch[1];
      const app = /^ {6}app: (\S+)$/.exec(lines[i + 3] ?? '');
      if (
        !label &&
        line === 'spec:' &&
        lines[i + 1] === '  podSelector:' &&
        lines[i + 2] === '    matchLabels:' &&
        app?.[1] &&
        values.has(app[1])
      ) {
        label = { line: i + 3, column: '      app: '.length, value: app[1] };
        policyName = name;
      }
      const portMatch = /^(\s+)port: (\d+)$/.exec(line);
      if (!port && portMatch?.[1] !== undefined && portMatch[2] && !/^\s+endPort:/.test(lines[i + 1] ?? '')) {
        port = { line: i, column: `${portMatch[1]}port: `.length, value: portMatch[2] };
      }
    }
    if (label && port && namespace) {
      const path = join(root, file.path);
      return {
        file,
        path,
        uri: pathToFileURL(path).href,
        text: file.text,
        namespace,
        policyName,
        label,
        port,
        namespaceAppValues: values,
      };
    }
  }
  return undefined;
}

/** Generates the large workspace and writes it under a fresh temp folder. */
export function writeBenchWorkspace(): BenchWorkspace {
  const size = benchSizes.large;
  if (!size) throw new Error('bench/generate.ts has no "large" size');
  const generated = generateWorkspace(size);
  const root = mkdtempSync(join(tmpdir(), 'netpol-lsp-bench-'));
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const f of generated.files) {
      const path = join(root, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.text);
    }
    const target = findTarget(generated.files, root);
    if (!target)
      throw new Error('no NetworkPolicy file with a spec.podSelector `app:` label and a numeric port in the generated workspace');
    const bytes = generated.files.reduce((a, f) => a + Buffer.byteLength(f.text), 0);
    return { generated, root, rootUri: pathToFileURL(root).href, bytes, target, remove };
  } catch (e) {
    remove();
    throw e;
  }
}
