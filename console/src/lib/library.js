/** The Library view's filtering and status words, kept apart from rendering so they can be tested. */

export function filterActions(actions, { text = '', triggerId = '' } = {}) {
  const needle = text.trim().toLowerCase();
  return actions.filter((a) => (!needle || a.name.toLowerCase().includes(needle))
    && (!triggerId || a.supported_triggers.some((t) => t.id === triggerId)));
}

/** One word for where the action stands: draft (never deployed), changed, building, failed or deployed. */
export function statusOf(action) {
  if (action.status === 'pending' || action.status === 'building') return 'building';
  if (action.status === 'failed') return 'build failed';
  if (!action.deployed_version) return 'draft';
  return action.all_changes_deployed ? `deployed v${action.deployed_version.number}` : `changed (v${action.deployed_version.number} deployed)`;
}

/** Secrets as the Secrets tab edits them: names with set/unset, plus new values typed but not yet saved. */
export function secretsRequest(storedNames, edits) {
  // A name without a value keeps its stored value; a removed name is left out (deleted).
  const names = storedNames.filter((n) => !edits.removed.includes(n));
  const list = names.map((name) => (edits.values[name] !== undefined ? { name, value: edits.values[name] } : { name }));
  for (const [name, value] of Object.entries(edits.values)) {
    if (!names.includes(name)) list.push({ name, value });
  }
  return list;
}
