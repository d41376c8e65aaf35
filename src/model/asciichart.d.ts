// Types for the parts of asciichart (kroitor/asciichart, CommonJS, no bundled types) we call.

declare module 'asciichart' {
  /** plot() settings; see the package README. */
  export interface PlotConfig {
    min?: number;
    max?: number;
    height?: number;
    offset?: number;
    padding?: string;
    format?: (value: number, index: number) => string;
    colors?: string[];
    symbols?: string[];
  }
  /** Draws one or more series as a multi-line string (throws on NaN and on an empty series). */
  export function plot(series: number[] | number[][], config?: PlotConfig): string;
  const asciichart: { plot: typeof plot };
  export default asciichart;
}
