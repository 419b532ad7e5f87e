// A map without imagery: an SVG viewport over Web-Mercator world coordinates with pan (drag, arrow keys),
// zoom (wheel, pinch, +/- keys and buttons) and layers that redraw themselves from the current view.
// It fires "viewchange" on every change and "viewsettled" once the view has stopped changing.

import { project, unproject, MAX_LATITUDE } from './mercator.js';
import { s } from './dom.js';

const TILE = 256;
const SETTLE_MS = 180;

export class MapView extends EventTarget {
  #frame = 0;
  #settleTimer = 0;
  #pointers = new Map();
  #gesture = null;

  constructor(svg, { minZoom = 6, maxZoom = 17, centre = { lat: 47.6, lon: -122.3 }, zoom = 10 } = {}) {
    super();
    this.svg = svg;
    this.minZoom = minZoom;
    this.maxZoom = maxZoom;
    this.centre = project(centre.lat, centre.lon);
    this.zoom = zoom;
    this.width = svg.clientWidth || 1;
    this.height = svg.clientHeight || 1;
    this.layers = [];
    /** True right after a drag, so the click that ends it does not count as a click on a cell. */
    this.dragged = false;
    new ResizeObserver(() => this.#resize()).observe(svg);
    this.#bindPointer();
    this.#bindWheel();
    this.#bindKeys();
  }

  /** A <g> drawn in order of creation; draw(view) is called on every frame the view changed. */
  addLayer(name, draw) {
    const group = s('g', { class: `layer layer-${name}` });
    this.svg.append(group);
    const layer = { group, draw };
    this.layers.push(layer);
    return layer;
  }

  get worldSize() {
    return TILE * 2 ** this.zoom;
  }

  toScreen(x, y) {
    const ws = this.worldSize;
    return [(x - this.centre.x) * ws + this.width / 2, (y - this.centre.y) * ws + this.height / 2];
  }

  latLonToScreen(lat, lon) {
    const p = project(lat, lon);
    return this.toScreen(p.x, p.y);
  }

  fromScreen(sx, sy) {
    const ws = this.worldSize;
    return { x: this.centre.x + (sx - this.width / 2) / ws, y: this.centre.y + (sy - this.height / 2) / ws };
  }

  /** The latitude/longitude box in view. */
  bounds(margin = 0) {
    const a = this.fromScreen(-margin * this.width, -margin * this.height);
    const b = this.fromScreen((1 + margin) * this.width, (1 + margin) * this.height);
    const nw = unproject(Math.max(0, a.x), Math.max(0, a.y));
    const se = unproject(Math.min(1, b.x), Math.min(1, b.y));
    return {
      minLat: Math.max(-MAX_LATITUDE, se.lat),
      maxLat: Math.min(MAX_LATITUDE, nw.lat),
      minLon: Math.max(-180, nw.lon),
      maxLon: Math.min(180, se.lon),
    };
  }

  setView(lat, lon, zoom = this.zoom) {
    this.centre = project(lat, lon);
    this.zoom = this.#clampZoom(zoom);
    this.#changed();
  }

  centreLatLon() {
    return unproject(this.centre.x, this.centre.y);
  }

  panBy(dx, dy) {
    const ws = this.worldSize;
    this.centre = {
      x: Math.min(1, Math.max(0, this.centre.x - dx / ws)),
      y: Math.min(1, Math.max(0, this.centre.y - dy / ws)),
    };
    this.#changed();
  }

  /** Zooms keeping the world point under (sx, sy) where it is; the centre of the view by default. */
  zoomTo(zoom, sx = this.width / 2, sy = this.height / 2) {
    const anchor = this.fromScreen(sx, sy);
    this.zoom = this.#clampZoom(zoom);
    const ws = this.worldSize;
    this.centre = { x: anchor.x - (sx - this.width / 2) / ws, y: anchor.y - (sy - this.height / 2) / ws };
    this.#changed();
  }

  /** Fits points ({lat, lon}) into the view with some padding in pixels; never zooms in past maxFitZoom. */
  fitPoints(points, { padding = 48, maxFitZoom = 14 } = {}) {
    const projected = points.filter((p) => Number.isFinite(p?.lat) && Number.isFinite(p?.lon)).map((p) => project(p.lat, p.lon));
    if (projected.length === 0) {
      return;
    }
    const xs = projected.map((p) => p.x);
    const ys = projected.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const spanX = Math.max(x1 - x0, 1e-9);
    const spanY = Math.max(y1 - y0, 1e-9);
    const usableW = Math.max(this.width - 2 * padding, 40);
    const usableH = Math.max(this.height - 2 * padding, 40);
    const zoom = Math.log2(Math.min(usableW / spanX, usableH / spanY) / TILE);
    this.centre = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
    this.zoom = this.#clampZoom(Math.min(maxFitZoom, Math.floor(zoom * 4) / 4));
    this.#changed();
  }

  requestRender() {
    if (!this.#frame) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        for (const layer of this.layers) {
          layer.draw(this, layer.group);
        }
      });
    }
  }

  #clampZoom(zoom) {
    return Math.min(this.maxZoom, Math.max(this.minZoom, zoom));
  }

  #changed() {
    this.requestRender();
    this.dispatchEvent(new Event('viewchange'));
    clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(() => this.dispatchEvent(new Event('viewsettled')), SETTLE_MS);
  }

  #resize() {
    const w = this.svg.clientWidth;
    const h = this.svg.clientHeight;
    if (w > 0 && h > 0 && (w !== this.width || h !== this.height)) {
      this.width = w;
      this.height = h;
      this.#changed();
    }
  }

  #local(event) {
    const rect = this.svg.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  #bindPointer() {
    const svg = this.svg;
    svg.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) {
        return;
      }
      this.#pointers.set(event.pointerId, this.#local(event));
      this.#gesture = null;
      this.dragged = false;
    });
    svg.addEventListener('pointermove', (event) => {
      const previous = this.#pointers.get(event.pointerId);
      if (!previous) {
        return;
      }
      const current = this.#local(event);
      if (this.#pointers.size === 1) {
        const [dx, dy] = [current[0] - previous[0], current[1] - previous[1]];
        if (!this.dragged && Math.hypot(dx, dy) < 4) {
          return; // a click, not a drag, until the pointer really moves
        }
        if (!this.dragged) {
          svg.setPointerCapture(event.pointerId);
          svg.classList.add('dragging');
        }
        this.dragged = true;
        this.panBy(dx, dy);
      } else if (this.#pointers.size === 2) {
        const others = [...this.#pointers].filter(([id]) => id !== event.pointerId);
        const other = others[0][1];
        const distance = Math.hypot(current[0] - other[0], current[1] - other[1]);
        this.#gesture ??= { distance, zoom: this.zoom };
        const mid = [(current[0] + other[0]) / 2, (current[1] + other[1]) / 2];
        this.dragged = true;
        this.zoomTo(this.#gesture.zoom + Math.log2(distance / this.#gesture.distance), mid[0], mid[1]);
      }
      this.#pointers.set(event.pointerId, current);
    });
    const end = (event) => {
      this.#pointers.delete(event.pointerId);
      this.#gesture = null;
      svg.classList.remove('dragging');
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    svg.addEventListener('pointerleave', (event) => {
      if (!svg.hasPointerCapture(event.pointerId)) {
        end(event);
      }
    });
  }

  #bindWheel() {
    this.svg.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const pixels = event.deltaY * (event.deltaMode === 1 ? 33 : event.deltaMode === 2 ? 400 : 1);
        // A mouse notch (about 100 px) is half a zoom level; a trackpad's small deltas zoom smoothly.
        const step = Math.max(-0.5, Math.min(0.5, -pixels / 200));
        const [sx, sy] = this.#local(event);
        this.zoomTo(this.zoom + step, sx, sy);
      },
      { passive: false },
    );
  }

  #bindKeys() {
    this.svg.addEventListener('keydown', (event) => {
      const step = event.shiftKey ? 240 : 80;
      const actions = {
        ArrowLeft: () => this.panBy(step, 0),
        ArrowRight: () => this.panBy(-step, 0),
        ArrowUp: () => this.panBy(0, step),
        ArrowDown: () => this.panBy(0, -step),
        '+': () => this.zoomTo(this.zoom + 0.5),
        '=': () => this.zoomTo(this.zoom + 0.5),
        '-': () => this.zoomTo(this.zoom - 0.5),
        _: () => this.zoomTo(this.zoom - 0.5),
      };
      const action = actions[event.key];
      if (action && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        action();
      }
    });
  }
}
