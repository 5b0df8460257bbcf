/** A minimal LSP client for tests: speaks JSON-RPC over a child's stdio or over in-process streams. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { MessageConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/register';
import { join } from 'node:path';
import { repoRoot } from './workspace';

export interface TestClient {
  readonly rpc: MessageConnection;
  readonly diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Resolves when diagnostics for `uri` satisfy `pred`. */
  waitForDiagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  readonly logs: string[];
  /** What the client answers to workspace/configuration from now on (send didChangeConfiguration after). */
  setSettings(settings: unknown): void;
  close(): Promise<void>;
}

function wire(rpc: MessageConnection, settings: unknown, onClose: () => Promise<void>): TestClient {
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const logs: string[] = [];
  rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  rpc.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  rpc.onNotification('$/progress', () => undefined);
  let current = settings;
  rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => current));
  rpc.onRequest('window/workDoneProgress/create', () => null);
  rpc.onRequest('client/registerCapability', () => null);
  rpc.listen();
  return {
    rpc,
    diagnostics,
    logs,
    waitForDiagnostics(uri, pred = () => true, timeoutMs = 5000) {
      const have = diagnostics.get(uri);
      if (have && pred(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; logs: ${logs.join(' | ')}`)),
          timeoutMs,
        );
        waiters.push({ uri, pred, resolve: (p) => (clearTimeout(t), resolve(p)) });
      });
    },
    setSettings(next) {
      current = next;
    },
    close: onClose,
  };
}

/** The server in this process, over a pair of streams. */
export function startInProcess(settings: unknown = {}): TestClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConn = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConn);
  const rpc = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return wire(rpc, settings, async () => {
    await shutdown(rpc);
    serverConn.dispose();
  });
}

/** `node dist/server.js --stdio`, as other editors run it. */
export function startOverStdio(settings: unknown = {}): TestClient & { readonly child: ChildProcess } {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const client = wire(rpc, settings, async () => {
    await shutdown(rpc);
    child.kill();
  });
  return { ...client, child };
}

async function shutdown(rpc: MessageConnection): Promise<void> {
  try {
    await rpc.sendRequest('shutdown');
    await rpc.sendNotification('exit');
  } catch {
    // already gone
  }
  rpc.dispose();
}

export async function initialize(client: TestClient, folderUri: string): Promise<unknown> {
  const result = await client.rpc.sendRequest('initialize', {
    // No processId: the server would poll it with a timer, keeping an in-process test alive.
    processId: null,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: 'test' }],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      window: { workDoneProgress: true },
      textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { relatedInformation: true } },
    },
  });
  await client.rpc.sendNotification('initialized', {});
  return result;
}
