// What stands in for map imagery: a latitude/longitude grid with labelled edges, a scale bar and a few place
// names for orientation (the demo market is around Seattle). All of it is drawn, none of it is downloaded.

import { s } from './dom.js';

const GRID_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10];
const SCALE_STEPS_M = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000];

/** Towns of the Puget Sound area: only drawn when in view. */
const PLACES = [
  ['Seattle', 47.6062, -122.3321],
  ['Bellevue', 47.6101, -122.2015],
  ['Redmond', 47.674, -122.1215],
  ['Kirkland', 47.6769, -122.206],
  ['Bothell', 47.7623, -122.2054],
  ['Renton', 47.4829, -122.2171],
  ['Kent', 47.3809, -122.2348],
  ['Auburn', 47.3073, -122.2285],
  ['Federal Way', 47.3223, -122.3126],
  ['Issaquah', 47.5301, -122.0326],
  ['Sammamish', 47.6163, -122.0356],
  ['Tacoma', 47.2529, -122.4443],
  ['Everett', 47.979, -122.2021],
];

function gridStep(map) {
  // Degrees of longitude per pixel at this zoom; aim for lines at least 90 px apart.
  const degreesPerPixel = 360 / map.worldSize;
  return GRID_STEPS.find((step) => step / degreesPerPixel >= 90) ?? GRID_STEPS[GRID_STEPS.length - 1];
}

function decimals(step) {
  return step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
}

export function addGrid(map) {
  map.addLayer('grid', (view, group) => {
    const box = view.bounds();
    const step = gridStep(view);
    const parts = [];
    for (let lon = Math.ceil(box.minLon / step) * step; lon <= box.maxLon; lon += step) {
      const [x] = view.latLonToScreen(box.minLat, lon);
      parts.push(`M${x.toFixed(1)},0V${view.height}`);
    }
    for (let lat = Math.ceil(box.minLat / step) * step; lat <= box.maxLat; lat += step) {
      const [, y] = view.latLonToScreen(lat, box.minLon);
      parts.push(`M0,${y.toFixed(1)}H${view.width}`);
    }
    group.replaceChildren(s('path', { class: 'grid-line', d: parts.join('') }));
  });
}

export function addPlaces(map) {
  map.addLayer('places', (view, group) => {
    const labels = [];
    for (const [name, lat, lon] of PLACES) {
      const [x, y] = view.latLonToScreen(lat, lon);
      if (x > -40 && y > -10 && x < view.width + 40 && y < view.height + 10) {
        labels.push(s('circle', { class: 'place-dot', cx: x.toFixed(1), cy: y.toFixed(1), r: 2 }));
        labels.push(s('text', { class: 'place', x: (x + 5).toFixed(1), y: (y - 4).toFixed(1) }, name));
      }
    }
    group.replaceChildren(...labels);
  });
}

/** Grid labels along the edges and a scale bar, above everything else. */
export function addFrame(map) {
  map.addLayer('frame', (view, group) => {
    const box = view.bounds();
    const step = gridStep(view);
    const d = decimals(step);
    const items = [];
    for (let lon = Math.ceil(box.minLon / step) * step; lon <= box.maxLon; lon += step) {
      const [x] = view.latLonToScreen(box.minLat, lon);
      if (x > 30 && x < view.width - 30) {
        items.push(s('text', { class: 'edge-label', x: x.toFixed(1), y: 12, 'text-anchor': 'middle' }, `${lon.toFixed(d)}°`));
      }
    }
    for (let lat = Math.ceil(box.minLat / step) * step; lat <= box.maxLat; lat += step) {
      const [, y] = view.latLonToScreen(lat, box.minLon);
      if (y > 24 && y < view.height - 30) {
        items.push(s('text', { class: 'edge-label', x: 4, y: (y - 3).toFixed(1) }, `${lat.toFixed(d)}°`));
      }
    }
    const { lat } = view.centreLatLon();
    const metresPerPixel = (40075016.686 * Math.cos((lat * Math.PI) / 180)) / view.worldSize;
    const metres = [...SCALE_STEPS_M].reverse().find((m) => m / metresPerPixel <= 120) ?? SCALE_STEPS_M[0];
    const width = metres / metresPerPixel;
    const y = view.height - 12;
    items.push(
      s('path', { class: 'scale-bar', d: `M10,${y - 5}V${y}H${(10 + width).toFixed(1)}V${y - 5}` }),
      s('text', { class: 'edge-label', x: (14 + width).toFixed(1), y }, metres >= 1000 ? `${metres / 1000} km` : `${metres} m`),
    );
    group.replaceChildren(...items);
  });
}
