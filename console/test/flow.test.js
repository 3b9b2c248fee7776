import { describe, expect, it } from 'vitest';
import { addAction, bindingsRequest, move, remove, rowsFromBindings } from '../src/lib/flow.js';

const bindings = [
  { id: 'b1', action: { id: 'a1', name: 'first' }, display_name: 'first', on_error: 'fail', timeout_ms: null },
  { id: 'b2', action: { id: 'a2', name: 'second' }, display_name: 'second', on_error: 'continue', timeout_ms: 500 },
];

describe('flow editing', () => {
  it('moves an item before another (drag and drop indexes)', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  });

  it('publishes rows in order with on_error and timeout', () => {
    const rows = move(rowsFromBindings(bindings), 1, 0);
    expect(bindingsRequest(rows)).toEqual({
      bindings: [
        { ref: { type: 'action_id', value: 'a2' }, display_name: 'second', on_error: 'continue', timeout_ms: 500 },
        { ref: { type: 'action_id', value: 'a1' }, display_name: 'first', on_error: 'fail' },
      ],
    });
  });

  it('adds and removes actions', () => {
    const rows = addAction(rowsFromBindings(bindings), { id: 'a3', name: 'third' });
    expect(rows.map((r) => r.actionId)).toEqual(['a1', 'a2', 'a3']);
    expect(remove(rows, 0).map((r) => r.actionId)).toEqual(['a2', 'a3']);
  });
});
