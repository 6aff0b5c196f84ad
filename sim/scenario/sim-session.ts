// One simulated treadmill with the firmware booted on it, across power losses and watchdog resets, sampled every control tick.

import type { Command, CommandResult } from '../../firmware/command';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { SimScheduler } from '../sim-scheduler';
import { simInclineScale, type SimButton, type SimFault, type SimTreadmillOptions, type WalkerMode } from '../sim-treadmill';
import { createTraceRow, type TraceRow } from './trace-row';

/** What the session needs of the firmware: `bootTreadmill`'s result satisfies it. */
export interface ScenarioFirmware {
  command(command: Command): CommandResult;
  /** The firmware's status object, updated in place every tick. */
  status(): TreadmillStatus;
  /** Stop every timer and watch of this firmware instance (a hung loop, or the power gone). */
  halt(): void;
}

/**
 * Boots the firmware on a HAL with configuration overrides and the machine's configuration
 * (beneath the overrides and anything stored, as the device boots with its machine file); throws
 * an Error naming the problem when they are invalid. Composition roots pass `bootTreadmill` from
 * firmware/index.ts.
 */
export type BootFirmware = (hal: TreadmillHal, configOverrides: object, machine: object) => ScenarioFirmware;

/** What the session needs of the simulated treadmill: `createSimTreadmill`'s result satisfies it. */
export interface ScenarioSim {
  readonly hal: TreadmillHal;
  /** Truth: belt speed in km/h, signed (negative is backward). */
  beltSpeedKph(): number;
  beltDistanceM(): number;
  inclinePct(): number;
  motorDuty(): number;
  motorEnabled(): boolean;
  directionBackward(): boolean;
  keyPresent(): boolean;
  pullKey(): void;
  insertKey(): void;
  press(button: SimButton, holdMs: number): void;
  setWalker(mode: WalkerMode, massKg: number): void;
  injectFault(fault: SimFault): void;
  clearFault(fault: SimFault): void;
  readonly watchdog: { onExpire(handler: () => void): void };
  readonly storage: Storage;
  /**
   * The board side of a reset: outputs to their power-on levels, input watches dropped, watchdog
   * disarmed; the physical world carries on. Optional: without it the session resets the outputs itself.
   */
  powerOnReset?(): void;
}

/** Makes a simulated treadmill on `scheduler`; composition roots pass `createSimTreadmill`. */
export type CreateSim = (scheduler: SimScheduler, options: SimTreadmillOptions) => ScenarioSim;

export type LogLevel = 'info' | 'warn' | 'error';

/** How to build and observe a session. */
export interface SimSessionOptions {
  createSim: CreateSim;
  /** Complete simulator options (defaults with the scenario's overrides applied). */
  simOptions: SimTreadmillOptions;
  bootFirmware: BootFirmware;
  /** Firmware configuration overrides, passed to `bootFirmware` at every boot. */
  config: object;
  /** The machine description's configuration beyond the plant (caps, duty map); none when absent. */
  machineConfig?: object;
  /** Sampling period, ms: the firmware's control period, so there is one sample per control tick. */
  samplePeriodMs: number;
  /** Called after every sample with the reused row. */
  onSample: (row: TraceRow) => void;
  /** Called for every line the firmware logs, with the scenario time in ms. */
  onLogLine: (timeMs: number, level: LogLevel, message: string) => void;
  /** Called when the session itself does something worth a line: power loss, watchdog reset. */
  onEvent: (timeMs: number, text: string) => void;
}

/**
 * What the simulated machine tells the firmware about itself, as the machine file tells the
 * device: its belt distance per pulse and its incline sensor's scale, taken from the plant so the
 * two can never disagree (a scenario that sets only `sim.pulsesPerMeter` gets a firmware that
 * measures that belt), and `machineConfig` (caps, duty map) with them.
 */
export function machineConfigOfPlant(simOptions: SimTreadmillOptions, machineConfig: object | undefined): object {
  const plant: { [key: string]: unknown } = { metersPerPulse: 1 / simOptions.pulsesPerMeter };
  if (simOptions.hasIncline) plant.incline = simInclineScale(simOptions);
  return Object.assign(plant, machineConfig || {});
}

/** A belt slower than this is standing still, km/h (below one encoder pulse in many seconds). */
export const STANDSTILL_KPH = 0.05;

/**
 * The simulated treadmill and the firmware running on it, on one deterministic timeline that
 * continues across reboots (scenario time, ms). Power loss replaces the treadmill (the belt
 * stops with the power) and its scheduler, keeping storage, the key, the walker and injected
 * hardware faults; a watchdog reset reboots the firmware on the same treadmill, whose belt
 * keeps coasting. Used by the scenario runner and the live console.
 */
export class SimSession {
  /** The current simulated treadmill (replaced on power loss). */
  sim: ScenarioSim;
  /** The current firmware instance (replaced on every reboot). */
  firmware: ScenarioFirmware;
  /** The current firmware's status object. */
  status: TreadmillStatus;
  /** The reused sample, filled at every control tick and by `fillRow`. */
  readonly row: TraceRow = createTraceRow();
  reboots = 0;
  powerLosses = 0;
  watchdogResets = 0;
  /** True while the firmware is hung (halted by `hang`), until the watchdog reboots it. */
  hung = false;
  /** Lines the firmware logged so far. */
  logLines = 0;

  private readonly options: SimSessionOptions;
  private scheduler: SimScheduler;
  /** Scenario time at which the current scheduler started (its time 0). */
  private epochMs = 0;
  private sampler: { cancel(): void } | null = null;
  private readonly onTick: () => void;
  private readonly log: Log;
  private walkerMode: WalkerMode;
  private walkerMassKg: number;
  private readonly activeFaults: SimFault[] = [];
  private lastBeltDistanceM = 0;
  private travelM = 0;
  /** Errors thrown inside timers of schedulers already replaced by a power loss. */
  private pastTimerErrors = 0;
  private firstTimerErrorText = '';

  /** Builds the treadmill and boots the firmware at scenario time 0; throws when the firmware refuses to boot. */
  constructor(options: SimSessionOptions) {
    this.options = options;
    this.walkerMode = options.simOptions.walkerMode;
    this.walkerMassKg = options.simOptions.walkerMassKg;
    this.onTick = () => {
      this.fillRow();
      this.options.onSample(this.row);
    };
    const write = (level: LogLevel, message: string) => {
      this.logLines++;
      const sinkLog = this.sim.hal.log;
      if (level === 'info') sinkLog.info(message);
      else if (level === 'warn') sinkLog.warn(message);
      else sinkLog.error(message);
      this.options.onLogLine(this.nowMs(), level, message);
    };
    this.log = {
      info: (message: string) => write('info', message),
      warn: (message: string) => write('warn', message),
      error: (message: string) => write('error', message),
    };
    this.scheduler = new SimScheduler();
    this.sim = this.makeSim(options.simOptions);
    this.firmware = this.boot();
    this.status = this.firmware.status();
  }

  /** Scenario time, ms. */
  nowMs(): number {
    return this.epochMs + this.scheduler.nowMs();
  }

  /** Run the simulation (every timer, sample and reboot) up to scenario time `timeMs`. */
  runUntil(timeMs: number): void {
    this.scheduler.runUntil(timeMs - this.epochMs);
  }

  /** Fill `row` from the firmware status and the simulated truth at the current time. */
  fillRow(): TraceRow {
    const row = this.row;
    const status = this.status;
    const sim = this.sim;
    const distanceM = sim.beltDistanceM();
    this.travelM += Math.abs(distanceM - this.lastBeltDistanceM);
    this.lastBeltDistanceM = distanceM;
    row.timeS = this.nowMs() / 1000;
    row.state = status.state;
    row.direction = status.direction;
    row.pendingDirection = status.pendingDirection;
    row.targetKph = status.targetSpeedKph;
    row.setpointKph = status.setpointKph;
    row.measuredKph = status.measuredSpeedKph;
    row.beltKph = sim.beltSpeedKph();
    row.duty = sim.motorDuty();
    row.motorEnabled = sim.motorEnabled();
    row.directionOutput = sim.directionBackward() ? 'backward' : 'forward';
    row.keyPresent = sim.keyPresent();
    row.inclinePct = sim.inclinePct();
    row.fault = status.fault;
    row.countdownMs = status.countdownRemainingMs;
    row.distanceM = status.distanceM;
    row.beltDistanceM = this.travelM;
    row.reboots = this.reboots;
    const metrics = status.metrics;
    row.elapsedS = metrics.elapsedMs / 1000;
    row.distanceForwardM = metrics.distanceForwardM;
    row.distanceBackwardM = metrics.distanceBackwardM;
    row.elevationGainM = metrics.elevationGainM;
    row.energyKcal = metrics.energyKcal;
    row.met = metrics.currentMet;
    row.averageMet = metrics.averageMet;
    row.belowValidatedRange = metrics.currentEstimateQuality === 'belowValidatedRange';
    return row;
  }

  /** Send a command to the firmware; a hung firmware answers nothing, which reads as a refusal. */
  command(command: Command): CommandResult {
    if (this.hung) return { accepted: false, message: 'firmware hung: command lost' };
    return this.firmware.command(command);
  }

  /** Set the walker; a negative `massKg` keeps the current mass. Survives power loss. */
  setWalker(mode: WalkerMode, massKg: number): void {
    this.walkerMode = mode;
    if (massKg > 0) this.walkerMassKg = massKg;
    this.sim.setWalker(mode, this.walkerMassKg);
  }

  /** Inject a hardware fault; it stays (across power loss) until `clearFault`. */
  injectFault(fault: SimFault): void {
    if (this.activeFaults.indexOf(fault) < 0) this.activeFaults.push(fault);
    this.sim.injectFault(fault);
  }

  clearFault(fault: SimFault): void {
    const index = this.activeFaults.indexOf(fault);
    if (index >= 0) this.activeFaults.splice(index, 1);
    this.sim.clearFault(fault);
  }

  /** The firmware's loop stops (timers halted, outputs left as they were) until the watchdog resets the board. */
  hang(): void {
    if (this.hung) return;
    this.firmware.halt();
    this.hung = true;
    this.options.onEvent(this.nowMs(), 'firmware hung: control loop stopped');
  }

  /**
   * Power fails and returns at once: the firmware stops, a fresh treadmill (belt at rest) replaces
   * the old one on a fresh scheduler, and the firmware boots again with the old storage.
   */
  powerLoss(): void {
    const oldSim = this.sim;
    const nowMs = this.nowMs();
    this.firmware.halt();
    this.pastTimerErrors += this.scheduler.errors.length;
    this.noteTimerError(this.scheduler);
    this.epochMs = nowMs;
    this.scheduler = new SimScheduler();
    const simOptions: SimTreadmillOptions = Object.assign({}, this.options.simOptions);
    // What is physical survives the outage: the key's position and the person on the belt.
    simOptions.keyPresent = oldSim.keyPresent();
    simOptions.walkerMode = this.walkerMode;
    simOptions.walkerMassKg = this.walkerMassKg;
    this.sim = this.makeSim(simOptions);
    const newStorage = this.sim.storage;
    oldSim.storage.list('').forEach((name) => {
      const text = oldSim.storage.read(name);
      if (text !== undefined) newStorage.write(name, text);
    });
    this.activeFaults.forEach((fault) => this.sim.injectFault(fault));
    this.lastBeltDistanceM = this.sim.beltDistanceM();
    this.powerLosses++;
    this.reboots++;
    this.hung = false;
    this.options.onEvent(nowMs, 'power lost and restored: firmware rebooted');
    this.firmware = this.boot();
    this.status = this.firmware.status();
  }

  /** Errors thrown inside simulated timers so far (firmware or simulator bugs). */
  timerErrorCount(): number {
    return this.pastTimerErrors + this.scheduler.errors.length;
  }

  /** The first such error's message, '' when there is none. */
  firstTimerError(): string {
    this.noteTimerError(this.scheduler);
    return this.firstTimerErrorText;
  }

  private noteTimerError(scheduler: SimScheduler): void {
    if (this.firstTimerErrorText !== '' || scheduler.errors.length === 0) return;
    const error = scheduler.errors[0];
    const text = error instanceof Error ? error.message : String(error);
    this.firstTimerErrorText = text === '' ? 'error without message' : text;
  }

  private makeSim(simOptions: SimTreadmillOptions): ScenarioSim {
    const sim = this.options.createSim(this.scheduler, simOptions);
    sim.watchdog.onExpire(() => this.onWatchdogExpired(sim));
    return sim;
  }

  /** Boot a firmware instance on the current treadmill, logging through the session, and start sampling after it. */
  private boot(): ScenarioFirmware {
    const hal = Object.assign({}, this.sim.hal) as TreadmillHal;
    hal.log = this.log;
    // Like a board profile on the device, the simulated hardware tells the firmware its drive;
    // a scenario's own config may still say otherwise.
    const overrides = Object.assign({ drive: this.options.simOptions.drive }, this.options.config);
    const firmware = this.options.bootFirmware(hal, overrides, machineConfigOfPlant(this.options.simOptions, this.options.machineConfig));
    // Sampling starts after the firmware's own timers, so a sample at a tick's time sees that tick's result.
    if (this.sampler) this.sampler.cancel();
    this.sampler = this.scheduler.every(this.options.samplePeriodMs, this.onTick);
    return firmware;
  }

  /**
   * The hardware watchdog reset the board: outputs fall to their power-on levels and the firmware
   * boots again on the same treadmill, whose belt may still be coasting.
   */
  private onWatchdogExpired(sim: ScenarioSim): void {
    if (sim !== this.sim) return;
    this.firmware.halt();
    if (sim.powerOnReset) sim.powerOnReset();
    else {
      const hal = sim.hal;
      hal.motor.speed.write(0);
      hal.motor.enable.write(false);
      hal.motor.direction.write(false);
      if (hal.incline) {
        hal.incline.up.write(false);
        hal.incline.down.write(false);
      }
    }
    this.watchdogResets++;
    this.reboots++;
    this.hung = false;
    this.options.onEvent(this.nowMs(), 'watchdog reset: firmware rebooted');
    this.firmware = this.boot();
    this.status = this.firmware.status();
  }
}
