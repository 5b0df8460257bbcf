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
import type {
  CodeActionParams,
  CodeLensParams,
  CompletionParams,
  Connection,
  HoverParams,
  InitializeParams,
  InitializeResult,
} from 'vscode-languageserver';
import { guarded } from './guard';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { complete } from './features/completion';
import { DiagnosticsPublisher } from './features/diagnostics';
import { hover } from './features/hover';
import { MatrixService } from './features/matrix';
import { diffRequest, explainRequest, matrixRequest, statusNotification } from '../protocol/protocol';
import type { DiffParams, DiffResult, ExplainParams, MatrixParams, MatrixResult, StatusParams } from '../protocol/protocol';
import { defaultSettings, normalizeSettings } from './settings';
import type { Settings } from './settings';
import { WorkspaceIndex } from './workspaceIndex';
import { defaultEngine, findEngine, isEffective } from '../core/index';

/** Edits closer together than this are checked once (typing); a check on 3,000 workloads takes about 20 ms. */
const diagnosticsDelayMs = 5;
/** What a request that failed answers: nothing, and not a word of it passed off as complete. */
const emptyMatrix: MatrixResult = {
  engine: '',
  workloads: [],
  rows: [],
  connections: [],
  completeness: {
    complete: false,
    items: [],
    counts: { files: 0, objects: 0, uncertain: 0 },
    summary: 'incomplete: the server could not compute the matrix (see its log)',
  },
};
const emptyDiff: DiffResult = {
  engine: '',
  baseline: '',
  current: '',
  opened: 0,
  closed: 0,
  changed: 0,
  uncertainOnly: { baseline: 0, current: 0 },
  summary: '',
  cells: [],
  documents: [],
};

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
    const engine = findEngine(settings.engine) ?? defaultEngine;
    const completeness = state === 'ready' ? index.completeness(engine) : undefined;
    const status: StatusParams = {
      state,
      indexed,
      total,
      workloads: model.workloads.length,
      policies: model.policies.filter(isEffective).length,
      engine: settings.engine,
      ...(completeness && !completeness.complete
        ? { incomplete: { items: completeness.items.length, summary: completeness.summary } }
        : {}),
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

  const loadSettings = async (): Promise<'none' | 'reparsed' | 'reindex'> => {
    if (!canConfigure) return 'none';
    const raw: unknown = await connection.workspace.getConfiguration('netpol');
    const { settings: next, problems } = normalizeSettings(raw);
    for (const p of problems) connection.console.warn(p);
    settings = next;
    return index.applySettings(next);
  };

  /** Reads every manifest of the folders, with progress; one run at a time. */
  let indexing: Promise<void> = Promise.resolve();
  const indexWorkspace = (): Promise<void> => {
    indexing = indexing.then(async () => {
      ready = false;
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin('NetworkPolicy: indexing manifests', 0, undefined, false);
      sendStatus('indexing', 0, 0);
      try {
        const count = await index.indexAll((done, file) => {
          progress.report(`${done} files (${file.split('/').pop() ?? ''})`);
          sendStatus('indexing', done, 0);
        });
        connection.console.info(`netpol-lens: indexed ${count} manifest files`);
      } catch (e: unknown) {
        connection.console.error(`netpol-lens: indexing failed: ${String(e)}`);
      } finally {
        progress.done();
        ready = true;
        schedule();
      }
    });
    return indexing;
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
        // `save`: a saved document is the new disk baseline of the matrix's comparison at once,
        // not only when the file watcher's event arrives.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
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
      await indexWorkspace();
    })().catch((e: unknown) => {
      connection.console.error(`netpol-lens: indexing failed: ${String(e)}`);
      ready = true;
      schedule();
    });
  });

  connection.onDidChangeConfiguration(() => {
    loadSettings()
      .then((change) => (change === 'reindex' ? indexWorkspace() : schedule()))
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
  documents.onDidSave((e) => {
    index.diskChanged(e.document.uri, false);
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

  connection.onHover(guarded(connection, 'hover', null, (params: HoverParams) => hover(index, settings, params)));
  connection.onRequest(
    matrixRequest,
    guarded(connection, 'matrix', emptyMatrix, (params: MatrixParams) => matrix.matrix(settings, params)),
  );
  connection.onRequest(
    explainRequest,
    guarded(connection, 'explain', null, (params: ExplainParams) => matrix.explain(settings, params)),
  );
  connection.onRequest(
    diffRequest,
    guarded(connection, 'diff', emptyDiff, (params: DiffParams) => matrix.diff(settings, params)),
  );
  connection.onCodeAction(
    guarded(connection, 'codeAction', [], (params: CodeActionParams) => codeActions(index, diagnostics, settings, params)),
  );
  connection.onCodeLens(guarded(connection, 'codeLens', [], (params: CodeLensParams) => codeLenses(index, settings, params)));
  connection.onCompletion(
    guarded(connection, 'completion', [], (params: CompletionParams) =>
      complete(index, settings, documents.get(params.textDocument.uri)?.getText(), params),
    ),
  );

  documents.listen(connection);
  connection.listen();
}
