// A rolling plot of target and measured belt speed drawn with characters, for the terminal live views.

/** One point of the plot: when, what was asked for and what the belt did, km/h (positive in either direction). */
export interface SpeedSample {
  timeMs: number;
  targetKph: number;
  measuredKph: number;
}

export interface SpeedPlotOptions {
  /** Whole width of the plot with its scale, columns. */
  widthColumns: number;
  /** Rows of the plotting area (the time axis and legend add two). */
  heightRows: number;
  /** Time the plot spans, ending at `nowMs`, ms. */
  spanMs: number;
}

/** Width of the speed scale on the left: "12.5 |". */
const SCALE_COLUMNS = 6;
const TARGET_MARK = '-';
const MEASURED_MARK = '*';
/** Where target and measured fall in the same cell (the belt on its target). */
const BOTH_MARK = '#';

/** Row of `valueKph` on a scale from 0 (bottom row) to `topKph` (top row). */
function rowOf(valueKph: number, topKph: number, heightRows: number): number {
  const fraction = Math.max(0, Math.min(1, valueKph / topKph));
  return heightRows - 1 - Math.round(fraction * (heightRows - 1));
}

/**
 * Draw the samples of the last `spanMs` up to `nowMs` as `heightRows + 2` lines of at most
 * `widthColumns` characters: each column is an equal slice of time holding its latest sample
 * (empty when none fell in it), the scale runs from 0 to the highest speed rounded up to a whole
 * km/h (at least 1), then a time axis and a legend. Pure: the same series always gives the same lines.
 */
export function renderSpeedPlot(samples: SpeedSample[], nowMs: number, options: SpeedPlotOptions): string[] {
  const columns = Math.max(1, options.widthColumns - SCALE_COLUMNS);
  const rows = Math.max(2, options.heightRows);
  const startMs = nowMs - options.spanMs;
  const slices: (SpeedSample | null)[] = [];
  for (let column = 0; column < columns; column++) slices.push(null);
  let highestKph = 0;
  samples.forEach((sample) => {
    if (sample.timeMs <= startMs || sample.timeMs > nowMs) return;
    const column = Math.min(columns - 1, Math.floor(((sample.timeMs - startMs) / options.spanMs) * columns));
    slices[column] = sample;
    highestKph = Math.max(highestKph, sample.targetKph, sample.measuredKph);
  });
  const topKph = Math.max(1, Math.ceil(highestKph));
  const grid: string[][] = [];
  for (let row = 0; row < rows; row++) grid.push(new Array(columns).fill(' '));
  slices.forEach((sample, column) => {
    if (sample === null) return;
    const targetRow = rowOf(sample.targetKph, topKph, rows);
    const measuredRow = rowOf(sample.measuredKph, topKph, rows);
    grid[targetRow][column] = TARGET_MARK;
    grid[measuredRow][column] = targetRow === measuredRow ? BOTH_MARK : MEASURED_MARK;
  });
  const lines = grid.map((cells, row) => {
    const label = row === 0 ? topKph.toFixed(1) : row === rows - 1 ? '0.0' : '';
    return label.padStart(SCALE_COLUMNS - 2) + ' |' + cells.join('');
  });
  const spanText = '-' + Math.round(options.spanMs / 1000) + ' s';
  lines.push(''.padStart(SCALE_COLUMNS - 2) + ' +' + spanText + 'now'.padStart(Math.max(0, columns - spanText.length)));
  lines.push(''.padStart(SCALE_COLUMNS) + MEASURED_MARK + ' belt  ' + TARGET_MARK + ' target  ' + BOTH_MARK + ' both (km/h)');
  return lines.map((line) => line.substring(0, Math.max(options.widthColumns, 0)));
}
