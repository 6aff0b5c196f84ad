// The web console's two uPlot charts over the sliding window: belt speeds in the user's units, and motor duty with the incline.

import uPlot from 'uplot';
import { kphToMph, type SpeedUnits } from '../firmware/core/units';
import type { ViewSeries } from './view-source';

/** Space uPlot's legend takes under a chart, px: the chart is the container's height less this. */
const LEGEND_PX = 40;
/** Smallest chart, px, for a window too small to measure yet. */
const MIN_WIDTH_PX = 200;
const MIN_HEIGHT_PX = 100;

/** A chart's size from its container, whose height the style sheet fixes (so a redraw never moves the page). */
function sizeOf(container: HTMLElement): { width: number; height: number } {
  return { width: Math.max(MIN_WIDTH_PX, container.clientWidth), height: Math.max(MIN_HEIGHT_PX, container.clientHeight - LEGEND_PX) };
}

/** The two charts, redrawn together from one source's series. */
export class ConsolePlots {
  private readonly speedPlot: uPlot;
  private readonly drivePlot: uPlot;
  private readonly speedContainer: HTMLElement;
  private readonly driveContainer: HTMLElement;
  private readonly units: SpeedUnits;
  /** setData calls so far (both charts count as one redraw): the page's redraw rate is measured from it. */
  redraws = 0;

  constructor(speedContainer: HTMLElement, driveContainer: HTMLElement, units: SpeedUnits) {
    this.speedContainer = speedContainer;
    this.driveContainer = driveContainer;
    this.units = units;
    const unitsLabel = units === 'mph' ? 'mph' : 'km/h';
    // The charts are pictures: a screen reader gets what they show, in the units they use.
    speedContainer.setAttribute('aria-label', 'Target, measured and true belt speed in ' + unitsLabel + ' over the last 60 seconds');
    const speedOptions: uPlot.Options = Object.assign(sizeOf(speedContainer), {
      // Simulated (or board) seconds, not calendar time.
      scales: { x: { time: false }, y: { range: (_plot: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, Math.max(2, Math.ceil(max + 0.5))] } },
      axes: [{ label: 'time, s' }, { label: 'speed, ' + unitsLabel }],
      series: [
        {},
        { label: 'target', stroke: '#2f6fd6', width: 2 },
        { label: 'measured', stroke: '#d97a00', width: 2 },
        { label: 'belt (true)', stroke: '#2a9d3a', width: 1, dash: [6, 4] },
      ],
      legend: { live: false },
    });
    const driveOptions: uPlot.Options = Object.assign(sizeOf(driveContainer), {
      scales: {
        x: { time: false },
        duty: { range: (): uPlot.Range.MinMax => [0, 100] },
        incline: { range: (_plot: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, Math.max(5, Math.ceil(max + 1))] },
      },
      axes: [{ label: 'time, s' }, { label: 'duty, %', scale: 'duty' }, { label: 'incline, %', scale: 'incline', side: 1, grid: { show: false } }],
      series: [{}, { label: 'motor duty', stroke: '#7b3fb5', width: 2, scale: 'duty' }, { label: 'incline', stroke: '#8a6d1d', width: 2, scale: 'incline' }],
      legend: { live: false },
    });
    this.speedPlot = new uPlot(speedOptions, [[], [], [], []], speedContainer);
    this.drivePlot = new uPlot(driveOptions, [[], [], []], driveContainer);
  }

  /** Redraw both from `series`, the x range being the whole window ending at `endS`, so the plots slide instead of stretching. */
  update(series: ViewSeries, endS: number, windowS: number): void {
    const speed = this.units === 'mph' ? (speedKph: number | null) => (speedKph === null ? null : kphToMph(Math.abs(speedKph))) : (speedKph: number | null) => (speedKph === null ? null : Math.abs(speedKph));
    const time = series.timeS.slice();
    this.speedPlot.setData([time, series.targetKph.map(speed), series.measuredKph.map(speed), series.beltKph.map(speed)], false);
    this.drivePlot.setData([time, series.duty.map((duty) => (duty === null ? null : duty * 100)), series.inclinePct.slice()], false);
    this.speedPlot.setScale('x', { min: endS - windowS, max: endS });
    this.drivePlot.setScale('x', { min: endS - windowS, max: endS });
    this.redraws++;
  }

  /** The speed chart's x range now, for the tests' "the plot moves". */
  xRange(): { min: number; max: number } {
    const scale = this.speedPlot.scales.x;
    return { min: scale.min === undefined ? NaN : scale.min, max: scale.max === undefined ? NaN : scale.max };
  }

  /** Follow the window's width (the heights are fixed by the style sheet). */
  resize(): void {
    this.speedPlot.setSize(sizeOf(this.speedContainer));
    this.drivePlot.setSize(sizeOf(this.driveContainer));
  }

  destroy(): void {
    this.speedPlot.destroy();
    this.drivePlot.destroy();
  }
}
