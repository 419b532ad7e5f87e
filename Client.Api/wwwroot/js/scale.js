// Colour classes for the heatmap. Demand is heavily skewed (a few hot cells, many quiet ones), so the classes are
// quantiles of the cells loaded, with round edges that the legend prints. The palette is viridis: its lightness
// rises monotonically, so the classes still read in greyscale and for the common colour-vision deficiencies.

export const PALETTE = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'];
/** Classes at or above this index are dark: their labels are drawn in white. */
const FIRST_DARK = 2;

function roundSignificant(value, digits = 2) {
  if (value === 0 || !Number.isFinite(value)) {
    return value;
  }
  const factor = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return Math.round(value * factor) / factor;
}

/**
 * Up to `count` classes over `values`: the inner edges (ascending, each a round number strictly inside
 * (min, max]) plus the min and max. A value v is in class i when edges[i - 1] <= v < edges[i].
 */
export function classBreaks(values, count = PALETTE.length) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return { min: 0, max: 0, edges: [] };
  }
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const edges = [];
  for (let i = 1; i < count; i++) {
    const edge = roundSignificant(sorted[Math.floor((i * sorted.length) / count)]);
    if (edge > min && edge <= max && (edges.length === 0 || edge > edges[edges.length - 1])) {
      edges.push(edge);
    }
  }
  return { min, max, edges };
}

export function classOf(breaks, value) {
  let i = 0;
  while (i < breaks.edges.length && value >= breaks.edges[i]) {
    i++;
  }
  return i;
}

/** The palette spread over however many classes there are, so two classes are light and dark, not two yellows. */
export function colours(classCount) {
  if (classCount <= 1) {
    return [PALETTE[2]];
  }
  return Array.from({ length: classCount }, (_, i) => PALETTE[Math.round((i * (PALETTE.length - 1)) / (classCount - 1))]);
}

export function isDark(colour) {
  return PALETTE.indexOf(colour) >= FIRST_DARK;
}

/** [{ from, to, colour }] for the legend: from is inclusive, to exclusive except for the last class. */
export function legendClasses(breaks) {
  const bounds = [breaks.min, ...breaks.edges, breaks.max];
  const palette = colours(breaks.edges.length + 1);
  return palette.map((colour, i) => ({ from: bounds[i], to: bounds[i + 1], colour, index: i }));
}
