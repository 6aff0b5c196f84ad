// The web console's simulation, without the page: the firmware booted on the simulated treadmill, stepped by wall time, as a view source with its plot series and log.

import { bootTreadmill, DEFAULT_CONFIG, type Treadmill } from '../firmware/index';
import type { Command, CommandName, CommandResult, Direction } from '../firmware/command';
import type { TreadmillStatus } from '../firmware/treadmill-status';
import { loadSettings, saveSettings, DEFAULT_SETTINGS, type Settings } from '../firmware/persistence/settings-record';
import { listPrograms } from '../firmware/persistence/program-records';
import { BUILTIN_PROGRAM_NAMES } from '../firmware/program/builtin-programs';
import type { SpeedUnits } from '../firmware/core/units';
import type { TreadmillHal } from '../hal/treadmill-hal';
import { BOARD_TIMING, type TimedBoardName } from '../hal/espruino/boards/board-timing';
import { SimSession, type StorageFile } from '../sim/scenario/sim-session';
import type { TraceRow } from '../sim/scenario/trace-row';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimDriveKind, type SimFault, type SimFaultSettings, type SimTreadmill } from '../sim/sim-treadmill';
import { SimLog } from '../sim/ports/sim-log';
import { SimStorage } from '../sim/ports/sim-storage';
import { BELT_SENSOR_CHOICES, choiceLabel, DRIVE_CHOICES } from './sim-machine-choices';
import type { TreadmillViewSource, ViewCommandFields, ViewProgram, ViewSeries, ViewStatus } from './view-source';

/**
 * Longest wall time one step may cover, ms. A browser throttles a hidden tab to one timer a
 * second or less; without a cap, coming back would run minutes of simulation in one step and
 * freeze the page. The simulation then falls behind wall time instead, which is harmless.
 */
export const MAX_STEP_MS = 250;
/** How much recent history the plot shows, ms. */
export const PLOT_WINDOW_MS = 60000;
/** Log lines kept for the page; older ones are dropped. */
export const LOG_LINES_KEPT = 200;
/** Fastest the page may run the treadmill, times real time (a test or a demo fast-forwards; more only starves the page). */
export const MAX_TIME_SCALE = 50;
/** The walker's push speed on a free belt, km/h (signed by the selected direction), as in the terminal console. */
const PUSH_SPEED_KPH = 2;
/** One plot point per this many ms: the board's control period would be 5 points a second anyway. */
const SAMPLE_PERIOD_MS = 100;
/** Lightest and heaviest walker the page takes, kg (the settings' user weight range). */
export const MIN_WALKER_KG = 20;
export const MAX_WALKER_KG = 250;

/** Which way the simulated walker faces: with the belt's selected direction (as the terminal console), or always one way. */
export type WalkerFacing = 'withBelt' | Direction;

/** How to build the driver; everything has a default. */
export interface SimDriverOptions {
  /** The board whose control period and tick time the simulation runs at (default esp32, the build's default). */
  board?: TimedBoardName;
  /** Seed of the simulator's noise (default the simulator's). */
  seed?: number;
  /** The motor drive (default the reference treadmill's MC-2100). */
  drive?: SimDriveKind;
  /** Belt sensor pulses per metre (default one per foot). */
  pulsesPerMeter?: number;
  /** Speed units, stored in the settings record before the firmware boots, as a user would have set them (default km/h). */
  units?: SpeedUnits;
  /** The user's weight for the energy estimate, stored in the settings likewise; null: the configuration's (default). */
  userWeightKg?: number | null;
  /** Simulated time per wall time, 1 (real time) to MAX_TIME_SCALE (default 1). */
  timeScale?: number;
}

/** The settings record's files for `units` and `userWeightKg`, as the firmware's own save writes them; none when both are the defaults. */
function settingsFiles(units: SpeedUnits, userWeightKg: number | null): StorageFile[] {
  if (units === DEFAULT_SETTINGS.units && userWeightKg === null) return [];
  const storage = new SimStorage();
  const settings: Settings = Object.assign({}, DEFAULT_SETTINGS, { units: units, userWeightKg: userWeightKg });
  const result = saveSettings(storage, new SimLog(), settings);
  if (!result.accepted) throw new Error(result.message);
  return storage.list('').map((name) => ({ name: name, text: storage.read(name) || '' }));
}

/**
 * The firmware on the simulated treadmill, driven in real time (or faster) by whoever calls
 * `advanceBy` (the page's timer, or a test). Commands go to the firmware as the console's do:
 * local. Holds no DOM and no Node module, so it runs headless in tests and bundled in the page.
 * The page renders it through `TreadmillViewSource`, like a board; the simulator's own controls
 * (key, walker, injected faults) are its methods beyond that interface.
 */
export class SimDriver implements TreadmillViewSource {
  readonly kind = 'simulator' as const;
  readonly description: string;
  readonly series: ViewSeries = { timeS: [], targetKph: [], measuredKph: [], beltKph: [], duty: [], inclinePct: [] };
  /** Recent log lines, oldest first, each with its simulated time. */
  readonly logLines: string[] = [];
  /** The speed units the stored settings choose (km/h unless the user chose mph). */
  readonly units: SpeedUnits;
  /** The user's weight the stored settings hold, kg; null: the configuration's. */
  readonly userWeightKg: number | null;
  readonly board: TimedBoardName;
  readonly drive: SimDriveKind;
  readonly pulsesPerMeter: number;
  /** Simulated ms per wall ms. */
  readonly timeScale: number;
  /** The firmware's latest answer in words, for the page's answer line. */
  lastAnswer = 'press Start to begin (a 3 s countdown first)';
  private walkerOn = true;
  private walkerFacing: WalkerFacing = 'withBelt';
  private walkerMassKg: number;
  private firmware: Treadmill | null = null;
  private readonly session: SimSession;

  constructor(options?: SimDriverOptions) {
    const settings = options || {};
    this.board = settings.board || 'esp32';
    this.drive = settings.drive || DEFAULT_SIM_OPTIONS.drive;
    this.pulsesPerMeter = settings.pulsesPerMeter || DEFAULT_SIM_OPTIONS.pulsesPerMeter;
    this.timeScale = Math.max(1, Math.min(MAX_TIME_SCALE, settings.timeScale || 1));
    const timing = BOARD_TIMING[this.board];
    const simOptions = Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'forward' as const, outputDelayMs: timing.tickMs, drive: this.drive, pulsesPerMeter: this.pulsesPerMeter });
    if (settings.seed !== undefined) simOptions.seed = settings.seed;
    this.walkerMassKg = simOptions.walkerMassKg;
    this.session = new SimSession({
      createSim: createSimTreadmill,
      simOptions: simOptions,
      // Kept to reach the firmware beyond what the session's interface carries (its program status).
      bootFirmware: (hal: TreadmillHal, overrides: object, machineConfig: object) => {
        this.firmware = bootTreadmill(hal, overrides, machineConfig);
        return this.firmware;
      },
      config: { controlPeriodMs: timing.controlPeriodMs },
      storage: settingsFiles(settings.units || 'kph', settings.userWeightKg === undefined ? null : settings.userWeightKg),
      samplePeriodMs: SAMPLE_PERIOD_MS,
      onSample: (row: TraceRow) => this.addSample(row),
      onLogLine: (timeMs: number, level: string, message: string) => this.addLogLine(timeMs, (level === 'info' ? '' : level + ': ') + message),
      onEvent: (timeMs: number, text: string) => this.addLogLine(timeMs, text),
    });
    const stored = loadSettings(this.world().storage, new SimLog());
    this.units = stored.units;
    this.userWeightKg = stored.userWeightKg;
    this.description = 'simulator: ' + choiceLabel(DRIVE_CHOICES, this.drive) + ', ' + choiceLabel(BELT_SENSOR_CHOICES, this.pulsesPerMeter) + ', ' + this.board + ' timing';
  }

  connected(): boolean {
    return true;
  }

  /** Every command the full edition answers; the page offers those it has controls for. */
  supports(_name: CommandName): boolean {
    return true;
  }

  /** Simulated time since the treadmill was ready, ms. */
  nowMs(): number {
    return this.session.nowMs();
  }

  /** The firmware's own status (updated in place as the simulation runs). */
  firmwareStatus(): TreadmillStatus {
    return this.session.status;
  }

  /** The status as the views show it (a new object each call). */
  status(): ViewStatus {
    const status = this.session.status;
    const metrics = status.metrics;
    return {
      state: status.state,
      direction: status.direction,
      pendingDirection: status.pendingDirection,
      targetSpeedKph: status.targetSpeedKph,
      measuredSpeedKph: status.measuredSpeedKph,
      beltKph: this.world().beltSpeedKph(),
      duty: this.world().motorDuty(),
      inclinePct: status.inclinePct,
      targetInclinePct: status.targetInclinePct,
      keyPresent: this.world().keyPresent(),
      fault: status.fault,
      countdownRemainingMs: status.countdownRemainingMs,
      reason: status.reason,
      elapsedMs: metrics.elapsedMs,
      distanceForwardM: metrics.distanceForwardM,
      distanceBackwardM: metrics.distanceBackwardM,
      energyKcal: metrics.energyKcal,
      elevationGainM: metrics.elevationGainM,
      currentMet: metrics.currentMet,
      averageMet: metrics.averageMet,
      averageSpeedKph: metrics.averageSpeedKph,
    };
  }

  /** The program running or paused, or null. */
  program(): ViewProgram | null {
    if (this.firmware === null) return null;
    const program = this.firmware.programStatus();
    if (program.name === '' || program.phase === 'off') return null;
    return {
      name: program.name,
      phase: program.phase,
      segmentIndex: program.segmentIndex,
      segmentCount: program.segmentCount,
      label: program.label,
      segmentRemainingMs: program.segmentRemainingMs,
      remainingMs: program.remainingMs,
    };
  }

  /** The built-in programs and those stored on the simulated board. */
  get programNames(): string[] {
    return BUILTIN_PROGRAM_NAMES.concat(listPrograms(this.world().storage));
  }

  /** The simulator's truth and the firmware's figures at the current time (a reused row). */
  row(): TraceRow {
    return this.session.fillRow();
  }

  /**
   * Run the simulation forward by `elapsedMs` of wall time (at most `MAX_STEP_MS` of it) times
   * the time scale; returns the simulated time run, ms. Called by the page's timer 50 times a
   * second, so in real time each call runs about 20 ms of the treadmill.
   */
  advanceBy(elapsedMs: number): number {
    const stepMs = Math.max(0, Math.min(MAX_STEP_MS, elapsedMs)) * this.timeScale;
    this.updateWalker();
    this.session.runUntil(this.session.nowMs() + stepMs);
    return stepMs;
  }

  /** Send one of the console's commands, as the local console does; the answer is kept as `lastAnswer` too. */
  command(name: CommandName, fields?: ViewCommandFields): CommandResult {
    const command: Command = { name: name, source: 'local' };
    if (fields && fields.speedKph !== undefined) command.speedKph = fields.speedKph;
    if (fields && fields.inclinePct !== undefined) command.inclinePct = fields.inclinePct;
    if (fields && fields.direction !== undefined) command.direction = fields.direction;
    if (fields && fields.programName !== undefined) command.program = fields.programName;
    const result = this.session.command(command);
    const detail = command.direction ? ' ' + command.direction : command.program !== undefined ? ' ' + command.program : '';
    this.lastAnswer = name + detail + ': ' + (result.accepted ? 'ok' : 'refused') + (result.message ? ' (' + result.message + ')' : '');
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

  /** Put the walker on the belt or take them off. */
  setWalkerOn(on: boolean): void {
    this.walkerOn = on;
    this.lastAnswer = on ? 'walker on the belt' : 'walker off the belt';
    this.updateWalker();
  }

  walkerKg(): number {
    return this.walkerMassKg;
  }

  /** The walker's mass, kg, within MIN_WALKER_KG..MAX_WALKER_KG; false (and nothing changed) outside. */
  setWalkerKg(massKg: number): boolean {
    if (!(massKg >= MIN_WALKER_KG && massKg <= MAX_WALKER_KG)) {
      this.lastAnswer = 'walker weight: ' + MIN_WALKER_KG + ' to ' + MAX_WALKER_KG + ' kg';
      return false;
    }
    this.walkerMassKg = massKg;
    this.lastAnswer = 'walker weighs ' + massKg + ' kg';
    this.updateWalker();
    return true;
  }

  facing(): WalkerFacing {
    return this.walkerFacing;
  }

  /** Which way the walker walks: with the belt (the default), or forward or backward whatever the belt does. */
  setFacing(facing: WalkerFacing): void {
    this.walkerFacing = facing;
    this.lastAnswer = facing === 'withBelt' ? 'walker walks the way the belt runs' : 'walker walks ' + facing;
    this.updateWalker();
  }

  /** Switch a hardware fault on in the simulator (the firmware must find it on its own). */
  injectFault(fault: SimFault, settings?: SimFaultSettings): void {
    this.session.injectFault(fault, settings);
    const given = settings ? Object.keys(settings).map((field) => field + ' ' + (settings as { [field: string]: number })[field]) : [];
    this.lastAnswer = 'simulator: ' + fault + ' injected' + (given.length > 0 ? ' (' + given.join(', ') + ')' : '');
  }

  /** Switch an injected hardware fault off (the firmware's latched fault still needs its clear). */
  removeFault(fault: SimFault): void {
    this.session.clearFault(fault);
    this.lastAnswer = 'simulator: ' + fault + ' removed';
  }

  /** Hardware faults switched on now, in the order they were injected. */
  activeFaults(): SimFault[] {
    return this.world().activeFaults();
  }

  private world(): SimTreadmill {
    return this.session.sim as unknown as SimTreadmill;
  }

  /** The walker walks the chosen way, pushes a free belt, or is off (as in the terminal console). */
  private updateWalker(): void {
    const status = this.session.status;
    this.world().setPushSpeed((status.direction === 'backward' ? -1 : 1) * PUSH_SPEED_KPH);
    const walking = this.walkerFacing === 'withBelt' ? status.direction : this.walkerFacing;
    const mode = !this.walkerOn ? 'off' : status.state === 'freeBelt' ? 'push' : walking;
    this.session.setWalker(mode, this.walkerMassKg);
  }

  private addSample(row: TraceRow): void {
    const series = this.series;
    series.timeS.push(row.timeS);
    series.targetKph.push(row.state === 'stopping' ? 0 : row.targetKph);
    series.measuredKph.push(row.measuredKph);
    series.beltKph.push(row.beltKph);
    series.duty.push(row.duty);
    series.inclinePct.push(row.inclinePct);
    // The window slides: points older than it leave from the front, all columns alike.
    const oldestS = row.timeS - PLOT_WINDOW_MS / 1000;
    let drop = 0;
    while (drop < series.timeS.length && series.timeS[drop] < oldestS) drop++;
    if (drop > 0) {
      series.timeS.splice(0, drop);
      series.targetKph.splice(0, drop);
      series.measuredKph.splice(0, drop);
      series.beltKph.splice(0, drop);
      series.duty.splice(0, drop);
      series.inclinePct.splice(0, drop);
    }
  }

  private addLogLine(timeMs: number, text: string): void {
    this.logLines.push((timeMs / 1000).toFixed(1) + ' s  ' + text);
    if (this.logLines.length > LOG_LINES_KEPT) this.logLines.splice(0, this.logLines.length - LOG_LINES_KEPT);
  }
}
