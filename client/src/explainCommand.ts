/**
 * "NetworkPolicy: Explain connection": pick a source and a destination workload (from
 * `netpol/matrix`), optionally a port, ask `netpol/explain`, and show the answer (Markdown, see
 * explainMarkdown.ts) in the explanation view, whose links open the manifests at the policy or rule.
 */
import * as vscode from 'vscode';
import { explainRequest, matrixRequest } from '../../server/src/protocol/protocol';
import type { MatrixWorkloadDto } from '../../server/src/protocol/protocol';
import { parsePortQuery, renderExplanation } from './explainMarkdown';
import type { ExplanationView } from './explanationView';
import type { ServerController } from './languageClient';

interface WorkloadItem extends vscode.QuickPickItem {
  readonly workload: MatrixWorkloadDto;
}

export async function explainConnection(server: ServerController, view: ExplanationView): Promise<void> {
  const matrix = await server.send(matrixRequest, {});
  if (matrix.truncated) {
    void vscode.window.showWarningMessage(
      `The workspace has ${matrix.truncated.workloads} workloads, more than ${matrix.truncated.limit}: use the CLI's explain.`,
    );
    return;
  }
  if (matrix.workloads.length === 0) {
    void vscode.window.showInformationMessage('No workloads (Pods, Deployments, StatefulSets, …) found in the workspace.');
    return;
  }
  const items = matrix.workloads.map((w): WorkloadItem => ({
    label: w.name,
    description: `${w.namespace} · ${w.kind}`,
    ...(w.location ? { detail: vscode.workspace.asRelativePath(vscode.Uri.parse(w.location.uri)) } : {}),
    workload: w,
  }));
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const from = await pickWorkload(items, 'Explain connection (1/3): source workload', active);
  if (!from) return;
  const to = await pickWorkload(items, `Explain connection (2/3): from ${from.name} to which workload?`, undefined);
  if (!to) return;
  const portText = await vscode.window.showInputBox({
    title: 'Explain connection (3/3): port (optional)',
    prompt: 'A port, optionally with a protocol (5432, UDP/53). Leave empty for every port.',
    validateInput: (t) => {
      const q = parsePortQuery(t);
      return typeof q === 'string' ? q : undefined;
    },
  });
  if (portText === undefined) return;
  const query = parsePortQuery(portText);
  if (typeof query === 'string') return;
  const result = await server.send(explainRequest, {
    from: from.id,
    to: to.id,
    ...(query.port !== undefined ? { port: query.port } : {}),
    ...(query.protocol ? { protocol: query.protocol } : {}),
  });
  if (!result) {
    void vscode.window.showWarningMessage(`${from.id} or ${to.id} is no longer in the workspace.`);
    return;
  }
  const markdown = renderExplanation(result, (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
  await view.show(`${from.name} → ${to.name}`, markdown);
}

async function pickWorkload(items: WorkloadItem[], title: string, activeUri: string | undefined): Promise<MatrixWorkloadDto | undefined> {
  // Workloads of the active manifest first: the likely subject.
  const sorted = activeUri
    ? [...items].sort((a, b) => Number(b.workload.location?.uri === activeUri) - Number(a.workload.location?.uri === activeUri))
    : items;
  const pick = await vscode.window.showQuickPick(sorted, {
    title,
    placeHolder: 'Workload name, namespace or kind',
    matchOnDescription: true,
  });
  return pick?.workload;
}
