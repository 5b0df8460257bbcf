import { engineProfiles } from '../core/index';

/** A usage error: one line on stderr, exit code 2, never a stack trace. */
export class UsageError extends Error {}

export const usageText = `netpol-lens — Kubernetes NetworkPolicy analysis

Usage: netpol-lens <command> [options] PATH...

Commands:
  check PATH...      diagnostics: parse problems, API-server validation and lint rules
                     --format text|json|sarif   --exit-zero   --fix (apply the safe quick fixes)
  connlist PATH...   allowed connections, one line per pair (netpol-analyzer's format)
                     --format txt|json|csv|md|dot
                     --compare-engine ENGINE (only what differs from --engine, with the reason)
  matrix PATH...     the workload-by-workload grid   --format txt|json|csv|md|html   --color|--no-color
                     --namespace NS[,NS...] (only these namespaces' workloads)
                     --compare-engine ENGINE (only the cells that differ from --engine, with the reason)
  explain PATH... --from NS/NAME --to NS/NAME [--port P] [--protocol TCP|UDP|SCTP] [--format text|json]
                     why a connection is allowed or denied, with file:line of each policy and rule
  assert PATH... --expect FILE
                     check reachability expectations ({checks: [{from, to, port, protocol, allowed}]})

Common options:
  --engine ID              policy engine semantics (docs/engines.md), one of
                           ${engineProfiles.map((p) => p.id).join(', ')} (default: generic)
  --default-namespace NS   namespace of objects that name none (default: default)
  --allow-incomplete       connlist, matrix, explain, assert: exit 0 even when part of the input was
                           not analysed (the list is still printed on stderr)
  -h, --help               this help
  --version                the version

PATH is a file or a folder, searched recursively for *.yaml, *.yml and *.json.

What was not analysed is part of every answer: files or documents that could not be read (YAML
syntax, binary, over the size limit, Helm templates), objects that do not count (rejected by the API
server, replaced by a later manifest of the same name, policy kinds the engine does not evaluate) and
connections the engine leaves uncertain. Text formats list them on stderr, one line each, then a
summary; JSON formats carry a "completeness" field; SARIF lists them as tool execution notifications.

Exit codes:
  0  fine
  1  check: errors found; assert: an expectation failed;
     connlist, matrix, explain, assert: part of the input was not analysed (see above), unless
     --allow-incomplete
  2  usage error
  3  internal error (a bug: please report it)`;
