// The models panel reads endpoints whose JSON is not settled yet; these pin down the spellings it accepts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

// registry.js is a browser module with no imports; loading it from its text needs no package.json beside it.
const source = readFileSync(new URL('../../Client.Api/wwwroot/js/registry.js', import.meta.url), 'utf8');
const registry = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
const { normalizeDrift, normalizeExperiments, normalizeModel, normalizeModelList, normalizeSplit, wilson } = registry;

const close = (actual, expected, epsilon = 1e-4) =>
  assert.ok(Math.abs(actual - expected) < epsilon, `${actual} is not within ${epsilon} of ${expected}`);

describe('model registry JSON', () => {
  test('a model list may be an array, a wrapper or bare names', () => {
    assert.deepEqual(normalizeModelList(['ranker']).map((m) => m.name), ['ranker']);
    assert.deepEqual(normalizeModelList({ models: [{ name: 'a' }, { modelName: 'b' }] }).map((m) => m.name), ['a', 'b']);
    assert.deepEqual(normalizeModelList({}), []);
  });

  test('labels come from the versions or from a label map', () => {
    const model = normalizeModel({
      name: 'ranker',
      versions: [{ version: 7, label: 'stable' }, { version: '8', status: 'canary' }],
      labels: { canary: '8' },
    });
    assert.deepEqual(
      model.versions.map((v) => [v.version, v.labels]),
      [['7', ['stable']], ['8', ['canary']]],
    );
    assert.equal(model.versions[1].status, 'canary');
  });

  test('a split in percent, as a map or as a list, becomes fractions', () => {
    const fromMap = normalizeSplit({ control: 90, canary: 10 });
    assert.deepEqual(fromMap.map((e) => e.variant), ['control', 'canary']);
    close(fromMap[0].weight, 0.9);
    const fromList = normalizeSplit([{ variant: 'control', version: '7', weight: 0.5 }, { variant: 'canary', version: '8', weight: 0.5 }]);
    assert.deepEqual(fromList.map((e) => [e.version, e.weight]), [['7', 0.5], ['8', 0.5]]);
    assert.deepEqual(normalizeSplit(null), []);
  });

  test('promotions and rollbacks are merged, newest first', () => {
    const model = normalizeModel({
      name: 'ranker',
      promotions: [{ at: '2026-11-01T00:00:00Z', version: '7' }],
      rollbacks: [{ at: '2026-11-10T00:00:00Z', version: '6', fromVersion: '8', reason: 'CTR dropped' }],
    });
    assert.deepEqual(model.history.map((e) => [e.action, e.version]), [['rollback', '6'], ['promote', '7']]);
    assert.equal(model.history[0].reason, 'CTR dropped');
  });

  test('drift per feature from a list or a map, flagged against its threshold', () => {
    const fromMap = normalizeDrift({ threshold: 0.2, price: 0.31, distance: 0.05 });
    assert.deepEqual(fromMap.map((d) => [d.feature, d.drifted]), [['price', true], ['distance', false]]);
    const fromList = normalizeDrift([{ feature: 'kind', psi: 0.1, threshold: 0.2, drifted: false }]);
    assert.deepEqual(fromList, [{ feature: 'kind', value: 0.1, threshold: 0.2, drifted: false }]);
  });

  test('the last retraining under any of its names', () => {
    const model = normalizeModel({ name: 'ranker', lastTraining: { finishedAt: '2026-11-20T00:00:00Z', outcome: 'registered', version: '9', reason: 'drift' } });
    assert.equal(model.retraining.status, 'registered');
    assert.equal(model.retraining.trigger, 'drift');
    assert.equal(model.retraining.at, '2026-11-20T00:00:00Z');
  });
});

describe('experiment JSON', () => {
  test('intervals as arrays, low/high fields or nested objects; percentages become fractions', () => {
    const experiment = normalizeExperiments({
      variants: [
        { variant: 'control', version: '7', impressions: 1000, clicks: 40, ctr: 0.04, ctrCi: [0.03, 0.05], precision: 12, precisionLow: 10, precisionHigh: 14 },
        { variant: 'canary', version: '8', ctr: { value: 0.05, lo: 0.04, hi: 0.06 } },
      ],
      test: { z: 2.1, pValue: 0.036, significant: true, winner: 'canary' },
    });
    const [control, canary] = experiment.variants;
    assert.deepEqual([control.ctr.value, control.ctr.lo, control.ctr.hi, control.ctr.computed], [0.04, 0.03, 0.05, false]);
    close(control.precision.value, 0.12);
    close(control.precision.lo, 0.1);
    assert.deepEqual([canary.ctr.value, canary.ctr.lo, canary.ctr.hi], [0.05, 0.04, 0.06]);
    assert.deepEqual(experiment.test, { metric: null, z: 2.1, p: 0.036, significant: true, winner: 'canary' });
  });

  test('a CTR without an interval gets a Wilson interval from its counts', () => {
    const [variant] = normalizeExperiments([{ status: 'running', arms: [{ name: 'control', exposures: 400, clicks: 20 }] }]).variants;
    close(variant.ctr.value, 0.05);
    assert.equal(variant.ctr.computed, true);
    assert.ok(variant.ctr.lo < 0.05 && variant.ctr.hi > 0.05);
  });

  test('the running experiment is picked from a list', () => {
    const experiment = normalizeExperiments({ experiments: [{ name: 'old', status: 'finished' }, { name: 'now', status: 'running' }] });
    assert.equal(experiment.name, 'now');
    assert.equal(normalizeExperiments('nonsense'), null);
  });

  test('Wilson interval matches the textbook value', () => {
    // 10 successes in 100 trials: [0.0552, 0.1744] at 95 %.
    const [lo, hi] = wilson(10, 100);
    close(lo, 0.0552);
    close(hi, 0.1744);
    assert.equal(wilson(0, 0), null);
  });
});
