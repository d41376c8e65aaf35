// Where the dashboard's frames go: the screen writer on the real terminal (run-dashboard), a
// writer into a test terminal in the tests. Ink hosts the React tree and reads the keys; it
// draws nothing itself (see dashboard-screen).

import { createContext } from 'react';
import type { FrameSink } from './screen-writer.js';

/** The FrameSink of the dashboard being rendered; null outside one. */
export const ScreenContext = createContext<FrameSink | null>(null);
