import type { Finding } from '../findings';
import { toPlain } from './node';
import { parseYamlDocuments } from './parseDocuments';

/** Reads a single-document YAML or JSON file into plain values (for data files such as `--expect`). */
export function readYamlValue(file: string, text: string): { value: unknown; findings: Finding[] } {
  const docs = parseYamlDocuments(text);
  const findings: Finding[] = docs.flatMap((d) =>
    d.errors.map((e) => ({ code: e.code, severity: e.severity, message: e.message, file, span: e.span })),
  );
  return { value: toPlain(docs[0]?.contents), findings };
}
