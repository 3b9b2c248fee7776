/** Flow editing: the bound actions of one trigger, in order, as the Flows view changes them before Apply. */

/** Moves the item at `from` to index `to` (SortableJS's oldIndex/newIndex) and returns a new list. */
export function move(list, from, to) {
  if (from === to || from < 0 || from >= list.length || to < 0 || to >= list.length) return list.slice();
  const copy = list.slice();
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** The bindings of a page from GET /triggers/{id}/bindings as editable rows. */
export function rowsFromBindings(bindings) {
  return bindings.map((b) => ({
    key: b.id,
    actionId: b.action.id,
    name: b.display_name || b.action.name,
    onError: b.on_error || 'fail',
    timeoutMs: b.timeout_ms == null ? '' : String(b.timeout_ms),
  }));
}

export function addAction(rows, action) {
  return [...rows, { key: `new-${action.id}-${rows.length}`, actionId: action.id, name: action.name, onError: 'fail', timeoutMs: '' }];
}

export function remove(rows, index) {
  return rows.filter((_, i) => i !== index);
}

/** The PATCH /triggers/{id}/bindings body that publishes the rows in their order. */
export function bindingsRequest(rows) {
  return {
    bindings: rows.map((r) => {
      const b = { ref: { type: 'action_id', value: r.actionId }, display_name: r.name, on_error: r.onError };
      if (r.timeoutMs !== '' && r.timeoutMs != null) b.timeout_ms = Number(r.timeoutMs);
      return b;
    }),
  };
}
