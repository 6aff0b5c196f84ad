// The web console's simulation, without the page: the firmware booted on the simulated treadmill, stepped by wall time, with its plot series and log.

import { bootTreadmill, DEFAULT_CONFIG, type Treadmill } from '../firmware/index';
import type { Command, CommandName, CommandResult, Direction } from '../firmware/command';
import type { TreadmillStatus } from '../firmware/treadmill-status';
import { loadSettings } from '../firmware/persistence/settings-record';
import type { SpeedUnits } from '../firmware/core/units';
import type { TreadmillHal } from '../hal/treadmill-hal';
import { BOARD_TIMING, type TimedBoardName } from '../hal/espruino/boards/board-timing';
import { SimSession } from '../sim/scenario/sim-session';
import type { TraceRow } from '../sim/scenario/trace-row';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../sim/sim-treadmill';
import { SimLog } from '../sim/ports/sim-log';

/**
 * Longest simulated step one frame may take, ms. A browser throttles a hidden tab to one timer a
 * second or less; without a cap, coming back would run minutes of simulation in one frame and
 * freeze the page. The simulation then falls behind wall time instead, which is harmless.
 */
export const MAX_STEP_MS = 250;
/** How much recent history the plot shows, ms. */
export const PLOT_WINDOW_MS = 60000;
/** Log lines kept for the page; older ones are dropped. */
export const LOG_LINES_KEPT = 200;
/** The walker's push speed on a free belt, km/h (signed by the selected direction), as in the terminal console. */
const PUSH_SPEED_KPH = 2;
/** One plot point per this many ms: the board's control period would be 10 points a second anyway. */
const SAMPLE_PERIOD_MS = 100;

/** The plot's data, in uPlot's column layout: times in seconds and three speeds in km/h, oldest first. */
export interface SpeedSeries {
  timeS: number[];
  /** The target the firmware steers to; 0 while stopping, as the terminal console shows it. */
  targetKph: number[];
  /** What the firmware measures from the belt sensor. */
  measuredKph: number[];
  /** The simulator's truth: the belt's real speed, signed (negative is backward). */
  beltKph: number[];
}

/** How to build the driver; everything has a default. */
export interface SimDriverOptions {
  /** The board whose control period and tick time the simulation runs at (default esp32, the build's default). */
  board?: TimedBoardName;
  /** Seed of the simulator's noise (default the simulator's). */
  seed?: number;
}

/**
 * The firmware on the simulated treadmill, driven in real time by whoever calls `advanceBy` (the
 * page's animation loop, or a test). Commands go to the firmware as the console's do: local.
 * Holds no DOM and no Node module, so it runs headless in tests and bundled in the page.
 */
export class SimDriver {
  readonly series: SpeedSeries = { timeS: [], targetKph: [], measuredKph: [], beltKph: [] };
  /** Recent log lines, oldest first, each with its simulated time. */
  readonly logLines: string[] = [];
  /** The speed units the stored settings choose (km/h unless the user chose mph). */
  readonly units: SpeedUnits;
  /** The firmware's latest answer in words, for the page's answer line. */
  lastAnswer = 'press Start to begin (a 3 s countdown first)';
  private walkerOn = true;
  private firmware: Treadmill | null = null;
  private readonly session: SimSession;

  constructor(options?: SimDriverOptions) {
    const board: TimedBoardName = options && options.board ? options.board : 'esp32';
    const timing = BOARD_TIMING[board];
    const simOptions = Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'forward' as const, outputDelayMs: timing.tickMs });
    if (options && options.seed !== undefined) simOptions.seed = options.seed;
    this.session = new SimSession({
      createSim: createSimTreadmill,
      simOptions: simOptions,
      // Kept to reach the firmware beyond what the session's interface carries.
      bootFirmware: (hal: TreadmillHal, overrides: object, machineConfig: object) => {
        this.firmware = bootTreadmill(hal, overrides, machineConfig);
        return this.firmware;
      },
      config: { controlPeriodMs: timing.controlPeriodMs },
      samplePeriodMs: SAMPLE_PERIOD_MS,
      onSample: (row: TraceRow) => this.addSample(row),
      onLogLine: (timeMs: number, level: string, message: string) => this.addLogLine(timeMs, (level === 'info' ? '' : level + ': ') + message),
      onEvent: (timeMs: number, text: string) => this.addLogLine(timeMs, text),
    });
    this.units = loadSettings(this.world().storage, new SimLog()).units;
  }

  /** Simulated time since the treadmill was ready, ms. */
  nowMs(): number {
    return this.session.nowMs();
  }

  /** The firmware's status (updated in place as the simulation runs). */
  status(): TreadmillStatus {
    return this.session.status;
  }

  /** The simulator's truth and the firmware's figures at the current time (a reused row). */
  row(): TraceRow {
    return this.session.fillRow();
  }

  /**
   * Run the simulation forward by `elapsedMs` of wall time, at most `MAX_STEP_MS`; returns the
   * simulated time actually run, ms. Called once per animation frame, so at 60 frames a second
   * each call runs about 17 ms of the treadmill.
   */
  advanceBy(elapsedMs: number): number {
    const stepMs = Math.max(0, Math.min(MAX_STEP_MS, elapsedMs));
    this.updateWalker();
    this.session.runUntil(this.session.nowMs() + stepMs);
    return stepMs;
  }

  /** Send one of the console's commands, as the local console does; the answer is kept as `lastAnswer` too. */
  command(name: CommandName, fields?: { speedKph?: number; inclinePct?: number; direction?: Direction }): CommandResult {
    const command: Command = { name: name, source: 'local' };
    if (fields && fields.speedKph !== undefined) command.speedKph = fields.speedKph;
    if (fields && fields.inclinePct !== undefined) command.inclinePct = fields.inclinePct;
    if (fields && fields.direction !== undefined) command.direction = fields.direction;
    const result = this.session.command(command);
    this.lastAnswer = name + (command.direction ? ' ' + command.direction : '') + ': ' + (result.accepted ? 'ok' : 'refused') + (result.message ? ' (' + result.message + ')' : '');
    return result;
  }

  /** Ask for the other direction than the one selected (or waiting to apply). */
  toggleDirection(): CommandResult {
    const status = this.session.status;
    const current = status.pendingDirection !== null ? status.pendingDirection : status.direction;
    return this.command('setDirection', { direction: current === 'forward' ? 'backward' : 'forward' });
  }

  /** Move the incline target by `steps` of the firmware's incline step (negative is down), not below 0 %. */
  stepIncline(steps: number): CommandResult {
    return this.command('setIncline', { inclinePct: Math.max(0, this.session.status.targetInclinePct + steps * DEFAULT_CONFIG.incline.stepPct) });
  }

  keyPresent(): boolean {
    return this.world().keyPresent();
  }

  /** Pull the safety key out (true) or put it back (false); the firmware sees the edge as on a board. */
  setKeyPulled(pulled: boolean): void {
    if (pulled) this.world().pullKey();
    else this.world().insertKey();
    this.lastAnswer = pulled ? 'safety key pulled' : 'safety key inserted';
  }

  isWalkerOn(): boolean {
    return this.walkerOn;
  }

  /** Put the walker on the belt (walking the selected direction) or take them off. */
  setWalkerOn(on: boolean): void {
    this.walkerOn = on;
    this.lastAnswer = on ? 'walker on the belt' : 'walker off the belt';
    this.updateWalker();
  }

  private world(): SimTreadmill {
    return this.session.sim as unknown as SimTreadmill;
  }

  /** The walker walks the selected direction, pushes a free belt, or is off (as in the terminal console). */
  private updateWalker(): void {
    const status = this.session.status;
    this.world().setPushSpeed((status.direction === 'backward' ? -1 : 1) * PUSH_SPEED_KPH);
    const mode = !this.walkerOn ? 'off' : status.state === 'freeBelt' ? 'push' : status.direction;
    this.session.setWalker(mode, -1);
  }

  private addSample(row: TraceRow): void {
    const series = this.series;
    series.timeS.push(row.timeS);
    series.targetKph.push(row.state === 'stopping' ? 0 : row.targetKph);
    series.measuredKph.push(row.measuredKph);
    series.beltKph.push(row.beltKph);
    // The window slides: points older than it leave from the front, all columns alike.
    const oldestS = row.timeS - PLOT_WINDOW_MS / 1000;
    let drop = 0;
    while (drop < series.timeS.length && series.timeS[drop] < oldestS) drop++;
    if (drop > 0) {
      series.timeS.splice(0, drop);
      series.targetKph.splice(0, drop);
      series.measuredKph.splice(0, drop);
      series.beltKph.splice(0, drop);
    }
  }

  private addLogLine(timeMs: number, text: string): void {
    this.logLines.push((timeMs / 1000).toFixed(1) + ' s  ' + text);
    if (this.logLines.length > LOG_LINES_KEPT) this.logLines.splice(0, this.logLines.length - LOG_LINES_KEPT);
  }
}
