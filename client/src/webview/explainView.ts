/**
 * The explanation pane (`#explain`): for the selected cell, the policies that isolate each side, the
 * rules that admit the connection (description and ports), the policies not counted and why, with
 * links that open the manifest. In a standalone page there is no server: the pane shows the cell's
 * connections and the CLI command that explains it.
 */
import type { ExplainResult, ExplainSideDto, LocationDto } from '../../../server/src/protocol/protocol';
import { comparedEngine, splitReasons, uncertainText } from './compareText';
import { clear, h } from './dom';
import { statusSymbol } from './matrixModel';
import type { MatrixModel } from './matrixModel';

const ignoredReason: Record<ExplainSideDto['ignored'][number]['reason'], string> = {
  rejected: 'rejected by the API server',
  replaced: 'replaced by a later manifest',
  'policy-types': 'its policyTypes leave this direction out',
};

/** A cell that differs between two engines: the explanation under each (`engine` is the one in effect). */
export interface ComparedExplanation {
  readonly engine: string;
  readonly other: { readonly engine: string; readonly result: ExplainResult | null; readonly error?: string };
}

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
    const same = m.sameBefore(from, to);
    const other = comparedEngine(m.result);
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
      before !== undefined &&
        h(
          'p',
          { class: 'changed-note' },
          other !== undefined ? `On ${other}: ${m.text(before)}` : `Changed by unsaved edits; on disk: ${m.text(before)}`,
        ),
      this.uncertainNote(m.result.engine, m.uncertain(set)),
      before !== undefined && this.uncertainNote(other, m.uncertain(before)),
      same !== undefined && other !== undefined && this.uncertainNote(other, m.uncertain(same)),
    );
  }

  /** `Uncertain on X: reason`; several reasons (the server joins them with `; `) one per line. */
  private uncertainNote(engine: string | undefined, reason: string | undefined): HTMLElement | false {
    if (engine === undefined || reason === undefined) return false;
    const reasons = splitReasons(reason);
    if (reasons.length === 1) return h('p', { class: 'uncertain-note' }, uncertainText(engine, reason));
    return h(
      'div',
      { class: 'uncertain-note' },
      uncertainText(engine, ''),
      h('ul', { class: 'reasons' }, ...reasons.map((r) => h('li', {}, r))),
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

  show(m: MatrixModel, from: number, to: number, result: ExplainResult | null, error?: string, compared?: ComparedExplanation): void {
    clear(this.el);
    this.el.append(this.heading(m, from, to));
    if (compared) {
      this.el.append(
        this.engineBlock(compared.engine, result, error),
        this.engineBlock(compared.other.engine, compared.other.result, compared.other.error),
      );
      return;
    }
    this.el.append(...this.body(m.result.engine, result, error));
  }

  /** `On cilium: Denied` and that engine's two sides. */
  private engineBlock(engine: string, result: ExplainResult | null, error: string | undefined): HTMLElement {
    const verdict = !result ? '' : result.allowed ? `allowed: ${result.connections}` : 'denied';
    return h(
      'div',
      { class: 'engine-block', 'data-engine': engine },
      h('h3', { class: 'engine-head' }, `On ${engine}`, verdict && h('span', { class: 'engine-verdict' }, ` — ${verdict}`)),
      ...this.body(engine, result, error),
    );
  }

  private body(engine: string, result: ExplainResult | null, error: string | undefined): HTMLElement[] {
    if (!result) {
      const why = error ? `The language server could not explain it: ${error}` : 'One of these workloads is no longer in the workspace.';
      return [h('p', { class: 'hint' }, why)];
    }
    return [
      this.side(engine, 'Egress', result.from, result.egress, 'destination'),
      this.side(engine, 'Ingress', result.to, result.ingress, 'source'),
    ];
  }

  private side(engine: string, direction: 'Egress' | 'Ingress', subject: string, s: ExplainSideDto, peer: string): HTMLElement {
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
              r.uncertain && h('div', { class: 'uncertain-note' }, uncertainText(engine, r.uncertain)),
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
