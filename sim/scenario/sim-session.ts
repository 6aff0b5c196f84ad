// One simulated treadmill with the firmware booted on it, across power losses and watchdog resets, sampled every control tick.

import type { Command, CommandResult } from '../../firmware/command';
import type { DigitalIn, EdgeEvent } from '../../hal/digital-in';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { SimFtmsLink, type SimFtmsEvent } from '../ports/sim-ftms-link';
import { SimScheduler } from '../sim-scheduler';
import { SIM_BUTTONS, simInclineScale, type SimButton, type SimFault, type SimFaultSettings, type SimTreadmillOptions, type WalkerMode } from '../sim-treadmill';
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
  injectFault(fault: SimFault, settings?: SimFaultSettings): void;
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
  /** Storage files written before the firmware first boots (a board's flash as it was found); none by default. */
  storage?: StorageFile[];
  /** Called with the firmware's answer to every button press it handled (a press's active edge). */
  onButtonAnswer?: (timeMs: number, button: SimButton, answer: CommandResult) => void;
  /**
   * Give the board Bluetooth FTMS: every boot gets a fresh simulated link (a reset restarts the
   * radio, so clients must connect again). Off by default, so sessions without apps run as before.
   */
  ftms?: boolean;
}

/** One named Storage file and its text, written as it is (valid, truncated or garbage). */
export interface StorageFile {
  name: string;
  text: string;
}

/** Longest wait for the belt to read still after the first power-up, ms (then the scenario starts anyway and shows why). */
const READY_LIMIT_MS = 20000;

/** Stands in for the firmware while none runs (power off, or a boot that threw): answers nothing. */
function noFirmware(status: TreadmillStatus, why: string): ScenarioFirmware {
  return {
    command: () => ({ accepted: false, message: why }),
    status: () => status,
    halt: () => undefined,
  };
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

/** The firmware's part of `row` while no firmware runs: state 'off', nothing measured, no session. */
function fillWithoutFirmware(row: TraceRow): TraceRow {
  row.state = 'off';
  row.pendingDirection = null;
  row.targetKph = 0;
  row.setpointKph = 0;
  row.measuredKph = 0;
  row.fault = null;
  row.countdownMs = 0;
  row.distanceM = 0;
  row.elapsedS = 0;
  row.distanceForwardM = 0;
  row.distanceBackwardM = 0;
  row.elevationGainM = 0;
  row.energyKcal = 0;
  row.met = 0;
  row.averageMet = 0;
  row.belowValidatedRange = false;
  return row;
}

/** A belt slower than this is standing still, km/h (below one encoder pulse in many seconds). */
export const STANDSTILL_KPH = 0.05;

/**
 * The simulated treadmill and the firmware running on it, on one deterministic timeline that
 * continues across reboots (scenario time, ms). Power loss cuts the board and the motor on the
 * same treadmill: the physics run on (the belt coasts from its speed, the walker stays on it,
 * storage, the key and injected faults are the world's), and when power returns the firmware
 * boots into whatever the belt is doing. A watchdog reset reboots the firmware the same way, at
 * once. Used by the scenario runner and the live console.
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
  /** False while the power is off (between `powerLoss` and its return). */
  powered = true;
  /** True while a firmware instance runs: not while the power is off, nor after a boot that threw. */
  firmwareRunning = true;
  /** Why each boot that threw failed, with its scenario time, in order (the firmware then stays down until the next power cycle). */
  readonly bootFailures: string[] = [];
  /** Lines the firmware logged so far. */
  logLines = 0;

  private readonly options: SimSessionOptions;
  private scheduler: SimScheduler;
  /** Scenario time at which the current scheduler started (its time 0). */
  private epochMs = 0;
  /** Whether scenario time 0 has come (see `waitUntilReady`): samples start there. */
  private ready = false;
  private sampler: { cancel(): void } | null = null;
  private readonly onTick: () => void;
  private readonly log: Log;
  private walkerMassKg: number;
  private lastBeltDistanceM = 0;
  private travelM = 0;
  private firstTimerErrorText = '';
  /** The power's return while it is off (null otherwise). */
  private powerReturn: { cancel(): void } | null = null;
  /**
   * The FTMS link apps reach now: the running firmware's; null without FTMS, while the power is off,
   * while the firmware is hung (its radio events wait on the stuck interpreter) or has not booted.
   */
  ftmsLink: SimFtmsLink | null = null;
  /** Every link made, in boot order, and how many events of each `takeFtmsEvents` has handed on. */
  private readonly ftmsLinks: SimFtmsLink[] = [];
  private ftmsLinkIndex = 0;
  private ftmsEventIndex = 0;

  /**
   * Builds the treadmill, writes the preset storage files and boots the firmware at scenario time
   * 0. Throws when the firmware refuses to boot for its configuration; a boot that throws only
   * because of the preset storage (it boots on empty storage) is a failure of the firmware
   * instead, noted in `bootFailures`, and the session runs on with no firmware.
   */
  constructor(options: SimSessionOptions) {
    this.options = options;
    this.walkerMassKg = options.simOptions.walkerMassKg;
    this.onTick = () => {
      // Nothing is sampled before time 0, while the belt is watched after the first power-up.
      if (!this.ready) return;
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
    const files = options.storage || [];
    files.forEach((file) => {
      if (!this.sim.storage.write(file.name, file.text)) throw new Error('storage: the simulated flash refused file "' + file.name + '"');
    });
    try {
      this.firmware = this.boot();
    } catch (error) {
      // Tell a configuration the firmware refuses (the file's fault) from a crash on the stored data (the firmware's).
      const trialStatus = files.length === 0 ? null : this.statusBootingOnEmptyStorage();
      if (trialStatus === null) throw error;
      // Until a firmware boots here, the trial's idle status stands in (the runner reads its session figures).
      this.status = trialStatus;
      this.firmware = this.bootFailed(error);
    }
    this.status = this.firmware.status();
    this.waitUntilReady();
  }

  /**
   * Scenario time 0 is when the treadmill is ready: booted, and its belt watched standing still
   * for the standstill timeout (until then the firmware refuses a start, because after power-up
   * the belt may still be coasting from before). That wait runs before 0, at negative times.
   */
  private waitUntilReady(): void {
    if (this.firmwareRunning) {
      let status = this.firmware.status();
      while (!status.beltStill && this.scheduler.nowMs() < READY_LIMIT_MS) {
        this.scheduler.advance(10);
        status = this.firmware.status();
      }
      // Time 0 at the control tick that saw it (the status's time), so that the firmware's ticks
      // fall on whole periods of scenario time, as the scenarios' windows expect.
      this.epochMs = -status.timeMs;
    }
    this.ready = true;
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
    row.powered = this.powered;
    row.reboots = this.reboots;
    row.beltDistanceM = this.travelM;
    row.beltKph = sim.beltSpeedKph();
    row.duty = sim.motorDuty();
    row.motorEnabled = sim.motorEnabled();
    row.directionOutput = sim.directionBackward() ? 'backward' : 'forward';
    row.keyPresent = sim.keyPresent();
    row.inclinePct = sim.inclinePct();
    if (!this.firmwareRunning) return fillWithoutFirmware(row);
    row.state = status.state;
    row.direction = status.direction;
    row.pendingDirection = status.pendingDirection;
    row.targetKph = status.targetSpeedKph;
    row.setpointKph = status.setpointKph;
    row.measuredKph = status.measuredSpeedKph;
    row.fault = status.fault;
    row.countdownMs = status.countdownRemainingMs;
    row.distanceM = status.distanceM;
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

  /** Send a command to the firmware; a hung or absent firmware answers nothing, which reads as a refusal. */
  command(command: Command): CommandResult {
    if (this.hung) return { accepted: false, message: 'firmware hung: command lost' };
    return this.firmware.command(command);
  }

  /** Set the walker; a negative `massKg` keeps the current mass. The walker is the world's: power loss leaves them on the belt. */
  setWalker(mode: WalkerMode, massKg: number): void {
    if (massKg > 0) this.walkerMassKg = massKg;
    this.sim.setWalker(mode, this.walkerMassKg);
  }

  /** Inject a hardware fault, with its settings; it stays (power loss too: it is the hardware's) until `clearFault`. */
  injectFault(fault: SimFault, settings?: SimFaultSettings): void {
    this.sim.injectFault(fault, settings);
  }

  clearFault(fault: SimFault): void {
    this.sim.clearFault(fault);
  }

  /**
   * Write (or with `text` null, erase) a Storage file now, as the flash holds it after a write:
   * text cut short models a write cut by power loss. The firmware finds it when it next reads.
   * Returns false when the simulated flash refused the write.
   */
  writeStorage(name: string, text: string | null): boolean {
    if (text === null) {
      this.sim.storage.erase(name);
      return true;
    }
    return this.sim.storage.write(name, text);
  }

  /** The firmware's loop stops (timers halted, outputs left as they were) until the watchdog resets the board. */
  hang(): void {
    if (this.hung || !this.firmwareRunning) return;
    this.firmware.halt();
    this.hung = true;
    this.ftmsLink = null;
    this.options.onEvent(this.nowMs(), 'firmware hung: control loop stopped');
  }

  /**
   * Power fails: the firmware stops, the board's outputs fall to their power-on levels (motor
   * unpowered, relay and lift off) and the belt coasts on under its load and friction. After
   * `offMs` (0: at once, in this call) power returns and the firmware boots with the storage as it
   * was, into whatever the belt is doing then. Power lost while already off restarts the wait.
   */
  powerLoss(offMs: number): void {
    const nowMs = this.nowMs();
    if (this.powerReturn !== null) this.powerReturn.cancel();
    this.powerReturn = null;
    if (this.powered) {
      this.firmware.halt();
      this.resetBoard(this.sim);
      this.powered = false;
      this.firmwareRunning = false;
      this.hung = false;
      this.firmware = noFirmware(this.status, 'power off: command lost');
      this.ftmsLink = null;
      this.powerLosses++;
    }
    this.options.onEvent(nowMs, 'power lost' + (offMs > 0 ? ' for ' + offMs + ' ms' : ' and restored at once') + ': belt coasting at ' + Math.round(this.sim.beltSpeedKph() * 100) / 100 + ' km/h');
    if (offMs > 0) {
      this.powerReturn = this.scheduler.after(offMs, () => this.restorePower());
    } else this.restorePower();
  }

  /**
   * Hand on every FTMS event (a value the firmware set or sent, a client's write) recorded since
   * the last call, in order, with its scenario time in ms. Links are drained in boot order, so
   * times never go back.
   */
  takeFtmsEvents(onEvent: (timeMs: number, event: SimFtmsEvent) => void): void {
    while (this.ftmsLinkIndex < this.ftmsLinks.length) {
      const events = this.ftmsLinks[this.ftmsLinkIndex].events;
      // Link times are the scheduler's; the scenario's time 0 is `epochMs` later.
      while (this.ftmsEventIndex < events.length) {
        const event = events[this.ftmsEventIndex++];
        onEvent(this.epochMs + event.atMs, event);
      }
      if (this.ftmsLinkIndex === this.ftmsLinks.length - 1) return;
      this.ftmsLinkIndex++;
      this.ftmsEventIndex = 0;
    }
  }

  /** Errors thrown inside simulated timers so far (firmware or simulator bugs). */
  timerErrorCount(): number {
    return this.scheduler.errors.length;
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

  /** Power is back: the firmware boots on the same treadmill, whatever its belt is doing. */
  private restorePower(): void {
    this.powerReturn = null;
    this.powered = true;
    this.reboots++;
    this.options.onEvent(this.nowMs(), 'power restored: firmware booting, belt at ' + Math.round(this.sim.beltSpeedKph() * 100) / 100 + ' km/h');
    this.reboot();
  }

  /** Boot a new firmware instance after a reset; a boot that throws leaves the board without firmware, noted in `bootFailures`. */
  private reboot(): void {
    try {
      this.firmware = this.boot();
      this.firmwareRunning = true;
    } catch (error) {
      this.firmware = this.bootFailed(error);
    }
    this.status = this.firmware.status();
  }

  /** Note a boot that threw; the board sits with its outputs at power-on levels and no firmware. */
  private bootFailed(error: unknown): ScenarioFirmware {
    const text = error instanceof Error ? error.message : String(error);
    this.bootFailures.push('at ' + (this.nowMs() / 1000).toFixed(3) + ' s: ' + text);
    this.firmwareRunning = false;
    this.ftmsLink = null;
    this.resetBoard(this.sim);
    this.options.onEvent(this.nowMs(), 'the firmware did not boot: ' + text);
    if (this.sampler === null) this.sampler = this.scheduler.every(this.options.samplePeriodMs, this.onTick);
    return noFirmware(this.status, 'firmware not running: its boot failed');
  }

  /** The status of the firmware booted with this configuration on a scratch treadmill whose flash is empty; null when that boot throws too. */
  private statusBootingOnEmptyStorage(): TreadmillStatus | null {
    const sim = this.options.createSim(new SimScheduler(), this.options.simOptions);
    const hal = Object.assign({}, sim.hal) as TreadmillHal;
    const quiet = () => undefined;
    hal.log = { info: quiet, warn: quiet, error: quiet };
    try {
      const firmware = this.options.bootFirmware(hal, this.overrides(), machineConfigOfPlant(this.options.simOptions, this.options.machineConfig));
      firmware.halt();
      return firmware.status();
    } catch (_error) {
      return null;
    }
  }

  /** The configuration overrides every boot gets: like a board profile on the device, the simulated hardware tells the firmware its drive; a scenario's own config may still say otherwise. */
  private overrides(): object {
    return Object.assign({ drive: this.options.simOptions.drive }, this.options.config);
  }

  /** The button inputs as the firmware sees them: the same pins, with each press's answer reported to `onButtonAnswer`. */
  private reportingButtons(): TreadmillHal['buttons'] {
    const onAnswer = this.options.onButtonAnswer;
    const buttons = this.sim.hal.buttons as { [name: string]: DigitalIn | undefined };
    if (!onAnswer) return this.sim.hal.buttons;
    const wrapped: { [name: string]: DigitalIn } = {};
    SIM_BUTTONS.forEach((name) => {
      const input = buttons[name];
      if (input) wrapped[name] = this.reportingInput(input, name, onAnswer);
    });
    return wrapped as unknown as TreadmillHal['buttons'];
  }

  private reportingInput(input: DigitalIn, button: SimButton, onAnswer: (timeMs: number, button: SimButton, answer: CommandResult) => void): DigitalIn {
    return {
      read: () => input.read(),
      watch: (onEdge: (edge: EdgeEvent) => void) =>
        input.watch((edge: EdgeEvent) => {
          // The firmware's binding returns its answer (firmware/button-bindings.ts); the device ignores it.
          const answer: unknown = onEdge(edge);
          if (answer !== undefined && answer !== null) onAnswer(this.nowMs(), button, answer as CommandResult);
        }),
    };
  }

  /** Boot a firmware instance on the current treadmill, logging through the session, and start sampling after it. */
  private boot(): ScenarioFirmware {
    const hal = Object.assign({}, this.sim.hal) as TreadmillHal;
    hal.log = this.log;
    hal.buttons = this.reportingButtons();
    if (this.options.ftms) {
      const link = new SimFtmsLink(hal.scheduler, hal.clock);
      hal.ftms = link;
      this.ftmsLinks.push(link);
      this.ftmsLink = link;
    }
    const firmware = this.options.bootFirmware(hal, this.overrides(), machineConfigOfPlant(this.options.simOptions, this.options.machineConfig));
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
    if (sim !== this.sim || !this.firmwareRunning) return;
    this.firmware.halt();
    this.resetBoard(sim);
    this.watchdogResets++;
    this.reboots++;
    this.hung = false;
    this.options.onEvent(this.nowMs(), 'watchdog reset: firmware rebooted');
    this.reboot();
  }

  /** The board side of a reset: outputs to their power-on levels (the simulator's own reset when it has one). */
  private resetBoard(sim: ScenarioSim): void {
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
  }
}
