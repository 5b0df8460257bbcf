/**
 * The language client: `dist/server.js` over IPC, yaml and json documents (file and untitled), the
 * `netpol.*` settings, restarts after a crash (a few times, then a message with a Restart button),
 * and the readiness the API's `ready()` waits for.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind } from 'vscode-languageclient/node';
import type {
  CloseHandlerResult,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClientOptions,
  RequestType,
  ServerOptions,
} from 'vscode-languageclient/node';
import { statusNotification } from '../../server/src/protocol/protocol';
import type { StatusParams } from '../../server/src/protocol/protocol';
import { commandIds } from './commandIds';
import { CrashBudget } from './crashBudget';
import { Readiness } from './readiness';
import { configuredEngine } from './statusBar';
import type { StatusBar } from './statusBar';

/** Restarts allowed within the window before we stop and ask. */
const maxRestarts = 4;
const restartWindowMs = 3 * 60_000;
/** A server that sends no `netpol/status` counts as ready this long after it runs (see readiness.ts). */
const readyGraceMs = 2000;

export class ServerController implements vscode.Disposable {
  readonly client: LanguageClient;
  readonly readiness: Readiness;
  private readonly budget = new CrashBudget(maxRestarts, restartWindowMs);
  private readonly disposables: vscode.Disposable[] = [];
  /** A `netpol/status` arrived since the server started (the status bar then shows what it says). */
  private sawStatus = false;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  /** Each `netpol/status`, for whoever else follows it (the reachability panel): the client takes one handler per notification. */
  readonly onStatus = this.statusEmitter.event;

  constructor(
    context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
    private readonly statusBar: StatusBar,
  ) {
    this.readiness = new Readiness(readyGraceMs, () => {
      if (!this.sawStatus) statusBar.readyWithoutStatus();
    });
    const module = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: ['yaml', 'json'].flatMap((language) => ['file', 'untitled'].map((scheme) => ({ language, scheme }))),
      outputChannel: output,
      synchronize: { configurationSection: 'netpol' },
      initializationOptions: () => ({ settings: vscode.workspace.getConfiguration().get('netpol') }),
      errorHandler: this.errorHandler(),
      middleware: {
        handleDiagnostics: (uri, diagnostics, next) => {
          this.readiness.diagnostics();
          next(uri, diagnostics);
        },
      },
    };
    this.client = new LanguageClient('netpolLens', 'NetworkPolicy Lens', serverOptions, clientOptions);
    this.disposables.push(
      this.statusEmitter,
      this.client.onNotification(statusNotification, (p) => {
        this.sawStatus = true;
        statusBar.status(p);
        this.readiness.status(p.state);
        this.statusEmitter.fire(p);
      }),
      this.client.onDidChangeState((e) => this.stateChanged(e.newState)),
    );
  }

  async start(): Promise<void> {
    this.statusBar.starting(configuredEngine());
    try {
      await this.client.start();
    } catch (e) {
      this.output.error(`The language server did not start: ${String(e)}`);
      this.statusBar.stopped();
      throw e;
    }
  }

  /** Restart on request: clears the crash count; starts a client that gave up. */
  async restart(): Promise<void> {
    this.budget.reset();
    if (this.client.state === State.Running) await this.client.restart();
    else await this.start();
  }

  /** A request once the server runs (waits for it to be ready when it does not run yet). */
  async request<R>(method: string, params: unknown): Promise<R> {
    if (this.client.state !== State.Running) await this.readiness.wait();
    return this.client.sendRequest<R>(method, params);
  }

  async send<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
    if (this.client.state !== State.Running) await this.readiness.wait();
    return this.client.sendRequest<R>(type.method, params);
  }

  private stateChanged(state: State): void {
    if (state === State.Running) {
      this.readiness.running();
    } else if (state === State.Stopped) {
      this.sawStatus = false;
      this.readiness.stopped();
      this.statusBar.stopped();
    } else {
      this.statusBar.starting(configuredEngine());
    }
  }

  private errorHandler(): ErrorHandler {
    return {
      // A broken message: keep going, unless the connection keeps failing (then the close handler decides).
      error: (_error, _message, count): ErrorHandlerResult => ({
        action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
        handled: true,
      }),
      closed: (): CloseHandlerResult => {
        if (this.budget.crashed(Date.now())) {
          const message = `The NetworkPolicy Lens server stopped; restarting it (${this.budget.count} of ${maxRestarts}).`;
          this.output.warn(message);
          return { action: CloseAction.Restart, message, handled: true };
        }
        void this.askToRestart();
        return { action: CloseAction.DoNotRestart, message: 'The NetworkPolicy Lens server stopped too often.', handled: true };
      },
    };
  }

  private async askToRestart(): Promise<void> {
    const minutes = restartWindowMs / 60_000;
    const choice = await vscode.window.showErrorMessage(
      `The NetworkPolicy Lens server stopped ${this.budget.count} times in ${minutes} minutes and was not restarted.`,
      'Restart',
      'Show Output',
    );
    if (choice === 'Restart') await vscode.commands.executeCommand(commandIds.restartServer);
    else if (choice === 'Show Output') this.output.show();
  }

  async dispose(): Promise<void> {
    this.readiness.dispose();
    for (const d of this.disposables) d.dispose();
    if (this.client.state !== State.Stopped) await this.client.stop();
  }
}
