// The HTTP API as the dashboard uses it. Every call goes to the origin that served the page.

export class HttpError extends Error {
  constructor(status, url, problem) {
    super(problem?.errors ? `${status}: ${Object.values(problem.errors).flat().join(' ')}` : `${status} ${problem?.title ?? ''} (${url})`);
    this.status = status;
    this.problem = problem;
  }
}

export async function getJson(url, { signal, headers } = {}) {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json', ...headers } });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not every error has a JSON body.
    }
    throw new HttpError(response.status, url, problem);
  }
  return response.json();
}

const q = encodeURIComponent;

export const api = {
  heatmap: (box, zoom, signal) =>
    getJson(
      `/api/geo/heatmap?minLat=${box.minLat.toFixed(5)}&minLon=${box.minLon.toFixed(5)}` +
        `&maxLat=${box.maxLat.toFixed(5)}&maxLon=${box.maxLon.toFixed(5)}&zoom=${zoom}`,
      { signal },
    ),
  user: (id) => getJson(`/api/users/${q(id)}`),
  recommendations: (id, k) => getJson(`/api/users/${q(id)}/recommendations?k=${k}`),
  lead: (id) => getJson(`/api/leads/${q(id)}`),
  openApi: () => getJson('/openapi/v1.json'),
};
