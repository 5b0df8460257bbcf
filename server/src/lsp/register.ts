/**
 * Wires the language server: capabilities, document sync, indexing with progress, file events,
 * settings, and one line per feature. Handlers are thin: convert, call the core, convert back.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { complete } from './features/completion';
import { DiagnosticsPublisher } from './features/diagnostics';
import { hover } from './features/hover';
import { MatrixService } from './features/matrix';
import { diffRequest, explainRequest, matrixRequest, statusNotification } from '../protocol/protocol';
import type { StatusParams } from '../protocol/protocol';
import { defaultSettings, normalizeSettings } from './settings';
import type { Settings } from './settings';
import { WorkspaceIndex } from './workspaceIndex';
import { isEffective } from '../core/index';

const diagnosticsDelayMs = 15;

export function startServer(connection: Connection): void {
  let settings: Settings = defaultSettings;
  const index = new WorkspaceIndex(settings);
  const diagnostics = new DiagnosticsPublisher(connection, index);
  const documents = new TextDocuments(TextDocument);
  const matrix = new MatrixService(index);
  let canConfigure = false;
  let canWatch = false;
  let ready = false;
  let timer: NodeJS.Timeout | undefined;

  let lastStatus = '';
  const sendStatus = (state: StatusParams['state'], indexed: number, total: number): void => {
    const model = index.workspace.model;
    const status: StatusParams = {
      state,
      indexed,
      total,
      workloads: model.workloads.length,
      policies: model.policies.filter(isEffective).length,
      engine: settings.engine,
    };
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    connection.sendNotification(statusNotification, status).catch(() => undefined);
  };
  const sendReady = (): void => {
    const files = index.workspace.fileNames().length;
    sendStatus('ready', files, files);
  };

  const schedule = (): void => {
    if (!ready) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      diagnostics
        .publish(settings)
        .then(sendReady)
        .catch((e: unknown) => connection.console.error(`netpol-lens: diagnostics failed: ${String(e)}`));
    }, diagnosticsDelayMs);
  };

  const loadSettings = async (): Promise<void> => {
    if (!canConfigure) return;
    const raw: unknown = await connection.workspace.getConfiguration('netpol');
    const { settings: next, problems } = normalizeSettings(raw);
    for (const p of problems) connection.console.warn(p);
    settings = next;
    index.applySettings(next);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canConfigure = params.capabilities.workspace?.configuration === true;
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    index.setFolders(folders);
    const { settings: initial } = normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    settings = initial;
    index.applySettings(initial);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '-'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'netpol-lens' },
    };
  });

  connection.onInitialized(() => {
    void (async () => {
      if (canWatch) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] });
      }
      await loadSettings();
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin('NetworkPolicy: indexing manifests', 0, undefined, false);
      sendStatus('indexing', 0, 0);
      const count = await index.indexAll((done, file) => {
        progress.report(`${done} files (${file.split('/').pop() ?? ''})`);
        sendStatus('indexing', done, 0);
      });
      progress.done();
      connection.console.info(`netpol-lens: indexed ${count} manifest files`);
      ready = true;
      schedule();
    })().catch((e: unknown) => {
      connection.console.error(`netpol-lens: indexing failed: ${String(e)}`);
      ready = true;
      schedule();
    });
  });

  connection.onDidChangeConfiguration(() => {
    loadSettings()
      .then(schedule)
      .catch((e: unknown) => connection.console.error(`netpol-lens: settings: ${String(e)}`));
  });

  documents.onDidOpen((e) => {
    index.openDocument(e.document.uri, e.document.getText());
    schedule();
  });
  documents.onDidChangeContent((e) => {
    index.openDocument(e.document.uri, e.document.getText());
    schedule();
  });
  documents.onDidClose((e) => {
    index.closeDocument(e.document.uri);
    schedule();
  });

  connection.onDidChangeWatchedFiles((e) => {
    for (const change of e.changes) index.diskChanged(change.uri, change.type === FileChangeType.Deleted);
    schedule();
  });

  connection.onShutdown(() => {
    ready = false;
    if (timer) clearTimeout(timer);
    timer = undefined;
  });

  connection.onHover((params) => hover(index, settings, params));
  connection.onRequest(matrixRequest, (params) => matrix.matrix(settings, params));
  connection.onRequest(explainRequest, (params) => matrix.explain(settings, params));
  connection.onRequest(diffRequest, (params) => matrix.diff(settings, params));
  connection.onCodeAction((params) => codeActions(index, diagnostics, settings, params));
  connection.onCodeLens((params) => codeLenses(index, settings, params));
  connection.onCompletion((params) => complete(index, settings, documents.get(params.textDocument.uri)?.getText(), params));

  documents.listen(connection);
  connection.listen();
}
