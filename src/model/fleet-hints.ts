// The fleet screen's keys: the hints on its key line (for what has the focus) and its `?` help,
// with the markers of the peer list explained.

import type { Glyphs } from './glyphs.js';
import type { KeyHint } from './key-hints.js';

/** What the key line depends on. */
export interface FleetHintContext {
  readonly filterEditing: boolean;
  readonly helpOpen: boolean;
  readonly errorsOpen: boolean;
  readonly focus: 'peers' | 'latency';
  readonly paused: boolean;
}

/** The fleet screen's key hints, most useful first (the last two always stay: see fitHints). */
export function fleetKeyHints(context: FleetHintContext, glyphs: Glyphs): KeyHint[] {
  if (context.filterEditing) return [{ key: 'type', label: 'filter' }, { key: glyphs.keyEnter, label: 'keep' }, { key: 'Esc', label: 'clear' }, { key: 'Bksp', label: 'erase' }];
  if (context.helpOpen) return [{ key: `${glyphs.keyUpDown}/PgUp/PgDn`, label: 'scroll' }, { key: '?/Esc', label: 'close' }];
  if (context.errorsOpen) return [{ key: `${glyphs.keyUpDown}/PgUp/PgDn`, label: 'scroll' }, { key: 'r', label: 'refresh' }, { key: 'e/Esc', label: 'close' }];
  const pause = { key: 'p', label: context.paused ? 'resume' : 'pause' };
  if (context.focus === 'latency') {
    return [{ key: `${glyphs.keyUpDown}/jk`, label: 'scroll' }, { key: 'PgUp/PgDn', label: 'page' }, { key: '1-4', label: 'quantile' }, pause, { key: 'Tab', label: 'peers' }, { key: '?', label: 'help' }, { key: 'q', label: 'quit' }];
  }
  // Paused, the way back comes first.
  return [
    ...(context.paused ? [pause] : []),
    { key: `${glyphs.keyUpDown}/jk`, label: 'select' },
    { key: glyphs.keyEnter, label: 'open peer' },
    { key: 's', label: 'sort' },
    { key: '/', label: 'filter' },
    { key: '1-4', label: 'quantile' },
    ...(context.paused ? [] : [pause]),
    { key: 'Tab', label: 'latency' },
    { key: 'PgUp/PgDn', label: 'page' },
    { key: '+/-', label: 'interval' },
    { key: '?', label: 'help' },
    { key: 'q', label: 'quit' },
  ];
}

/** The fleet's `?` overlay: every key, then what the peer list's markers and columns mean. */
export function fleetHelpEntries(glyphs: Glyphs): KeyHint[] {
  return [
    { key: 'q, Ctrl-C', label: 'quit' },
    { key: '?', label: 'show or hide this help' },
    { key: `${glyphs.keyUpDown}, j/k`, label: 'select a peer (or scroll the latency list)' },
    { key: 'g, G', label: 'first, last' },
    { key: 'PgUp, PgDn', label: 'a page up or down (peers, latency, this help)' },
    { key: 'Tab', label: 'move the arrows between the peers and the fleet latency' },
    { key: 'Enter', label: "open the selected peer's dashboard (Esc comes back)" },
    { key: 's', label: 'order by trouble, name, queued, errors or latency' },
    { key: '/', label: 'filter peers by name (Esc clears)' },
    { key: '1 2 3 4', label: 'quantile p50, p90, p95, p99' },
    { key: 'p, space', label: 'pause the display (polling goes on)' },
    { key: '+, -', label: 'poll less often, more often' },
    { key: 'e', label: 'pins in error by the REST API (asked on opening; r asks again)' },
    { key: glyphs.ok, label: 'up: its last poll was answered' },
    { key: glyphs.stale, label: 'stale: its last poll failed; its data shown with its age' },
    { key: glyphs.failed, label: 'down: refused, or no data for two intervals' },
    { key: 'out of sync', label: 'peers whose pinset differs from the others beyond what pinning explains' },
  ];
}
