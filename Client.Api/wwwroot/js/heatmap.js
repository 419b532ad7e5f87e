// The demand heatmap: fetches /api/geo/heatmap for the view (with a margin, so short pans need no request),
// draws each cell as its Web-Mercator tile, coloured by the selected metric, labelled with its value when the
// tile is large enough, and explains the colours in a legend with numbers.

import { api } from './api.js';
import { h, s } from './dom.js';
import * as fmt from './format.js';
import { CELL_ZOOM, MAX_HEATMAP_REGIONS, REGION_ZOOM, cellWorldBounds, countCovering, parseCell } from './mercator.js';
import { classBreaks, classOf, isDark, legendClasses } from './scale.js';

export const METRICS = {
  demand: { label: 'Demand', help: 'time-decayed views, clicks and inquiries' },
  supply: { label: 'Supply', help: 'active leads' },
  score: { label: 'Score', help: 'demand / (1 + supply)' },
};

/** A tile drawn at least this wide carries its value as text. */
const LABEL_MIN_PX = 40;

const contains = (outer, inner) =>
  outer && inner.minLat >= outer.minLat && inner.maxLat <= outer.maxLat && inner.minLon >= outer.minLon && inner.maxLon <= outer.maxLon;

export class Heatmap extends EventTarget {
  metric = 'demand';
  cellZoomChoice = 'auto';
  cells = [];
  zoom = null;
  breaks = classBreaks([]);
  #fetchedBox = null;
  #abort = null;
  #highlight = null;
  #started = false;

  /** elements: { legend, top (a tbody), tooltip (a Tooltip), message } */
  constructor(map, elements) {
    super();
    this.map = map;
    this.el = elements;
    const layer = map.addLayer('cells', () => this.#draw());
    this.rects = s('g', { class: 'cell-rects' });
    this.labels = s('g', { class: 'cell-labels', 'aria-hidden': 'true' });
    layer.group.append(this.rects, this.labels);
    map.addEventListener('viewsettled', () => {
      this.refresh();
      this.#renderTop();
    });
    this.#bindTooltip();
  }

  setMetric(metric) {
    this.metric = METRICS[metric] ? metric : 'demand';
    this.#restyle();
  }

  setCellZoom(choice) {
    this.cellZoomChoice = choice;
    this.refresh(true);
  }

  /** Cells of about 32 px at any map zoom, until the stored zoom-13 cells are reached. */
  cellZoomFor(mapZoom) {
    if (this.cellZoomChoice !== 'auto') {
      return Number(this.cellZoomChoice);
    }
    return Math.min(CELL_ZOOM, Math.max(REGION_ZOOM, Math.round(mapZoom) + 3));
  }

  /** Starts following the view; until then (while the first view is being fitted) nothing is fetched. */
  start() {
    this.#started = true;
    return this.refresh(true);
  }

  async refresh(force = false) {
    if (!this.#started) {
      return;
    }
    const zoom = this.cellZoomFor(this.map.zoom);
    const view = this.map.bounds();
    if (!force && zoom === this.zoom && contains(this.#fetchedBox, view)) {
      return;
    }
    let box = this.map.bounds(0.5);
    if (countCovering(box, REGION_ZOOM) > MAX_HEATMAP_REGIONS) {
      box = view;
    }
    const regions = countCovering(box, REGION_ZOOM);
    if (regions > MAX_HEATMAP_REGIONS) {
      this.#abort?.abort();
      this.#setCells([], null, null);
      this.#message(`Zoom in to see cells: this view spans ${regions} zoom-8 regions, one request reads at most ${MAX_HEATMAP_REGIONS}.`);
      return;
    }
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.map.svg.setAttribute('aria-busy', 'true');
    try {
      const response = await api.heatmap(box, zoom, abort.signal);
      this.#setCells(response.cells ?? [], response.zoom ?? zoom, box);
      this.#message(this.cells.length === 0 ? 'No leads or activity in this area. Zoom out or press Fit market.' : '');
    } catch (error) {
      if (error.name !== 'AbortError') {
        this.#message(`The heatmap could not be loaded: ${error.message}`);
      }
    } finally {
      if (this.#abort === abort) {
        this.map.svg.removeAttribute('aria-busy');
      }
    }
  }

  /** Cells in the view right now, largest metric first. */
  cellsInView() {
    const v = this.map.bounds();
    return this.cells
      .filter((c) => c.lat >= v.minLat && c.lat <= v.maxLat && c.lon >= v.minLon && c.lon <= v.maxLon)
      .sort((a, b) => b[this.metric] - a[this.metric]);
  }

  /** Outlines one cell (by id) until another is highlighted; null clears it. */
  highlight(cellId) {
    this.#highlight = cellId;
    for (const rect of this.rects.children) {
      rect.classList.toggle('highlight', rect.dataset.id === cellId);
    }
  }

  #setCells(cells, zoom, box) {
    this.cells = cells
      .map((c) => ({ ...c, tile: parseCell(c.cellId) }))
      .filter((c) => c.tile)
      .map((c) => ({ ...c, world: cellWorldBounds(c.tile) }));
    this.zoom = zoom;
    this.#fetchedBox = box;
    this.rects.replaceChildren(
      ...this.cells.map((c, i) => s('rect', { class: 'cell', 'data-i': i, 'data-id': c.cellId })),
    );
    this.labels.replaceChildren(...this.cells.map(() => s('text', { class: 'cell-label' })));
    this.#restyle();
    this.map.svg.dataset.cells = String(this.cells.length);
    this.dispatchEvent(new Event('loaded'));
  }

  #restyle() {
    this.breaks = classBreaks(this.cells.map((c) => c[this.metric]));
    const classes = legendClasses(this.breaks);
    this.cells.forEach((cell, i) => {
      const klass = classes[classOf(this.breaks, cell[this.metric])];
      const rect = this.rects.children[i];
      rect.setAttribute('fill', klass.colour);
      rect.dataset.class = String(klass.index + 1);
      rect.classList.toggle('highlight', cell.cellId === this.#highlight);
      const label = this.labels.children[i];
      label.textContent = fmt.num(cell[this.metric], 2);
      label.classList.toggle('on-dark', isDark(klass.colour));
    });
    this.#renderLegend(classes);
    this.#renderTop();
    this.map.requestRender();
  }

  #draw() {
    const { map } = this;
    this.cells.forEach((cell, i) => {
      const [x0, y0] = map.toScreen(cell.world.x0, cell.world.y0);
      const [x1, y1] = map.toScreen(cell.world.x1, cell.world.y1);
      const rect = this.rects.children[i];
      const label = this.labels.children[i];
      const visible = x1 >= 0 && y1 >= 0 && x0 <= map.width && y0 <= map.height;
      rect.style.display = visible ? '' : 'none';
      if (visible) {
        rect.setAttribute('x', x0.toFixed(1));
        rect.setAttribute('y', y0.toFixed(1));
        rect.setAttribute('width', Math.max(0.5, x1 - x0).toFixed(1));
        rect.setAttribute('height', Math.max(0.5, y1 - y0).toFixed(1));
      }
      const labelled = visible && x1 - x0 >= LABEL_MIN_PX;
      label.style.display = labelled ? '' : 'none';
      if (labelled) {
        label.setAttribute('x', ((x0 + x1) / 2).toFixed(1));
        label.setAttribute('y', ((y0 + y1) / 2).toFixed(1));
      }
    });
  }

  #renderLegend(classes) {
    const { legend } = this.el;
    const metric = METRICS[this.metric];
    const counts = new Array(classes.length).fill(0);
    for (const cell of this.cells) {
      counts[classOf(this.breaks, cell[this.metric])]++;
    }
    const caption = this.cells.length
      ? `${metric.label} per zoom-${this.zoom} cell (${metric.help}); classes are quantiles of the ${this.cells.length} cells loaded`
      : `${metric.label} per cell (${metric.help})`;
    legend.replaceChildren(
      h('p', { class: 'legend-caption' }, caption),
      this.cells.length === 0
        ? h('p', { class: 'legend-empty' }, 'No cells loaded.')
        : h(
            'ol',
            { class: 'legend-classes' },
            classes.map((c, i) =>
              h(
                'li',
                null,
                h('span', { class: `swatch${isDark(c.colour) ? ' dark' : ''}`, style: `background:${c.colour}` }, String(i + 1)),
                h(
                  'span',
                  { class: 'range' },
                  i === classes.length - 1 ? `${fmt.num(c.from, 2)} – ${fmt.num(c.to, 2)}` : `${fmt.num(c.from, 2)} to < ${fmt.num(c.to, 2)}`,
                ),
                h('span', { class: 'count' }, `${counts[i]} cells`),
              ),
            ),
          ),
    );
  }

  #renderTop() {
    const { top } = this.el;
    const rows = this.cellsInView().slice(0, 5);
    top.replaceChildren(
      ...rows.map((c) =>
        h(
          'tr',
          null,
          h(
            'th',
            { scope: 'row' },
            h('button', { type: 'button', class: 'link', onclick: () => this.#focusCell(c) }, c.cellId),
          ),
          h('td', { class: 'num' }, fmt.num(c.demand)),
          h('td', { class: 'num' }, String(c.supply)),
          h('td', { class: 'num' }, fmt.num(c.score)),
        ),
      ),
    );
    if (rows.length === 0) {
      top.append(h('tr', null, h('td', { colspan: 4 }, 'No cells in view.')));
    }
  }

  #focusCell(cell) {
    this.map.setView(cell.lat, cell.lon);
    this.highlight(cell.cellId);
    requestAnimationFrame(() => {
      const [x, y] = this.map.latLonToScreen(cell.lat, cell.lon);
      this.#showTip(cell, x, y);
    });
  }

  #rows(cell) {
    const klass = classOf(this.breaks, cell[this.metric]) + 1;
    return [
      ['Demand', fmt.num(cell.demand)],
      ['Supply', `${cell.supply} leads`],
      ['Score', fmt.num(cell.score)],
      ['Centre', `${fmt.coord(cell.lat)}, ${fmt.coord(cell.lon)}`],
      [`${METRICS[this.metric].label} class`, `${klass} of ${this.breaks.edges.length + 1}`],
    ];
  }

  #showTip(cell, x, y) {
    this.el.tooltip.show(`Cell ${cell.cellId}`, this.#rows(cell), x, y);
  }

  #bindTooltip() {
    const svg = this.map.svg;
    const at = (event) => {
      const rect = svg.getBoundingClientRect();
      return [event.clientX - rect.left, event.clientY - rect.top];
    };
    svg.addEventListener('pointermove', (event) => {
      if (event.buttons) {
        return;
      }
      const cell = event.target.closest?.('rect.cell') ? this.cells[Number(event.target.dataset.i)] : null;
      if (cell) {
        this.#showTip(cell, ...at(event));
      } else if (!event.target.closest?.('.marker')) {
        this.el.tooltip.hide();
      }
    });
    svg.addEventListener('pointerleave', () => this.el.tooltip.hide());
    // A tap on a phone has no hover: show the cell on a click that was not the end of a drag.
    svg.addEventListener('click', (event) => {
      if (!this.map.dragged && event.target.closest?.('rect.cell')) {
        this.#showTip(this.cells[Number(event.target.dataset.i)], ...at(event));
      }
    });
  }

  #message(text) {
    this.el.message.textContent = text;
    this.el.message.hidden = !text;
  }
}
