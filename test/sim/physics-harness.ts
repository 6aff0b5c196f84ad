// Test helpers: run a drive and the belt together without the scheduler, and sample a sim treadmill.

import { Belt } from '../../sim/models/belt';
import type { BeltDrive } from '../../sim/models/belt-drive';
import { KPH_PER_MPS } from '../../sim/models/units';
import type { SimScheduler } from '../../sim/sim-scheduler';
import type { SimTreadmill } from '../../sim/sim-treadmill';

/** Firmware-side outputs held constant while the harness runs. */
export interface DriveInputs {
  duty: number;
  enabled: boolean;
  backward: boolean;
}

/** A belt pushed by one drive, optionally with a constant load on the deck. */
export class DriveHarness {
  readonly belt = new Belt();
  readonly drive: BeltDrive;
  loadKg = 0;
  timeMs = 0;

  constructor(drive: BeltDrive) {
    this.drive = drive;
  }

  /** Run for `durationMs` at 5 ms steps; returns the belt speed every `sampleMs`, km/h. */
  run(inputs: DriveInputs, durationMs: number, sampleMs = 50): number[] {
    const samples: number[] = [];
    const stepMs = 5;
    for (let elapsedMs = stepMs; elapsedMs <= durationMs; elapsedMs += stepMs) {
      const forceN = this.drive.update(inputs.duty, inputs.enabled, inputs.backward, this.belt.speedMps, stepMs);
      this.belt.update(forceN, this.loadKg, stepMs);
      this.timeMs += stepMs;
      if (elapsedMs % sampleMs === 0) samples.push(this.speedKph());
    }
    return samples;
  }

  speedKph(): number {
    return this.belt.speedMps * KPH_PER_MPS;
  }
}

/** Mean of the last `count` values. */
export function meanOfLast(values: number[], count: number): number {
  const tail = values.slice(values.length - count);
  return tail.reduce((sum, value) => sum + value, 0) / tail.length;
}

/** Time (ms) of the first sample at or beyond `fraction` of `finalValue`, with samples every `sampleMs`. */
export function timeToFraction(samples: number[], finalValue: number, fraction: number, sampleMs: number): number {
  for (let index = 0; index < samples.length; index++) {
    if (Math.abs(samples[index]) >= fraction * Math.abs(finalValue)) return (index + 1) * sampleMs;
  }
  return -1;
}

/** Advance the scheduler in `sampleMs` slices for `durationMs`, returning the belt speed after each, km/h. */
export function sampleSpeed(scheduler: SimScheduler, treadmill: SimTreadmill, durationMs: number, sampleMs: number): number[] {
  const samples: number[] = [];
  for (let elapsedMs = 0; elapsedMs < durationMs; elapsedMs += sampleMs) {
    scheduler.advance(sampleMs);
    samples.push(treadmill.beltSpeedKph());
  }
  return samples;
}

/** Drive the motor outputs as a firmware would. */
export function driveMotor(treadmill: SimTreadmill, duty: number, backward = false): void {
  treadmill.hal.motor.direction.write(backward);
  treadmill.hal.motor.enable.write(duty > 0);
  treadmill.hal.motor.speed.write(duty);
}
