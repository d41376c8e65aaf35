// The fleet's key handler, fed the way useFleetKeys feeds it: each key sees the state the keys
// before it made.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Key } from 'ink';
import { handleFleetKey, type FleetKeyBindings } from '../../src/ui/use-fleet-keys.js';
import { splitKeys } from '../../src/ui/use-reduced-keys.js';
import { fleetReducer, initialFleetState, type FleetAction } from '../../src/model/fleet-display.js';

// A key press with no flags: what splitKeys gives each character of plain text.
const none = splitKeys('ab', {} as Key)[0][1];

/** Feeds keys through handleFleetKey and records the actions and the state they made. */
function press(keys: [string, Partial<Key>][]) {
  const actions: string[] = [];
  let state = initialFleetState(0.95);
  const bindings = (): FleetKeyBindings => ({
    state,
    order: ['demo-1', 'demo-2'],
    pageRows: 10,
    latencyRange: { total: 0, rows: 0 },
    helpRange: null,
    refreshErrors: null,
    dispatch: (action: FleetAction) => {
      actions.push(action.type);
      state = fleetReducer(state, action);
    },
    changeInterval: () => actions.push('interval'),
    quit: () => actions.push('quit'),
  });
  for (const [input, key] of keys) handleFleetKey(input, { ...none, ...key }, bindings());
  return { actions, state };
}

describe('handleFleetKey', () => {
  it('opens the selected peer with Enter', () => {
    const { actions, state } = press([['j', {}], ['', { return: true }]]);
    assert.deepEqual(actions, ['move', 'open']);
    assert.equal(state.open, 'demo-2');
  });

  it('goes back with an Esc that comes before the open dashboard hears keys, and leaves other keys to it', () => {
    const { actions, state } = press([['', { return: true }], ['j', {}], ['s', {}], ['', { escape: true }]]);
    assert.deepEqual(actions, ['open', 'back']);
    assert.equal(state.open, null);
  });
});
