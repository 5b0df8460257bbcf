/** "NetworkPolicy: Select engine": a quick pick of the engine profiles; writes `netpol.engine`. */
import * as vscode from 'vscode';

interface EngineItem extends vscode.QuickPickItem {
  readonly id: string;
}

/** The engines as package.json contributes them (a unit test keeps that enum equal to the core's registry). */
export function contributedEngines(context: vscode.ExtensionContext): { id: string; description: string }[] {
  const pkg = context.extension.packageJSON as {
    contributes?: { configuration?: { properties?: Record<string, { enum?: string[]; enumDescriptions?: string[] }> } };
  };
  const setting = pkg.contributes?.configuration?.properties?.['netpol.engine'];
  return (setting?.enum ?? ['generic']).map((id, i) => ({ id, description: setting?.enumDescriptions?.[i] ?? '' }));
}

export async function selectEngine(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('netpol');
  const current = config.get<string>('engine') ?? 'generic';
  const items: EngineItem[] = contributedEngines(context).map((e) => ({
    id: e.id,
    label: e.id,
    description: e.id === current ? '(current)' : '',
    detail: e.description,
    picked: e.id === current,
  }));
  const folderOpen = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const pick = await vscode.window.showQuickPick(items, {
    title: 'NetworkPolicy: Select engine',
    placeHolder: `The network plugin whose semantics to apply (${folderOpen ? 'workspace' : 'user'} setting netpol.engine)`,
    matchOnDetail: true,
  });
  if (!pick || pick.id === current) return;
  await config.update('engine', pick.id, folderOpen ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}
