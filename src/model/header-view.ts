// The header line: program name and target, then the peer's uptime, the age of the data, the
// poll interval and the scrape status (a spinner until the first answer, the last error in one
// escaped line, "stale" with its age while the last good data stays on screen ("down" in the fleet's words, peer-health.ts, when nothing listens or no data came for two intervals), the "truncated"
// notice of a payload cut to the caps), and "peer restarted 12s ago" for a minute after a
// restart. Facts are dropped, least useful first, until the line fits.

import type { Glyphs } from './glyphs.js';
import type { Segment, Tone } from './pane-view.js';
import type { ScrapeStatus } from './scrape-status.js';
import { fitEnd, textWidth } from './text-fit.js';
import { formatDuration, formatInterval } from './units.js';
import { peerHealth } from './peer-health.js';
import { escapeControl } from '../util/escape-control.js';

/** How long "peer restarted" stays in the header, ms. */
const RESTART_NOTICE_MS = 60_000;
/** The target is shortened to this width before any fact is dropped. */
const TARGET_MIN = 16;
/** Spinner frame duration, ms. */
export const SPINNER_FRAME_MS = 250;

/**
 * How often the frame must be redrawn with no new scrape to show, ms, or null: the spinner's
 * frames until the first answer, and every second while an age on screen would otherwise stand
 * still — a poll interval over a second, or a paused display (whose data ages while it is held).
 */
export function clockPeriodMs(input: { readonly paused: boolean; readonly waiting: boolean; readonly intervalMs: number }): number | null {
  if (input.paused) return 1000;
  if (input.waiting) return SPINNER_FRAME_MS;
  return input.intervalMs > 1000 ? 1000 : null;
}

/** The header line as tone segments, exactly `width` cells or less. */
export interface HeaderView {
  readonly segments: readonly Segment[];
}

/** What the header is made of. */
export interface HeaderInput {
  readonly target: string;
  readonly status: ScrapeStatus;
  readonly paused: boolean;
  readonly nowMs: number;
  readonly width: number;
  readonly glyphs: Glyphs;
}

interface Fact {
  readonly text: string;
  readonly tone: Tone;
  /** Higher goes first when the line is too long; Infinity never goes. */
  readonly drop: number;
}

/** Builds the header for the current status. */
export function buildHeaderView(input: HeaderInput): HeaderView {
  const { status, glyphs, nowMs } = input;
  const facts: Fact[] = [];
  if (input.paused) facts.push({ text: `${glyphs.paused} paused`, tone: 'accent', drop: Infinity });
  const snap = status.snapshot;
  // A peer that is down has no uptime to count on: its last one would sit beside "down".
  if (snap !== null && snap.process.uptimeSeconds !== null && status.lastOkMs !== null && peerHealth(status, input.nowMs) !== 'down') {
    const uptime = snap.process.uptimeSeconds + Math.max(0, nowMs - status.lastOkMs) / 1000;
    facts.push({ text: `up ${formatDuration(uptime)}`, tone: 'dim', drop: 2 });
  }
  if (status.lastOkMs !== null && status.failure === null) {
    facts.push({ text: `data ${formatDuration(Math.max(0, nowMs - status.lastOkMs) / 1000)}`, tone: 'dim', drop: 1 });
  }
  facts.push({ text: `every ${formatInterval(status.intervalMs)}`, tone: 'dim', drop: 3 });
  if (status.restartedAtMs !== null && nowMs - status.restartedAtMs < RESTART_NOTICE_MS) {
    facts.push({ text: `peer restarted ${formatDuration(Math.max(0, nowMs - status.restartedAtMs) / 1000)} ago`, tone: 'warn', drop: 0 });
  }
  return { segments: fit('cluster-top', escapeControl(input.target), facts, statusFact(input), input.width, glyphs.ellipsis) };
}

function statusFact({ status, glyphs, nowMs }: HeaderInput): Fact {
  const failure = status.failure === null ? null : { ...status.failure, message: escapeControl(status.failure.message) };
  if (failure !== null && status.snapshot !== null && status.lastOkMs !== null) {
    const age = formatDuration(Math.max(0, nowMs - status.lastOkMs) / 1000);
    // The fleet's words for the same status (peer-health.ts): down when nothing listens or no data came for two intervals.
    if (peerHealth(status, nowMs) === 'down') return { text: `${glyphs.failed} down, data ${age} old: ${failure.message}`, tone: 'bad', drop: Infinity };
    return { text: `${glyphs.stale} stale ${age}: ${failure.message}`, tone: 'warn', drop: Infinity };
  }
  if (failure !== null) return { text: `${glyphs.failed} ${failure.message}`, tone: 'bad', drop: Infinity };
  if (status.notice !== null && status.snapshot !== null) {
    return { text: `${glyphs.stale} ${escapeControl(status.notice)}`, tone: 'warn', drop: Infinity };
  }
  if (status.snapshot === null) {
    const frame = glyphs.spinner[Math.floor(nowMs / SPINNER_FRAME_MS) % glyphs.spinner.length];
    return { text: `${frame} connecting`, tone: 'accent', drop: Infinity };
  }
  return { text: `${glyphs.ok} ok`, tone: 'good', drop: Infinity };
}

function fit(name: string, target: string, facts: Fact[], status: Fact, width: number, ellipsis: string): Segment[] {
  const gap = '  ';
  const factsWidth = (list: readonly Fact[]) => list.reduce((sum, f) => sum + gap.length + textWidth(f.text), 0);
  let kept = facts.slice();
  const fixed = () => textWidth(name) + factsWidth(kept) + gap.length + textWidth(status.text);
  let targetRoom = Math.max(0, width - fixed() - 1);
  if (targetRoom < Math.min(TARGET_MIN, textWidth(target))) {
    // Drop facts, least useful first, until the target gets its minimum (or nothing is left to drop).
    const order = kept.filter((f) => f.drop !== Infinity).sort((a, b) => b.drop - a.drop);
    for (const f of order) {
      if (width - fixed() - 1 >= Math.min(TARGET_MIN, textWidth(target))) break;
      kept = kept.filter((k) => k !== f);
    }
    targetRoom = Math.max(0, width - fixed() - 1);
  }
  const shownTarget = fitEnd(target, Math.min(textWidth(target), Math.max(targetRoom, Math.min(TARGET_MIN, textWidth(target)))), ellipsis);
  const statusRoom = Math.max(0, width - (textWidth(name) + 1 + textWidth(shownTarget) + factsWidth(kept) + gap.length));
  const segments: Segment[] = [{ text: name, tone: 'title' }];
  if (shownTarget !== '') segments.push({ text: ' ' + shownTarget, tone: 'plain' });
  for (const f of kept) segments.push({ text: gap, tone: 'plain' }, { text: f.text, tone: f.tone });
  segments.push({ text: gap, tone: 'plain' }, { text: fitEnd(status.text, statusRoom, ellipsis), tone: status.tone });
  return clip(segments, width);
}

/** Cuts segments so their total width is at most `width` (a last resort for tiny widths). */
function clip(segments: Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const s of segments) {
    const room = width - used;
    if (room <= 0) break;
    const text = fitEnd(s.text, room, '');
    out.push({ text, tone: s.tone });
    used += textWidth(text);
  }
  return out;
}
