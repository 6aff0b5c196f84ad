// The plot series of a board source: points as the board's figures arrive, the last 60 s kept, in the view's column layout.

import type { ViewSeries } from '../view-source';

/** How much recent history the plot shows, ms (the simulator's window: web/sim-driver.ts). */
export const BOARD_PLOT_WINDOW_MS = 60000;

/** One point's figures; null where the link does not carry the figure (or the link is lost). */
export interface BoardSeriesPoint {
  targetKph: number | null;
  measuredKph: number | null;
  duty: number | null;
  inclinePct: number | null;
}

/** A ViewSeries that grows by `add` and forgets points older than the window. A board has no simulated truth, so `beltKph` is always null. */
export class BoardSeries implements ViewSeries {
  readonly timeS: number[] = [];
  readonly targetKph: (number | null)[] = [];
  readonly measuredKph: (number | null)[] = [];
  readonly beltKph: (number | null)[] = [];
  readonly duty: (number | null)[] = [];
  readonly inclinePct: (number | null)[] = [];

  constructor(private readonly windowMs: number) {}

  /** Add the figures seen at `timeMs` (the source's clock, since it connected). */
  add(timeMs: number, point: BoardSeriesPoint): void {
    this.timeS.push(timeMs / 1000);
    this.targetKph.push(point.targetKph);
    this.measuredKph.push(point.measuredKph);
    this.beltKph.push(null);
    this.duty.push(point.duty);
    this.inclinePct.push(point.inclinePct);
    const oldestS = (timeMs - this.windowMs) / 1000;
    let drop = 0;
    while (drop < this.timeS.length && this.timeS[drop] < oldestS) drop++;
    if (drop > 0) [this.timeS, this.targetKph, this.measuredKph, this.beltKph, this.duty, this.inclinePct].forEach((column) => column.splice(0, drop));
  }
}
