/**
 * The explanation pane (`#explain`): for the selected cell, the policies that isolate each side, the
 * rules that admit the connection (description and ports), the policies not counted and why, with
 * links that open the manifest. In a standalone page there is no server: the pane shows the cell's
 * connections and the CLI command that explains it.
 */
import type { ExplainResult, ExplainSideDto, LocationDto } from '../../../server/src/protocol/protocol';
import { clear, h } from './dom';
import { statusSymbol } from './matrixModel';
import type { MatrixModel } from './matrixModel';

const ignoredReason: Record<ExplainSideDto['ignored'][number]['reason'], string> = {
  rejected: 'rejected by the API server',
  replaced: 'replaced by a later manifest',
  'policy-types': 'its policyTypes leave this direction out',
};

export class ExplainView {
  constructor(
    readonly el: HTMLElement,
    private readonly open: ((loc: LocationDto) => void) | undefined,
  ) {
    this.placeholder();
  }

  placeholder(): void {
    clear(this.el);
    this.el.append(
      h(
        'div',
        { class: 'explain-empty' },
        h('p', {}, 'Select a cell to see why the connection is allowed or denied.'),
        h('p', { class: 'hint' }, 'Arrow keys move, Enter explains.'),
      ),
    );
  }

  private heading(m: MatrixModel, from: number, to: number): HTMLElement {
    const set = m.cell(from, to);
    const status = m.status(set);
    const before = m.before(from, to);
    return h(
      'header',
      {},
      h(
        'h2',
        {},
        h('span', { class: 'wl' }, m.workloads[from]?.id ?? ''),
        h('span', { class: 'arrow' }, ' → '),
        h('span', { class: 'wl' }, m.workloads[to]?.id ?? ''),
      ),
      h(
        'p',
        { class: `verdict ${status}` },
        h('span', { class: 'sym', 'aria-hidden': 'true' }, statusSymbol[status]),
        ` ${status === 'none' ? 'Denied' : status === 'all' ? 'Allowed' : 'Allowed on some ports'}: ${m.text(set)}`,
      ),
      before !== undefined && h('p', { class: 'changed-note' }, `Changed by unsaved edits; on disk: ${m.text(before)}`),
    );
  }

  /** Standalone page: what the data holds, and how to get the full explanation. */
  showOffline(m: MatrixModel, from: number, to: number, paths: readonly string[] | undefined): void {
    clear(this.el);
    const a = m.workloads[from];
    const b = m.workloads[to];
    const args = paths?.length ? paths.map(shellWord).join(' ') : 'PATH...';
    this.el.append(
      this.heading(m, from, to),
      h(
        'p',
        { class: 'hint' },
        'This page was exported without a language server, so it holds the connections only. For the policies and rules behind this cell, run:',
      ),
      h(
        'pre',
        { class: 'cmd' },
        `netpol-lens explain ${args} --from ${shellWord(`${a?.namespace}/${a?.name}`)} --to ${shellWord(`${b?.namespace}/${b?.name}`)}`,
      ),
    );
  }

  loading(m: MatrixModel, from: number, to: number): void {
    clear(this.el);
    this.el.append(this.heading(m, from, to), h('p', { class: 'hint' }, 'Asking the language server…'));
  }

  show(m: MatrixModel, from: number, to: number, result: ExplainResult | null, error?: string): void {
    clear(this.el);
    this.el.append(this.heading(m, from, to));
    if (!result) {
      this.el.append(
        h(
          'p',
          { class: 'hint' },
          error ? `The language server could not explain it: ${error}` : 'One of these workloads is no longer in the workspace.',
        ),
      );
      return;
    }
    this.el.append(
      this.side('Egress', result.from, result.egress, 'destination'),
      this.side('Ingress', result.to, result.ingress, 'source'),
    );
  }

  private side(direction: 'Egress' | 'Ingress', subject: string, s: ExplainSideDto, peer: string): HTMLElement {
    const sec = h('section', { class: 'side' }, h('h3', {}, `${direction} of `, h('span', { class: 'wl' }, subject)));
    if (s.isolatedBy.length === 0) {
      sec.append(h('p', {}, `Not isolated for ${direction.toLowerCase()}: every ${peer} is allowed.`));
    } else {
      const list = h('ul', { class: 'policies' });
      for (const p of s.isolatedBy) list.append(h('li', {}, this.link(p.policy, p.location)));
      sec.append(
        h('p', { class: 'label' }, `Isolated by ${s.isolatedBy.length === 1 ? 'one policy' : `${s.isolatedBy.length} policies`}:`),
        list,
      );
      if (s.rules.length === 0) sec.append(h('p', { class: 'none' }, 'No rule of these policies admits this connection.'));
      else {
        const rules = h('ul', { class: 'rules' });
        for (const r of s.rules) {
          rules.append(
            h(
              'li',
              {},
              h('div', {}, this.link(`${r.policy} · ${r.direction} rule ${r.index + 1}`, r.location)),
              h('div', { class: 'desc' }, r.description),
              h('div', { class: 'opens' }, `opens ${r.opens}`),
            ),
          );
        }
        sec.append(h('p', { class: 'label' }, 'Admitted by:'), rules);
      }
    }
    if (s.ignored.length > 0) {
      const list = h('ul', { class: 'ignored' });
      for (const i of s.ignored) list.append(h('li', {}, this.link(i.policy, i.location), ` — ${ignoredReason[i.reason] ?? i.reason}`));
      sec.append(h('p', { class: 'label' }, 'Not counted:'), list);
    }
    sec.append(h('p', { class: 'allows' }, `${direction} allows: ${s.allowed}`));
    return sec;
  }

  private link(text: string, loc: LocationDto): HTMLElement {
    if (!this.open) return h('span', {}, text);
    const a = h('a', { href: '#', title: `${loc.uri}:${loc.line + 1}` }, text);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      this.open?.(loc);
    });
    return a;
  }
}

/** A word as a POSIX shell reads it back: plain when safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
