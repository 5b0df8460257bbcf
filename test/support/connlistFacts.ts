/**
 * netpol-analyzer connectivity lists as sets of facts, with connections normalised (protocols sorted,
 * port ranges merged, every port of all three protocols = All Connections) — as the oracle's compare.mjs does.
 */
const all = 'All Connections';

function normConn(text: string): string {
  const t = text.trim();
  if (t === all) return all;
  const byProto: Record<string, [number, number][]> = {};
  let proto: string | undefined;
  for (const tok of t.split(',')) {
    const part = tok.trim();
    const m = /^([A-Z]+)\s+(.+)$/.exec(part);
    let range = part;
    if (m) {
      proto = m[1];
      range = m[2] as string;
    }
    if (!proto) throw new Error(`cannot read connections "${text}"`);
    const [a, b] = range.split('-').map(Number) as [number, number | undefined];
    (byProto[proto] ??= []).push([a, b ?? a]);
  }
  let full = 0;
  const parts = Object.keys(byProto)
    .sort()
    .map((p) => {
      const merged: [number, number][] = [];
      for (const r of (byProto[p] ?? []).sort((x, y) => x[0] - y[0])) {
        const last = merged[merged.length - 1];
        if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
        else merged.push([...r]);
      }
      if (merged.length === 1 && (merged[0] as [number, number])[0] <= 1 && (merged[0] as [number, number])[1] === 65535) full++;
      return `${p} ${merged.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`;
    });
  return full === 3 && parts.length === 3 ? all : parts.join(',');
}

export function connlistFacts(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.includes('=>')) continue;
    const m = /^(.+?)\s*=>\s*(.+?)\s*:\s*(.+)$/.exec(line);
    out.add(m ? `${m[1]} => ${m[2]} : ${normConn(m[3] as string)}` : `UNREADABLE ${line}`);
  }
  return out;
}
