// The web console's page: wires the simulation driver to buttons, the status panel, the uPlot speed plot and the log.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './console-page.css';
import { FAULT_MESSAGES } from '../firmware/fault-code';
import { formatSpeed, kphToMph, mphToKph } from '../firmware/core/units';
import { PLOT_WINDOW_MS, SimDriver } from './sim-driver';
import { mountBoardPanel } from './board/board-panel';

/** How often the treadmill is stepped to the wall clock, ms (50 times a second). */
const STEP_PERIOD_MS = 20;
/** How often the plot is redrawn, ms: 20 times a second, above the 10 the issue asks, below the step rate to spare the CPU. */
const PLOT_REFRESH_MS = 50;
/** How often the status panel and log are rewritten, ms: faster than a reader notices, slower than every step. */
const TEXT_REFRESH_MS = 100;

/** The element with `id`; the page is static, so a missing one is a build mistake worth an exception. */
function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error('web console: the page has no #' + id);
  return found as T;
}

/** "m:ss" of a duration in ms. */
function clockText(durationMs: number): string {
  const seconds = Math.floor(durationMs / 1000);
  return Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
}

/** One status row's label and value (and whether it is shown as a warning). */
interface StatusRow {
  label: string;
  value: string;
  warning?: boolean;
}

function statusRows(driver: SimDriver): StatusRow[] {
  const status = driver.status();
  const row = driver.row();
  const units = driver.units;
  const metrics = status.metrics;
  const direction = status.direction + (status.pendingDirection !== null && status.pendingDirection !== status.direction ? ' (then ' + status.pendingDirection + ')' : '');
  return [
    { label: 'State', value: status.state + (status.state === 'countdown' ? ' ' + (status.countdownRemainingMs / 1000).toFixed(1) + ' s' : '') },
    { label: 'Direction', value: direction },
    { label: 'Target speed', value: formatSpeed(status.state === 'stopping' ? 0 : status.targetSpeedKph, units) },
    { label: 'Measured speed', value: formatSpeed(status.measuredSpeedKph, units) },
    { label: 'Belt (simulated truth)', value: formatSpeed(Math.abs(row.beltKph), units) },
    { label: 'Incline', value: status.inclinePct.toFixed(1) + ' % (target ' + status.targetInclinePct.toFixed(1) + ' %)' },
    { label: 'Time', value: clockText(metrics.elapsedMs) },
    { label: 'Distance', value: (metrics.distanceForwardM + metrics.distanceBackwardM).toFixed(0) + ' m (forward ' + metrics.distanceForwardM.toFixed(0) + ', backward ' + metrics.distanceBackwardM.toFixed(0) + ')' },
    { label: 'Energy', value: metrics.energyKcal.toFixed(1) + ' kcal' },
    { label: 'Safety key', value: driver.keyPresent() ? 'in' : 'pulled', warning: !driver.keyPresent() },
    { label: 'Walker', value: driver.isWalkerOn() ? 'on the belt' : 'off' },
    { label: 'Fault', value: status.fault ? status.fault + ': ' + FAULT_MESSAGES[status.fault] : 'none', warning: status.fault !== null },
  ];
}

/** Build the status list once; later updates only change text, so the layout never jumps. */
function makeStatusPanel(list: HTMLElement, rows: StatusRow[]): HTMLElement[] {
  return rows.map((row) => {
    const term = document.createElement('dt');
    term.textContent = row.label;
    const value = document.createElement('dd');
    list.appendChild(term);
    list.appendChild(value);
    return value;
  });
}

function updateStatusPanel(values: HTMLElement[], rows: StatusRow[]): void {
  rows.forEach((row, index) => {
    const value = values[index];
    if (value.textContent !== row.value) value.textContent = row.value;
    value.className = row.warning ? 'fault' : '';
  });
}

/** The speed plot: target, measured and true belt speed in the user's units over the sliding window. */
function makeSpeedPlot(container: HTMLElement, unitsLabel: string): uPlot {
  const options: uPlot.Options = {
    width: Math.max(200, container.clientWidth),
    height: Math.max(150, container.clientHeight - 40),
    // Simulated seconds, not calendar time.
    scales: { x: { time: false }, y: { range: (_plot: uPlot, _min: number, max: number) => [0, Math.max(2, Math.ceil(max + 0.5))] } },
    axes: [{ label: 'time, s' }, { label: 'speed, ' + unitsLabel }],
    series: [
      {},
      { label: 'target', stroke: '#2f6fd6', width: 2 },
      { label: 'measured', stroke: '#d97a00', width: 2 },
      { label: 'belt (true)', stroke: '#2a9d3a', width: 1, dash: [6, 4] },
    ],
    legend: { live: false },
  };
  return new uPlot(options, [[], [], [], []], container);
}

/** The plot's columns from the driver's series: copies, speeds in the user's units, the belt's as a magnitude. */
function plotData(driver: SimDriver): uPlot.AlignedData {
  const series = driver.series;
  const shown = driver.units === 'mph' ? (speedKph: number) => kphToMph(Math.abs(speedKph)) : (speedKph: number) => Math.abs(speedKph);
  return [series.timeS.slice(), series.targetKph.map(shown), series.measuredKph.map(shown), series.beltKph.map(shown)];
}

function startPage(): void {
  const driver = new SimDriver();
  const unitsLabel = driver.units === 'mph' ? 'mph' : 'km/h';
  element<HTMLElement>('set-speed-units').textContent = unitsLabel;
  const answer = element<HTMLElement>('answer');
  const keyButton = element<HTMLButtonElement>('key-button');
  const walkerButton = element<HTMLButtonElement>('walker-button');
  const logView = element<HTMLElement>('log');
  const statusValues = makeStatusPanel(element<HTMLElement>('status-list'), statusRows(driver));
  const plotContainer = element<HTMLElement>('speed-plot');
  const plot = makeSpeedPlot(plotContainer, unitsLabel);

  const updateToggles = () => {
    keyButton.textContent = driver.keyPresent() ? 'Pull safety key' : 'Insert safety key';
    walkerButton.textContent = driver.isWalkerOn() ? 'Walker off the belt' : 'Walker on the belt';
  };
  const actions: { [action: string]: () => void } = {
    start: () => driver.command('start'),
    stop: () => driver.command('stop'),
    speedUp: () => driver.command('speedUp'),
    speedDown: () => driver.command('speedDown'),
    slowDown: () => driver.command('slowDown'),
    clearFault: () => driver.command('clearFault'),
    direction: () => driver.toggleDirection(),
    inclineUp: () => driver.stepIncline(1),
    inclineDown: () => driver.stepIncline(-1),
    key: () => driver.setKeyPulled(driver.keyPresent()),
    walker: () => driver.setWalkerOn(!driver.isWalkerOn()),
  };
  document.querySelectorAll<HTMLButtonElement>('button[data-action]').forEach((button) => {
    button.addEventListener('click', () => {
      const action = actions[button.dataset.action || ''];
      if (action) action();
      answer.textContent = driver.lastAnswer;
      updateToggles();
    });
  });
  const speedInput = element<HTMLInputElement>('set-speed-input');
  element<HTMLFormElement>('set-speed-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = Number(speedInput.value);
    if (speedInput.value === '' || !isFinite(typed)) answer.textContent = 'set speed: type a number';
    else {
      driver.command('setSpeed', { speedKph: driver.units === 'mph' ? mphToKph(typed) : typed });
      answer.textContent = driver.lastAnswer;
    }
  });
  updateToggles();
  answer.textContent = driver.lastAnswer;

  const resize = () => plot.setSize({ width: Math.max(200, plotContainer.clientWidth), height: Math.max(150, plotContainer.clientHeight - 40) });
  window.addEventListener('resize', resize);

  let lastStepMs = performance.now();
  let lastPlotMs = 0;
  let lastTextMs = 0;
  let shownLogLine = '';
  // A timer rather than requestAnimationFrame: frames stop altogether in a hidden tab or a
  // headless browser, whereas a timer keeps the treadmill running (throttled, and each step is
  // capped by the driver, so the simulation falls behind instead of jumping).
  const step = () => {
    const nowMs = performance.now();
    // The wall time since the last step runs the treadmill forward.
    driver.advanceBy(nowMs - lastStepMs);
    lastStepMs = nowMs;
    if (nowMs - lastPlotMs >= PLOT_REFRESH_MS) {
      lastPlotMs = nowMs;
      plot.setData(plotData(driver), false);
      const endS = driver.nowMs() / 1000;
      // The x range is the whole window from the start, so the plot slides instead of stretching.
      plot.setScale('x', { min: endS - PLOT_WINDOW_MS / 1000, max: endS });
    }
    if (nowMs - lastTextMs >= TEXT_REFRESH_MS) {
      lastTextMs = nowMs;
      updateStatusPanel(statusValues, statusRows(driver));
      const lines = driver.logLines;
      const newest = lines.length > 0 ? lines[lines.length - 1] : '';
      if (newest !== shownLogLine) {
        shownLogLine = newest;
        // Follow the log's end only when the reader has not scrolled up to read.
        const atEnd = logView.scrollTop + logView.clientHeight >= logView.scrollHeight - 4;
        logView.textContent = lines.join('\n');
        if (atEnd) logView.scrollTop = logView.scrollHeight;
      }
    }
  };
  window.setInterval(step, STEP_PERIOD_MS);
}

startPage();
// The real board's links (web/board/): until this page renders a TreadmillViewSource itself, the panel shows the board's figures and controls.
mountBoardPanel(element<HTMLElement>('board-panel'), { onSource: () => undefined, onSimulator: () => undefined });
