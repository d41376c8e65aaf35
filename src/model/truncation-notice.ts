// Words a payload truncation (the per-target caps on series and label text, see
// exposition/series-table.ts) as the one line the status line and `--once` show.

import type { SeriesLimits } from '../exposition/series-table.js';
import type { Truncation } from '../exposition/types.js';
import { formatBytes } from './units.js';

/** `truncated: …`, naming the cap that was hit and what was lost. */
export function truncationNotice(truncation: Truncation, limits: SeriesLimits): string {
  const parts: string[] = [];
  if (truncation.droppedSamples > 0) {
    const n = truncation.droppedSamples;
    const why =
      truncation.cap === 'label-bytes'
        ? `label text over ${formatBytes(limits.maxLabelBytes)} for this target`
        : `over ${limits.maxSeries} series for this target`;
    parts.push(`${n} sample${n === 1 ? '' : 's'} dropped (${why})`);
  }
  if (truncation.stoppedEarly) parts.push(`more than ${limits.maxSeries} samples, the rest of the payload not read`);
  return `truncated: ${parts.join('; ')}`;
}
