// Show reachability: the panel's grid is what `netpol-lens connlist`/`matrix` compute on the same
// folder, follows unsaved edits and marks the cells they change.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { PanelState } from './support';
import { cli, fileUri, netpolApi, openEditor, revertAndClose, waitFor } from './support';

interface CliMatrix {
  readonly workloads: string[];
  readonly cells: string[][];
}
interface ConnlistEntry {
  readonly src: string;
  readonly dst: string;
  readonly conn: string;
}

const charOf = (conn: string | undefined): string =>
  conn === undefined || conn === 'No Connections' ? '.' : conn === 'All Connections' ? 'A' : 'P';

/** The grid `netpol-lens matrix --format json` prints for the folder on disk, as PanelState rows. */
function cliGrid(): { workloads: string[]; grid: string[] } {
  const m = JSON.parse(cli('matrix', '--format', 'json', '--allow-incomplete')) as CliMatrix;
  return { workloads: m.workloads, grid: m.cells.map((row) => row.map(charOf).join('')) };
}

/** The same from `connlist` (pairs of distinct workloads only: it leaves out a workload to itself). */
function connlistGrid(workloads: readonly string[]): string[] {
  const list = (JSON.parse(cli('connlist', '--format', 'json', '--allow-incomplete')) as { connections: ConnlistEntry[] }).connections;
  const conn = new Map(list.map((e) => [`${e.src} ${e.dst}`, e.conn]));
  return workloads.map((src, r) => workloads.map((dst, c) => (r === c ? '?' : charOf(conn.get(`${src} ${dst}`)))).join(''));
}

const offDiagonal = (grid: readonly string[]): string[] => grid.map((row, r) => row.slice(0, r) + '?' + row.slice(r + 1));
const show = (s: { workloads: readonly string[]; grid: readonly string[] } | undefined): string =>
  s ? s.workloads.map((w, i) => `${s.grid[i] ?? ''}  ${w}`).join('\n') : 'no panel';

/** Waits until the panel shows `expected` (the panel re-asks the server after a 300 ms debounce). */
async function panelShowing(expected: { workloads: string[]; grid: string[] }, what: string): Promise<PanelState> {
  const api = await netpolApi();
  let last: PanelState | undefined;
  try {
    return await waitFor(what, () => {
      last = api.panelState();
      return last && JSON.stringify([last.workloads, last.grid]) === JSON.stringify([expected.workloads, expected.grid]) ? last : undefined;
    });
  } catch (e) {
    assert.fail(`${(e as Error).message}\npanel:\n${show(last)}\nexpected:\n${show(expected)}`);
  }
}

const policyFile = 'AllowWebToDBPolicy.yaml';
const idx = (s: PanelState, name: string): number => s.workloads.indexOf(`default/${name}[Pod]`);

describe('reachability panel', () => {
  const original = readFileSync(fileUri(policyFile).fsPath, 'utf8');

  it('Show reachability opens the panel with the grid of netpol-lens matrix and connlist', async () => {
    const api = await netpolApi();
    await openEditor(policyFile);
    await vscode.commands.executeCommand('netpolLens.showReachability');
    await waitFor('the panel state', () => api.panelState());
    const expected = cliGrid();
    assert.deepEqual(expected.workloads, ['default/app[Pod]', 'default/db[Pod]', 'default/web[Pod]']);
    const state = await panelShowing(expected, 'the panel to show the CLI matrix');
    assert.deepEqual(offDiagonal(state.grid), connlistGrid(state.workloads));
    assert.equal(state.changed, 0);
  });

  it('an unsaved fix of the policy opens web → db and marks the changed cell', async () => {
    const api = await netpolApi();
    const editor = await openEditor(policyFile);
    try {
      const before = api.panelState();
      assert.ok(before, 'no panel');
      assert.equal(before.grid[idx(before, 'web')]?.[idx(before, 'db')], '.');
      const edit = new vscode.WorkspaceEdit();
      const at = editor.document.getText().indexOf('AllowWebToDBPolicy');
      edit.replace(
        editor.document.uri,
        new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'AllowWebToDBPolicy'.length)),
        'allow-web-to-db',
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      const after = await waitFor('the panel to mark changed cells', () => {
        const s = api.panelState();
        return s && s.changed > 0 ? s : undefined;
      });
      assert.equal(after.grid[idx(after, 'web')]?.[idx(after, 'db')], 'A', show(after));
      assert.equal(after.changed, 1, show(after));
      // The document is still unsaved: the CLI, which reads the disk, still denies web → db.
      const disk = cliGrid();
      assert.equal(disk.grid[idx(after, 'web')]?.[idx(after, 'db')], '.');

      // Saved, the CLI agrees with the panel, and nothing differs from the disk any more.
      assert.ok(await editor.document.save());
      const saved = cliGrid();
      assert.equal(saved.grid[idx(after, 'web')]?.[idx(after, 'db')], 'A');
      const state = await panelShowing(saved, 'the panel to show the CLI matrix after saving');
      await waitFor('no changed cells after saving', () => (api.panelState()?.changed === 0 ? true : undefined));
      assert.deepEqual(offDiagonal(state.grid), connlistGrid(state.workloads));
    } finally {
      writeFileSync(fileUri(policyFile).fsPath, original);
      await revertAndClose(editor);
    }
  });
});
