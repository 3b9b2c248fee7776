/** Milliseconds an execution took: from its creation to its last update (the executor's clock). */
export function durationMs(execution) {
  const start = Date.parse(execution.created_at);
  const end = Date.parse(execution.updated_at);
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : 0;
}
