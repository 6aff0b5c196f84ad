// Drives the incline lift for the control loop: reads its sensor, runs the pure incline core, writes up/down (never both).

import type { Log } from '../hal/log';
import type { PulseCounter, PulseReading } from '../hal/pulse-counter';
import type { AnalogIn } from '../hal/analog-in';
import type { InclinePorts } from '../hal/treadmill-hal';
import type { CommandResult, Direction } from './command';
import type { TreadmillConfig } from './config';
import {
  makeInclineControlInputs,
  makeInclineControllerState,
  startHoming,
  stepInclineController,
  stopInclineController,
  type InclineControlInputs,
  type InclineControllerState,
} from './core/incline-controller';
import { checkIncline, INCLINE_TROUBLE_MESSAGES, makeInclineMonitorInputs, makeInclineMonitorState, resetInclineMonitor, type InclineMonitorInputs, type InclineMonitorState } from './core/incline-monitor';
import { filteredAnalogFraction, forgetInclineHome, makeInclinePositionEstimate, quietAnalogFractions, scaleAnalogPosition, updatePulsePosition, type InclinePositionEstimate } from './core/incline-position';
import { applyInclineTarget, inclineCapPct, inclineMaxPct, steppedInclineTargetPct } from './core/incline-target';
import type { FaultCode } from './fault-code';
import { writeInclineOutputs } from './incline-outputs';

/**
 * The incline lift as the control loop sees it. The Treadmill owns one when the HAL has an
 * incline and calls `step` once per control tick after the motor writes; everything it decides
 * comes from firmware/core/incline-*.ts. It homes at boot (a pulse sensor only knows relative
 * moves), on demand (then returns to the target), and after its own fault is cleared (then it
 * stays at 0 % until asked again: nothing climbs on its own after a runaway).
 */
/**
 * A resting lift still gets a full step at least this often, ms (a backstop; see `step`). Why
 * not more often: every move that matters leaves the fast path at once (a pulse, a position
 * outside the quiet band, a new target, allowance or direction); on the interpreter a full step
 * costs about half a tick, so at 2 s the backstop alone took a twentieth of the Jolt.js's CPU.
 */
export const RESTING_FULL_STEP_MS = 5000;
/** How far inside its limits the potentiometer's quiet band ends, percent (rounding; see `setQuietBand`). */
const QUIET_BAND_MARGIN_PCT = 1e-9;

export class InclineDriver {
  private readonly ports: InclinePorts;
  private readonly config: TreadmillConfig;
  private readonly log: Log;
  private readonly position: InclinePositionEstimate;
  private readonly controller: InclineControllerState;
  private readonly controlInputs: InclineControlInputs;
  private readonly monitor: InclineMonitorState;
  private readonly monitorInputs: InclineMonitorInputs;
  private readonly reading: PulseReading;
  private readonly maxPct: number;
  private targetPct = 0;
  /**
   * The incline-runaway fault once detected, held until the safety state stops the lift (then the
   * table has latched it); null otherwise. A field, not a method: the tick reads it every time,
   * and a call costs on the interpreter.
   */
  foundFault: FaultCode | null = null;
  private latched = false;
  /** A runaway latched by the safety table: re-home once the lift is allowed again (fault cleared). */
  private awaitingClear = false;
  /** What the last full step saw and left, for the resting fast path (see `step`). */
  private settled = false;
  private lastCount = -1;
  private lastAllowed = false;
  private lastDirection: Direction = 'forward';
  /** When the backstop's next full step is due, ms (see RESTING_FULL_STEP_MS). */
  private fullStepDueMs = 0;
  /** A settled potentiometer lift's positions at which a step changes nothing, percent (see `setQuietBand`). */
  private quietLowPct = 0;
  private quietHighPct = -1;
  /** The quiet band as filtered potentiometer readings (see `quietAnalogFractions`); empty until set. */
  private quietLowFraction = 1;
  private quietHighFraction = 0;
  /** A resting tick filtered the potentiometer without working out the incline (see `freshPosition`). */
  private positionStale = false;
  /** The lift's position comes from a pulse sensor (else a potentiometer): read once, not compared by name every tick. */
  private readonly pulseSensor: boolean;

  constructor(ports: InclinePorts, config: TreadmillConfig, log: Log, nowMs: number) {
    this.ports = ports;
    this.config = config;
    this.log = log;
    this.position = makeInclinePositionEstimate(ports.position.kind);
    this.pulseSensor = ports.position.kind === 'pulses';
    this.controller = makeInclineControllerState();
    this.controlInputs = makeInclineControlInputs();
    this.monitor = makeInclineMonitorState();
    this.monitorInputs = makeInclineMonitorInputs();
    this.reading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
    this.maxPct = inclineMaxPct(config);
    this.controlInputs.maxPct = this.maxPct;
    this.controlInputs.hasLowerLimit = ports.lowerLimit !== undefined;
    this.monitorInputs.maxPct = this.maxPct;
    writeInclineOutputs(this.ports, false, false);
    if (ports.position.kind === 'pulses') startHoming(this.controller, nowMs);
  }

  /** Measured incline, percent (0 until homed). */
  measuredPct(): number {
    this.freshPosition();
    return this.position.homed ? this.position.positionPct : 0;
  }

  /** The potentiometer's incline worked out from its filtered reading, if a resting tick left that to a reader (see `step`). */
  private freshPosition(): void {
    if (!this.positionStale) return;
    scaleAnalogPosition(this.position, this.config.incline);
    this.positionStale = false;
  }

  /** What the user asked for, percent. */
  targetInclinePct(): number {
    return this.targetPct;
  }

  /** Whether 0 % is known (a potentiometer always; pulses after homing). */
  homed(): boolean {
    return this.position.homed && !this.controller.homing;
  }

  /**
   * Why a start toward `direction` must wait, or '' when it need not: a backward belt may not
   * start while the incline is above the backward cap or still unknown. The lift is already on
   * its way down (`step` lowers the target as soon as backward is selected).
   */
  startBlocker(direction: Direction): string {
    if (direction !== 'backward') return '';
    this.freshPosition();
    const capPct = inclineCapPct(this.config, 'backward');
    if (!this.homed()) return 'incline still homing: start backward once it is known to be at or below ' + capPct.toFixed(1) + ' %';
    if (this.position.positionPct > capPct) return 'incline ' + this.position.positionPct.toFixed(1) + ' % is above the backward cap of ' + capPct.toFixed(1) + ' %: lowering it, start when it is down';
    return '';
  }

  /** Handle `setIncline` for a belt set (or pending) to `direction`; `allowed` is whether the lift may move now. */
  command(requestedPct: unknown, direction: Direction, allowed: boolean, result: CommandResult): void {
    // Every change made outside `step` ends the resting fast path until a full step settles again.
    this.settled = false;
    if (!allowed) {
      result.accepted = false;
      result.message = 'incline held: insert the key, or leave free-belt mode, first';
      return;
    }
    this.targetPct = applyInclineTarget(this.targetPct, requestedPct, direction, this.config, result);
    if (result.accepted && !this.homed()) result.message += ' (after homing)';
  }

  /** The target a button press asks for: one step up (1) or down (-1), clamped to 0..cap. */
  steppedTargetPct(stepSign: number, direction: Direction): number {
    return steppedInclineTargetPct(this.targetPct, stepSign, direction, this.config);
  }

  /** Drive down to find 0 % again (on demand). */
  home(nowMs: number): void {
    this.settled = false;
    forgetInclineHome(this.position);
    startHoming(this.controller, nowMs);
    resetInclineMonitor(this.monitor);
    this.log.info('incline: homing');
  }

  /** Both outputs off at once (a safety event between ticks). */
  stop(nowMs: number): void {
    this.settled = false;
    writeInclineOutputs(this.ports, false, false);
    stopInclineController(this.controller, nowMs);
  }

  /**
   * One control tick: read the sensor, check for runaway, decide and write the outputs.
   * `allowed`: the safety state allows the incline and the key is in. `direction`: the belt
   * direction selected or pending, whose cap applies.
   */
  step(nowMs: number, dtMs: number, allowed: boolean, direction: Direction): void {
    const position = this.position;
    // The resting fast path (see `settledAfterStep`): the lift settled at the last full step, its
    // sensor shows no move that matters (a pulse sensor no pulse since, a potentiometer a
    // position inside the quiet band), its setpoint still at the target, the allowance and the
    // direction (its cap) unchanged, and the last full step less than RESTING_FULL_STEP_MS ago
    // (a backstop). Then the runaway checks (they act on a moved position, or on a driven lift)
    // and the decision (the lift stays off) would come out as before, so the step is skipped.
    // Why: on the interpreter a full step cost about a third of a tick, and a lift rests nearly
    // all the time. Short on purpose: the interpreter reads a function's text to its end.
    // (The setpoint still at the target is part of `settled`: only a full step, a command or
    // homing moves either, and the last two end the rest.)
    const resting = this.settled && allowed === this.lastAllowed && direction === this.lastDirection && nowMs < this.fullStepDueMs;
    if (this.pulseSensor) {
      (this.ports.position as { counter: PulseCounter }).counter.read(this.reading);
      if (resting && this.reading.count === this.lastCount) return;
    } else {
      // A potentiometer's reading is filtered every tick, resting or not; while it rests, the
      // incline is worked out from it only when read (`positionStale`, `freshPosition`), and the
      // quiet band is checked on the filtered reading itself (`quietLowFraction`).
      const fraction = (this.ports.position as { input: AnalogIn }).input.read();
      const filtered = filteredAnalogFraction(position.filteredFraction, fraction, dtMs, this.config.incline.analogFilterMs);
      position.filteredFraction = filtered;
      this.positionStale = true;
      if (resting && filtered >= this.quietLowFraction && filtered <= this.quietHighFraction) {
        // What a full step of a held lift does to the target: it stays where the lift is.
        if (!allowed) this.holdAtPosition(nowMs);
        return;
      }
      this.freshPosition();
      position.newPulses = 0;
    }
    this.fullStep(nowMs, dtMs, allowed, direction);
  }

  /** The step in full: position (pulses), runaway checks, target and cap, the controller's decision, the outputs. */
  private fullStep(nowMs: number, dtMs: number, allowed: boolean, direction: Direction): void {
    const controller = this.controller;
    const position = this.position;
    const settings = this.config.incline;
    const positionPort = this.ports.position;
    if (positionPort.kind === 'pulses') {
      this.lastCount = this.reading.count;
      // Pulses count in the direction of the output on during the interval (or last on, coasting).
      updatePulsePosition(position, this.reading.count, controller.motion !== 'stopped' ? controller.motion : controller.lastMotion, settings);
    }
    this.lastAllowed = allowed;
    this.lastDirection = direction;
    this.fullStepDueMs = nowMs + RESTING_FULL_STEP_MS;

    if (!allowed && this.latched) {
      // The safety table latched the fault from `foundFault` before this step (it runs first in the
      // tick): the safety state holds the lift now, and a clear must not see the old report.
      this.latched = false;
      this.foundFault = null;
      this.awaitingClear = true;
    }
    if (allowed && this.awaitingClear) {
      // The fault was cleared at the machine: the count may be wrong, so find 0 % again.
      this.awaitingClear = false;
      this.targetPct = 0;
      this.home(nowMs);
    }

    if (!this.latched && !this.awaitingClear) {
      const monitorInputs = this.monitorInputs;
      monitorInputs.nowMs = nowMs;
      monitorInputs.motion = controller.motion;
      monitorInputs.stoppedAtMs = controller.stoppedAtMs;
      monitorInputs.homing = controller.homing;
      let trouble = checkIncline(this.monitor, position, monitorInputs, settings);
      if (trouble === 'none' && controller.homingFailure !== 'none') trouble = 'stuck';
      if (trouble !== 'none') {
        this.latched = true;
        this.foundFault = 'inclineRunaway';
        this.log.warn('incline: ' + INCLINE_TROUBLE_MESSAGES[trouble] + ' at ' + position.positionPct.toFixed(2) + ' %: lift stopped');
      }
    }

    const capPct = inclineCapPct(this.config, direction);
    if (this.targetPct > capPct) {
      this.targetPct = capPct;
      this.log.info('incline: target lowered to the ' + direction + ' cap of ' + capPct.toFixed(1) + ' %');
    }
    // A held lift keeps where it is: it never sets off again on its own once allowed.
    if (!allowed && position.homed) this.targetPct = position.positionPct > 0 ? position.positionPct : 0;

    const inputs = this.controlInputs;
    inputs.nowMs = nowMs;
    inputs.dtMs = dtMs;
    inputs.allowed = allowed && !this.latched && !this.awaitingClear;
    inputs.targetPct = this.targetPct;
    inputs.capPct = capPct;
    inputs.lowerLimitActive = this.ports.lowerLimit !== undefined && this.ports.lowerLimit.read();
    const wasHoming = controller.homing;
    stepInclineController(controller, position, inputs, settings);
    if (wasHoming && !controller.homing && controller.homingFailure === 'none') {
      resetInclineMonitor(this.monitor);
      this.log.info('incline: homed at 0 %');
    }
    writeInclineOutputs(this.ports, controller.up, controller.down);
    this.settled = this.settledAfterStep(nowMs);
    if (this.settled && positionPort.kind === 'analog') this.setQuietBand(allowed, capPct);
  }

  /**
   * A potentiometer's positions at which a step of the settled lift decides as this one did, so
   * the tick may skip it (see `step`): within the runaway check's allowance of the resting
   * point and inside the end stops; and, when the lift may move, within the deadband of the
   * setpoint and not above the ceiling (the controller starts a move only outside these). The
   * band is narrowed by a hair so that rounding can never put a position inside it that the full
   * checks, written as differences, would see outside.
   */
  private setQuietBand(allowed: boolean, capPct: number): void {
    const settings = this.config.incline;
    const restPct = this.monitor.restPct;
    let lowPct = restPct - settings.uncommandedPct;
    let highPct = restPct + settings.uncommandedPct;
    if (lowPct < -settings.endStopMarginPct) lowPct = -settings.endStopMarginPct;
    if (highPct > this.maxPct + settings.endStopMarginPct) highPct = this.maxPct + settings.endStopMarginPct;
    if (allowed) {
      const setpointPct = this.controller.setpointPct;
      const ceilingPct = capPct < this.maxPct ? capPct : this.maxPct;
      if (lowPct < setpointPct - settings.deadbandPct) lowPct = setpointPct - settings.deadbandPct;
      if (highPct > setpointPct + settings.deadbandPct) highPct = setpointPct + settings.deadbandPct;
      if (highPct > ceilingPct) highPct = ceilingPct;
    }
    this.quietLowPct = lowPct + QUIET_BAND_MARGIN_PCT;
    this.quietHighPct = highPct - QUIET_BAND_MARGIN_PCT;
    const fractions = quietAnalogFractions(this.quietLowPct, this.quietHighPct, settings);
    this.quietLowFraction = fractions.lowFraction;
    this.quietHighFraction = fractions.highFraction;
  }

  /** A held lift's target and setpoint follow its position, as the full step sets them (see `step`). */
  private holdAtPosition(nowMs: number): void {
    this.freshPosition();
    const heldPct = this.position.positionPct > 0 ? this.position.positionPct : 0;
    this.targetPct = heldPct;
    this.controller.setpointPct = heldPct;
    this.controller.homingSinceMs = nowMs;
    this.controller.lastProgressMs = nowMs;
  }

  /**
   * Whether the lift has settled after this full step: at rest with every timed part of a stop
   * done (the reversal dead time, in which the controller may still decide to move, and the
   * coast window, after which the runaway check takes its resting point), homed, not homing, no
   * trouble, its setpoint at the target. Only then does the next step, given no new pulse and
   * the same allowance and direction, decide exactly as this one did.
   */
  private settledAfterStep(nowMs: number): boolean {
    const controller = this.controller;
    const settings = this.config.incline;
    const sinceStopMs = nowMs - controller.stoppedAtMs;
    return (
      controller.motion === 'stopped' &&
      !controller.homing &&
      controller.homingFailure === 'none' &&
      this.position.homed &&
      !this.latched &&
      !this.awaitingClear &&
      this.monitor.restValid &&
      sinceStopMs >= settings.deadTimeMs &&
      sinceStopMs >= settings.coastMs &&
      controller.setpointPct === this.targetPct
    );
  }
}
