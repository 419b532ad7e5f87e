// A user's view: the user grain's summary, the ranked recommendations as numbered points on the map (ranks are
// the numbers, so the map reads without colour), the user's preference centre and recent leads, and a table.

import { api } from './api.js';
import { h, s } from './dom.js';
import * as fmt from './format.js';
import { distanceKm } from './mercator.js';

const RECENT_SHOWN = 20;
const MARKER_RADIUS = 11;

/** Places numbered circles so they don't overlap: a displaced one gets a leader line to its true position. */
function declutter(points, obstacles = [], minDistance = 2 * MARKER_RADIUS + 2) {
  const placed = [...obstacles];
  for (const p of points) {
    let spot = [p.x, p.y];
    const collides = ([x, y]) => placed.some((q) => Math.hypot(q[0] - x, q[1] - y) < minDistance);
    for (let ring = 1; collides(spot) && ring <= 4; ring++) {
      const steps = 8 * ring;
      for (let i = 0; i < steps; i++) {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / steps;
        const candidate = [p.x + Math.cos(angle) * minDistance * ring, p.y + Math.sin(angle) * minDistance * ring];
        if (!collides(candidate)) {
          spot = candidate;
          break;
        }
      }
    }
    placed.push(spot);
    p.labelAt = spot;
  }
  return points;
}

export class UserView extends EventTarget {
  /** The loaded state: { summary, recs, recLeads: Map, recentLeads: [] } or null. */
  state = null;
  #leads = new Map();
  #request = 0;
  #hovered = null;

  /** elements: { result, status, tooltip (a Tooltip) } */
  constructor(map, elements) {
    super();
    this.map = map;
    this.el = elements;
    map.addLayer('user', (view, group) => this.#draw(view, group));
    this.#bindTooltip();
  }

  #lead(id) {
    if (!this.#leads.has(id)) {
      this.#leads.set(
        id,
        api.lead(id).catch(() => {
          this.#leads.delete(id); // a lead that failed once may load next time
          return null;
        }),
      );
    }
    return this.#leads.get(id);
  }

  async load(userId, k, { fit = true } = {}) {
    const request = ++this.#request;
    this.el.status.textContent = `Loading ${userId}…`;
    this.el.result.setAttribute('aria-busy', 'true');
    try {
      const [summary, recs] = await Promise.all([api.user(userId), api.recommendations(userId, k)]);
      const recentIds = (summary.recentLeadIds ?? []).slice(0, RECENT_SHOWN);
      const [recLeads, recentLeads] = await Promise.all([
        Promise.all((recs.items ?? []).map((item) => this.#lead(item.leadId))),
        Promise.all(recentIds.map((id) => this.#lead(id))),
      ]);
      if (request !== this.#request) {
        return; // a later pick won
      }
      this.state = {
        summary,
        recs,
        recLeads: new Map((recs.items ?? []).map((item, i) => [item.leadId, recLeads[i]])),
        recentLeads: recentLeads.filter(Boolean),
      };
      this.#render();
      this.el.status.textContent = '';
      if (fit) {
        this.fit();
      }
      this.map.requestRender();
      this.dispatchEvent(new CustomEvent('loaded', { detail: this.state }));
    } catch (error) {
      if (request === this.#request) {
        this.el.status.textContent = `Could not load ${userId}: ${error.message}`;
      }
    } finally {
      if (request === this.#request) {
        this.el.result.removeAttribute('aria-busy');
      }
    }
  }

  centre() {
    const summary = this.state?.summary;
    return Number.isFinite(summary?.centreLat) && Number.isFinite(summary?.centreLon)
      ? { lat: summary.centreLat, lon: summary.centreLon }
      : null;
  }

  /** Fits the map to the user's centre and the recommended leads. */
  fit() {
    if (!this.state) {
      return;
    }
    const points = [...this.state.recLeads.values()].filter(Boolean).map((l) => ({ lat: l.lead.lat, lon: l.lead.lon }));
    const centre = this.centre();
    if (centre) {
      points.push(centre);
    }
    this.map.fitPoints(points, { padding: 56, maxFitZoom: 12.5 });
  }

  #render() {
    const { summary, recs, recLeads } = this.state;
    const centre = this.centre();
    const recent = new Set(summary.recentLeadIds ?? []);
    const model = recs.model ?? {};
    const rows = (recs.items ?? []).map((item) => {
      const detail = recLeads.get(item.leadId);
      const lead = detail?.lead;
      const km = lead && centre ? distanceKm(centre, lead) : null;
      return h(
        'tr',
        { 'data-lead': item.leadId, onpointerenter: () => this.#hover(item.leadId), onpointerleave: () => this.#hover(null) },
        h('th', { scope: 'row', class: 'num' }, h('span', { class: 'rank-badge' }, String(item.rank))),
        h(
          'td',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              title: 'Show on the map',
              onclick: () => this.#show(item.leadId),
              onfocus: () => this.#hover(item.leadId),
              onblur: () => this.#hover(null),
            },
            item.leadId,
          ),
          recent.has(item.leadId) ? h('span', { class: 'tag', title: 'Among the user’s recent leads' }, 'seen') : null,
        ),
        h('td', { class: 'num' }, fmt.num(item.score)),
        h('td', { class: 'num' }, lead ? fmt.price(lead.price) : '–'),
        h('td', null, lead ? `${lead.kind}${lead.bedrooms ? `, ${lead.bedrooms} bd` : ''}` : 'unknown lead'),
        h('td', { class: 'num' }, km === null ? '–' : `${fmt.num(km, 2)} km`),
      );
    });
    this.el.result.replaceChildren(
      h(
        'dl',
        { class: 'facts' },
        h('div', null, h('dt', null, 'Interactions'), h('dd', null, String(summary.interactionCount ?? 0))),
        h('div', null, h('dt', null, 'Last activity'), h('dd', { title: summary.lastActivity ?? '' }, summary.lastActivity ? fmt.ago(summary.lastActivity) : 'none')),
        h('div', null, h('dt', null, 'Feature version'), h('dd', null, String(summary.featureVersion ?? '–'))),
        h('div', null, h('dt', null, 'Centre'), h('dd', null, centre ? `${fmt.coord(centre.lat)}, ${fmt.coord(centre.lon)}` : 'no activity yet')),
      ),
      h(
        'p',
        { class: 'model-line', 'data-testid': 'serving-model' },
        'Ranked by ',
        h('strong', null, `${model.name ?? '?'} v${model.version ?? '?'}`),
        ', variant ',
        h('strong', null, model.variant ?? '?'),
        ' · ',
        h('span', { class: `tag ${recs.cached ? 'cached' : 'fresh'}` }, recs.cached ? 'from cache' : 'freshly ranked'),
        ' · ',
        h('span', { title: recs.generatedAt ?? '' }, `generated ${fmt.ago(recs.generatedAt)}`),
      ),
      h(
        'table',
        { class: 'data recs' },
        h('caption', null, `Top ${rows.length} recommendations for ${summary.userId ?? recs.userId}`),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Rank', 'Lead', 'Score', 'Price', 'Kind', 'Distance'].map((c, i) =>
              h('th', { scope: 'col', class: i === 1 || i === 4 ? '' : 'num', title: i === 5 ? 'from the user’s centre' : null }, c),
            ),
          ),
        ),
        h('tbody', null, rows.length ? rows : h('tr', null, h('td', { colspan: 6 }, 'No recommendations.'))),
      ),
      h('p', { class: 'muted small' }, `Recommendation id ${recs.recommendationId ?? '–'}`),
      this.#recentList(),
    );
  }

  #recentList() {
    const { summary, recentLeads } = this.state;
    const total = summary.recentLeadIds?.length ?? 0;
    if (total === 0) {
      return h('p', { class: 'muted' }, 'No recent leads: this user has no activity yet, so the ranking leans on trending leads.');
    }
    return h(
      'details',
      { class: 'recent' },
      h('summary', null, `Recent leads (${recentLeads.length} of ${total} shown on the map as hollow squares)`),
      h(
        'ul',
        { class: 'recent-list' },
        recentLeads.map((l) => h('li', null, `${l.lead.id} · ${fmt.price(l.lead.price)} · ${l.lead.kind}`)),
      ),
    );
  }

  #hover(leadId) {
    this.#hovered = leadId;
    for (const row of this.el.result.querySelectorAll('tr[data-lead]')) {
      row.classList.toggle('hovered', row.dataset.lead === leadId);
    }
    this.map.requestRender();
  }

  #show(leadId) {
    const lead = this.state?.recLeads.get(leadId)?.lead;
    if (!lead) {
      return;
    }
    if (this.map.zoom < 12) {
      this.map.setView(lead.lat, lead.lon, 12);
    } else {
      this.map.setView(lead.lat, lead.lon);
    }
    this.#hover(leadId);
    requestAnimationFrame(() => {
      const [x, y] = this.map.latLonToScreen(lead.lat, lead.lon);
      this.el.tooltip.show(...this.#leadTip(leadId), x, y);
    });
  }

  #leadTip(leadId) {
    const item = this.state.recs.items.find((i) => i.leadId === leadId);
    const detail = this.state.recLeads.get(leadId) ?? this.state.recentLeads.find((l) => l.lead.id === leadId);
    const lead = detail?.lead;
    const centre = this.centre();
    const rows = [];
    if (item) {
      rows.push(['Rank', String(item.rank)], ['Score', fmt.num(item.score, 4)]);
    }
    if (lead) {
      rows.push(
        ['Price', fmt.price(lead.price)],
        ['Kind', `${lead.kind}${lead.bedrooms ? `, ${lead.bedrooms} bedrooms` : ''}${lead.areaSqm ? `, ${fmt.num(lead.areaSqm)} m²` : ''}`],
        ['Status', lead.status ?? '–'],
        ['Funnel', `${detail.views ?? 0} views, ${detail.clicks ?? 0} clicks, ${detail.inquiries ?? 0} inquiries`],
        ['Popularity', fmt.num(detail.popularity)],
        ['Cell', detail.cellId ?? '–'],
      );
      if (centre) {
        rows.push(['From centre', `${fmt.num(distanceKm(centre, lead), 2)} km`]);
      }
    }
    return [item ? `#${item.rank} ${leadId}` : `Recent lead ${leadId}`, rows];
  }

  #draw(view, group) {
    if (!this.state) {
      group.replaceChildren();
      return;
    }
    const items = [];
    for (const detail of this.state.recentLeads) {
      const [x, y] = view.latLonToScreen(detail.lead.lat, detail.lead.lon);
      items.push(s('rect', { class: 'marker recent', 'data-lead': detail.lead.id, x: (x - 4).toFixed(1), y: (y - 4).toFixed(1), width: 8, height: 8 }));
    }
    const obstacles = [];
    // The centre under the recommendations, and its spot kept free of them, so that no rank is hidden by it.
    const centre = this.centre();
    if (centre) {
      const [x, y] = view.latLonToScreen(centre.lat, centre.lon);
      obstacles.push([x, y]);
      items.push(
        s(
          'g',
          { class: 'marker centre', transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` },
          s('circle', { r: 9 }),
          s('path', { d: 'M-14,0H-5M5,0H14M0,-14V-5M0,5V14' }),
          // Near the right edge the caption goes to the left of the mark.
          x > view.width - 140
            ? s('text', { class: 'marker-caption', x: -16, y: -8, 'text-anchor': 'end' }, `${this.state.summary.userId}’s centre`)
            : s('text', { class: 'marker-caption', x: 16, y: -8 }, `${this.state.summary.userId}’s centre`),
        ),
      );
    }
    const points = [];
    for (const item of this.state.recs.items ?? []) {
      const lead = this.state.recLeads.get(item.leadId)?.lead;
      if (lead) {
        const [x, y] = view.latLonToScreen(lead.lat, lead.lon);
        points.push({ item, x, y });
      }
    }
    // Best ranks placed first, so they sit on their true spot and lower ranks move aside.
    declutter(points.sort((a, b) => a.item.rank - b.item.rank), obstacles);
    for (const p of points.reverse()) {
      const [lx, ly] = p.labelAt;
      const moved = Math.hypot(lx - p.x, ly - p.y) > 0.5;
      items.push(
        s(
          'g',
          { class: `marker rec${p.item.leadId === this.#hovered ? ' hovered' : ''}`, 'data-lead': p.item.leadId, 'data-rank': p.item.rank },
          moved ? s('path', { class: 'leader', d: `M${p.x.toFixed(1)},${p.y.toFixed(1)}L${lx.toFixed(1)},${ly.toFixed(1)}` }) : null,
          moved ? s('circle', { class: 'anchor', cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 2.5 }) : null,
          s('circle', { class: 'disc', cx: lx.toFixed(1), cy: ly.toFixed(1), r: MARKER_RADIUS }),
          s('text', { class: 'rank', x: lx.toFixed(1), y: ly.toFixed(1) }, String(p.item.rank)),
        ),
      );
    }
    group.replaceChildren(...items);
  }

  #bindTooltip() {
    const svg = this.map.svg;
    svg.addEventListener('pointerleave', () => {
      if (this.#hovered) {
        this.#hover(null);
      }
    });
    svg.addEventListener('pointermove', (event) => {
      const marker = event.buttons ? null : event.target.closest?.('.marker[data-lead]');
      const leadId = marker?.classList.contains('rec') ? marker.dataset.lead : null;
      if (leadId !== this.#hovered && !event.buttons) {
        this.#hover(leadId);
      }
      if (marker && this.state) {
        const rect = svg.getBoundingClientRect();
        this.el.tooltip.show(...this.#leadTip(marker.dataset.lead), event.clientX - rect.left, event.clientY - rect.top);
      }
    });
  }
}
