import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Key } from 'ink';
import { handleKey, type KeyBindings } from '../../src/ui/use-keys.js';
import { splitKeys } from '../../src/ui/use-reduced-keys.js';
import { dashboardReducer, initialDashboardState, type DashboardAction } from '../../src/ui/use-dashboard-state.js';

// A key press with no flags: what splitKeys gives each character of plain text.
const none = splitKeys('ab', {} as Key)[0][1];

/** Feeds keys through handleKey the way useKeys does and records what happened. */
function press(keys: [string, Partial<Key>][], state = initialDashboardState(0.95)) {
  const actions: string[] = [];
  let current = state;
  const bindings = (): KeyBindings => ({
    screen: { panes: ['cluster', 'latency'], methods: ['A', 'B'] },
    state: current,
    dispatch: (action: DashboardAction) => {
      actions.push(action.type === 'filter-type' ? `type:${action.text}` : action.type);
      current = dashboardReducer(current, action);
    },
    changeInterval: (d) => actions.push(d > 0 ? 'slower' : 'faster'),
    quit: () => actions.push('quit'),
  });
  for (const [input, key] of keys) handleKey(input, { ...none, ...key }, bindings());
  return { actions, state: current };
}

describe('handleKey', () => {
  it('maps the documented keys', () => {
    const { actions } = press([
      ['j', {}], ['', { downArrow: true }], ['k', {}], ['', { upArrow: true }], ['g', {}], ['G', {}], ['', { tab: true }], ['', { tab: true, shift: true }],
      ['', { pageDown: true }], ['', { pageUp: true }],
      ['s', {}], ['p', {}], [' ', {}], ['+', {}], ['-', {}], ['3', {}], ['?', {}],
    ]);
    assert.deepEqual(actions, [
      'select-next', 'select-next', 'select-previous', 'select-previous', 'select-first', 'select-last', 'focus-next', 'focus-previous',
      'select-page-down', 'select-page-up',
      'cycle-sort', 'toggle-pause', 'toggle-pause', 'slower', 'faster', 'set-quantile', 'toggle-help',
    ]);
  });

  it('quits on q and Ctrl-C, even with help open', () => {
    assert.deepEqual(press([['?', {}], ['q', {}]]).actions, ['toggle-help', 'quit']);
    assert.deepEqual(press([['c', { ctrl: true }]]).actions, ['quit']);
  });

  it('lets only ?, Esc and Enter close the help; its scroll keys scroll it', () => {
    assert.deepEqual(press([['?', {}], ['s', {}], ['1', {}], ['', { tab: true }], ['', { escape: true }]]).actions, ['toggle-help', 'toggle-help']);
    assert.deepEqual(
      press([['?', {}], ['j', {}], ['', { downArrow: true }], ['k', {}], ['', { pageDown: true }], ['', { pageUp: true }], ['G', {}], ['g', {}]]).actions,
      ['toggle-help', 'help-scroll', 'help-scroll', 'help-scroll', 'help-scroll', 'help-scroll', 'help-scroll', 'help-scroll'],
    );
  });

  it('sends printable keys to the filter while it is typed, q included', () => {
    const { actions, state } = press([['/', {}], ['q', {}], ['p', {}], ['\u0007', {}], ['', { delete: true }], ['', { return: true }]]);
    assert.deepEqual(actions, ['filter-start', 'type:q', 'type:p', 'filter-backspace', 'filter-commit']);
    assert.equal(state.filter, 'q');
  });
});

describe('splitKeys', () => {
  it('splits keys that arrived together into single presses', () => {
    const split = splitKeys('pj\r\t\u007fQ', none);
    assert.deepEqual(split.map(([input]) => input), ['p', 'j', '', '', '', 'Q']);
    assert.deepEqual(split.map(([, k]) => [k.return, k.tab, k.backspace, k.shift]), [
      [false, false, false, false],
      [false, false, false, false],
      [true, false, false, false],
      [false, true, false, false],
      [false, false, true, false],
      [false, false, false, true],
    ]);
  });

  it('leaves single keys and modified input alone', () => {
    const key = { ...none, ctrl: true };
    assert.deepEqual(splitKeys('ab', key), [['ab', key]]);
    assert.deepEqual(splitKeys('j', none), [['j', none]]);
  });
});
