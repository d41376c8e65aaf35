// The REST API's part of the `--once` text: the peer read, then every peer of the cluster (name,
// short ID, version, up or down, free space, pin queue, alerts) and the pins in error (CID, name,
// peer, status, attempts, age), as tables within 80 columns. Every string from the API is
// escaped, and in ASCII under `--ascii` or a locale that is not UTF-8.

import type { ApiReport } from '../model/cluster-api/api-report.js';
import { shortPeerId } from '../model/cluster-api/short-id.js';
import { relativeAge } from '../model/traces/relative-age.js';
import { formatBytes, formatCount } from '../model/units.js';
import { asciiText } from './ascii-text.js';
import { clipLine, remoteCell } from './format-text.js';

/** Pin-error rows printed at most (the JSON has every kept row). */
export const TEXT_PIN_ERROR_ROWS = 50;

/** The report as text lines no wider than 80 columns, after a blank line; `nowMs` dates the pins in error. */
export function formatApiText(report: ApiReport, nowMs: number, ascii = false): string {
  const clip = (line: string): string => clipLine(line, ascii);
  const cell = (text: string, max: number): string => remoteCell(text, max, ascii);
  const short = (id: string): string => {
    const s = shortPeerId(id, ascii ? '~' : '…');
    return ascii ? asciiText(s) : s;
  };
  const lines: string[] = [''];
  const self = report.self;
  const down = report.peers.filter((p) => p.down).length;
  const who = self === null ? 'REST API' : `REST API of ${cell(self.peername, 20)} (${short(self.id)}) v${cell(self.version, 12)}`;
  // Nothing read (refused, 401…): the error line says why; the table would only claim an empty cluster.
  if (self === null && report.peers.length === 0 && report.error !== null) return ['', clip(`${who}: not read (see the error above)`)].join('\n') + '\n';
  lines.push(clip(`${who}: ${report.peers.length} peer${report.peers.length === 1 ? '' : 's'}, ${down} down`));
  if (report.peers.length > 0) {
    lines.push(`${'peer'.padEnd(17)}${'id'.padEnd(14)}${'version'.padEnd(10)}${'state'.padEnd(6)}${'free'.padStart(9)}${'queue'.padStart(7)}  alerts`);
    for (const p of report.peers) {
      const name = p.peername === '' ? '?' : p.peername;
      const state = p.down ? 'down' : p.error !== null ? 'error' : 'up';
      const alerts = p.alerts.length === 0 ? '-' : p.alerts.map((a) => a.name).join(',');
      lines.push(clip(`${cell(name, 16).padEnd(17)}${short(p.id).padEnd(14)}${cell(p.version === '' ? '?' : p.version, 9).padEnd(10)}${state.padEnd(6)}` +
        `${formatBytes(p.freespace).padStart(9)}${formatCount(p.pinqueue).padStart(7)}  ${cell(alerts, 15)}`));
    }
  }
  if (report.morePinErrors !== null) {
    const total = report.pinErrors.length + report.morePinErrors;
    lines.push('', clip(`pins in error: ${total}${total > TEXT_PIN_ERROR_ROWS ? ` (the first ${TEXT_PIN_ERROR_ROWS} shown; --json has ${report.pinErrors.length})` : ''}`));
    if (report.pinErrors.length > 0) {
      lines.push(`${'cid'.padEnd(18)}${'name'.padEnd(15)}${'peer'.padEnd(15)}${'status'.padEnd(14)}${'tries'.padStart(5)}  age`);
      for (const r of report.pinErrors.slice(0, TEXT_PIN_ERROR_ROWS)) {
        const at = r.timestamp === null ? Number.NaN : Date.parse(r.timestamp);
        const age = Number.isFinite(at) && at > 0 ? relativeAge(at, nowMs) : '-';
        lines.push(clip(`${cell(r.cid, 17).padEnd(18)}${cell(r.name === '' ? '-' : r.name, 14).padEnd(15)}${cell(r.peer, 14).padEnd(15)}` +
          `${cell(r.status, 13).padEnd(14)}${String(r.attempts).padStart(5)}  ${age}`));
      }
    }
  }
  return lines.join('\n') + '\n';
}
