// The two panes views are shown in (the list pane and the main pane). A pane
// keeps its view while the address keeps the view's key, refreshing it, and
// disposes of it when another view takes its place.
import { fixedView, type View } from '../core/view.ts';
import { h } from '../ui/dom.ts';

export class Pane {
  private shown: { key: string | null; view: View } | null = null;
  readonly element: HTMLElement;

  constructor(element: HTMLElement) {
    this.element = element;
  }

  get view(): View | null {
    return this.shown?.view ?? null;
  }

  /**
   * The address is about to show `key`: unless the view shown has that key,
   * it is disposed of at once and the pane left empty while the next one
   * opens, so that nothing of the page left stays on screen (or answers a click).
   */
  leave(key: string): void {
    if (this.shown && this.shown.key !== key) this.replace(null, fixedView(h('div', { class: 'view' })));
  }

  /** Shows the view for `key`: the one shown already, refreshed, or the one `open` makes (the old one is disposed once it is ready). */
  async show(key: string, open: () => View | Promise<View>): Promise<void> {
    if (this.shown && this.shown.key === key) {
      await this.shown.view.refresh();
      return;
    }
    const view = await open();
    this.replace(key, view);
    await view.mounted?.();
  }

  /** Shows an element that belongs to no view of this pane (an error; a view's aside, which that view ends). */
  showElement(element: HTMLElement): void {
    if (this.shown?.key === null && this.shown.view.el === element) return;
    this.replace(null, fixedView(element));
  }

  /** A new view starts at its top (the scroll memory then takes Back and Forward where they were). */
  private replace(key: string | null, view: View): void {
    this.shown?.view.dispose();
    this.element.replaceChildren(view.el);
    this.element.scrollTop = 0;
    this.shown = { key, view };
  }
}
