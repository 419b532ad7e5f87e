// Number and time formatting shared by the panels. Everything is formatted for en-US so the tests and the
// screenshots read the same on every machine.

const LOCALE = 'en-US';

/** A number with about three significant digits: 0.0123, 4.56, 78.9, 1,234. */
export function num(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) {
    return '–';
  }
  const v = Number(value);
  const magnitude = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  const decimals = Math.max(0, Math.min(4, digits - 1 - magnitude));
  return v.toLocaleString(LOCALE, { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

/** A fraction (0.032) as a percentage ("3.2 %"). */
export function pct(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) {
    return '–';
  }
  return `${num(Number(value) * 100, digits)} %`;
}

export function price(value) {
  if (!Number.isFinite(Number(value))) {
    return '–';
  }
  const v = Number(value);
  return v >= 1e6 ? `$${num(v / 1e6, 3)}M` : `$${num(v / 1e3, 3)}k`;
}

export function coord(value) {
  return Number.isFinite(Number(value)) ? Number(value).toFixed(4) : '–';
}

/** "3 min ago" style, for the freshness of a ranking or a retraining. */
export function ago(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) {
    return '–';
  }
  const s = Math.round((now - t) / 1000);
  const abs = Math.abs(s);
  const [value, unit] =
    abs < 90 ? [abs, 's'] : abs < 5400 ? [Math.round(abs / 60), 'min'] : abs < 129600 ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86400), 'd'];
  return s >= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** A timestamp as "2026-11-21 07:26 UTC". */
export function time(iso) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) {
    return '–';
  }
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
