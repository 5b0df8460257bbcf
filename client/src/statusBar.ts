/**
 * The status bar item: engine and server state (from `netpol/status`, worded by statusText.ts). A
 * click selects the engine; while the workspace has files or objects that are not analysed, the
 * item is in a warning state and a click offers what to do about it (see `showActions`).
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol/protocol';
import { commandIds, internalCommandIds } from './commandIds';
import { escapeMarkdown } from './explainMarkdown';
import { statusLook } from './statusText';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('netpolLens.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'NetworkPolicy Lens';
    this.item.command = commandIds.selectEngine;
    this.starting(configuredEngine());
    this.item.show();
  }

  starting(engine: string): void {
    this.set('$(loading~spin)', engine, 'Starting the language server…');
  }

  /** From the server's `netpol/status`. */
  status(p: StatusParams): void {
    const look = statusLook(p);
    this.set(look.icon, p.engine, look.state, look.extra, look.warning);
  }

  /** Ready, but the server said nothing about itself (it sends no `netpol/status`). */
  readyWithoutStatus(): void {
    this.set('$(shield)', configuredEngine(), 'Ready.');
  }

  stopped(): void {
    this.set('$(error)', configuredEngine(), 'The language server is not running. Run "NetworkPolicy: Restart server".');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  dispose(): void {
    this.item.dispose();
  }

  private set(icon: string, engine: string, state: string, extra?: string, warning = false): void {
    this.item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = warning ? internalCommandIds.statusActions : commandIds.selectEngine;
    this.item.text = `${icon} netpol: ${engine}${extra ? ` ${extra}` : ''}`;
    const links = [
      ...(warning
        ? [`[Show what was not analysed](command:${commandIds.showReachability})`, `[Show problems](command:${problemsCommand})`]
        : []),
      `[Select engine](command:${commandIds.selectEngine})`,
    ];
    const tip = new vscode.MarkdownString(
      `**NetworkPolicy Lens**\n\nEngine: \`${engine}\`\n\n${escapeMarkdown(state)}\n\n${links.join(' · ')}`,
    );
    tip.isTrusted = { enabledCommands: [commandIds.selectEngine, commandIds.showReachability, problemsCommand] };
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `NetworkPolicy Lens, engine ${engine}. ${state}` };
  }
}

const problemsCommand = 'workbench.actions.view.problems';

/** The click in the warning state: what was not analysed (the panel's banner), the Problems view, or the engine. */
export async function showActions(): Promise<void> {
  const picks = [
    {
      label: '$(table) Show what was not analysed',
      detail: 'The reachability panel lists each file and object, with links',
      command: commandIds.showReachability,
    },
    { label: '$(warning) Show problems', detail: 'The Problems view (diagnostics of open manifests)', command: problemsCommand },
    { label: '$(settings-gear) Select engine', detail: 'The engine profile (setting netpol.engine)', command: commandIds.selectEngine },
  ];
  const pick = await vscode.window.showQuickPick(picks, { title: 'NetworkPolicy Lens: some manifests are not analysed' });
  if (pick) await vscode.commands.executeCommand(pick.command);
}

export function configuredEngine(): string {
  return vscode.workspace.getConfiguration('netpol').get<string>('engine') ?? 'generic';
}
