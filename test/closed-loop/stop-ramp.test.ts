// A stop and a slow-down bring the walking belt down along the deceleration ramp, never faster, on both drives and encoders.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import { DEFAULT_CONFIG } from '../../firmware/config';
import type { SimDriveKind } from '../../sim/sim-treadmill';
import { boardsUnderTest, timingConfig, timingLabel } from './board-timings';
import { RAMP_END_ROUNDING_S } from '../../firmware/core/setpoint-ramp';
import { makeRig, startBelt } from './harness';
import { SETTLE_ALLOWANCE_MS, SETTLE_TOLERANCE_KPH, setSpeed, startRig } from './speed-measurement';

/*
 * What "within the deceleration limit" means for the true belt: the setpoint falls at no more
 * than the direction's decelKphPerS in any tick; and the belt's stride-averaged speed (one
 * footfall period, centred) falls by no more than that limit over any half second, give or take
 * `DRIVE_LAG_TOLERANCE` (a drive's lag changes with speed, so the belt closes part of a lag of a
 * few tenths of a km/h during a long ramp) plus the noise the same measure shows at a steady
 * speed just before the command (the walker's steps differ in strength, and a half-second slope
 * of a stride average still shows it). The second check applies while the drive holds the belt (setpoint above the slowest running
 * speed); below it an MC-2100 lets go in its dead band and deck friction stops the belt from
 * under 0.8 km/h within a fraction of a second.
 */
const SLOPE_WINDOW_MS = 500;
const DRIVE_LAG_TOLERANCE = 1.1;
/** The belt must be at rest no later than the ramp itself ends plus this, ms. */
const STOP_SLACK_MS = 1000;

const DRIVES: SimDriveKind[] = ['mc2100', 'hbridge'];
const ENCODERS = [3.28, 100];
const RUNS: { direction: Direction; speedKph: number; command: 'stop' | 'slowDown' }[] = [
  { direction: 'forward', speedKph: 8, command: 'stop' },
  { direction: 'forward', speedKph: 16, command: 'stop' },
  { direction: 'backward', speedKph: 4, command: 'stop' },
  { direction: 'forward', speedKph: 10, command: 'slowDown' },
  { direction: 'backward', speedKph: 3, command: 'slowDown' },
];

/** Mean of each run of `windowSamples` consecutive values (element i averages i .. i + window - 1). */
function strideAverages(values: number[], windowSamples: number): number[] {
  const averaged: number[] = [];
  let sum = 0;
  values.forEach((value, index) => {
    sum += value;
    if (index >= windowSamples) sum -= values[index - windowSamples];
    if (index >= windowSamples - 1) averaged.push(sum / windowSamples);
  });
  return averaged;
}

interface Sample {
  timeMs: number;
  setpointKph: number;
  speedKph: number;
  state: string;
}

boardsUnderTest().forEach((board) => {
  const tickMs = timingConfig(board).controlPeriodMs as number;
  describe('closed-loop deceleration at ' + timingLabel(board) + ' (walking load, default configuration)', () => {
    DRIVES.forEach((drive) => {
      ENCODERS.forEach((pulsesPerMeter) => {
        RUNS.forEach((run, index) => {
          const title = drive + ' ' + pulsesPerMeter + '/m ' + run.direction + ': ' + run.command + ' from ' + run.speedKph + ' km/h';
          it(title, () => {
            const limits = run.direction === 'backward' ? DEFAULT_CONFIG.backward : DEFAULT_CONFIG.forward;
            const endKph = run.command === 'stop' ? 0 : DEFAULT_CONFIG.startSpeedKph;
            const rig = startRig({ drive, pulsesPerMeter, direction: run.direction, fromKph: 0, toKph: run.speedKph, seed: 40 + index, board });
            const firmware = rig.firmware;
            while (firmware.status().state !== 'running') rig.scheduler.advance(tickMs);
            setSpeed(rig, run.speedKph);
            while (firmware.status().setpointKph !== run.speedKph) rig.scheduler.advance(tickMs);
            rig.scheduler.advance(2000);
            const sign = run.direction === 'backward' ? -1 : 1;
            const windowSamples = Math.round(1000 / rig.sim.options.footfallHz / 5);
            const slopeSamples = SLOPE_WINDOW_MS / 5;
            const steadySpeeds: number[] = [];
            for (let at = 0; at < 1000; at++) {
              rig.scheduler.advance(5);
              steadySpeeds.push(sign * rig.sim.beltSpeedKph());
            }
            const steadyAveraged = strideAverages(steadySpeeds, windowSamples);
            let noiseKphPerS = 0;
            for (let at = slopeSamples; at < steadyAveraged.length; at++) {
              noiseKphPerS = Math.max(noiseKphPerS, (Math.abs(steadyAveraged[at] - steadyAveraged[at - slopeSamples]) * 1000) / SLOPE_WINDOW_MS);
            }
            const result = firmware.command({ name: run.command, source: 'local' });
            assert.ok(result.accepted, result.message);

            const startMs = rig.scheduler.nowMs();
            const samples: Sample[] = [];
            const rampMs = ((run.speedKph - endKph) / limits.decelKphPerS) * 1000;
            while (rig.scheduler.nowMs() < startMs + rampMs + STOP_SLACK_MS + SETTLE_ALLOWANCE_MS + 2000) {
              rig.scheduler.advance(5);
              const status = firmware.status();
              samples.push({ timeMs: rig.scheduler.nowMs() - startMs, setpointKph: status.setpointKph, speedKph: sign * rig.sim.beltSpeedKph(), state: status.state });
            }
            assert.equal(firmware.status().fault, null, 'no fault');

            // The setpoint ramp itself: it moves once per control tick, never by more than the limit allows.
            let lastChange = { timeMs: -tickMs, setpointKph: run.speedKph };
            samples.forEach((sample) => {
              const fallKph = lastChange.setpointKph - sample.setpointKph;
              if (fallKph === 0) return;
              assert.ok(fallKph > 0, 'the setpoint never rises during ' + run.command);
              const elapsedMs = Math.max(tickMs, sample.timeMs - lastChange.timeMs);
              assert.ok(fallKph <= (limits.decelKphPerS * elapsedMs) / 1000 + 1e-9, 'setpoint fell ' + fallKph + ' km/h in ' + elapsedMs + ' ms');
              lastChange = sample;
            });

            // The belt follows it down, no faster than the limit.
            const half = Math.floor(windowSamples / 2);
            const averaged = strideAverages(
              samples.map((sample) => sample.speedKph),
              windowSamples,
            );
            let steepestKphPerS = 0;
            let steepestAtMs = 0;
            for (let at = slopeSamples; at < averaged.length; at++) {
              // Only while the drive holds the belt over the whole averaging window.
              if (samples[at + windowSamples - 1].setpointKph <= DEFAULT_CONFIG.minSpeedKph) continue;
              const fallKphPerS = ((averaged[at - slopeSamples] - averaged[at]) * 1000) / SLOPE_WINDOW_MS;
              if (fallKphPerS > steepestKphPerS) {
                steepestKphPerS = fallKphPerS;
                steepestAtMs = samples[at + half].timeMs;
              }
            }
            const allowedKphPerS = DRIVE_LAG_TOLERANCE * limits.decelKphPerS + noiseKphPerS;
            assert.ok(
              steepestKphPerS <= allowedKphPerS,
              'belt slowed at ' + steepestKphPerS.toFixed(2) + ' km/h/s around ' + steepestAtMs + ' ms after the command; limit ' + limits.decelKphPerS + ' + steady noise ' + noiseKphPerS.toFixed(2),
            );

            if (run.command === 'stop') {
              const restAt = samples.findIndex((sample) => sample.speedKph === 0);
              assert.ok(restAt >= 0, 'the belt came to rest');
              assert.ok(samples[restAt].timeMs <= rampMs + STOP_SLACK_MS, 'at rest after ' + samples[restAt].timeMs + ' ms; the ramp takes ' + rampMs.toFixed(0));
              assert.equal(samples[samples.length - 1].state, 'idle');
              assert.equal(rig.sim.motorEnabled(), false, 'motor disabled once idle');
            } else {
              const tail = averaged.slice(averaged.length - windowSamples);
              tail.forEach((speedKph) => assert.ok(Math.abs(speedKph - endKph) <= SETTLE_TOLERANCE_KPH, 'settled at the start speed: ' + speedKph.toFixed(3)));
              assert.equal(samples[samples.length - 1].state, 'running');
            }
          });
        });
      });
    });
  });
});

describe('the control loop at the longest period a board may run (250 ms)', () => {
  it('integrates each whole tick: a ramp takes the time its limit sets, not a quarter longer', () => {
    const periodMs = 250;
    const rig = makeRig({ walkerMode: 'forward', pulsesPerMeter: 100, outputDelayMs: 0.3 * periodMs }, { metersPerPulse: 0.01, controlPeriodMs: periodMs });
    startBelt(rig);
    while (rig.firmware.status().state !== 'running' || rig.firmware.status().setpointKph !== DEFAULT_CONFIG.startSpeedKph) rig.scheduler.advance(periodMs);
    setSpeed(rig, 4);
    const fromMs = rig.scheduler.nowMs();
    while (rig.firmware.status().setpointKph !== 4 && rig.scheduler.nowMs() - fromMs < 20000) rig.scheduler.advance(periodMs);
    // 3.2 km/h at 1 km/h/s, plus half the end rounding; a loop that integrated at most 200 ms
    // of each 250 ms tick would take 4.5 s.
    const expectedMs = ((4 - DEFAULT_CONFIG.startSpeedKph) / DEFAULT_CONFIG.forward.accelKphPerS + RAMP_END_ROUNDING_S / 2) * 1000;
    const tookMs = rig.scheduler.nowMs() - fromMs;
    assert.ok(Math.abs(tookMs - expectedMs) <= periodMs, 'the ramp took ' + tookMs + ' ms, expected ' + expectedMs);
    assert.equal(rig.firmware.status().fault, null);
  });
});
