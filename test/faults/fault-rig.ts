// Shared helpers for the fault-catalogue tests: one rig per machine variant, per-tick probes, normal-use sessions.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import { type TreadmillConfig } from '../../firmware/config';
import { resolveConfig } from '../../firmware/config-overrides';
import type { FaultCode } from '../../firmware/fault-code';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import type { SimDriveKind, SimTreadmillOptions } from '../../sim/sim-treadmill';
import { boardsUnderTest, timingConfig, timingLabel, timingSimOptions, type TimedBoardName } from '../closed-loop/board-timings';
import { makeRig, type Rig } from '../closed-loop/harness';

/** One machine variant: drive, encoder, walker, direction sensor. */
export interface Variant {
  drive: SimDriveKind;
  /** Belt sensor pulses per metre (3.28: one per foot; 100: a fine encoder). */
  pulsesPerMeter: number;
  /** Walker mass, kg; 0 means nobody on the belt. */
  walkerMassKg: number;
  hasDirectionSensor: boolean;
  seed: number;
  /** Where the belt stands at power-up, as a share of one pulse past a sensor mark (default 0). */
  startMarkFraction?: number;
  /**
   * Run at this board's control period, its outputs reaching the motor its tick time late
   * (default: the firmware's default period, outputs at once).
   */
  board?: TimedBoardName;
}

/** A rig plus the configuration the firmware runs with. */
export interface FaultRig extends Rig {
  variant: Variant;
  config: TreadmillConfig;
}

/** Both drives x both encoders: the matrix most rows are checked on. */
export const DRIVE_ENCODER_MATRIX: { drive: SimDriveKind; pulsesPerMeter: number }[] = [
  { drive: 'mc2100', pulsesPerMeter: 3.28 },
  { drive: 'mc2100', pulsesPerMeter: 100 },
  { drive: 'hbridge', pulsesPerMeter: 3.28 },
  { drive: 'hbridge', pulsesPerMeter: 100 },
];

export const DIRECTIONS: Direction[] = ['forward', 'backward'];

/** A variant with defaults: MC-2100, one pulse per foot, a 70 kg walker, no direction sensor. */
export function variant(overrides: Partial<Variant>): Variant {
  return Object.assign({ drive: 'mc2100', pulsesPerMeter: 3.28, walkerMassKg: 70, hasDirectionSensor: false, seed: 7 }, overrides);
}

/** Short label for test names. */
export function label(v: Variant): string {
  return (
    v.drive + ', ' + v.pulsesPerMeter + ' pulses/m' + (v.walkerMassKg > 0 ? ', ' + v.walkerMassKg + ' kg walker' : ', nobody on') +
    (v.startMarkFraction ? ', belt ' + v.startMarkFraction + ' pulse past a mark' : '')
  );
}

/**
 * `describe(title)` once per board timing (test/closed-loop/board-timings.ts), the body making its
 * variants with that `board`: every fault window and no-false-trip case then runs at each board's
 * control period with its outputs a tick time late. Windows asserted to "the tick" use
 * `rig.config.controlPeriodMs`.
 */
export function describeAtBoardTimings(title: string, body: (board: TimedBoardName) => void): void {
  boardsUnderTest().forEach((board) => {
    describe(title + ' at ' + timingLabel(board), () => body(board));
  });
}

/**
 * Boot the firmware on a simulated treadmill built as `v`, with the firmware's metres per pulse
 * matching the sensor (and the board's timing, if the variant names one). The walker stands beside the belt (mode off) until `stepOn`.
 */
export function makeFaultRig(v: Variant, configOverrides?: object, adaptHal?: (hal: TreadmillHal) => void): FaultRig {
  const overrides = Object.assign({ metersPerPulse: 1 / v.pulsesPerMeter }, timingConfig(v.board), configOverrides || {});
  const simOptions: Partial<SimTreadmillOptions> = {
    drive: v.drive,
    pulsesPerMeter: v.pulsesPerMeter,
    walkerMode: 'off',
    walkerMassKg: v.walkerMassKg > 0 ? v.walkerMassKg : 70,
    hasDirectionSensor: v.hasDirectionSensor,
    seed: v.seed,
    beltStartPositionM: (v.startMarkFraction || 0) / v.pulsesPerMeter,
  };
  Object.assign(simOptions, timingSimOptions(v.board));
  const rig = makeRig(simOptions, overrides, adaptHal);
  return Object.assign(rig, { variant: v, config: resolveConfig(overrides) });
}

/** Put the variant's walker on the belt, walking in `direction` (nobody when the mass is 0). */
export function stepOn(rig: FaultRig, direction: Direction): void {
  if (rig.variant.walkerMassKg > 0) rig.sim.setWalker(direction, rig.variant.walkerMassKg);
}

/** Advance by `durationMs` (ticks land exactly on the period grid from boot at 0). */
export function advance(rig: Rig, durationMs: number): void {
  rig.scheduler.advance(durationMs);
}

/**
 * Advance to the next control tick and run it: whole periods from a tick, and back onto the grid
 * after an advance that was not a multiple of the period (a 150 ms period after 10 s).
 */
export function nextTick(rig: FaultRig): void {
  const periodMs = rig.config.controlPeriodMs;
  rig.scheduler.advance(periodMs - (rig.scheduler.nowMs() % periodMs));
}

/** Send a local command and insist it is accepted. */
export function local(rig: Rig, name: 'start' | 'stop' | 'slowDown' | 'clearFault' | 'freeBelt' | 'speedUp' | 'speedDown'): void {
  const result = rig.firmware.command({ name, source: 'local' });
  assert.ok(result.accepted, name + ' refused: ' + result.message);
}

export function setSpeed(rig: Rig, speedKph: number): void {
  const result = rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph });
  assert.ok(result.accepted, 'setSpeed ' + speedKph + ' refused: ' + result.message);
}

/**
 * Select `direction` from idle and wait until the firmware has switched the output (2 s dwell at
 * standstill), so the next start runs that way.
 */
export function selectDirection(rig: FaultRig, direction: Direction): void {
  const result = rig.firmware.command({ name: 'setDirection', source: 'local', direction });
  assert.ok(result.accepted, 'setDirection refused: ' + result.message);
  const deadlineMs = rig.scheduler.nowMs() + 15000;
  while (rig.firmware.status().direction !== direction && rig.scheduler.nowMs() < deadlineMs) nextTick(rig);
  assert.equal(rig.firmware.status().direction, direction, 'direction never switched');
}

/** Start locally and run through the countdown; the belt is then running at the start speed's ramp. */
export function startAndRun(rig: FaultRig): void {
  local(rig, 'start');
  advance(rig, rig.firmware.status().countdownRemainingMs);
  // The countdown ends at the first tick after it runs out: at a long period, a start pressed
  // between two ticks runs up to one period later (ticks lie on the period grid from boot at 0).
  const periodMs = rig.config.controlPeriodMs;
  if (rig.firmware.status().state === 'countdown') advance(rig, periodMs - (rig.scheduler.nowMs() % periodMs));
  assert.equal(rig.firmware.status().state, 'running');
}

/** Log lines of transitions into the fault state from another state ("running -> fault: ..."). */
function entriesIntoFault(rig: Rig): string[] {
  return rig.sim.log.lines.filter((line) => {
    const match = / info (\w+) -> fault: /.exec(line);
    return match !== null && match[1] !== 'fault';
  });
}

/** Time of the first transition into the fault state, ms, from the firmware's log; -1 if none. */
export function faultTimeMs(rig: Rig): number {
  const entries = entriesIntoFault(rig);
  return entries.length === 0 ? -1 : Math.round(parseFloat(entries[0]) * 1000);
}

/** Number of transitions into the fault state (from another state) in the log. */
export function faultTransitions(rig: Rig): number {
  return entriesIntoFault(rig).length;
}

/**
 * Run until the firmware latches a fault or `maxMs` passes, calling `onTick` after every control
 * tick. Returns the latched fault or null.
 */
export function runUntilFault(rig: FaultRig, maxMs: number, onTick?: () => void): FaultCode | null {
  const endMs = rig.scheduler.nowMs() + maxMs;
  while (rig.scheduler.nowMs() < endMs) {
    nextTick(rig);
    if (onTick) onTick();
    if (rig.firmware.status().state === 'fault') return rig.firmware.status().fault;
  }
  return null;
}

/** Encoder pulses counted so far by the sim port (what the firmware reads). */
export function pulseCount(rig: Rig): { count: number; lastPulseMs: number; overflowed: boolean } {
  const reading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
  rig.sim.encoderCounter.read(reading);
  return reading;
}

/** Outputs are at their safe values: duty 0, motor disabled, incline relays off. */
export function assertMotorCut(rig: Rig, why: string): void {
  assert.equal(rig.sim.motorDuty(), 0, why + ': duty');
  assert.equal(rig.sim.motorEnabled(), false, why + ': motor enable');
  if (rig.sim.inclineUp !== null) assert.equal(rig.sim.inclineUp.read(), false, why + ': incline up');
  if (rig.sim.inclineDown !== null) assert.equal(rig.sim.inclineDown.read(), false, why + ': incline down');
}

/** One step of a normal-use session: a target speed (or a command) held for a time. */
export interface SessionStep {
  speedKph?: number;
  command?: 'slowDown' | 'speedUp' | 'speedDown';
  repeat?: number;
  holdMs: number;
}

/** Forward: slow start, speed changes up to the cap and down again, slow-down, slow walking. */
export const FORWARD_SESSION: SessionStep[] = [
  { holdMs: 10000 },
  { command: 'speedUp', repeat: 5, holdMs: 6000 },
  { speedKph: 3, holdMs: 6000 },
  { speedKph: 8, holdMs: 10000 },
  { speedKph: 16, holdMs: 12000 },
  { command: 'slowDown', holdMs: 14000 },
  { speedKph: 5, holdMs: 8000 },
  { speedKph: 2, holdMs: 6000 },
  { command: 'speedDown', repeat: 3, holdMs: 5000 },
];

/** Backward: the physiotherapist's progression, 0.8 km/h, up to the 4 km/h cap, slow-down. */
export const BACKWARD_SESSION: SessionStep[] = [
  { holdMs: 10000 },
  { command: 'speedUp', repeat: 4, holdMs: 6000 },
  { speedKph: 1.6, holdMs: 8000 },
  { speedKph: 2.5, holdMs: 8000 },
  { speedKph: 4, holdMs: 12000 },
  { command: 'slowDown', holdMs: 10000 },
  { speedKph: 2, holdMs: 8000 },
  { command: 'speedDown', repeat: 5, holdMs: 6000 },
];

/**
 * A whole normal session in `direction`: select it, start with nobody on, step on after 2 s,
 * run `steps`, stop and wait for idle. Fails on the first fault; `onTick` runs after every tick.
 */
export function runNormalSession(rig: FaultRig, direction: Direction, steps: SessionStep[], onTick?: () => void): void {
  if (rig.firmware.status().direction !== direction) selectDirection(rig, direction);
  local(rig, 'start');
  const noFault = () => {
    if (onTick) onTick();
    const status = rig.firmware.status();
    if (status.state === 'fault') {
      const truth = 'true belt ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h, measured ' + status.measuredSpeedKph.toFixed(2) + ', target ' + status.targetSpeedKph.toFixed(2);
      assert.fail('false trip at ' + rig.scheduler.nowMs() + ' ms: ' + status.fault + ' (' + label(rig.variant) + ', ' + direction + '; ' + truth + ')');
    }
  };
  const hold = (durationMs: number) => {
    const endMs = rig.scheduler.nowMs() + durationMs;
    while (rig.scheduler.nowMs() < endMs) {
      nextTick(rig);
      noFault();
    }
  };
  hold(rig.config.countdownMs + 2000);
  stepOn(rig, direction);
  steps.forEach((step) => {
    const times = step.repeat === undefined ? 1 : step.repeat;
    for (let index = 0; index < times; index++) {
      if (step.speedKph !== undefined) setSpeed(rig, step.speedKph);
      if (step.command !== undefined) local(rig, step.command);
      hold(step.repeat === undefined ? 0 : 400);
    }
    hold(step.holdMs);
  });
  local(rig, 'stop');
  const deadlineMs = rig.scheduler.nowMs() + 20000;
  while (rig.firmware.status().state !== 'idle' && rig.scheduler.nowMs() < deadlineMs) hold(rig.config.controlPeriodMs - (rig.scheduler.nowMs() % rig.config.controlPeriodMs));
  assert.equal(rig.firmware.status().state, 'idle', 'belt never came to rest');
  rig.sim.setWalker('off', 70);
  hold(3000);
}

/** Start in `direction`, put the walker on, go to `speedKph` and run `steadyMs` more until steady. */
export function runSteady(rig: FaultRig, direction: Direction, speedKph: number, steadyMs: number): void {
  if (direction === 'backward') selectDirection(rig, 'backward');
  startAndRun(rig);
  stepOn(rig, direction);
  advance(rig, 3000);
  if (speedKph !== rig.config.startSpeedKph) setSpeed(rig, speedKph);
  advance(rig, steadyMs);
  assert.equal(rig.firmware.status().state, 'running');
}
