import { problemFrom } from './problems.js';

/** The registry's Management API, called with the signed-in user's bearer token. Errors throw ApiProblem. */
export function createApi(token, fetchImpl = globalThis.fetch.bind(globalThis)) {
  async function call(method, path, body) {
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetchImpl(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw await problemFrom(response);
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
  const A = '/api/v2/actions';
  return {
    token,
    listActions: (params = {}) => call('GET', `${A}/actions?per_page=100${params.triggerId ? `&triggerId=${encodeURIComponent(params.triggerId)}` : ''}`),
    getAction: (id) => call('GET', `${A}/actions/${id}`),
    createAction: (body) => call('POST', `${A}/actions`, body),
    updateAction: (id, body) => call('PATCH', `${A}/actions/${id}`, body),
    deleteAction: (id) => call('DELETE', `${A}/actions/${id}?force=true`),
    deploy: (id) => call('POST', `${A}/actions/${id}/deploy`),
    testAction: (id, payload) => call('POST', `${A}/actions/${id}/test`, { payload }),
    versions: (id) => call('GET', `${A}/actions/${id}/versions?per_page=100`),
    rollback: (id, versionId) => call('POST', `${A}/actions/${id}/versions/${versionId}/deploy`, {}),
    triggers: () => call('GET', `${A}/triggers`),
    bindings: (triggerId) => call('GET', `${A}/triggers/${triggerId}/bindings?per_page=100`),
    replaceBindings: (triggerId, body) => call('PATCH', `${A}/triggers/${triggerId}/bindings`, body),
    catalog: () => call('GET', '/api/v1/marketplace/catalog'),
    catalogItem: (id) => call('GET', `/api/v1/marketplace/catalog/${id}`),
    install: (body) => call('POST', '/api/v1/marketplace/installs', body),
    executions: (params = {}) => {
      const q = new URLSearchParams();
      if (params.triggerId) q.set('trigger_id', params.triggerId);
      if (params.actionId) q.set('action_id', params.actionId);
      return call('GET', `/console/api/executions${q.toString() ? `?${q}` : ''}`);
    },
  };
}
