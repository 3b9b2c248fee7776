import { trigger } from './triggers.js';

/**
 * What to offer after a member access on `event` or `api`: for the text before the cursor ending in
 * e.g. `event.user.` or `api.accessToken.setC`, the shape's keys at that path whose names start
 * with the typed prefix. Returns null when the text is not such an access.
 */
export function completePath(triggerId, textBefore) {
  const match = /\b(event|api)((?:\.[A-Za-z_$][\w$]*)*)\.([A-Za-z_$][\w$]*)?$/.exec(textBefore);
  if (!match) return null;
  const t = trigger(triggerId);
  if (!t) return null;
  let shape = match[1] === 'event' ? t.event : t.api;
  const path = match[2] ? match[2].slice(1).split('.') : [];
  for (const key of path) {
    if (shape == null || typeof shape !== 'object' || Array.isArray(shape) || !(key in shape)) return null;
    shape = shape[key];
  }
  if (shape == null || typeof shape !== 'object' || Array.isArray(shape)) return null;
  const prefix = match[3] || '';
  const options = Object.keys(shape).filter((k) => k.startsWith(prefix)).map((k) => {
    const value = shape[k];
    const isMethod = typeof value === 'string' && value.includes('(');
    return {
      label: k,
      type: isMethod ? 'method' : 'property',
      detail: isMethod ? value : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value,
    };
  });
  return { from: textBefore.length - prefix.length, options };
}
