// What the live view does not do: redraw while nothing changed, draw updates faster than frames
// can show them, or show a spinner when the first scrape is already in hand. The fake terminal
// keeps every chunk the screen writer sends, one per frame that changed something on screen.

import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Dashboard, type DashboardProps } from '../../src/ui/dashboard.js';
import { useScrapeLoop } from '../../src/ui/use-scrape-loop.js';
import { ScreenModel } from './screen-model.js';
import { DASHBOARD_NOW, dashboardProps, renderAt, scriptedPoll, syntheticSamples, waitFor, type Rendered } from './support.js';

const NOW = DASHBOARD_NOW;
let current: Rendered | null = null;

afterEach(() => {
  current?.instance.unmount();
  current = null;
});

function start(props: Partial<DashboardProps> & Pick<DashboardProps, 'poll'>): Rendered {
  current = renderAt(<Dashboard {...dashboardProps(props.poll, props)} />, 100, 30);
  return current;
}

const ready = (frame: string) => frame.includes('Cluster.Unpin') && frame.includes('▅██████');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the live view renders only what can be seen', () => {
  it('draws nothing while nothing changes (no clock, no re-render per poll start)', async () => {
    const { poll, calls } = scriptedPoll(syntheticSamples(8));
    const t = start({ poll });
    await waitFor(() => ready(t.frame()) && calls() > 8, 'eight scrapes and a ninth poll under way');
    const frames = t.stdout.frames.length;
    await sleep(300);
    assert.equal(t.stdout.frames.length, frames, 'no frame while the ninth poll is pending');
  });

  it('renders once per outcome, not again when the next poll starts', async () => {
    // A hook host that counts its renders: the spinner, then one per scrape (a poll start after
    // the first answer would only re-render to the same status).
    const scripted = scriptedPoll(syntheticSamples(8));
    const calls = scripted.calls;
    // Each answer comes a while after its poll starts, as over a network (not in the same turn).
    const poll = () => sleep(15).then(scripted.poll);
    let renders = 0;
    let answered = 0;
    function Probe() {
      renders++;
      answered = useScrapeLoop({ ...dashboardProps(poll), poll }).status.answered;
      return null;
    }
    current = renderAt(<Probe />, 100, 30);
    await waitFor(() => answered === 8 && calls() > 8, 'eight scrapes and a ninth poll under way');
    await sleep(50);
    assert.ok(renders <= 10, `${renders} renders for 8 outcomes`);
  });

  it('merges outcomes that come faster than minUpdateMs into one update', async () => {
    const { poll, calls } = scriptedPoll(syntheticSamples(8));
    const t = start({ poll, intervalMs: 0, minUpdateMs: 1000 });
    await waitFor(() => calls() > 8, 'all eight scrapes taken');
    await waitFor(() => ready(t.frame()), 'the newest data shown at the end of the gap');
    // The spinner, the first outcome at once, then the eighth at the end of the 1 s gap.
    assert.ok(t.stdout.frames.length <= 3, `${t.stdout.frames.length} frames for 8 outcomes`);
    assert.match(t.frame(), /every 0ms/);
  });

  it('shows an outcome already in hand in the very first frame, then polls one interval after it', async () => {
    const samples = syntheticSamples(8);
    const { poll, calls } = scriptedPoll(samples.slice(1));
    const t = start({ poll, intervalMs: 50, initial: { outcome: { ok: true, sample: samples[0], bytes: 1000, durationMs: 3 }, startedMs: NOW } });
    assert.equal(calls(), 0, 'the outcome in hand is the first poll');
    const first = new ScreenModel(100, 30);
    first.write(t.stdout.frames[0]);
    assert.doesNotMatch(first.text(), /connecting/);
    assert.match(first.text(), /pins +10 /);
    await waitFor(() => ready(t.frame()), 'the later scrapes');
  });
});
