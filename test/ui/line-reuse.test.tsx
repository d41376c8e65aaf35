// LineReuse sends a changed line from its first changed column: the screen must end up exactly as
// if the whole line had been sent, frame after frame, and the styles in force at the jump must be
// the ones the skipped part leaves.

import '../../src/ui/interactive-env.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Box, render, Text } from 'ink';
import { anchorChunk, LineReuse } from '../../src/ui/anchored-output.js';
import { ScreenModel } from './screen-model.js';
import { FakeStdin, FakeStdout, waitFor } from './support.js';

const ESC = '\u001B[';

describe('LineReuse', () => {
  it('sends a changed line from its first changed column, with the styles in force there', () => {
    const reuse = new LineReuse();
    const first = `${ESC}H${ESC}E${ESC}1G${ESC}2mpins   ${ESC}22m42529  queued 0${ESC}K\n${ESC}E`;
    assert.equal(reuse.rewrite(first), first, 'nothing known yet: as it was');
    const next = `${ESC}H${ESC}E${ESC}1G${ESC}2mpins   ${ESC}22m42531  queued 0${ESC}K\n${ESC}E`;
    assert.equal(reuse.rewrite(next), `${ESC}H${ESC}E${ESC}11G${ESC}2m${ESC}22m31  queued 0${ESC}K\n${ESC}E`);
  });

  it('cuts before a style sequence the difference falls inside', () => {
    const reuse = new LineReuse();
    const frame = (style: string) => `${ESC}H${ESC}1Gabcdefghijkl${ESC}${style}mmnop${ESC}39m${ESC}K\n`;
    reuse.rewrite(frame('32'));
    assert.equal(reuse.rewrite(frame('31')), `${ESC}H${ESC}13G${ESC}31mmnop${ESC}39m${ESC}K\n`);
  });

  it('sends lines whole when a character may be wide, a link is in them, or little would be saved', () => {
    const reuse = new LineReuse();
    const frame = (text: string) => `${ESC}H${ESC}1G${text}${ESC}K\n`;
    for (const [a, b] of [
      ['日本語のテキスト 1', '日本語のテキスト 2'],
      ['\u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\ 1', '\u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\ 2'],
      ['ab1', 'ab2'],
    ]) {
      reuse.rewrite(frame(a));
      assert.equal(reuse.rewrite(frame(b)), frame(b), b);
    }
  });

  it('forgets the rows on anything but an incremental frame', () => {
    const reuse = new LineReuse();
    const frame = (n: number) => `${ESC}H${ESC}1Ga long enough line ${n}${ESC}K\n`;
    reuse.rewrite(frame(1));
    assert.notEqual(reuse.rewrite(frame(2)), frame(2));
    assert.equal(reuse.rewrite(`${ESC}?2026h`), `${ESC}?2026h`, 'synchronized output: kept');
    assert.notEqual(reuse.rewrite(frame(3)), frame(3));
    reuse.rewrite(`${ESC}H${ESC}Ja whole new frame\n`);
    assert.equal(reuse.rewrite(frame(4)), frame(4), 'after a clear, nothing is known');
  });

  it('leaves the screen exactly as whole lines would, over many Ink frames', async () => {
    const out = new FakeStdout(60, 12);
    const whole = new ScreenModel(60, 12);
    const reused = new ScreenModel(60, 12);
    const reuse = new LineReuse();
    for (const screen of [whole, reused]) screen.write(`${ESC}?1049h${ESC}H`);
    const write = out.write;
    out.write = (chunk: string, ...rest: unknown[]) => {
      const anchored = anchorChunk(chunk);
      whole.write(anchored);
      reused.write(reuse.rewrite(anchored));
      return write(chunk, ...rest);
    };
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const frame = (k: number) => (
      <Box flexDirection="column" width={58}>
        <Text wrap="truncate">header · frame {k % 3 === 0 ? 'a' : 'bb'}</Text>
        {Array.from({ length: 8 }, (_, i) => (
          <Text key={i} wrap="truncate">
            <Text dimColor>{`method${i}`.padEnd(12)}</Text>
            <Text color={rand(2) === 0 ? 'green' : 'red'}>{String(rand(1000)).padStart(6)}</Text>
            {'  '}
            {'▁▂▃▄▅▆▇█'.slice(0, 1 + rand(8)).repeat(1 + rand(4))}
          </Text>
        ))}
      </Box>
    );
    const instance = render(frame(0), {
      stdout: out as unknown as NodeJS.WriteStream,
      stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
      incrementalRendering: true,
      maxFps: 1000,
      patchConsole: false,
    });
    for (let k = 1; k <= 40; k++) {
      const before = out.frames.length;
      instance.rerender(frame(k));
      await waitFor(() => out.frames.length > before, `frame ${k}`);
      assert.equal(reused.text(), whole.text(), `frame ${k}`);
    }
    instance.unmount();
  });
});
