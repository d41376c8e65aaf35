// Real (non-debug) Ink frames: CI=true in the environment must not switch Ink to its CI mode.
import '../../src/ui/interactive-env.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Box, render, Text } from 'ink';
import { anchorChunk, anchoredOutput } from '../../src/ui/anchored-output.js';
import { ScreenModel } from './screen-model.js';
import { FakeStdin, FakeStdout, waitFor } from './support.js';

describe('anchorChunk', () => {
  it('turns the incremental rewind into cursor home', () => {
    assert.equal(anchorChunk('\u001B[4A\u001B[E\u001B[1Gb 1\u001B[K\n\u001B[E'), '\u001B[H\u001B[E\u001B[1Gb 1\u001B[K\n\u001B[E');
  });

  it('clears below a shrunk frame and then draws it from the top', () => {
    const eraseThree = '\u001B[2K\u001B[1A\u001B[2K\u001B[1A\u001B[2K\u001B[G';
    assert.equal(anchorChunk(eraseThree + '\u001B[2Aa\nb\n'), '\u001B[3;1H\u001B[J\u001B[Ha\nb\n');
  });

  it('turns a full erase into a clear screen, and leaves everything else alone', () => {
    assert.equal(anchorChunk('\u001B[2K\u001B[1A\u001B[2K\u001B[Gframe\n'), '\u001B[H\u001B[Jframe\n');
    for (const chunk of ['frame\n', '\u001B[?2026h', '\u001B[2J\u001B[3J\u001B[Hx', '\u001B[31mred\u001B[39m\n']) assert.equal(anchorChunk(chunk), chunk);
  });
});

/** Renders three successive frames with Ink's incremental renderer and returns the screen. */
async function paint(anchored: boolean): Promise<string> {
  const out = new FakeStdout(40, 10);
  const screen = new ScreenModel(40, 10);
  screen.write('\u001B[?1049h\u001B[H');
  const write = out.write;
  out.write = (chunk: string, ...rest: unknown[]) => {
    screen.write(chunk);
    return write(chunk, ...rest);
  };
  const frame = (n: number, extra: boolean) => (
    <Box flexDirection="column">
      <Text>header</Text>
      <Text>value {n}</Text>
      {extra && <Text>extra line</Text>}
      <Text>footer</Text>
    </Box>
  );
  const stdout = out as unknown as NodeJS.WriteStream;
  const instance = render(frame(0, false), {
    stdout: anchored ? anchoredOutput(stdout) : stdout,
    stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
    incrementalRendering: true,
    maxFps: 1000,
    patchConsole: false,
  });
  for (const [n, extra] of [[1, false], [2, true], [3, false]] as const) {
    const before = out.frames.length;
    instance.rerender(frame(n, extra));
    await waitFor(() => out.frames.length > before, `frame ${n}`);
  }
  instance.unmount();
  return screen.text();
}

describe('anchoredOutput', () => {
  it('keeps Ink 6.8 incremental frames in place (without it each repaint slides down a row)', async () => {
    assert.equal(await paint(true), 'header\nvalue 3\nfooter');
    assert.notEqual(await paint(false), 'header\nvalue 3\nfooter');
  });

  it('passes every other member of the stream through', () => {
    const out = new FakeStdout(40, 10);
    const proxy = anchoredOutput(out as unknown as NodeJS.WriteStream);
    assert.equal(proxy.columns, 40);
    assert.equal(proxy.isTTY, true);
    let resized = false;
    proxy.on('resize', () => (resized = true));
    out.resize(50, 12);
    assert.equal(resized, true);
    assert.equal(proxy.rows, 12);
  });
});
