// When a buffer kept from an earlier payload may hold the next one. Steady-state scrapes reuse
// their buffers so that they allocate nothing in proportion to the payload; but one huge payload
// (a misbehaving peer, a million series) must not pin its size for the rest of the run.

/** Slack a reused buffer may have beyond twice what is needed (small payloads reuse freely). */
const REUSE_SLACK_BYTES = 64 * 1024;

/** True when a kept buffer of `capacity` bytes holds `needed` bytes and is not far too big for them. */
export function fitsForReuse(capacity: number, needed: number): boolean {
  return capacity >= needed && capacity <= 2 * needed + REUSE_SLACK_BYTES;
}
