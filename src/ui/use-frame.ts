// Hands a screen's frame to the ScreenContext's sink (the screen writer) after each commit in
// which its view-model changed: the peer dashboard and the fleet draw this way, nothing into
// Ink's own tree.

import { useContext, useLayoutEffect } from 'react';
import { ScreenContext } from './screen-context.js';
import type { StyledLine } from './styled-line.js';

/** Paints `view` with `paint` and shows it, `view.width` × `view.height`. */
export function useFrame<V extends { readonly width: number; readonly height: number }>(view: V, color: boolean, paint: (view: V, color: boolean) => StyledLine[]): void {
  const sink = useContext(ScreenContext);
  if (sink === null) throw new Error('a screen needs a ScreenContext provider (a FrameSink)');
  useLayoutEffect(() => {
    sink.show(paint(view, color), view.width, view.height);
  }, [sink, view, color, paint]);
}
