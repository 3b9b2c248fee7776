import { describe, expect, it } from 'vitest';
import { filterActions, secretsRequest, statusOf } from '../src/lib/library.js';
import { lineDiff } from '../src/lib/diff.js';
import { durationMs } from '../src/lib/executions.js';

const actions = [
  { name: 'add-claim', supported_triggers: [{ id: 'post-login' }], status: 'built', deployed_version: { number: 2 }, all_changes_deployed: true },
  { name: 'welcome-mail', supported_triggers: [{ id: 'post-user-registration' }], status: 'built', deployed_version: null },
];

describe('library', () => {
  it('filters by name and trigger', () => {
    expect(filterActions(actions, { text: 'CLAIM' }).map((a) => a.name)).toEqual(['add-claim']);
    expect(filterActions(actions, { triggerId: 'post-user-registration' }).map((a) => a.name)).toEqual(['welcome-mail']);
    expect(filterActions(actions, {}).length).toBe(2);
  });

  it('says where an action stands', () => {
    expect(statusOf(actions[0])).toBe('deployed v2');
    expect(statusOf(actions[1])).toBe('draft');
    expect(statusOf({ ...actions[0], all_changes_deployed: false })).toBe('changed (v2 deployed)');
    expect(statusOf({ ...actions[0], status: 'pending' })).toBe('building');
    expect(statusOf({ ...actions[0], status: 'failed' })).toBe('build failed');
  });

  it('keeps stored secrets by name only, sends new values, leaves removed ones out', () => {
    expect(secretsRequest(['A', 'B'], { values: { C: 'v' }, removed: ['B'] })).toEqual([{ name: 'A' }, { name: 'C', value: 'v' }]);
    expect(secretsRequest(['A'], { values: { A: 'new' }, removed: [] })).toEqual([{ name: 'A', value: 'new' }]);
  });

  it('diffs a version to the draft line by line', () => {
    expect(lineDiff('a\nb\n', 'a\nc\n')).toEqual([{ sign: ' ', text: 'a' }, { sign: '-', text: 'b' }, { sign: '+', text: 'c' }]);
  });

  it('measures an execution', () => {
    expect(durationMs({ created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.250Z' })).toBe(250);
    expect(durationMs({})).toBe(0);
  });
});
