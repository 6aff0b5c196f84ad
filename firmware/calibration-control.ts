// Runs the duty-calibration routine for the control loop: when it drives, when it stops, what it stores.

import type { Log } from '../hal/log';
import type { PulseReading } from '../hal/pulse-counter';
import type { Storage } from '../hal/storage';
import type { TreadmillConfig } from './config';
import { buildDutyMap, dutyCalibrationSettingsFor, makeDutyCalibration, stepDutyCalibration, type DutyCalibrationSettings, type DutyCalibrationState } from './core/duty-calibration';
import type { SafetyState } from './core/safety-state';
import { loadCalibration, saveCalibration } from './persistence/calibration-record';

/** What the user is told when a calibration starts (and the README repeats). */
export const CALIBRATION_START_MESSAGE = 'calibration: countdown, then the belt steps through its speeds with NOBODY on it; keep off the belt, press stop or pull the key to abort';

/**
 * The calibration routine's life: requested (countdown), stepping (running, open loop), stopping
 * (a controlled stop after the last step), stored (idle after a completed run). A stop, key pull,
 * fault or direction change on the way aborts it and nothing is stored. The control loop calls
 * `step` once per tick after the safety transition; while `driving` is true it applies `duty`
 * (still capped by the state's ceiling) and uses `referenceKph` as its setpoint, which is what the
 * fault monitor checks the belt against.
 */
export class CalibrationControl {
  private readonly config: TreadmillConfig;
  private readonly storage: Storage;
  private readonly log: Log;
  private settings: DutyCalibrationSettings | null = null;
  private run: DutyCalibrationState | null = null;
  private requested = false;
  private stopRequested = false;
  /** The latest run's outcome for the user ('' before any). */
  lastOutcome = '';

  constructor(config: TreadmillConfig, storage: Storage, log: Log) {
    this.config = config;
    this.storage = storage;
    this.log = log;
  }

  /** Whether a calibration was requested or is under way (speed commands are refused meanwhile). */
  active(): boolean {
    return this.requested || this.run !== null;
  }

  /** Called when the safety table accepted the calibration's start (the countdown began). */
  begin(): void {
    this.requested = true;
    this.run = null;
    this.stopRequested = false;
    this.log.info('calibration requested: nobody may stand on the belt');
  }

  /** Whether the routine drives the motor this tick (open loop). */
  driving(): boolean {
    return this.run !== null && this.run.phase !== 'done' && !this.stopRequested;
  }

  /** Duty the routine applies this tick, 0..1 (the loop still caps it by the state's ceiling). */
  duty(): number {
    return this.run === null ? 0 : this.run.duty;
  }

  /** The speed the current step should reach, km/h: the setpoint while calibrating. */
  referenceKph(): number {
    return this.run === null ? 0 : this.run.referenceKph;
  }

  /** True once, on the tick the series ended: the loop then asks the safety table for a stop. */
  takeStopRequest(): boolean {
    if (this.run === null || this.run.phase !== 'done' || this.stopRequested) return false;
    this.stopRequested = true;
    return true;
  }

  /** Advance one tick in safety state `state` with this tick's encoder reading. Never throws on storage trouble. */
  step(state: SafetyState, nowMs: number, reading: PulseReading): void {
    if (!this.active()) return;
    if (this.run === null) {
      if (state === 'countdown') return;
      this.requested = false;
      if (state !== 'running') {
        this.end('calibration cancelled before it began: nothing stored', false);
        return;
      }
      this.settings = dutyCalibrationSettingsFor(this.config);
      this.run = makeDutyCalibration(this.settings, nowMs, reading.count);
      this.log.info('calibration: stepping the duty open loop from ' + this.run.duty);
    }
    const run = this.run;
    if (state === 'running' && !this.stopRequested) {
      stepDutyCalibration(run, this.settings as DutyCalibrationSettings, nowMs, reading.count, reading.lastPulseMs);
      return;
    }
    if (state === 'stopping' && this.stopRequested) return;
    if (state === 'idle' && this.stopRequested) {
      this.store(run);
      return;
    }
    this.end('calibration aborted (' + state + '): nothing stored', false);
  }

  private store(run: DutyCalibrationState): void {
    const map = buildDutyMap(run.measured, run.deadBandDuty);
    if (map === null) {
      this.end('calibration ended (' + run.endReason + ') with fewer than two moving steps: nothing stored', false);
      return;
    }
    // Keep a stored belt distance per pulse: this routine measures only the duty map.
    const stored = loadCalibration(this.storage, this.log);
    const result = saveCalibration(this.storage, this.log, { metersPerPulse: stored.metersPerPulse, dutyMap: map });
    this.end('calibration complete (' + run.endReason + '), ' + (map.length - 1) + ' points: ' + result.message, result.accepted);
  }

  private end(outcome: string, stored: boolean): void {
    this.run = null;
    this.requested = false;
    this.stopRequested = false;
    this.lastOutcome = outcome;
    if (stored) this.log.info(outcome);
    else this.log.warn(outcome);
  }
}
