/**
 * An error answer of the API (application/problem+json) in a form the views show: the title and
 * detail, and per field the messages to show next to that field.
 */
export class ApiProblem extends Error {
  constructor(status, body) {
    const title = (body && body.title) || `HTTP ${status}`;
    super(body && body.detail ? `${title}: ${body.detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = (body && body.detail) || '';
    this.fields = {};
    for (const e of (body && Array.isArray(body.errors) ? body.errors : [])) {
      const key = fieldKey(e.field);
      (this.fields[key] ||= []).push(e.message);
    }
  }

  /** Messages for a field of the form (e.g. 'name', 'secrets', 'dependencies'), or for the whole form (''). */
  forField(name) {
    return this.fields[name] || [];
  }
}

/** `create.request.secrets[0].name` or `secrets[0].name` → `secrets`; anything unknown → ''. */
export function fieldKey(field) {
  if (!field) return '';
  const parts = String(field).split('.').filter((p) => !['create', 'update', 'request', 'replace', 'insert', 'test'].includes(p));
  const first = parts[0] || '';
  return first.replace(/\[\d+\]$/, '').replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

export async function problemFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return new ApiProblem(response.status, body);
}
