/**
 * Small pieces of the page the App wires up: the download of an export from a standalone page and the
 * namespace form shown when a workspace is too large for a grid.
 */
import { h } from './dom';

/** Saves text as a file from a standalone page (no host to ask). */
export function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The form that narrows a too-large workspace to some namespaces (undefined: all). */
export function namespaceForm(submit: (namespaces: string[] | undefined) => void): HTMLElement {
  const input = h('input', { type: 'text', id: 'namespaces', placeholder: 'namespace, namespace…', 'aria-label': 'Namespaces to show' });
  const go = h('button', { type: 'button' }, 'Show');
  const send = (): void => {
    const namespaces = input.value
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    submit(namespaces.length ? namespaces : undefined);
  };
  go.addEventListener('click', send);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') send();
  });
  return h('div', { class: 'ns-form' }, input, go);
}
