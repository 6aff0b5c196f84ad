// The training features of the full edition: programs, duty calibration, session history, belt-distance setting, the Program and quick-speed keys.

import type { Log } from '../hal/log';
import type { ConsoleButtons } from '../hal/treadmill-hal';
import type { PulseReading } from '../hal/pulse-counter';
import type { Storage } from '../hal/storage';
import type { BeepEvent } from './beep-patterns';
import { applyBeltDistanceCommand } from './belt-distance-command';
import { CALIBRATION_START_MESSAGE, CalibrationControl } from './calibration-control';
import type { Command, CommandResult, Direction } from './command';
import type { TreadmillConfig } from './config';
import { bindExtraKeys } from './extra-keys';
import { suggestBackwardSession } from './core/progress-suggestion';
import type { SafetyState } from './core/safety-state';
import type { SessionMetrics } from './core/session-metrics';
import { speedCapKph } from './core/speed-targets';
import type { FaultCode } from './fault-code';
import { loadHistory, type HistoryEntry } from './persistence/session-history';
import { SessionRecorder } from './persistence/session-recorder';
import { ProgramControl, type ProgramStatus } from './program/program-control';
import type { TreadmillStatus } from './treadmill-status';

/** What the training features need of the treadmill (firmware/treadmill.ts implements it). */
export interface TrainingHost {
  /** Run a local command through the treadmill's normal rules; logged when refused. */
  runLocal(command: Command): CommandResult;
  /** Set the running belt's target speed, km/h (ignored unless running). */
  setTargetSpeedKph(speedKph: number): void;
  /** Ask the incline for `inclinePct`; fills `result` (refused when there is no incline). */
  setTargetInclinePct(inclinePct: number, result: CommandResult): void;
  targetSpeedKph(): number;
  targetInclinePct(): number;
  /** The safety state, direction and pending direction now. */
  state(): SafetyState;
  direction(): Direction;
  pendingDirection(): Direction | null;
  /**
   * Run the safety table's start row for a command from `source` (key, standstill, countdown
   * rules all apply). Returns '' when the countdown began, else why not.
   */
  beginCountdown(source: Command['source']): string;
  /** Ask the safety table for a normal controlled stop. */
  requestStop(): void;
  /** The treadmill's status, up to date. */
  status(): TreadmillStatus;
  /** Announce an event on the beeper (firmware/beep-patterns.ts). */
  beep(event: BeepEvent): void;
}

/**
 * Programs, calibration and the session recorder behind one face, so that the treadmill calls
 * a handful of hooks and an edition without them (firmware/core-edition.ts) leaves all of it out
 * of its bundle. The treadmill calls `command` before the safety table, `beforeRamp` after the
 * tick's transition, `calibrationDriving` after the controller, `afterTick` after the status,
 * and `stateChanged` on every state change.
 */
export class Training {
  private readonly host: TrainingHost;
  private readonly config: TreadmillConfig;
  private readonly storage: Storage;
  private readonly log: Log;
  private readonly program: ProgramControl;
  private readonly calibration: CalibrationControl;
  /** Sums up each session for the stored history; the program runner marks completions. */
  readonly recorder: SessionRecorder = new SessionRecorder();
  /**
   * Whether the tick has anything to ask of the training features: a program or a calibration is
   * active, or a session is still open in idle (a program that ended while paused). Kept up to
   * date after everything that can change it (commands, state changes, the per-tick calls), so
   * the treadmill's tick reads one field instead of making two calls every tick: on the
   * interpreter, a plain running session would pay for both.
   */
  ticking = false;

  constructor(config: TreadmillConfig, storage: Storage, log: Log, host: TrainingHost) {
    this.host = host;
    this.config = config;
    this.storage = storage;
    this.log = log;
    this.calibration = new CalibrationControl(config, storage, log);
    this.program = new ProgramControl(
      config,
      storage,
      log,
      {
        runLocal: (command: Command) => host.runLocal(command),
        setTargetSpeedKph: (speedKph: number) => host.setTargetSpeedKph(speedKph),
        setTargetInclinePct: (inclinePct: number, result: CommandResult) => host.setTargetInclinePct(inclinePct, result),
        targetSpeedKph: () => host.targetSpeedKph(),
        targetInclinePct: () => host.targetInclinePct(),
        markCompleted: () => this.recorder.markCompleted(),
        beep: (event: 'segmentChange' | 'programEnd') => host.beep(event),
      },
      () => suggestBackwardSession(loadHistory(storage, log), speedCapKph(config, 'backward')),
    );
  }

  /** The history read at boot: the recorder appends to it. */
  continueHistory(history: HistoryEntry[]): void {
    this.recorder.continueHistory(history);
  }

  programStatus(): ProgramStatus {
    return this.program.status();
  }

  calibrationOutcome(): string {
    return this.calibration.lastOutcome;
  }

  calibrating(): boolean {
    return this.calibration.active();
  }

  /**
   * Watch the full edition's extra keys (firmware/extra-keys.ts): the Program key and the
   * quick-speed keys. `press` is the treadmill's button path (command, then the refused beep).
   * Called once at boot.
   */
  bindKeys(buttons: ConsoleButtons, press: (command: Command) => CommandResult): void {
    const host = this.host;
    bindExtraKeys(buttons, this.config, {
      press: press,
      chooseProgram: () => {
        const result: CommandResult = { accepted: false, message: '' };
        this.program.chooseNext(host.state(), result);
        if (!result.accepted) return this.refuse(result.message);
        this.log.info(result.message);
        return result;
      },
      direction: () => host.direction(),
      refuse: (message: string) => this.refuse(message),
    });
  }

  /** A refused key press that is not a command: said in the log as the treadmill says a refused command, and the refused beep. */
  private refuse(message: string): CommandResult {
    this.log.info('refused key press (local): ' + message);
    this.host.beep('refused');
    return { accepted: false, message: message };
  }

  /** The safety key was pulled (in any state, idle too): the Program key's choice is forgotten. */
  keyPulled(): void {
    this.program.forgetChoice();
  }

  /** Answer the commands the training features own. Returns whether it answered. */
  command(command: Command, result: CommandResult): boolean {
    const host = this.host;
    if (command.name === 'setBeltDistance') {
      applyBeltDistanceCommand(command, host.state(), this.storage, this.log, result);
      return true;
    }
    const answered = this.program.command(command, host.state(), host.direction(), result) || this.calibrationCommand(command, result);
    this.updateTicking();
    return answered;
  }

  /** Recompute `ticking` (see there). */
  private updateTicking(): void {
    this.ticking = this.program.active() || this.calibration.active() || (this.recorder.isActive() && this.host.state() === 'idle');
  }

  /** An accepted user command: the recorder counts slow-downs, a program sees overrides. */
  noteAccepted(command: Command): void {
    if (command.name === 'slowDown') this.recorder.noteSlowDown();
    this.program.noteAccepted(command);
    this.updateTicking();
  }

  /**
   * `calibrate` starts the duty calibration through the start rows of the safety table (local,
   * key in, belt still, countdown), from idle and forward only; while it runs, speed and program
   * commands are refused.
   */
  private calibrationCommand(command: Command, result: CommandResult): boolean {
    const name = command.name;
    const host = this.host;
    if (name !== 'calibrate') {
      if (!this.calibration.active()) return false;
      if (name !== 'speedUp' && name !== 'speedDown' && name !== 'setSpeed' && name !== 'slowDown' && name !== 'startProgram') return false;
      result.message = 'calibration running: press stop to abort it';
      return true;
    }
    if (host.state() !== 'idle') result.message = 'calibration starts only from idle: stop the belt first';
    else if (host.direction() !== 'forward' || host.pendingDirection() !== null) result.message = 'calibration runs forward only: set the direction to forward first';
    if (result.message !== '') return true;
    const refusal = host.beginCountdown(command.source);
    if (refusal !== '') {
      result.message = 'calibration refused: ' + refusal;
      return true;
    }
    this.calibration.begin();
    result.accepted = true;
    result.message = CALIBRATION_START_MESSAGE;
    return true;
  }

  /** Once per tick after the safety transition, before the setpoint ramp, while `ticking`: programs step. */
  beforeRamp(nowMs: number, dtMs: number): void {
    const host = this.host;
    if (this.program.needsStep()) this.program.step(host.state(), host.direction(), host.pendingDirection(), dtMs);
    // A program ended while its belt stood in idle (stopped while paused): its session ends with it.
    if (this.recorder.isActive() && host.state() === 'idle' && !this.program.active()) {
      try {
        this.recorder.finish(host.status(), null, nowMs, this.storage, this.log);
      } catch (error) {
        this.log.error('history: ' + String(error));
      }
    }
    this.updateTicking();
  }

  /**
   * After the controller: whether the calibration routine drives the motor this tick (open loop;
   * the treadmill then applies `calibrationDuty` and ramps toward `calibrationReferenceKph`, and
   * the state's ceiling still caps the duty). When the series ends it asks for a controlled stop.
   */
  calibrationDriving(nowMs: number, reading: PulseReading): boolean {
    const calibration = this.calibration;
    if (!calibration.active()) return false;
    calibration.step(this.host.state(), nowMs, reading);
    let driving = false;
    if (calibration.takeStopRequest()) this.host.requestStop();
    else driving = calibration.driving() && this.host.state() === 'running';
    this.updateTicking();
    return driving;
  }

  calibrationDuty(): number {
    return this.calibration.duty();
  }

  calibrationReferenceKph(): number {
    return this.calibration.referenceKph();
  }

  /** After the status is refreshed: program figures and the session sample. */
  afterTick(status: TreadmillStatus, metrics: SessionMetrics): void {
    this.program.updateMetrics(metrics);
    if (this.recorder.isActive()) this.recorder.sample(status);
  }

  /**
   * A session starts when the countdown ends and ends when the belt is idle or latched; its entry
   * is written to the history then (once per session, outputs already safe). Storage trouble is
   * logged, never thrown into the control loop.
   */
  stateChanged(before: SafetyState, after: SafetyState, status: TreadmillStatus, fault: FaultCode | null, nowMs: number): void {
    // The Program key's choice belongs to the idle screen: a start, a fault or free belt ends it.
    if (after !== 'idle') this.program.forgetChoice();
    try {
      if (after === 'running' && before === 'countdown') {
        // A calibration run is not a training session; a program resumed after a pause or a turn
        // round is the same session going on.
        if (!this.calibration.active() && !this.recorder.isActive()) this.recorder.start(status, nowMs);
      } else if ((before === 'running' || before === 'stopping') && (after === 'idle' || after === 'fault' || after === 'freeBelt')) {
        // A program pausing or turning round stops in idle but goes on; a fault ends it all the same.
        if (after !== 'idle' || !this.program.active()) this.recorder.finish(status, fault, nowMs, this.storage, this.log);
      }
    } catch (error) {
      this.log.error('history: ' + String(error));
    }
    this.updateTicking();
  }
}
