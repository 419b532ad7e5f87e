// Wires the panels together and keeps the view in the address (#map=zoom/lat/lon&user=…&k=…&metric=…),
// so a view can be bookmarked, shared or reloaded.

import { api, getJson } from './api.js';
import { addFrame, addGrid, addPlaces } from './basemap.js';
import { byId, h } from './dom.js';
import { Heatmap, METRICS } from './heatmap.js';
import { MapView } from './map.js';
import { cellWorldBounds, parseCell, unproject } from './mercator.js';
import { ModelsPanel } from './models.js';
import { Tooltip } from './tooltip.js';
import { UserView } from './user.js';

/** The demo market is seeded around Seattle; the first view is fitted to wherever the cells really are. */
const DEFAULT_CENTRE = { lat: 47.55, lon: -122.2 };
const SUGGESTED_USERS = ['user-1', 'user-2', 'user-3', 'user-42', 'user-300'];
const USER_COUNT = 300;

const svg = byId('map');
const map = new MapView(svg, { centre: DEFAULT_CENTRE, zoom: 10 });
const tooltip = new Tooltip(byId('map-wrap'));
addGrid(map);
const heatmap = new Heatmap(map, { legend: byId('legend'), top: byId('top-cells'), tooltip, message: byId('map-message') });
addPlaces(map);
const user = new UserView(map, { result: byId('user-result'), status: byId('user-status'), tooltip });
addFrame(map);
const models = new ModelsPanel({ serving: byId('serving'), registry: byId('registry') });

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const [zoom, lat, lon] = (params.get('map') ?? '').split('/').map(Number);
  return {
    view: [zoom, lat, lon].every(Number.isFinite) ? { zoom, lat, lon } : null,
    user: params.get('user'),
    k: Number(params.get('k')) || null,
    metric: params.get('metric'),
  };
}

function writeHash() {
  const { lat, lon } = map.centreLatLon();
  const params = new URLSearchParams();
  params.set('map', `${map.zoom.toFixed(2)}/${lat.toFixed(4)}/${lon.toFixed(4)}`);
  if (user.state) {
    params.set('user', user.state.summary.userId);
    params.set('k', byId('user-k').value);
  }
  params.set('metric', heatmap.metric);
  history.replaceState(null, '', `#${params.toString().replaceAll('%2F', '/')}`);
}

/** Fits the map to the market: the non-empty cells of a wide box around the current centre. */
async function fitMarket() {
  const { lat, lon } = map.centreLatLon();
  const box = { minLat: lat - 2, maxLat: lat + 2, minLon: lon - 3, maxLon: lon + 3 };
  try {
    const { cells } = await api.heatmap(box, 11);
    // Fit the cells' corners, not their centres, so that the edge cells are wholly in view.
    const corners = cells
      .map((c) => parseCell(c.cellId))
      .filter(Boolean)
      .flatMap((tile) => {
        const b = cellWorldBounds(tile);
        return [unproject(b.x0, b.y0), unproject(b.x1, b.y1)];
      });
    if (corners.length) {
      map.fitPoints(corners, { padding: 8, maxFitZoom: 12 });
      return;
    }
  } catch {
    // Fall back to the default view.
  }
  map.setView(DEFAULT_CENTRE.lat, DEFAULT_CENTRE.lon, 10);
}

async function waitForService() {
  const status = byId('status');
  for (;;) {
    try {
      const response = await fetch('/health', { cache: 'no-store' });
      if (response.ok) {
        status.textContent = 'Service ready';
        return;
      }
    } catch {
      // The server is not listening yet.
    }
    status.textContent = 'Waiting for the service (GET /health)…';
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function bindControls() {
  const metric = byId('metric');
  metric.addEventListener('change', () => {
    heatmap.setMetric(metric.value);
    writeHash();
  });
  const cellZoom = byId('cell-zoom');
  cellZoom.addEventListener('change', () => heatmap.setCellZoom(cellZoom.value));
  byId('zoom-in').addEventListener('click', () => map.zoomTo(Math.floor(map.zoom * 2 + 1e-6) / 2 + 0.5));
  byId('zoom-out').addEventListener('click', () => map.zoomTo(Math.ceil(map.zoom * 2 - 1e-6) / 2 - 0.5));
  byId('fit-market').addEventListener('click', fitMarket);
  const fitUser = byId('fit-user');
  fitUser.addEventListener('click', () => user.fit());

  const form = byId('user-form');
  const input = byId('user-id');
  const k = byId('user-k');
  const pick = (id) => {
    input.value = id;
    user.load(id, Number(k.value));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (id) {
      pick(id);
    } else {
      byId('user-status').textContent = 'Type a user id, for example user-1.';
      input.focus();
    }
  });
  byId('user-refresh').addEventListener('click', () => {
    if (user.state) {
      user.load(user.state.summary.userId, Number(k.value), { fit: false });
    }
  });
  byId('user-suggestions').append(...Array.from({ length: 20 }, (_, i) => h('option', { value: `user-${i + 1}` })));
  byId('user-chips').append(
    ...SUGGESTED_USERS.map((id) => h('button', { type: 'button', class: 'chip', onclick: () => pick(id) }, id)),
    h('button', { type: 'button', class: 'chip', onclick: () => pick(`user-${1 + Math.floor(Math.random() * USER_COUNT)}`) }, 'random'),
  );

  user.addEventListener('loaded', (event) => {
    fitUser.disabled = false;
    byId('user-refresh').disabled = false;
    models.setServing(event.detail);
    writeHash();
  });
  map.addEventListener('viewsettled', writeHash);
}

async function start() {
  bindControls();
  const state = readHash();
  if (state.metric && METRICS[state.metric]) {
    byId('metric').value = state.metric;
    heatmap.setMetric(state.metric);
  }
  if (state.k) {
    byId('user-k').value = String(state.k);
  }
  await waitForService();
  if (state.view) {
    map.setView(state.view.lat, state.view.lon, state.view.zoom);
  } else {
    await fitMarket();
  }
  heatmap.start();
  if (state.user) {
    byId('user-id').value = state.user;
    await user.load(state.user, Number(byId('user-k').value), { fit: !state.view });
  }
  await models.discover();
}

start().catch((error) => {
  byId('status').textContent = `The dashboard failed to start: ${error.message}`;
});

// Exposed for the end-to-end tests and for poking around in the console.
window.leadrecs = { map, heatmap, user, models, getJson };
