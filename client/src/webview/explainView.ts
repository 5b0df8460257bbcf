/**
 * The explanation pane (`#explain`): for the selected cell, the policies that isolate each side, the
 * rules that admit the connection (description and ports), the policies not counted and why, with
 * links that open the manifest. In a standalone page there is no server: the pane shows the cell's
 * connections and the CLI command that explains it.
 */
import type { ExplainResult, ExplainSideDto, LocationDto } from '../../../server/src/protocol/protocol';
import { comparedEngine, splitReasons, uncertainText } from './compareText';
import { completenessBlock, locationLink, locationText } from './completenessView';
import { clear, h } from './dom';
import { statusSymbol } from './matrixModel';
import type { MatrixModel } from './matrixModel';

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
    this.el.append(...this.body(result, error));
  }

  /** `On cilium: Denied` and that engine's two sides. */
  private engineBlock(engine: string, result: ExplainResult | null, error: string | undefined): HTMLElement {
    return h(
      'div',
      { class: 'engine-block', 'data-engine': engine },
      h('h3', { class: 'engine-head' }, `On ${engine}`, result && h('span', { class: 'engine-verdict' }, ` — ${result.verdict}`)),
      ...this.body(result, error),
    );
  }

  /**
   * The server's explanation view, sentence by sentence as the CLI's `explain` text has them
   * (server/src/cli/commands/explain.ts `renderExplanation`), with links where the CLI prints a
   * location. Nothing is worded here.
   */
  private body(result: ExplainResult | null, error: string | undefined): HTMLElement[] {
    if (!result) {
      const why = error ? `The language server could not explain it: ${error}` : 'One of these workloads is no longer in the workspace.';
      return [h('p', { class: 'hint' }, why)];
    }
    const on = result.query ? ` on ${result.query.protocol} ${result.query.port}` : '';
    const out: HTMLElement[] = [
      h(
        'p',
        { class: 'explain-verdict', 'data-allowed': String(result.allowed) },
        `${result.from} -> ${result.to}${on}: ${result.verdict}`,
      ),
      this.side(result.egress),
      this.side(result.ingress),
    ];
    if (result.note) out.push(h('p', { class: 'note' }, result.note));
    if (result.uncertain.length > 0) {
      const list = h('ul', { class: 'uncertain' });
      for (const u of result.uncertain)
        list.append(h('li', {}, `uncertain on ${u.engine}: ${u.text}`, h('div', { class: 'source' }, `source: ${u.source}`)));
      out.push(h('div', { class: 'uncertain-note' }, list, h('p', {}, "(the spec's result is shown; the engine may differ)")));
    }
    const c = completenessBlock(result.completeness, this.open);
    if (c) out.push(c);
    return out;
  }

  private side(s: ExplainSideDto): HTMLElement {
    const sec = h(
      'section',
      { class: 'side', 'data-direction': s.direction },
      h('h3', {}, s.title),
      h('p', { class: 'headline' }, s.headline),
    );
    if (s.engine) {
      const steps = h('ul', { class: 'steps' });
      for (const st of s.engine.steps) {
        if (!st.relevant) continue;
        steps.append(
          h(
            'li',
            { 'data-action': st.action },
            this.link(`${st.kind} ${st.policy} ${st.where}`, st.location),
            ` ${st.verb}`,
            st.note && ` — ${st.note}`,
          ),
        );
      }
      if (steps.firstChild) sec.append(steps);
    } else if (s.isolated) {
      const list = h('ul', { class: 'policies' });
      for (const p of s.isolatedBy) list.append(h('li', {}, this.link(p.policy, p.location)));
      sec.append(list);
      const rules = h('ul', { class: 'rules' });
      for (const r of s.rules) {
        if (!r.admits) continue;
        rules.append(
          h(
            'li',
            {},
            h(
              'div',
              {},
              'admitted by ',
              this.link(`${r.policy} ${r.direction}[${r.index}]`, r.location),
              ': ',
              h('span', { class: 'desc' }, r.description),
            ),
            h('div', { class: 'opens' }, `matched peer: ${r.peer}; opens ${r.opens.text}`),
            ...r.uncertain.map((u) => h('div', { class: 'uncertain-note' }, `uncertain on ${u.engine}: ${u.text}`)),
          ),
        );
      }
      for (const r of s.rules)
        if (r.note)
          rules.append(h('li', { class: 'rule-note' }, this.link(`${r.policy} ${r.direction}[${r.index}]`, r.location), ` ${r.note}`));
      if (rules.firstChild) sec.append(rules);
    }
    if (s.conclusion) sec.append(h('p', { class: 'conclusion' }, s.conclusion));
    if (s.ignored.length > 0) {
      const list = h('ul', { class: 'ignored' });
      for (const i of s.ignored)
        list.append(
          h(
            'li',
            {},
            `${i.message} (`,
            this.link(locationText(i.location), i.location),
            i.replacedBy && '; replaced by ',
            i.replacedBy && this.link(locationText(i.replacedBy), i.replacedBy),
            ').',
          ),
        );
      sec.append(list);
    }
    return sec;
  }

  private link(text: string, loc: LocationDto): HTMLElement {
    return locationLink(text, loc, this.open);
  }
}

/** A word as a POSIX shell reads it back: plain when safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
