// The control loop: reads the ports, runs the pure safety and control steps, writes the ports.

import type { EdgeEvent } from '../hal/digital-in';
import type { MemoryReport } from '../hal/memory-report';
import type { PulseReading } from '../hal/pulse-counter';
import type { TimerHandle } from '../hal/scheduler';
import type { TreadmillHal } from '../hal/treadmill-hal';
import { BeepPlayer, type BeepEvent } from './beep-patterns';
import { bindButtons } from './button-bindings';
import { consoleReplyLine, statusData, type ConsoleCommands, type ConsoleEvent } from './console-protocol';
import type { Command, CommandResult, Direction } from './command';
import type { DirectionLimits, TreadmillConfig } from './config';
import { detectFault, earlyPulseOverspeed, makeFaultMonitorInputs, makeFaultMonitorState, type FaultMonitorInputs, type FaultMonitorState } from './core/fault-monitor';
import { makeSafetyContext, makeSafetyInputs, type SafetyContext, type SafetyInputs } from './core/safety-inputs';
import { COUNTDOWN, FAULT, INCLINE_ALLOWED, MOTOR_DRIVEN, RUNNING, STATE_BITS, type SafetyState } from './core/safety-state';
import { applyTransition, findTransition, tickNeedsTable, type TransitionRow } from './core/safety-transitions';
import { awaitingBeltMovement, controllerSettingsFor, makeControllerState, resetController, stepController, type ControllerSettings, type ControllerState } from './core/speed-controller';
import { makeSpeedEstimate, standstillDurationMs, standstillTimeoutMs, updateSpeedEstimate, type SpeedEstimate, type SpeedEstimatorSettings } from './core/speed-estimator';
import { rampSetpoint } from './core/setpoint-ramp';
import { makeSessionTracker, updateSessionMetrics, type SessionTracker } from './core/session-metrics';
import { applySpeedCommand, speedCapKph } from './core/speed-targets';
import { FAULT_MESSAGES, type FaultCode } from './fault-code';
import type { InclineDriver } from './incline-driver';
import { driveSafe } from './safe-outputs';
import type { ProgramStatus } from './program/program-control';
import type { HistoryEntry } from './persistence/session-history';
import type { Training, TrainingHost } from './training';
import type { TreadmillFeatures } from './treadmill-features';
import type { TreadmillObserver } from './treadmill-observer';
import type { TreadmillStatus } from './treadmill-status';
import type { TreadmillConsole } from './treadmill-console';

/** Storage record present while a session runs: found at boot, it means power loss or a reset. */
export const SESSION_MARKER = 'rt.session';

/** The program status of an edition without programs (made when asked: a small board keeps no object it rarely needs). */
function noProgram(): ProgramStatus {
  return { name: '', phase: 'off', segmentIndex: 0, segmentCount: 0, label: '', segmentRemainingMs: 0, remainingMs: 0, nextLabel: '', nextSpeedKph: 0, nextDirection: null, chosen: '' };
}

/**
 * Longest gap between ticks the loop integrates over, in control periods: a late tick must not
 * make a ramp jump, and a tick a little late (the interpreter ran a long event) still integrates.
 */
const MAX_TICK_GAP_PERIODS = 2.5;

/**
 * The slow part of the tick runs at a display's rate, ms: the session figures and the training
 * features' samples are brought up to date, and a state without drive writes its safe motor
 * outputs again. Why not every tick: on the interpreter this part costs several ticks' worth of
 * work (about a million instructions on the full edition), and nothing reads the figures faster
 * than once a second (a console's display, an FTMS notification). Time and distance
 * are summed exactly between updates, and every state change brings them up to date first, so
 * each interval counts in the state it ran in. The safe outputs are written on entering such a
 * state; writing them again puts right an output changed behind the firmware's back within this
 * period without paying for it every tick.
 */
export const DISPLAY_PERIOD_MS = 1000;

/**
 * The treadmill firmware. Made with the HAL and a validated configuration; `boot` starts it.
 * Everything it does to the world goes through `hal`, and every decision comes from the pure
 * core (firmware/core). Commands, key edges and ticks each run one safety transition.
 */
export class Treadmill implements TreadmillConsole {
  private readonly hal: TreadmillHal;
  private readonly config: TreadmillConfig;
  private readonly context: SafetyContext;
  private readonly inputs: SafetyInputs;
  private readonly estimate: SpeedEstimate;
  private readonly estimatorSettings: SpeedEstimatorSettings;
  private readonly controller: ControllerState;
  private readonly controllerSettings: ControllerSettings;
  private readonly monitor: FaultMonitorState;
  private readonly monitorInputs: FaultMonitorInputs;
  private readonly reading: PulseReading;
  /** Whether the tick reads the belt encoder into `reading` (false: the port keeps it current). */
  private readonly readsEncoder: boolean;
  private readonly current: TreadmillStatus;
  /** The incline lift, when the HAL has one (firmware/incline-driver.ts). */
  private readonly inclineDriver: InclineDriver | null;
  /** Session figures (status.metrics) and the encoder distance they last counted to, metres. */
  private readonly session: SessionTracker = makeSessionTracker();
  private sessionDistanceM = 0;
  /** Longest tick the loop integrates, ms (MAX_TICK_GAP_PERIODS control periods). */
  private readonly maxTickGapMs: number;
  /** Tick time not yet counted into the session figures, ms (see DISPLAY_PERIOD_MS). */
  private metricsPendingMs = 0;
  /** Programs, calibration and session history (firmware/training.ts); null in the core edition. */
  private readonly training: Training | null;
  /** The ramp limits of the selected direction (see noteDirection). */
  private limits: DirectionLimits;
  private targetKph = 0;
  private setpointKph = 0;
  private duty = 0;
  private lastTickMs = -1;
  private lastBeepSecond = -1;
  private tickTimer: TimerHandle | null = null;
  /** The console's status stream, while one is asked for (`watch`). */
  private watchTimer: TimerHandle | null = null;
  private halted = false;
  /** The beeper's patterns (firmware/beep-patterns.ts). */
  private readonly beeps: BeepPlayer;
  /** Starts the edition's display host at boot (TreadmillFeatures.startDisplay), or null. */
  private readonly startDisplay: TreadmillFeatures['startDisplay'];
  /** The display host's timer, while it draws. */
  private displayTimer: TimerHandle | null = null;
  /** Parts told of commands and status changes (firmware/treadmill-observer.ts): the FTMS host. */
  private readonly observers: TreadmillObserver[] = [];
  /** Whether a remote start may pass the safety table now (permitRemoteStarts); null: never. */
  private remoteStartPermit: (() => boolean) | null = null;
  /** The edition's own console commands (TreadmillFeatures.makeConsoleCommands), or null. */
  private readonly consoleCommands: ConsoleCommands | null;

  /** `features`: the optional parts this edition builds in (firmware/treadmill-features.ts). */
  constructor(hal: TreadmillHal, config: TreadmillConfig, features: TreadmillFeatures) {
    // Safe outputs before anything else: power-up and watchdog reset land in safe idle.
    driveSafe(hal);
    hal.motor.direction.write(false);
    this.hal = hal;
    this.config = config;
    const nowMs = hal.clock.nowMs();
    this.context = makeSafetyContext(nowMs);
    this.inputs = makeSafetyInputs();
    this.inputs.countdownMs = config.countdownMs;
    this.inputs.directionDwellMs = config.directionDwellMs;
    this.estimate = makeSpeedEstimate(nowMs);
    this.beeps = new BeepPlayer(hal.beeper, hal.scheduler);
    this.estimatorSettings = {
      metersPerPulse: config.metersPerPulse,
      standstillTimeoutMs: standstillTimeoutMs(config.metersPerPulse, config.minSpeedKph),
      implausibleSpeedKph: 2 * config.forward.maxSpeedKph + 10,
    };
    this.controller = makeControllerState();
    this.controllerSettings = controllerSettingsFor(config);
    this.monitor = makeFaultMonitorState();
    this.monitorInputs = makeFaultMonitorInputs();
    this.monitorInputs.maxDuty = config.maxDuty;
    this.monitorInputs.metersPerPulse = config.metersPerPulse;
    this.monitorInputs.minSpeedKph = config.minSpeedKph;
    this.limits = config.forward;
    this.noteDirection();
    this.maxTickGapMs = MAX_TICK_GAP_PERIODS * config.controlPeriodMs;
    this.reading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
    this.monitorInputs.pulses = this.reading;
    // A port that can keep the reading current spares the tick its read (PulseCounter.keepCurrent).
    const encoder = hal.beltEncoder;
    this.readsEncoder = encoder.keepCurrent === undefined;
    if (encoder.keepCurrent !== undefined) encoder.keepCurrent(this.reading);
    this.inclineDriver = hal.incline && features.makeInclineDriver !== null ? features.makeInclineDriver(hal.incline, config, hal.log, nowMs) : null;
    if (hal.incline && this.inclineDriver === null) hal.log.warn('boot: this firmware edition does not drive the incline; its outputs stay off');
    this.current = {
      state: 'idle',
      direction: 'forward',
      pendingDirection: null,
      targetSpeedKph: 0,
      setpointKph: 0,
      measuredSpeedKph: 0,
      beltStill: false,
      duty: 0,
      motorEnabled: false,
      keyPresent: false,
      fault: null,
      countdownRemainingMs: 0,
      reason: this.context.reason,
      distanceM: 0,
      inclinePct: 0,
      targetInclinePct: 0,
      timeMs: nowMs,
      metrics: this.session.metrics,
    };
    this.training = features.makeTraining !== null ? features.makeTraining(config, hal.storage, hal.log, this.trainingHost()) : null;
    this.startDisplay = features.startDisplay;
    this.consoleCommands = features.makeConsoleCommands && features.makeConsoleCommands(hal, this, config);
  }

  /** The running program's name, segment and time left (one object updated in place). */
  programStatus(): ProgramStatus {
    return this.training !== null ? this.training.programStatus() : noProgram();
  }

  /** The stored history read at boot, for the session recorder to append to (no-op without training). */
  continueHistory(history: HistoryEntry[]): void {
    if (this.training !== null) this.training.continueHistory(history);
  }

  /** What the training features may do to the treadmill. */
  private trainingHost(): TrainingHost {
    return {
      runLocal: (command: Command) => this.runLocal(command),
      setTargetSpeedKph: (speedKph: number) => {
        if (this.context.state === 'running') this.targetKph = speedKph;
      },
      setTargetInclinePct: (inclinePct: number, result: CommandResult) => {
        if (this.inclineDriver !== null) this.inclineDriver.command(inclinePct, this.inclineDirection(), this.inclineAllowed(this.hal.safetyKey.read()), result);
        else {
          result.accepted = false;
          result.message = 'this machine has no incline';
        }
      },
      targetSpeedKph: () => this.targetKph,
      targetInclinePct: () => (this.inclineDriver !== null ? this.inclineDriver.targetInclinePct() : 0),
      state: () => this.context.state,
      direction: () => this.context.direction,
      pendingDirection: () => this.context.pendingDirection,
      beginCountdown: (source: Command['source']) => this.beginCountdown(source),
      requestStop: () => this.requestStop(),
      status: () => this.status(),
      beep: (event: BeepEvent) => this.beeps.play(event),
    };
  }

  /** The table's start row for a command from `source`: '' when the countdown began, else why not. */
  private beginCountdown(source: Command['source']): string {
    const nowMs = this.hal.clock.nowMs();
    this.fillInputs(nowMs, this.hal.safetyKey.read(), null);
    this.inputs.command = 'start';
    this.inputs.source = source;
    const transition = findTransition(this.context, this.inputs);
    this.inputs.command = null;
    if (transition === null || transition.to !== 'countdown') return transition !== null ? transition.why : 'the belt cannot start now';
    this.applyRow(transition, nowMs);
    return '';
  }

  /** A controlled stop through the table, as if stop were pressed. */
  private requestStop(): void {
    const nowMs = this.hal.clock.nowMs();
    this.fillInputs(nowMs, this.hal.safetyKey.read(), null);
    this.inputs.command = 'stop';
    const transition = findTransition(this.context, this.inputs);
    this.inputs.command = null;
    if (transition !== null) this.applyRow(transition, nowMs);
  }

  /** A command the program part sends on the user's behalf: the same rules, not counted as the user's override. */
  private runLocal(command: Command): CommandResult {
    const result: CommandResult = { accepted: false, message: '' };
    this.handleCommand(command, result);
    this.refreshStatus(this.hal.clock.nowMs());
    if (!result.accepted) this.hal.log.info('refused ' + command.name + ' (program): ' + result.message);
    return result;
  }

  /** The console's line protocol: one request line in, its reply line out (see TreadmillConsole). */
  reply(line: unknown): string {
    return consoleReplyLine(line, this, this.consoleCommands);
  }

  /** The interpreter's memory, where the board reports it (see TreadmillConsole). */
  memoryReport(): MemoryReport | null {
    return this.hal.memory ? this.hal.memory() : null;
  }

  /** The console's status stream and state-change events (see TreadmillConsole); on their own timer, never in the tick. */
  watch(everyMs: number): CommandResult {
    const log = this.hal.log;
    if (!log.data) return { accepted: false, message: 'this console cannot stream' };
    this.unwatch();
    const data = log.data.bind(log);
    this.watchTimer = this.hal.scheduler.every(everyMs, () => {
      const line: { [field: string]: unknown } = { event: 'status' };
      const status = statusData(this) as { [field: string]: unknown };
      Object.keys(status).forEach((field) => {
        line[field] = status[field];
      });
      data(JSON.stringify(line));
    });
    return { accepted: true, message: 'status every ' + everyMs + ' ms, and each state change' };
  }

  unwatch(): CommandResult {
    const watching = this.watchTimer !== null;
    if (this.watchTimer !== null) this.watchTimer.cancel();
    this.watchTimer = null;
    return { accepted: true, message: watching ? 'stream stopped' : 'no stream' };
  }

  /** Arm the watchdog, watch the key and buttons, report how the last session ended, start ticking. */
  boot(): void {
    const hal = this.hal;
    hal.watchdog.enable(this.config.watchdogTimeoutMs);
    hal.safetyKey.watch((edge: EdgeEvent) => this.onKeyEdge(edge));
    // A runaway's early pulse latches overspeed in the pulse's own event (the limit is the monitor's).
    if (hal.beltEncoder.watchEarlyPulses) hal.beltEncoder.watchEarlyPulses(this.monitor, (pulseMs: number, intervalMs: number) => this.onEarlyPulse(pulseMs, intervalMs));
    // A refused press is answered by ear as well (two low buzzes; the words go to the console).
    const press = (command: Command) => {
      const result = this.command(command);
      if (!result.accepted) this.beeps.play('refused');
      return result;
    };
    bindButtons(hal.buttons, hal.scheduler, press, () => this.directionAfterToggle(), (stepSign) => this.inclineAfterStep(stepSign));
    // The Program and quick-speed keys are the training features' (the full edition's only).
    if (this.training !== null) this.training.bindKeys(hal.buttons, press);
    if (hal.storage.read(SESSION_MARKER) !== undefined) {
      // Power loss or a reset during a session: say so, and never resume (machinery rules).
      hal.log.warn('boot: the last session ended by power loss or reset; belt idle, press start to run');
      hal.storage.erase(SESSION_MARKER);
    }
    hal.log.info('boot: safe idle');
    this.lastTickMs = hal.clock.nowMs();
    this.tickTimer = hal.scheduler.every(this.config.controlPeriodMs, (nowMs) => this.tick(nowMs));
    this.refreshStatus(this.lastTickMs);
    // The display redraws on a timer of its own, after the tick's (never inside it).
    if (hal.display && this.startDisplay !== null) this.displayTimer = this.startDisplay(hal, this, this.config);
  }

  /**
   * Stop ticking and ignore every event from now on, leaving the outputs as they are: this is how
   * a simulator or test models a hung control loop (the watchdog must then reset the board) or
   * the end of an instance at power loss. It is not a shutdown path; `driveSafe` is.
   */
  halt(): void {
    this.halted = true;
    if (this.tickTimer) this.tickTimer.cancel();
    this.tickTimer = null;
    // A hung board's display freezes too; and an instance that models power loss must leave the display to the next.
    if (this.displayTimer !== null) this.displayTimer.cancel();
    this.displayTimer = null;
    this.unwatch();
    this.notifyObservers(null, null);
  }

  /** Tell `observer` of every command, status change and the halt from now on (called at boot, not per tick). */
  observe(observer: TreadmillObserver): void {
    this.observers.push(observer);
  }

  /**
   * Let remote starts pass the safety table while `permit` says a local arming is in force (the
   * FTMS host: firmware/ftms/control-session.ts defines arming). Asked at every command (a pure
   * query; only a remote start's row reads the answer); without a permit every remote start is
   * refused. The table still checks the key, the belt's standstill and a pending direction
   * change, as for a start at the machine.
   */
  permitRemoteStarts(permit: () => boolean): void {
    this.remoteStartPermit = permit;
  }

  /** Call each observer; a throw is logged and never reaches the control loop or the walker. */
  private notifyObservers(command: Command | null, result: CommandResult | null): void {
    const observers = this.observers;
    for (let index = 0; index < observers.length; index++) {
      try {
        if (command !== null && result !== null) observers[index].onCommand(command, result);
        else if (this.halted) observers[index].onHalt();
        else observers[index].onStatusChange(this.current);
      } catch (error) {
        this.hal.log.error('observer: ' + String(error));
      }
    }
  }

  /** The latest snapshot (one object updated in place). */
  status(): TreadmillStatus {
    this.syncStatus();
    return this.current;
  }

  /**
   * Handle one command from a button, the serial console or a remote client. The safety table
   * decides; speed commands then go to the target rules. Never throws: a malformed command is
   * refused with a message.
   */
  command(command: Command): CommandResult {
    const result: CommandResult = { accepted: false, message: '' };
    if (this.halted) {
      result.message = 'firmware halted';
      return result;
    }
    // A remote link may hand over anything: refuse what is not a named command before reading it,
    // so a malformed message can neither throw nor latch a control error under a walker.
    if (command === null || typeof command !== 'object' || typeof command.name !== 'string') {
      result.message = 'malformed command: needs a name and a source';
      this.hal.log.info('refused a malformed command');
      return result;
    }
    try {
      this.handleCommand(command, result);
      if (result.accepted && this.training !== null) this.training.noteAccepted(command);
      // A command may change targets or a pending direction without a state change: report it now.
      this.refreshStatus(this.hal.clock.nowMs());
    } catch (error) {
      this.recoverFromError(error);
      result.accepted = false;
      result.message = 'internal error: outputs made safe';
    }
    if (!result.accepted) this.hal.log.info('refused ' + command.name + ' (' + command.source + '): ' + result.message);
    this.notifyObservers(command, result);
    return result;
  }

  private handleCommand(command: Command, result: CommandResult): void {
    if (command.source !== 'local' && command.source !== 'remote') {
      result.message = 'command source must be local or remote';
      return;
    }
    if (command.name === 'setDirection' && command.direction !== 'forward' && command.direction !== 'backward') {
      result.message = 'setDirection needs direction forward or backward';
      return;
    }
    // The training features first: a Start press with a program chosen on the idle screen is the
    // program's start (its own start, which comes back here, meets the incline's check below).
    if (this.training !== null && this.training.command(command, result)) return;
    if (command.name === 'start' && this.context.state === 'idle' && this.inclineDriver !== null) {
      // Backward mode caps the incline: the start waits until the lift is down (it already lowers).
      const blocker = this.inclineDriver.startBlocker(this.inclineDirection());
      if (blocker !== '') {
        result.message = blocker;
        return;
      }
    }
    const nowMs = this.hal.clock.nowMs();
    this.fillInputs(nowMs, this.hal.safetyKey.read(), null);
    this.inputs.command = command.name;
    this.inputs.source = command.source;
    const permit = this.remoteStartPermit;
    // Both are read only by the rows they concern (a remote start, setDirection): asking the
    // permit or passing a direction for another command changes no row.
    this.inputs.remoteArmed = permit !== null && permit();
    this.inputs.requestedDirection = command.direction || null;
    const transition = findTransition(this.context, this.inputs);
    this.inputs.command = null;
    this.inputs.remoteArmed = false;
    if (transition !== null) {
      this.applyRow(transition, nowMs);
      result.accepted = transition.accepts;
      result.message = transition.why;
      return;
    }
    if (command.name === 'speedUp' || command.name === 'speedDown' || command.name === 'setSpeed' || command.name === 'slowDown') {
      if (this.context.state !== 'running') {
        result.message = 'belt not running: press start first';
        return;
      }
      this.targetKph = applySpeedCommand(this.targetKph, command, this.context.direction, this.config, result);
      return;
    }
    if (command.name === 'setIncline') {
      if (this.inclineDriver === null) result.message = 'this machine has no incline';
      else this.inclineDriver.command(command.inclinePct, this.inclineDirection(), this.inclineAllowed(this.hal.safetyKey.read()), result);
      return;
    }
    result.message = 'unknown command ' + command.name;
  }

  /** The latest calibration's outcome in words ('' before any, and in an edition without calibration). */
  calibrationOutcome(): string {
    return this.training !== null ? this.training.calibrationOutcome() : '';
  }

  calibrating(): boolean {
    return this.training !== null && this.training.calibrating();
  }

  /** The units the user sees speeds in (config.units, from the stored settings); figures stay km/h. */
  displayUnits(): 'kph' | 'mph' {
    return this.config.units;
  }

  /** The direction whose incline cap applies: the pending one during a change, else the current one. */
  private inclineDirection(): Direction {
    return this.context.pendingDirection !== null ? this.context.pendingDirection : this.context.direction;
  }

  /** Whether the lift may move: the safety state allows it and the key (the stop for a powered incline) is in. */
  private inclineAllowed(keyPresent: boolean): boolean {
    return keyPresent && (STATE_BITS[this.context.state] & INCLINE_ALLOWED) !== 0;
  }

  /** The incline target an incline button press asks for (one step, clamped to 0..cap). */
  private inclineAfterStep(stepSign: number): number {
    return this.inclineDriver === null ? 0 : this.inclineDriver.steppedTargetPct(stepSign, this.inclineDirection());
  }

  /** Find 0 % again: the lift drives down to its lower limit (or a stall) and re-zeroes there. */
  homeIncline(): CommandResult {
    const result: CommandResult = { accepted: false, message: 'this machine has no incline' };
    if (this.inclineDriver === null || this.halted) return result;
    if (!this.inclineAllowed(this.hal.safetyKey.read())) {
      result.message = 'incline held: insert the key, or leave free-belt mode, first';
      return result;
    }
    this.inclineDriver.home(this.hal.clock.nowMs());
    result.accepted = true;
    result.message = 'incline homing';
    return result;
  }

  private directionAfterToggle(): Direction {
    const target = this.context.pendingDirection !== null ? this.context.pendingDirection : this.context.direction;
    return target === 'forward' ? 'backward' : 'forward';
  }

  /**
   * A belt encoder pulse shorter than the fault monitor's early-pulse limit (see
   * `FaultMonitorState.earlyPulseMinIntervalMs`): judged at once (`earlyPulseOverspeed`), and a
   * runaway latches overspeed in the pulse's own event, as a key pull does, so the motor is cut
   * without waiting for the next tick. Only while the motor may drive; the limit is 0 otherwise,
   * so the port does not call.
   */
  private onEarlyPulse(pulseMs: number, intervalMs: number): void {
    if (this.halted || (STATE_BITS[this.context.state] & MOTOR_DRIVEN) === 0) return;
    try {
      const nowMs = this.hal.clock.nowMs();
      if (!earlyPulseOverspeed(this.monitor, intervalMs, this.config.metersPerPulse, this.config.faults)) return;
      this.fillInputs(nowMs, this.hal.safetyKey.read(), 'overspeed');
      const transition = findTransition(this.context, this.inputs);
      if (transition !== null) {
        this.hal.log.warn('overspeed: found at a belt pulse ' + (nowMs - pulseMs).toFixed(0) + ' ms ago, before the next tick');
        this.applyRow(transition, nowMs);
      }
    } catch (error) {
      this.recoverFromError(error);
    }
  }

  /**
   * Key edges act at once, in the edge's own event: a removed key cuts the motor before this
   * callback returns, without waiting for the next tick.
   */
  private onKeyEdge(edge: EdgeEvent): void {
    if (this.halted) return;
    try {
      const nowMs = this.hal.clock.nowMs();
      this.fillInputs(nowMs, edge.active, null);
      const transition = findTransition(this.context, this.inputs);
      if (transition !== null) this.applyRow(transition, nowMs);
      // The key also stops a powered incline in its own event, in every state (idle too).
      if (!edge.active && this.inclineDriver !== null) this.inclineDriver.stop(nowMs);
      // A pulled key also ends the Program key's choice (after the motor is cut: nothing waits for it).
      if (!edge.active && this.training !== null) this.training.keyPulled();
      this.current.keyPresent = edge.active;
      // Observers hear of every key edge, idle included (a pull disarms remote starts at once).
      this.notifyObservers(null, null);
    } catch (error) {
      this.recoverFromError(error);
    }
  }

  /**
   * One control tick. Why it is written this way: on the board the interpreter runs it from
   * source, token by token, tens of times a second, so it does only what must happen every tick
   * (read the belt, check for faults, ramp, control, write the motor) and leaves the rest to the
   * events that change it: the safety table is consulted only when a row can match
   * (`tickNeedsTable`), the status fields that change on events are set by the events, and the
   * session figures follow at a display's rate (DISPLAY_PERIOD_MS).
   */
  private tick(nowMs: number): void {
    if (this.halted) return;
    try {
      // Locals only for what the tick reads often: on the interpreter each local a tick declares
      // costs about as much as two field reads.
      const context = this.context;
      let dtMs = nowMs - this.lastTickMs;
      if (dtMs > this.maxTickGapMs) dtMs = this.maxTickGapMs;
      else if (dtMs < 0) dtMs = 0;
      this.lastTickMs = nowMs;
      const keyPresent = this.hal.safetyKey.read();
      const reading = this.reading;
      if (this.readsEncoder) this.hal.beltEncoder.read(reading);
      updateSpeedEstimate(this.estimate, reading, nowMs, this.estimatorSettings);
      // The state as a bit (STATE_BITS), read again after whatever may change it within the tick
      // (the table, the training features): on the interpreter a bit test costs about half a
      // comparison of the state's name.
      let bits = STATE_BITS[context.state];

      let detected: FaultCode | null = null;
      if ((bits & FAULT) === 0) {
        const monitorInputs = this.monitorInputs;
        monitorInputs.nowMs = nowMs;
        monitorInputs.dtMs = dtMs;
        monitorInputs.motorDriven = (bits & MOTOR_DRIVEN) !== 0;
        monitorInputs.duty = this.duty;
        monitorInputs.setpointKph = this.setpointKph;
        monitorInputs.measuredSpeedKph = this.estimate.speedKph;
        monitorInputs.pulseCount = reading.count;
        monitorInputs.edgesLost = reading.overflowed;
        if (this.hal.beltDirectionSensor) monitorInputs.sensedBackward = this.hal.beltDirectionSensor.read();
        detected = detectFault(this.monitor, monitorInputs, this.config.faults);
        // The incline driver stopped the lift when it found a runaway; the safety table latches it here.
        if (detected === null && this.inclineDriver !== null) detected = this.inclineDriver.foundFault;
      }

      // A running belt with the key in and no fault found asks the table nothing (tickNeedsTable
      // says no there without reading its inputs): the most common tick skips filling them.
      if ((bits & RUNNING) === 0 || !keyPresent || detected !== null) {
        this.fillInputs(nowMs, keyPresent, detected);
        if (tickNeedsTable(context, this.inputs)) {
          const transition = findTransition(context, this.inputs);
          if (transition !== null) {
            this.applyRow(transition, nowMs);
            bits = STATE_BITS[context.state];
          }
        }
      }

      const training = this.training;
      if (training !== null && training.ticking) {
        training.beforeRamp(nowMs, dtMs);
        bits = STATE_BITS[context.state];
      }
      if ((bits & MOTOR_DRIVEN) !== 0) {
        let rampTargetKph = 0;
        if ((bits & RUNNING) !== 0) {
          // A direct drive's start waits at the start speed until its belt shows it moves (see
          // awaitingBeltMovement); calibration drives open loop and sets its own pace.
          rampTargetKph = this.targetKph;
          if (rampTargetKph > this.config.startSpeedKph && awaitingBeltMovement(this.controller, this.controllerSettings) && !(training !== null && training.calibrating())) rampTargetKph = this.config.startSpeedKph;
        }
        // At the target the ramp changes nothing: no call (it costs on the interpreter).
        if (rampTargetKph !== this.setpointKph) this.setpointKph = rampSetpoint(this.setpointKph, rampTargetKph, this.limits.accelKphPerS, this.limits.decelKphPerS, dtMs);
        this.duty = stepController(this.controller, this.setpointKph, this.estimate, dtMs, this.controllerSettings);
      }
      // A state without drive has duty and setpoint 0: entering it set them (enterState, recoverFromError).
      if (training !== null && training.ticking && training.calibrationDriving(nowMs, reading)) {
        // Open loop: the routine's step replaces the controller's duty, and its expected speed is
        // the target the ramp follows (the fault monitor's reference next tick).
        resetController(this.controller);
        this.targetKph = training.calibrationReferenceKph();
        this.duty = training.calibrationDuty();
        bits = STATE_BITS[context.state];
      }
      // Only a driven state changes the motor outputs; the others were made safe on entry.
      if ((bits & MOTOR_DRIVEN) !== 0) this.driveMotor();
      // The lift may move when the state allows it and the key is in; the cap is the pending
      // direction's during a change (written out here: a call costs on the interpreter).
      if (this.inclineDriver !== null) this.inclineDriver.step(nowMs, dtMs, keyPresent && (bits & INCLINE_ALLOWED) !== 0, context.pendingDirection !== null ? context.pendingDirection : context.direction);
      if ((bits & COUNTDOWN) !== 0) this.soundCountdown(nowMs);
      // The rest of what a tick changes reaches the status when it is read (syncStatus); what
      // events change is set by the events (refreshStatus).
      this.current.keyPresent = keyPresent;
      this.metricsPendingMs += dtMs;
      if (this.metricsPendingMs >= DISPLAY_PERIOD_MS) {
        this.updateMetrics();
        if ((bits & MOTOR_DRIVEN) === 0) this.writeMotorOff();
      }
      // Only a complete, healthy step proves the loop alive (not merely that timers run).
      this.hal.watchdog.kick();
    } catch (error) {
      this.recoverFromError(error);
    }
  }

  /**
   * Bring the status's figures that every tick changes up to date: speeds, duty, distance,
   * incline. Why not in the tick: on the interpreter each assignment costs, and these are read
   * far less often than the tick runs (a display, a notification, a command's answer); every
   * reader goes through `status()`, which calls this.
   */
  private syncStatus(): void {
    const status = this.current;
    // The figures' time: the last tick's, or an event's that ran since (refreshStatus set it).
    if (this.lastTickMs > status.timeMs) status.timeMs = this.lastTickMs;
    status.targetSpeedKph = this.targetKph;
    status.setpointKph = this.setpointKph;
    status.measuredSpeedKph = this.estimate.speedKph;
    status.beltStill = this.estimate.standstillSinceMs !== -1;
    status.duty = this.duty;
    status.distanceM = this.estimate.distanceM;
    const incline = this.inclineDriver;
    if (incline !== null) {
      status.inclinePct = incline.measuredPct();
      status.targetInclinePct = incline.targetInclinePct();
    }
  }

  private fillInputs(nowMs: number, keyPresent: boolean, detected: FaultCode | null): void {
    const inputs = this.inputs;
    inputs.nowMs = nowMs;
    inputs.keyPresent = keyPresent;
    inputs.standstillMs = standstillDurationMs(this.estimate, nowMs);
    inputs.measuredSpeedKph = this.estimate.speedKph;
    inputs.setpointKph = this.setpointKph;
    inputs.detectedFault = detected;
    inputs.command = null;
    inputs.source = 'local';
    inputs.requestedDirection = null;
  }

  /** Apply a transition row and everything entering its state implies. */
  private applyRow(transition: TransitionRow, nowMs: number): void {
    const before = this.context.state;
    const directionBefore = this.context.direction;
    // The figures so far belong to the state they ran in.
    // No row leads from a state to itself (the table's tests check it): a target is a change of state.
    if (transition.to !== null) this.updateMetrics();
    applyTransition(this.context, transition, this.inputs);
    const after = this.context.state;
    if (this.context.direction !== directionBefore) {
      // Only reached from idle at measured standstill; re-check the outputs before moving the relay.
      if (this.duty > 0 || this.hal.motor.enable.read()) throw new Error('direction switch attempted while the motor is driven');
      this.hal.motor.direction.write(this.context.direction === 'backward');
      this.noteDirection();
    }
    if (after !== before) this.enterState(before, after, nowMs);
    else this.refreshStatus(nowMs);
    // Log what changed; a refusal changes nothing and is logged once, by command().
    if (after !== before || transition.effect !== 'none') {
      this.hal.log.info(before + ' -> ' + after + ': ' + this.context.reason + (this.context.fault ? ' (' + FAULT_MESSAGES[this.context.fault] + ')' : ''));
    }
  }

  private enterState(before: SafetyState, after: SafetyState, nowMs: number): void {
    if (after === 'running' && before === 'countdown') {
      this.setpointKph = 0;
      this.targetKph = this.config.startSpeedKph;
      this.hal.storage.write(SESSION_MARKER, '1');
    }
    if (after === 'countdown') this.lastBeepSecond = -1;
    if (after === 'running' && before === 'countdown') this.beeps.play('start');
    if (after === 'fault') this.beeps.play(this.context.fault === 'keyRemoved' ? 'keyPulled' : 'fault');
    if (after === 'idle' || after === 'fault' || after === 'freeBelt') {
      this.targetKph = 0;
      this.setpointKph = 0;
      if (before === 'running' || before === 'stopping') this.hal.storage.erase(SESSION_MARKER);
    }
    // Lowering a ceiling takes effect in the same event; raising waits for the next tick.
    const afterBit = STATE_BITS[after];
    if ((afterBit & MOTOR_DRIVEN) === 0) {
      // No early pulses judged while the motor may not drive (the monitor sets the limit again when it may).
      this.monitor.earlyPulseMinIntervalMs = 0;
      resetController(this.controller);
      this.writeMotorOff();
    }
    if ((afterBit & INCLINE_ALLOWED) === 0 && this.hal.incline) {
      this.hal.incline.up.write(false);
      this.hal.incline.down.write(false);
    }
    this.refreshStatus(nowMs);
    if (this.training !== null) this.training.stateChanged(before, after, this.current, this.context.fault, nowMs);
    if (this.watchTimer !== null && this.hal.log.data) {
      const event: ConsoleEvent = { event: 'state', from: before, to: after, reason: this.context.reason, fault: this.context.fault, timeMs: nowMs };
      this.hal.log.data(JSON.stringify(event));
    }
  }

  /** The ramp limits and the fault monitor's cap and direction follow the selected direction (set when it changes, not per tick). */
  private noteDirection(): void {
    const direction = this.context.direction;
    this.limits = direction === 'backward' ? this.config.backward : this.config.forward;
    this.monitorInputs.speedCapKph = speedCapKph(this.config, direction);
    this.monitorInputs.commandedBackward = direction === 'backward';
  }

  /**
   * The tick's motor write in a driven state: the duty under the ceiling, the enable once per run.
   * `writeMotorOff` is the write of the states without drive.
   */
  private driveMotor(): void {
    // Fields rather than locals, as in the tick. Written so that a duty that is not a number (a
    // bug upstream) goes out as 0, not as the ceiling.
    if (!(this.duty <= this.config.maxDuty)) this.duty = this.duty > this.config.maxDuty ? this.config.maxDuty : 0;
    if (!this.current.motorEnabled) {
      this.hal.motor.enable.write(true);
      this.current.motorEnabled = true;
    }
    this.hal.motor.speed.write(this.duty);
  }

  /**
   * The motor write of a state without drive, the only states that call it (entering one, and the
   * display-rate rewrite): duty 0 before the enable goes off.
   */
  private writeMotorOff(): void {
    this.duty = 0;
    const motor = this.hal.motor;
    motor.speed.write(0);
    motor.enable.write(false);
    this.current.motorEnabled = false;
  }

  /** In countdown: the time left in the status, and a beep at each whole second. */
  private soundCountdown(nowMs: number): void {
    const remainingMs = this.config.countdownMs - (nowMs - this.context.stateSinceMs);
    // Always above 0 here: at 0 the table's countdown row has already left the countdown this tick.
    this.current.countdownRemainingMs = remainingMs;
    const second = Math.ceil(remainingMs / 1000);
    if (second !== this.lastBeepSecond) {
      this.lastBeepSecond = second;
      this.beeps.play('countdown');
    }
  }

  /**
   * Something threw: latch a control error, make every output safe, and do not kick the watchdog.
   * The latch comes first and is plain assignments, which cannot throw: what follows (the HAL's
   * outputs, log, beeper, storage, the status's observers) may be what failed, and a throw there
   * must never leave the state driving (it once did: a log or storage that threw here left the
   * belt running). Each later step runs on its own, so one failing does not skip the others.
   */
  private recoverFromError(error: unknown): void {
    const context = this.context;
    const latching = context.state !== 'fault';
    const endsSession = context.state === 'running' || context.state === 'stopping';
    if (latching) {
      context.state = 'fault';
      context.fault = 'controlError';
      context.stateSinceMs = this.lastTickMs;
      context.reason = 'control error: outputs made safe and latched';
      context.pendingDirection = null;
      this.targetKph = 0;
      this.setpointKph = 0;
    }
    this.duty = 0;
    resetController(this.controller);
    driveSafe(this.hal);
    // The fault's own time (stateSinceMs, above) is the last tick's: only the countdown reads a
    // state's time, and every way out of fault sets it anew. The clock is for the status and log.
    let nowMs = this.lastTickMs;
    try {
      nowMs = this.hal.clock.nowMs();
    } catch (_clock) {
      // The last tick's time stands in.
    }
    try {
      this.hal.log.error('control error: ' + String(error) + '; outputs made safe');
    } catch (_log) {
      // Nothing more to tell it with.
    }
    try {
      this.beeps.play('fault');
    } catch (_beep) {
      // The latch and the safe outputs do not depend on the beep.
    }
    // A session that ran ends here, as on any fault: its marker goes, or the next boot would
    // report it cut by a power loss or reset (enterState does this for the table's faults).
    if (latching && endsSession) {
      try {
        this.hal.storage.erase(SESSION_MARKER);
      } catch (_storage) {
        // The next boot then reports the session as cut: wrong, but on the safe side.
      }
    }
    try {
      this.refreshStatus(nowMs);
    } catch (_status) {
      // Outputs are already safe and the fault latched; the watchdog will reset a loop that keeps failing.
    }
  }

  /**
   * Count the belt travel and time since the last update into the session figures, in the state
   * they ran in (a state change calls this before it applies). The pure core sees session starts
   * and ends in the state, so no other hook is needed. Then the training features sample.
   */
  private updateMetrics(): void {
    this.syncStatus();
    const distanceM = this.estimate.distanceM;
    const context = this.context;
    updateSessionMetrics(this.session, this.config, this.metricsPendingMs, distanceM - this.sessionDistanceM, this.estimate.speedKph, context.direction, this.current.inclinePct, context.state);
    this.sessionDistanceM = distanceM;
    this.metricsPendingMs = 0;
    if (this.training !== null) this.training.afterTick(this.current, this.session.metrics);
  }

  private refreshStatus(nowMs: number): void {
    const status = this.current;
    const context = this.context;
    status.state = context.state;
    status.direction = context.direction;
    status.pendingDirection = context.pendingDirection;
    status.targetSpeedKph = this.targetKph;
    status.setpointKph = this.setpointKph;
    status.measuredSpeedKph = this.estimate.speedKph;
    status.beltStill = this.estimate.standstillSinceMs !== -1;
    status.duty = this.duty;
    status.motorEnabled = this.hal.motor.enable.read();
    status.keyPresent = this.hal.safetyKey.read();
    status.fault = context.fault;
    status.countdownRemainingMs = context.state === 'countdown' ? Math.max(0, this.config.countdownMs - (nowMs - context.stateSinceMs)) : 0;
    status.reason = context.reason;
    status.distanceM = this.estimate.distanceM;
    status.inclinePct = this.inclineDriver !== null ? this.inclineDriver.measuredPct() : 0;
    status.targetInclinePct = this.inclineDriver !== null ? this.inclineDriver.targetInclinePct() : 0;
    status.timeMs = nowMs;
    // Events only: a tick reaches here only through a transition it applied.
    this.notifyObservers(null, null);
  }
}
