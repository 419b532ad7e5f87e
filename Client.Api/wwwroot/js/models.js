// Experiments and models: what is known today (the model, version and variant that served the selected user) and,
// once the registry endpoints exist, live versions, the split, per-variant CTR and precision with confidence
// intervals, promotions and rollbacks, the last retraining and drift per feature (shapes: registry.js).
//
// Whether the registry is there is read from the OpenAPI document first, so that today's server is not asked for
// endpoints it does not have (each such request would log a 404 in the browser's console). "Ask the server"
// probes it directly, for a server whose document leaves the admin endpoints out.

import { api, getJson } from './api.js';
import { h, s } from './dom.js';
import * as fmt from './format.js';
import { normalizeExperiments, normalizeModel, normalizeModelList } from './registry.js';

const KEY_STORAGE = 'leadrecs.adminKey';
/** The admin API key goes in this header (the registry issue may settle on another; then change it here). */
const KEY_HEADER = 'X-Api-Key';

const hasPath = (paths, pattern) => Object.keys(paths ?? {}).some((p) => pattern.test(p));

export class ModelsPanel {
  #serving = null;
  #endpoints = null;
  #selected = null;

  /** elements: { serving, registry } */
  constructor(elements) {
    this.el = elements;
    this.renderServing();
  }

  setServing(state) {
    this.#serving = state ? { userId: state.summary.userId ?? state.recs.userId, recs: state.recs } : null;
    this.renderServing();
    if (this.#endpoints?.list && this.#serving && !this.#selected) {
      this.load();
    }
  }

  renderServing() {
    const serving = this.#serving;
    if (!serving) {
      this.el.serving.replaceChildren(h('p', { class: 'muted' }, 'Pick a user to see which model, version and A/B variant ranks for them.'));
      return;
    }
    const { model = {}, cached, generatedAt } = serving.recs;
    this.el.serving.replaceChildren(
      h(
        'dl',
        { class: 'facts' },
        h('div', null, h('dt', null, 'Serving'), h('dd', null, serving.userId)),
        h('div', null, h('dt', null, 'Model'), h('dd', null, model.name ?? '–')),
        h('div', null, h('dt', null, 'Version'), h('dd', null, model.version ?? '–')),
        h('div', null, h('dt', null, 'Variant'), h('dd', null, model.variant ?? '–')),
        h('div', { class: 'wide' }, h('dt', null, 'Ranking'), h('dd', { title: generatedAt ?? '' }, `${cached ? 'from cache' : 'fresh'}, ${fmt.ago(generatedAt)}`)),
      ),
    );
  }

  /** Finds out which registry endpoints the server has, then loads what it can. */
  async discover() {
    try {
      const doc = await api.openApi();
      this.#endpoints = {
        list: hasPath(doc.paths, /^\/api\/models\/?$/),
        detail: hasPath(doc.paths, /^\/api\/models\/\{[^}]+\}\/?$/),
        experiments: hasPath(doc.paths, /^\/api\/models\/\{[^}]+\}\/experiments\/?$/),
      };
    } catch {
      // No OpenAPI document: just ask.
      this.#endpoints = { list: true, detail: true, experiments: true };
    }
    if (this.#endpoints.list) {
      await this.load();
    } else {
      this.#absent('This server’s OpenAPI document lists no model registry yet (GET /api/models).');
    }
  }

  #absent(why) {
    this.el.registry.replaceChildren(
      h('p', { class: 'notice', 'data-testid': 'registry-absent' }, why, ' Live versions, the traffic split, per-variant CTR and precision, promotions, rollbacks, retraining and drift appear here once it is.'),
      h('button', { type: 'button', onclick: () => this.#probe() }, 'Ask the server anyway'),
    );
  }

  async #probe() {
    this.#endpoints = { list: true, detail: true, experiments: true };
    await this.load();
  }

  #headers() {
    const key = sessionStorage.getItem(KEY_STORAGE);
    return key ? { [KEY_HEADER]: key } : {};
  }

  async load() {
    this.el.registry.setAttribute('aria-busy', 'true');
    try {
      const models = normalizeModelList(await getJson('/api/models', { headers: this.#headers() }));
      if (models.length === 0) {
        this.el.registry.replaceChildren(h('p', { class: 'notice' }, 'The registry answers but holds no model yet.'));
        return;
      }
      const servingName = this.#serving?.recs.model?.name;
      const name = this.#selected ?? models.find((m) => m.name === servingName)?.name ?? models[0].name;
      const base = models.find((m) => m.name === name) ?? { name };
      const q = encodeURIComponent(name);
      const [detail, experiments] = await Promise.all([
        this.#endpoints.detail ? getJson(`/api/models/${q}`, { headers: this.#headers() }).catch(() => null) : null,
        this.#endpoints.experiments ? getJson(`/api/models/${q}/experiments`, { headers: this.#headers() }).catch(() => null) : null,
      ]);
      const raw = { list: base, detail, experiments };
      this.#render(models, normalizeModel({ ...base, ...(detail ?? {}) }), experiments ? normalizeExperiments(experiments) : null, raw);
    } catch (error) {
      if (error.status === 401 || error.status === 403) {
        this.#needKey(error.status);
      } else if (error.status === 404) {
        this.#absent('GET /api/models answered 404: the model registry is not on this server yet.');
      } else {
        this.el.registry.replaceChildren(h('p', { class: 'notice' }, `The registry could not be read: ${error.message}`));
      }
    } finally {
      this.el.registry.removeAttribute('aria-busy');
    }
  }

  #needKey(status) {
    const input = h('input', { id: 'admin-key', type: 'password', autocomplete: 'off', value: sessionStorage.getItem(KEY_STORAGE) ?? '' });
    this.el.registry.replaceChildren(
      h('p', { class: 'notice' }, `The registry needs an admin API key (${status}); it is kept for this browser tab only.`),
      h(
        'form',
        {
          class: 'inline',
          onsubmit: (event) => {
            event.preventDefault();
            sessionStorage.setItem(KEY_STORAGE, input.value);
            this.load();
          },
        },
        h('label', { for: 'admin-key' }, 'API key'),
        input,
        h('button', { type: 'submit' }, 'Use key'),
      ),
    );
  }

  #render(models, model, experiment, raw) {
    const parts = [];
    if (models.length > 1) {
      const select = h(
        'select',
        { id: 'model-select', onchange: () => ((this.#selected = select.value), this.load()) },
        models.map((m) => h('option', { value: m.name, selected: m.name === model.name }, m.name)),
      );
      parts.push(h('p', { class: 'inline' }, h('label', { for: 'model-select' }, 'Model '), select));
    }
    parts.push(h('h3', null, `${model.name}: live versions`), this.#versions(model));
    parts.push(h('h3', null, 'Traffic split'), this.#split(model.split.length ? model.split : this.#splitFromExperiment(experiment)));
    parts.push(h('h3', null, 'Experiment'), this.#experiment(experiment));
    parts.push(h('h3', null, 'Promotions and rollbacks'), this.#history([...model.history, ...(experiment?.history ?? [])]));
    parts.push(h('h3', null, 'Last retraining'), this.#retraining(model.retraining));
    parts.push(h('h3', null, 'Drift per feature'), this.#drift(model.drift));
    parts.push(
      h('p', null, h('button', { type: 'button', onclick: () => this.load() }, 'Refresh')),
      h('details', { class: 'raw' }, h('summary', null, 'Raw JSON'), h('pre', null, JSON.stringify(raw, null, 2))),
    );
    this.el.registry.replaceChildren(...parts);
  }

  #versions(model) {
    if (model.versions.length === 0) {
      return h('p', { class: 'muted' }, 'No versions listed.');
    }
    const weight = (v) => model.split.find((e) => e.version === v.version || e.key === v.version)?.weight;
    return h(
      'table',
      { class: 'data', 'data-testid': 'versions' },
      h('thead', null, h('tr', null, ['Version', 'Labels', 'Status', 'Traffic', 'Registered'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        null,
        model.versions.map((v) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, v.version),
            h('td', null, v.labels.length ? v.labels.map((l) => h('span', { class: `tag label-${l}` }, l)) : '–'),
            h('td', null, v.status ?? '–'),
            h('td', { class: 'num' }, weight(v) === undefined ? '–' : fmt.pct(weight(v), 3)),
            h('td', { title: v.createdAt ?? '' }, v.createdAt ? fmt.time(v.createdAt) : '–'),
          ),
        ),
      ),
    );
  }

  #splitFromExperiment(experiment) {
    const variants = (experiment?.variants ?? []).filter((v) => v.weight !== null);
    const total = variants.reduce((sum, v) => sum + v.weight, 0);
    return total > 0 ? variants.map((v) => ({ key: v.variant, variant: v.variant, version: v.version, weight: v.weight / total })) : [];
  }

  #split(split) {
    if (split.length === 0) {
      return h('p', { class: 'muted' }, 'No split reported.');
    }
    const name = (e) => [e.variant, e.version && `v${e.version}`].filter(Boolean).join(' ') || e.key;
    return h(
      'div',
      { class: 'split', 'data-testid': 'split' },
      h(
        'div',
        { class: 'split-bar', role: 'img', 'aria-label': split.map((e) => `${name(e)} ${fmt.pct(e.weight, 3)}`).join(', ') },
        split.map((e, i) => h('span', { class: `seg seg-${i % 4}`, style: `flex-basis:${(e.weight * 100).toFixed(2)}%` }, e.weight >= 0.15 ? `${name(e)} ${fmt.pct(e.weight, 2)}` : '')),
      ),
      h('ul', { class: 'split-list' }, split.map((e, i) => h('li', null, h('span', { class: `key seg seg-${i % 4}` }), `${name(e)}: ${fmt.pct(e.weight, 3)}`))),
    );
  }

  #experiment(experiment) {
    if (!experiment || experiment.variants.length === 0) {
      return h('p', { class: 'muted' }, 'No experiment results reported.');
    }
    // The estimate, and the interval under it, so the table fits a narrow panel.
    const ci = (m) =>
      m.value === null
        ? '–'
        : [
            fmt.pct(m.value),
            m.lo === null ? null : h('span', { class: 'ci-text' }, `[${fmt.num(m.lo * 100, 3)} – ${fmt.num(m.hi * 100, 3)}]${m.computed ? '*' : ''}`),
          ];
    const anyComputed = experiment.variants.some((v) => v.ctr.computed || v.precision.computed);
    const test = experiment.test;
    return h(
      'div',
      { 'data-testid': 'experiment' },
      experiment.name || experiment.status
        ? h('p', { class: 'muted' }, [experiment.name, experiment.status, experiment.startedAt && `since ${fmt.time(experiment.startedAt)}`].filter(Boolean).join(' · '))
        : null,
      h(
        'table',
        { class: 'data' },
        h('caption', null, 'Per variant: estimate and [95 % confidence interval]'),
        h('thead', null, h('tr', null, ['Variant', 'Clicks / impressions', 'CTR %', 'Precision %'].map((c, i) => h('th', { scope: 'col', class: i >= 1 ? 'num' : '' }, c)))),
        h(
          'tbody',
          null,
          experiment.variants.map((v) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, v.variant ?? '–', v.version ? h('span', { class: 'muted' }, ` v${v.version}`) : null),
              h('td', { class: 'num' }, `${fmt.num(v.clicks, 9)} / ${fmt.num(v.impressions, 9)}`),
              h('td', { class: 'num' }, ci(v.ctr)),
              h('td', { class: 'num' }, ci(v.precision)),
            ),
          ),
        ),
      ),
      this.#intervals('CTR', experiment.variants.map((v) => ({ label: v.variant ?? v.version ?? '?', ...v.ctr }))),
      this.#intervals('Precision', experiment.variants.map((v) => ({ label: v.variant ?? v.version ?? '?', ...v.precision }))),
      anyComputed ? h('p', { class: 'muted small' }, '* Wilson 95 % interval computed here from impressions and clicks.') : null,
      test
        ? h(
            'p',
            { class: 'test-line' },
            `${test.metric ? `${test.metric.toUpperCase()} test: ` : 'Test: '}`,
            test.z !== null ? `z = ${fmt.num(test.z)}, ` : '',
            test.p !== null ? `p = ${fmt.num(test.p)}` : '',
            test.significant === null ? '' : test.significant ? ' — significant' : ' — not significant',
            test.winner ? ` (leader: ${test.winner})` : '',
          )
        : null,
    );
  }

  /** Interval plot on a shared axis: a dot for the estimate, a bar for the interval, numbers at the ends. */
  #intervals(title, rows) {
    const shown = rows.filter((r) => r.value !== null);
    if (shown.length === 0) {
      return null;
    }
    const max = Math.max(...shown.map((r) => r.hi ?? r.value)) * 1.1 || 1;
    const width = 320;
    const left = 78;
    const right = 56; // room for the estimate's label after the interval
    const row = 22;
    const x = (v) => left + (v / max) * (width - left - right);
    return s(
      'svg',
      { class: 'intervals', viewBox: `0 0 ${width} ${shown.length * row + 20}`, role: 'img', 'aria-label': `${title} per variant with intervals` },
      s('text', { x: 0, y: 12, class: 'axis-title' }, title),
      shown.map((r, i) => {
        const y = 24 + i * row;
        return s(
          'g',
          null,
          s('text', { x: 0, y: y + 4, class: 'axis-label' }, r.label),
          r.lo !== null ? s('path', { class: 'ci', d: `M${x(r.lo)},${y}H${x(r.hi)}M${x(r.lo)},${y - 5}V${y + 5}M${x(r.hi)},${y - 5}V${y + 5}` }) : null,
          s('circle', { class: 'estimate', cx: x(r.value), cy: y, r: 3.5 }),
          s('text', { x: x(r.hi ?? r.value) + 6, y: y + 4, class: 'axis-label' }, fmt.pct(r.value)),
        );
      }),
    );
  }

  #history(events) {
    const shown = events.filter((e) => e.action || e.version).slice(0, 8);
    if (shown.length === 0) {
      return h('p', { class: 'muted' }, 'No promotions or rollbacks reported.');
    }
    return h(
      'ol',
      { class: 'history', 'data-testid': 'history' },
      shown.map((e) =>
        h(
          'li',
          null,
          h('span', { class: `tag action-${(e.action ?? '').toLowerCase()}` }, e.action ?? 'change'),
          ` ${e.from ? `v${e.from} → ` : ''}${e.version ? `v${e.version}` : ''}`,
          e.at ? h('span', { class: 'muted', title: e.at }, ` · ${fmt.time(e.at)}`) : null,
          e.reason ? h('span', { class: 'muted' }, ` · ${e.reason}`) : null,
        ),
      ),
    );
  }

  #retraining(r) {
    if (!r) {
      return h('p', { class: 'muted' }, 'No retraining reported.');
    }
    const facts = [
      ['When', r.at ? `${fmt.time(r.at)} (${fmt.ago(r.at)})` : null],
      ['Outcome', r.status],
      ['Produced', r.version && `v${r.version}`],
      ['Trigger', r.trigger],
      ['Rows', r.rows !== null ? fmt.num(r.rows, 9) : null],
      ['Took', r.durationSeconds !== null ? `${fmt.num(r.durationSeconds)} s` : null],
      ['Next', r.nextAt && fmt.time(r.nextAt)],
    ].filter(([, v]) => v);
    return h('dl', { class: 'facts', 'data-testid': 'retraining' }, facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
  }

  #drift(drift) {
    if (drift.length === 0) {
      return h('p', { class: 'muted' }, 'No drift reported.');
    }
    const max = Math.max(...drift.map((d) => Math.max(d.value ?? 0, d.threshold ?? 0))) || 1;
    return h(
      'table',
      { class: 'data drift', 'data-testid': 'drift' },
      h('thead', null, h('tr', null, ['Feature', 'Drift', 'Threshold', 'Drift against threshold', 'Status'].map((c, i) => h('th', { scope: 'col', class: i === 1 || i === 2 ? 'num' : '' }, c)))),
      h(
        'tbody',
        null,
        drift.map((d) =>
          h(
            'tr',
            { class: d.drifted ? 'drifted' : '' },
            h('th', { scope: 'row' }, d.feature),
            h('td', { class: 'num' }, fmt.num(d.value)),
            h('td', { class: 'num' }, fmt.num(d.threshold)),
            h(
              'td',
              { class: 'bar-cell', 'aria-hidden': 'true' },
              h('span', { class: 'bar', style: `width:${(((d.value ?? 0) / max) * 100).toFixed(1)}%` }),
              d.threshold !== null ? h('span', { class: 'threshold', style: `left:${((d.threshold / max) * 100).toFixed(1)}%` }) : null,
            ),
            h('td', { class: 'flag' }, d.drifted ? '▲ over' : 'ok'),
          ),
        ),
      ),
    );
  }
}
