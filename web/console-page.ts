// The web console's entry: builds the simulated treadmill, the views, the simulator and scenario panels and the keyboard, and runs them on the wall clock.

import 'uplot/dist/uPlot.min.css';
import './console-page.css';
import { ConsoleView, element } from './console-view';
import { SHORTCUTS, shortcutFor } from './keyboard-shortcuts';
import { ScenarioPanel } from './scenario-panel';
import { MAX_TIME_SCALE, SimDriver, type SimDriverOptions } from './sim-driver';
import { SimPanel } from './sim-panel';
import type { TreadmillViewSource } from './view-source';
import { mountBoardPanel } from './board/board-panel';

/** How often the treadmill is stepped to the wall clock, ms (50 times a second). */
const STEP_PERIOD_MS = 20;
/** How often the plots are redrawn, ms: 20 times a second, above the 10 the issue asks, below the step rate to spare the CPU. */
const PLOT_REFRESH_MS = 50;
/** How often the status panel and log are rewritten, ms: faster than a reader notices, slower than every step. */
const TEXT_REFRESH_MS = 100;

/** What the browser tests and the benchmark read and do through `window.retrotreadPage`; a person never needs it. */
export interface PageHook {
  /** Simulated time per wall time, from the address's `?speed=N` (1 to MAX_TIME_SCALE). */
  timeScale: number;
  /** Plot redraws (setData) since the page loaded. */
  redraws(): number;
  /** The simulator's time, ms, and the page's wall time, ms (performance.now()). */
  simulatedMs(): number;
  wallMs(): number;
  /** The speed plot's x range now. */
  plotXRange(): { min: number; max: number };
  /** Show a board (or any) source instead of the simulator, and back (the board links call these). */
  useSource(source: TreadmillViewSource): void;
  useSimulator(): void;
  /** Run scenario text as if loaded from a file named `fileName` (the file input does the same). */
  runScenarioText(text: string, fileName: string): void;
}

/** The time scale the address asks for (`?speed=10`): 1 unless a number from 1 to MAX_TIME_SCALE is given. */
export function timeScaleFromSearch(search: string): number {
  const match = /[?&]speed=([0-9.]+)/.exec(search);
  const scale = match === null ? 1 : Number(match[1]);
  return scale >= 1 && scale <= MAX_TIME_SCALE ? scale : 1;
}

function startPage(): void {
  const timeScale = timeScaleFromSearch(window.location.search);
  element<HTMLElement>('time-scale').textContent = timeScale > 1 ? '(running at ' + timeScale + '× real time)' : '';
  let driver = new SimDriver({ timeScale: timeScale });
  const view = new ConsoleView(driver);
  const simulatorPanel = element<HTMLElement>('simulator-panel');
  const renderText = () => {
    view.renderText();
    if (view.current() === driver) simPanel.render();
  };
  const simPanel = new SimPanel(
    () => driver,
    (options: SimDriverOptions) => {
      driver = new SimDriver(Object.assign({ timeScale: timeScale }, options));
      driver.lastAnswer = 'simulated treadmill restarted: ' + driver.description + ', ' + (driver.units === 'mph' ? 'mph' : 'km/h');
      view.attach(driver);
      simPanel.showDriver();
    },
    renderText,
  );
  simPanel.showDriver();
  const scenarioPanel = new ScenarioPanel(() => driver.board);

  // The keyboard help is written from the same table the keys are read from.
  const shortcutList = element<HTMLElement>('shortcut-list');
  SHORTCUTS.forEach((shortcut) => {
    const term = document.createElement('dt');
    term.textContent = shortcut.label;
    const description = document.createElement('dd');
    description.textContent = shortcut.sentence;
    shortcutList.appendChild(term);
    shortcutList.appendChild(description);
  });
  const help = element<HTMLElement>('shortcut-help');
  help.tabIndex = -1;
  document.addEventListener('keydown', (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    const action = shortcutFor(event.key, target && target.tagName ? target.tagName : '', event.ctrlKey || event.altKey || event.metaKey);
    if (action === null) return;
    // The key is ours: no page scroll on space or the arrows.
    event.preventDefault();
    const onSimulator = view.current() === driver;
    if (action === 'help') {
      help.scrollIntoView();
      help.focus();
    } else if (action === 'key' || action === 'walker') {
      if (!onSimulator) return;
      if (action === 'key') simPanel.toggleKey();
      else simPanel.toggleWalker();
    } else view.act(action);
    renderText();
  });

  const useSource = (source: TreadmillViewSource) => {
    view.attach(source);
    // The simulator's own controls make no sense for a board: out of sight and out of the tab order.
    simulatorPanel.hidden = source !== driver;
  };
  const hook: PageHook = {
    timeScale: timeScale,
    redraws: () => view.redraws(),
    simulatedMs: () => driver.nowMs(),
    wallMs: () => performance.now(),
    plotXRange: () => view.plotXRange(),
    useSource: useSource,
    useSimulator: () => useSource(driver),
    runScenarioText: (text: string, fileName: string) => scenarioPanel.runText(text, fileName),
  };
  (window as unknown as { retrotreadPage: PageHook }).retrotreadPage = hook;
  // The real board's links (web/board/): a connected board takes the page's views and controls,
  // exactly as the simulator has them; "Back to simulator" gives them back.
  mountBoardPanel(element<HTMLElement>('board-panel'), { onSource: useSource, onSimulator: hook.useSimulator });

  window.addEventListener('resize', () => view.resize());
  let lastStepMs = performance.now();
  // Due times rather than "since the last": with 20 ms steps, "50 ms since" would redraw every
  // third step (16.7 a second); due times keep the average at 20 a second.
  let plotDueMs = 0;
  let textDueMs = 0;
  // A timer rather than requestAnimationFrame: frames stop altogether in a hidden tab or a
  // headless browser, whereas a timer keeps the treadmill running (throttled, and each step is
  // capped by the driver, so the simulation falls behind instead of jumping).
  const step = () => {
    const nowMs = performance.now();
    // The wall time since the last step runs the simulator forward, while it is the one shown.
    if (view.current() === driver) driver.advanceBy(nowMs - lastStepMs);
    lastStepMs = nowMs;
    if (nowMs >= plotDueMs) {
      // A late step (a throttled tab) starts the rhythm afresh instead of redrawing to catch up.
      plotDueMs = Math.max(plotDueMs + PLOT_REFRESH_MS, nowMs);
      view.renderPlots();
    }
    if (nowMs >= textDueMs) {
      textDueMs = Math.max(textDueMs + TEXT_REFRESH_MS, nowMs);
      renderText();
    }
  };
  window.setInterval(step, STEP_PERIOD_MS);
}

startPage();
