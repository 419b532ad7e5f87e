// One tooltip per map: a box of label/value rows placed next to the pointer (or a focused element),
// kept inside the map, and announced politely to screen readers.

import { h } from './dom.js';

export class Tooltip {
  constructor(container) {
    this.container = container;
    this.element = h('div', { class: 'tooltip', role: 'status', 'aria-live': 'polite', hidden: true });
    container.append(this.element);
  }

  /** rows: [[label, value], ...]; x, y: pixels within the container. */
  show(title, rows, x, y) {
    this.element.replaceChildren(
      h('strong', null, title),
      h('dl', null, rows.map(([label, value]) => [h('dt', null, label), h('dd', null, value)])),
    );
    this.element.hidden = false;
    const { width, height } = this.element.getBoundingClientRect();
    const maxX = this.container.clientWidth - width - 4;
    const maxY = this.container.clientHeight - height - 4;
    const left = x + 14 <= maxX ? x + 14 : Math.max(4, x - width - 14);
    const top = Math.max(4, Math.min(maxY, y + 14));
    this.element.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  hide() {
    this.element.hidden = true;
  }
}
