// Web-Mercator maths, the same tiling as Ranking/Geo/GeoCell.cs: a cell id "z/x/y" is a map tile, so cells are
// drawn as tiles without any map imagery. Positions are "world" coordinates in [0, 1] (x east, y south).

export const MAX_LATITUDE = 85.05112877980659;

/** The zoom of the regions the heatmap endpoint reads, and of the cells it stores. */
export const REGION_ZOOM = 8;
export const CELL_ZOOM = 13;
/** The heatmap endpoint refuses a box that spans more regions than this. */
export const MAX_HEATMAP_REGIONS = 64;

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

export function project(lat, lon) {
  const rad = (clamp(lat, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI) / 180;
  return {
    x: (lon + 180) / 360,
    y: (1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2,
  };
}

export function unproject(x, y) {
  const mercator = Math.PI * (1 - 2 * y);
  return { lat: (Math.atan(Math.sinh(mercator)) * 180) / Math.PI, lon: x * 360 - 180 };
}

/** Parses "z/x/y"; null for anything else. */
export function parseCell(id) {
  const m = /^(\d+)\/(\d+)\/(\d+)$/.exec(String(id));
  if (!m) {
    return null;
  }
  const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = 2 ** z;
  return z <= 24 && x < n && y < n ? { z, x, y } : null;
}

/** A cell's extent in world coordinates. */
export function cellWorldBounds({ z, x, y }) {
  const n = 2 ** z;
  return { x0: x / n, y0: y / n, x1: (x + 1) / n, y1: (y + 1) / n };
}

function tileX(lon, n) {
  return (((Math.floor(((lon + 180) / 360) * n)) % n) + n) % n;
}

function tileY(lat, n) {
  return clamp(Math.floor(project(lat, 0).y * n), 0, n - 1);
}

/** How many tiles of a zoom a box touches: GeoCell.CountCovering, so the client can stay under the API's limit. */
export function countCovering({ minLat, minLon, maxLat, maxLon }, zoom) {
  const n = 2 ** zoom;
  const rows = tileY(Math.min(minLat, maxLat), n) - tileY(Math.max(minLat, maxLat), n) + 1;
  const west = tileX(minLon, n);
  const east = maxLon >= 180 ? n - 1 : tileX(maxLon, n);
  const columns = minLon <= maxLon ? east - west + 1 : n - west + east + 1;
  return rows * columns;
}

/** Great-circle distance in kilometres. */
export function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
