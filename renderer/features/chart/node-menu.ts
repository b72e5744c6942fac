// The menu a node opens on right-click (cytoscape's `cxttap`): expand, hide,
// pin or unpin, open the record, open its evidence. Closed by Escape, a click
// elsewhere, or any of its items.
import type { NodeSingular } from 'cytoscape';
import { h } from '../../ui/dom.ts';
import { href, sectionOf } from '../../core/router.ts';

export interface NodeActions {
  expand(node: NodeSingular): void;
  hide(node: NodeSingular): void;
  togglePin(node: NodeSingular): void;
}

/** Where a record's evidence is listed: its page, scrolled to the Evidence section (sources are the evidence). */
export function evidenceHref(node: NodeSingular): string | null {
  const kind = node.data('kind') as string;
  if (kind === 'source') return null;
  return href(sectionOf(kind), node.data('recordId') as number, { show: 'evidence' });
}

export interface NodeMenu {
  open(node: NodeSingular, at: { x: number; y: number }): void;
  close(): void;
  /** Stops listening to the document (the chart is gone). */
  dispose(): void;
}

export function nodeMenu(container: HTMLElement, actions: NodeActions): NodeMenu {
  const menu = h('div', { class: 'chart-menu', role: 'menu', hidden: true });
  container.append(menu);
  const close = () => {
    menu.hidden = true;
    menu.replaceChildren();
  };
  const item = (label: string, cls: string, run: () => void) =>
    h(
      'button',
      {
        type: 'button',
        role: 'menuitem',
        class: cls,
        onclick: () => {
          close();
          run();
        },
      },
      label,
    );
  const link = (label: string, cls: string, target: string) =>
    h('a', { role: 'menuitem', class: cls, href: target, onclick: close }, label);
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  const elsewhere = (event: PointerEvent) => {
    if (!menu.hidden && !menu.contains(event.target as Node)) close();
  };
  document.addEventListener('pointerdown', elsewhere);

  return {
    close,
    dispose: () => document.removeEventListener('pointerdown', elsewhere),
    open(node, at) {
      const evidence = evidenceHref(node);
      menu.dataset['nodeId'] = node.id();
      const items: HTMLElement[] = [
        h('p', { class: 'chart-menu-title' }, node.data('label') as string),
        item('Expand', 'chart-menu-expand', () => actions.expand(node)),
        item('Hide', 'chart-menu-hide', () => actions.hide(node)),
        item(node.data('pinned') ? 'Unpin' : 'Pin', 'chart-menu-pin', () => actions.togglePin(node)),
        link('Open', 'chart-menu-open', href(sectionOf(node.data('kind') as string), node.data('recordId') as number)),
      ];
      if (evidence) items.push(link('Open evidence', 'chart-menu-evidence', evidence));
      menu.replaceChildren(...items);
      menu.style.left = `${at.x}px`;
      menu.style.top = `${at.y}px`;
      menu.hidden = false;
      menu.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    },
  };
}
