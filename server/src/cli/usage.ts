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
  -h, --help               this help
  --version                the version

PATH is a file or a folder, searched recursively for *.yaml, *.yml and *.json.
Exit codes: 0 fine, 1 errors found (check) or expectations failed (assert), 2 usage error.`;
