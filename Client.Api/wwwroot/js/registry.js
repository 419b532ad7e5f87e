// Reading the model registry and experiment endpoints, whose JSON is not settled yet (later issues add them).
// Everything here is pure: it turns whatever those endpoints answer into one shape the panel draws, accepting
// the usual spellings, so the panel fills in when they land without a change here. Unknown fields are ignored
// by these functions; the panel also shows the raw JSON.
//
// The shapes expected (camelCase; any field may be missing):
//
// GET /api/models -> [Model] | { models: [Model] } | ["name", ...]
// GET /api/models/{name} -> Model (merged over its entry in the list)
//   Model = {
//     name: "ranker",
//     versions: [ { version: "8", labels: ["canary"] | label: "canary", status: "live" | "canary" | "retired",
//                   createdAt, metrics: { auc: 0.81, ... } } ] | ["7", "8"],
//     labels: { stable: "7", canary: "8" },                        // alternative to per-version labels
//     split: [ { variant: "control", version: "7", weight: 0.9 }, { variant: "canary", version: "8", weight: 0.1 } ]
//          | { control: 90, canary: 10 } | { "7": 0.9, "8": 0.1 }, // weights as fractions or percentages
//     history | events: [ { at, action: "promote" | "rollback" | "register" | "split", version, fromVersion, reason } ],
//     promotions: [...], rollbacks: [...],                          // alternative to history: the action is implied
//     lastRetraining: { at | finishedAt | startedAt, status, version, trigger | reason, rows, durationSeconds },
//     drift: [ { feature, value | psi, threshold, drifted } ] | { feature: 0.12 } | { feature: { psi, threshold } }
//   }
// GET /api/models/{name}/experiments -> Experiment | [Experiment] | { experiments: [Experiment] }
//   Experiment = {
//     name | id, status: "running", startedAt,
//     variants: [ { variant: "control", version: "7", weight: 0.9, impressions, clicks, inquiries,
//                   ctr: 0.041, ctrCi: [0.038, 0.044] | ctrLow + ctrHigh | ctr: { value, lo, hi },
//                   precision: 0.12, precisionCi: [0.10, 0.14] } ],
//     test | significance: { metric: "ctr", z: 2.3, p | pValue: 0.021, significant: true, winner: "canary" },
//     history | promotions | rollbacks: as above
//   }
// A CTR without an interval but with impressions and clicks gets a Wilson 95 % interval computed here (and says so).

const first = (obj, ...keys) => {
  for (const key of keys) {
    if (obj && obj[key] !== undefined && obj[key] !== null) {
      return obj[key];
    }
  }
  return undefined;
};

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const number = (v) => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

const text = (v) => (v === null || v === undefined ? null : String(v));

/** A list from an array, or from { key: value } entries turned into objects with the key under `keyName`. */
function listOf(value, keyName) {
  if (Array.isArray(value)) {
    return value;
  }
  if (isObject(value)) {
    return Object.entries(value).map(([key, v]) => (isObject(v) ? { [keyName]: key, ...v } : { [keyName]: key, value: v }));
  }
  return [];
}

/** A rate as a fraction: 4.1 (percent) becomes 0.041; 0.041 stays. */
function rate(v) {
  const n = number(v);
  return n === null ? null : n > 1 ? n / 100 : n;
}

export function normalizeModelList(json) {
  const list = Array.isArray(json) ? json : first(json, 'models', 'items', 'value') ?? [];
  return (Array.isArray(list) ? list : listOf(list, 'name'))
    .map((m) => (isObject(m) ? m : { name: m }))
    .map((m) => ({ ...m, name: text(first(m, 'name', 'modelName', 'id')) }))
    .filter((m) => m.name);
}

function normalizeVersions(raw) {
  const labelsByVersion = new Map();
  for (const [label, version] of Object.entries(isObject(raw.labels) ? raw.labels : {})) {
    const key = String(isObject(version) ? first(version, 'version') : version);
    labelsByVersion.set(key, [...(labelsByVersion.get(key) ?? []), label]);
  }
  return listOf(first(raw, 'versions', 'liveVersions', 'live') ?? [], 'version')
    .map((v) => (isObject(v) ? v : { version: v }))
    .map((v) => {
      const version = text(first(v, 'version', 'id', 'name'));
      const own = first(v, 'labels', 'label', 'aliases', 'tags');
      const labels = [...new Set([...(Array.isArray(own) ? own : own ? [own] : []), ...(labelsByVersion.get(version) ?? [])])].map(String);
      return {
        version,
        labels,
        status: text(first(v, 'status', 'state', 'stage')),
        createdAt: text(first(v, 'createdAt', 'registeredAt', 'trainedAt', 'at')),
        metrics: isObject(v.metrics) ? v.metrics : null,
      };
    })
    .filter((v) => v.version);
}

/** [{ key, variant, version, weight }] with weights as fractions of their total. */
export function normalizeSplit(value) {
  if (value === undefined || value === null) {
    return [];
  }
  const source = isObject(value) && (value.variants || value.weights || value.arms) ? first(value, 'variants', 'weights', 'arms') : value;
  const entries = listOf(source, 'key').map((e) => {
    const variant = text(first(e, 'variant', 'name', 'arm', 'label'));
    const version = text(first(e, 'version', 'modelVersion'));
    return {
      key: text(first(e, 'key')) ?? variant ?? version,
      variant: variant ?? (e.key && !version ? String(e.key) : null),
      version: version ?? null,
      weight: number(first(e, 'weight', 'share', 'percent', 'percentage', 'fraction', 'traffic', 'value')) ?? 0,
    };
  });
  const total = entries.reduce((sum, e) => sum + Math.max(0, e.weight), 0);
  return entries.map((e) => ({ ...e, weight: total > 0 ? Math.max(0, e.weight) / total : 0 }));
}

function normalizeEvents(raw) {
  const events = [];
  const push = (list, implied) => {
    for (const e of listOf(list, 'at')) {
      if (!isObject(e)) {
        continue;
      }
      events.push({
        at: text(first(e, 'at', 'time', 'timestamp', 'when', 'createdAt', 'date')),
        action: text(first(e, 'action', 'kind', 'type', 'event')) ?? implied,
        version: text(first(e, 'version', 'toVersion', 'to', 'promotedVersion')),
        from: text(first(e, 'fromVersion', 'from', 'previousVersion')),
        reason: text(first(e, 'reason', 'note', 'detail', 'message')),
      });
    }
  };
  push(first(raw, 'history', 'events', 'recentEvents', 'changes') ?? [], null);
  push(raw.promotions ?? [], 'promote');
  push(raw.rollbacks ?? [], 'rollback');
  return events.sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0));
}

function normalizeRetraining(raw) {
  const r = first(raw, 'lastRetraining', 'retraining', 'lastTraining', 'training');
  if (!isObject(r)) {
    return null;
  }
  return {
    at: text(first(r, 'at', 'finishedAt', 'completedAt', 'endedAt', 'startedAt')),
    status: text(first(r, 'status', 'state', 'outcome', 'result')),
    version: text(first(r, 'version', 'producedVersion', 'modelVersion')),
    trigger: text(first(r, 'trigger', 'reason', 'cause')),
    rows: number(first(r, 'rows', 'examples', 'trainingRows', 'samples')),
    durationSeconds: number(first(r, 'durationSeconds', 'seconds')),
    nextAt: text(first(r, 'nextAt', 'next', 'nextDue')),
  };
}

export function normalizeDrift(value) {
  let source = value;
  if (isObject(value) && (value.features || value.perFeature)) {
    source = first(value, 'features', 'perFeature');
  }
  const defaultThreshold = isObject(value) ? number(value.threshold) : null;
  return listOf(source, 'feature')
    .filter(isObject)
    .map((d) => {
      const feature = text(first(d, 'feature', 'name', 'key'));
      const v = number(first(d, 'value', 'psi', 'score', 'drift', 'ks', 'distance'));
      const threshold = number(first(d, 'threshold', 'limit')) ?? defaultThreshold;
      const flag = first(d, 'drifted', 'exceeded', 'alert', 'overThreshold');
      return { feature, value: v, threshold, drifted: flag !== undefined ? Boolean(flag) : v !== null && threshold !== null && v >= threshold };
    })
    .filter((d) => d.feature && d.feature !== 'threshold')
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
}

export function normalizeModel(raw) {
  const model = isObject(raw) ? raw : { name: raw };
  const versions = normalizeVersions(model);
  const split = normalizeSplit(first(model, 'split', 'traffic', 'trafficSplit', 'allocation'));
  return {
    name: text(first(model, 'name', 'modelName', 'id')),
    versions,
    split,
    history: normalizeEvents(model),
    retraining: normalizeRetraining(model),
    drift: normalizeDrift(first(model, 'drift', 'featureDrift') ?? first(first(model, 'lastRetraining', 'retraining') ?? {}, 'drift') ?? []),
  };
}

/** Wilson score interval for a proportion, 95 % by default. */
export function wilson(successes, trials, z = 1.96) {
  if (!(trials > 0) || successes < 0) {
    return null;
  }
  const p = Math.min(1, successes / trials);
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** { value, lo, hi, computed } for a metric of a variant, from any of the accepted spellings. */
function metric(v, names, successes, trials) {
  let value = null;
  let interval = null;
  for (const name of names) {
    const raw = v[name];
    if (isObject(raw)) {
      value ??= rate(first(raw, 'value', 'estimate', 'mean', 'point'));
      const ci = first(raw, 'ci', 'interval');
      interval ??= Array.isArray(ci) ? ci : isObject(ci) ? [first(ci, 'lo', 'low', 'lower'), first(ci, 'hi', 'high', 'upper')] : null;
      if (!interval && first(raw, 'lo', 'low', 'lower') !== undefined) {
        interval = [first(raw, 'lo', 'low', 'lower'), first(raw, 'hi', 'high', 'upper')];
      }
    } else if (raw !== undefined && raw !== null) {
      value ??= rate(raw);
    }
    const ci = first(v, `${name}Ci`, `${name}CI`, `${name}Interval`, `${name}ConfidenceInterval`);
    if (!interval && Array.isArray(ci)) {
      interval = ci;
    } else if (!interval && isObject(ci)) {
      interval = [first(ci, 'lo', 'low', 'lower'), first(ci, 'hi', 'high', 'upper')];
    }
    const lo = first(v, `${name}Low`, `${name}Lower`, `${name}Lo`);
    const hi = first(v, `${name}High`, `${name}Upper`, `${name}Hi`);
    if (!interval && lo !== undefined && hi !== undefined) {
      interval = [lo, hi];
    }
  }
  let computed = false;
  if (value === null && successes !== null && trials) {
    value = successes / trials;
  }
  if (!interval && successes !== null && trials) {
    interval = wilson(successes, trials);
    computed = interval !== null;
  }
  const [lo, hi] = interval ? interval.map(rate) : [null, null];
  return { value, lo, hi, computed };
}

export function normalizeExperiments(json) {
  let experiment = json;
  if (Array.isArray(json)) {
    experiment = json.find((e) => /running|active/i.test(String(e?.status ?? ''))) ?? json[0];
  } else if (isObject(json) && Array.isArray(json.experiments)) {
    experiment = json.experiments.find((e) => /running|active/i.test(String(e?.status ?? ''))) ?? json.experiments[0];
  } else if (isObject(json) && isObject(json.experiment)) {
    experiment = { ...json, ...json.experiment };
  }
  if (!isObject(experiment)) {
    return null;
  }
  const variants = listOf(first(experiment, 'variants', 'arms', 'groups', 'results') ?? [], 'variant')
    .filter(isObject)
    .map((v) => {
      const trials = number(first(v, 'impressions', 'exposures', 'recommendations', 'served', 'n', 'trials'));
      const clicks = number(first(v, 'clicks', 'clickCount'));
      return {
        variant: text(first(v, 'variant', 'name', 'arm', 'label')),
        version: text(first(v, 'version', 'modelVersion')),
        weight: number(first(v, 'weight', 'share', 'traffic')),
        impressions: trials,
        clicks,
        inquiries: number(first(v, 'inquiries', 'inquiryCount')),
        ctr: metric(v, ['ctr', 'clickThroughRate'], clicks, trials),
        precision: metric(v, ['precision', 'precisionAtK', 'onlinePrecision'], null, null),
      };
    });
  const test = first(experiment, 'test', 'significance', 'zTest', 'comparison');
  return {
    name: text(first(experiment, 'name', 'id', 'experiment')),
    status: text(first(experiment, 'status', 'state')),
    startedAt: text(first(experiment, 'startedAt', 'start', 'since')),
    variants,
    test: isObject(test)
      ? {
          metric: text(first(test, 'metric')),
          z: number(first(test, 'z', 'zScore', 'statistic')),
          p: number(first(test, 'p', 'pValue')),
          significant: first(test, 'significant', 'isSignificant') ?? null,
          winner: text(first(test, 'winner', 'leader', 'best')),
        }
      : null,
    history: normalizeEvents(experiment),
  };
}
