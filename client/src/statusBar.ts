/** The status bar item: engine and server state (from `netpol/status`); a click selects the engine. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol/protocol';
import { commandIds } from './commandIds';

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
    if (p.state === 'indexing') {
      this.set('$(loading~spin)', p.engine, `Indexing manifests: ${p.indexed} of ${p.total} files.`, `${p.indexed}/${p.total}`);
    } else {
      const files = `${p.total} manifest ${p.total === 1 ? 'file' : 'files'}`;
      this.set('$(shield)', p.engine, `Ready: ${p.workloads} workloads and ${p.policies} policies in ${files}.`);
    }
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

  private set(icon: string, engine: string, state: string, extra?: string): void {
    this.item.backgroundColor = undefined;
    this.item.text = `${icon} netpol: ${engine}${extra ? ` ${extra}` : ''}`;
    const tip = new vscode.MarkdownString(
      `**NetworkPolicy Lens**\n\nEngine: \`${engine}\`\n\n${state}\n\n[Select engine](command:${commandIds.selectEngine})`,
    );
    tip.isTrusted = { enabledCommands: [commandIds.selectEngine] };
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `NetworkPolicy Lens, engine ${engine}. ${state}` };
  }
}

export function configuredEngine(): string {
  return vscode.workspace.getConfiguration('netpol').get<string>('engine') ?? 'generic';
}
