// Reads newline-delimited JSON (one value per line, as the IPFS Cluster REST API streams
// /peers and /pins) from body pieces as they arrive, handing each value on as soon as its line is
// complete. Memory is one line: an unfinished line is kept in one buffer that doubles up to
// `maxLineBytes`, and a longer line is an error, never growth. A line that is not JSON is an
// error too; the caller stops reading at the first error. Blank lines are skipped. A line holding
// a JSON array (servers before v1.0.0 answered with one array) gives its elements one by one.

import { oneLine } from '../../util/escape-control.js';

/** A line of the stream that could not be read. */
export class NdjsonError extends Error {}

/** Calls `onValue` with each JSON value of a stream fed piece by piece. */
export class NdjsonReader {
  private buffer: Buffer | null = null;
  private used = 0;
  private lineNo = 0;
  private failed: NdjsonError | null = null;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onValue: (value: unknown) => void,
  ) {}

  /** Values handed on so far, counting lines (an array line counts as one). */
  get lines(): number {
    return this.lineNo;
  }

  /** Takes the next piece of the stream (read during the call only); the first error, also on later calls. */
  push(piece: Uint8Array): NdjsonError | undefined {
    if (this.failed !== null) return this.failed;
    let at = 0;
    while (at < piece.length) {
      const lf = piece.indexOf(0x0a, at);
      const end = lf < 0 ? piece.length : lf;
      if (this.used + end - at > this.maxLineBytes) return this.fail(`line ${this.lineNo + 1} is longer than ${this.maxLineBytes} bytes`);
      if (lf < 0) {
        this.keep(piece.subarray(at));
        return undefined;
      }
      let error: NdjsonError | undefined;
      if (this.used === 0) error = this.line(piece.subarray(at, lf));
      else {
        this.keep(piece.subarray(at, lf));
        error = this.line(this.buffer!.subarray(0, this.used));
        this.used = 0;
      }
      if (error !== undefined) return error;
      at = lf + 1;
    }
    return undefined;
  }

  /** The stream ended: a last line without its newline is read; the first error, if any. */
  end(): NdjsonError | undefined {
    if (this.failed !== null) return this.failed;
    if (this.used === 0) return undefined;
    const error = this.line(this.buffer!.subarray(0, this.used));
    this.used = 0;
    this.buffer = null;
    return error;
  }

  private keep(bytes: Uint8Array): void {
    const needed = this.used + bytes.length;
    if (this.buffer === null || needed > this.buffer.length) {
      const capacity = Math.min(this.maxLineBytes, Math.max(needed, 2 * (this.buffer?.length ?? 0), 4096));
      const next = Buffer.allocUnsafe(capacity);
      if (this.buffer !== null) this.buffer.copy(next, 0, 0, this.used);
      this.buffer = next;
    }
    this.buffer.set(bytes, this.used);
    this.used = needed;
  }

  private line(bytes: Uint8Array): NdjsonError | undefined {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').trim();
    if (text === '') return undefined;
    this.lineNo++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/, "[\s\S]*$/, '').replace(/ in JSON at position.*$/, '') : 'invalid JSON';
      return this.fail(`line ${this.lineNo} is not JSON (${oneLine(why, 80)})`);
    }
    if (Array.isArray(value)) for (const item of value) this.onValue(item);
    else this.onValue(value);
    return undefined;
  }

  private fail(message: string): NdjsonError {
    this.failed = new NdjsonError(message);
    this.buffer = null;
    this.used = 0;
    return this.failed;
  }
}
