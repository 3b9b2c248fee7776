/**
 * Autosaved drafts: the editor's unsaved code per tenant and action in the browser's storage, so a
 * reload does not lose work. Only code is kept — never secret values, which leave the page when
 * submitted.
 */
export function draftKey(tenant, actionId) {
  return `openactions.draft.${tenant}.${actionId}`;
}

export function saveDraft(storage, tenant, actionId, code) {
  storage.setItem(draftKey(tenant, actionId), JSON.stringify({ code, savedAt: Date.now() }));
}

export function loadDraft(storage, tenant, actionId) {
  const raw = storage.getItem(draftKey(tenant, actionId));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw);
    return typeof value.code === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function clearDraft(storage, tenant, actionId) {
  storage.removeItem(draftKey(tenant, actionId));
}

/** Calls `fn` once `ms` after the last call: typing autosaves when the user pauses. */
export function debounce(fn, ms, timers = globalThis) {
  let handle = null;
  const debounced = (...args) => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(() => {
      handle = null;
      fn(...args);
    }, ms);
  };
  debounced.flush = () => {};
  return debounced;
}
