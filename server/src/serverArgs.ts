/**
 * The language server's command line. The transports are the ones `createConnection()` of
 * vscode-languageserver/node reads from process.argv (`--stdio`, `--node-ipc`, `--socket`, `--pipe`,
 * each also as `--x=value`/`--x value`), plus `--clientProcessId` (exit when the client dies), which
 * it reads too. Anything else, or no transport, is a usage error: one line, exit 2, never the
 * library's stack trace.
 */
export type ServerArgs =
  | { readonly kind: 'run' }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

const hint = 'run it as `netpol-lens-server --stdio` (or --node-ipc, --socket=PORT, --pipe=NAME; see --help)';

export function parseServerArgs(argv: readonly string[]): ServerArgs {
  if (argv.some((a) => a === '--help' || a === '-h')) return { kind: 'help' };
  if (argv.some((a) => a === '--version' || a === '-v')) return { kind: 'version' };
  let transport: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    if ((name === '--stdio' || name === '--node-ipc') && inline === undefined) transport ??= name;
    else if (name === '--socket') {
      const port = value();
      if (!port || !/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
        return { kind: 'error', message: `--socket needs a port number (--socket=PORT); ${hint}` };
      transport ??= name;
    } else if (name === '--pipe') {
      if (!value()) return { kind: 'error', message: `--pipe needs a pipe name (--pipe=NAME); ${hint}` };
      transport ??= name;
    } else if (name === '--clientProcessId') {
      if (!/^\d+$/.test(value() ?? '')) return { kind: 'error', message: `--clientProcessId needs a process id; ${hint}` };
    } else return { kind: 'error', message: `unknown argument "${arg}"; ${hint}` };
  }
  if (!transport) return { kind: 'error', message: `no transport given: ${hint}` };
  return { kind: 'run' };
}

export function serverUsage(version: string): string {
  return `netpol-lens-server ${version}: the NetworkPolicy language server (diagnostics, quick fixes, hovers,
completion, code lenses), the same analysis as the netpol-lens CLI and the VS Code extension.

Usage: netpol-lens-server --stdio
       netpol-lens-server --node-ipc | --socket=PORT | --pipe=NAME [--clientProcessId=PID]

Transports (one of them, as vscode-languageserver reads them):
  --stdio              JSON-RPC over stdin/stdout: what Neovim, Helix, Emacs and most LSP clients run
  --node-ipc           Node's IPC channel, for a client that forks the server (the VS Code extension)
  --socket=PORT        connect to 127.0.0.1:PORT, where the client listens (also --socket PORT)
  --pipe=NAME          connect to the named pipe or Unix socket NAME the client listens on (also --pipe NAME)

Options:
  --clientProcessId=PID  exit when process PID is gone
  --help, -h           this text
  --version, -v        the version

Settings come from the client (workspace/configuration, section "netpol", or
initializationOptions.settings); see docs/editors.md.
`;
}
