// Tests of the MC-2100 model: dead band, duty-to-speed curve, time constant, droop, faults.

import assert from 'node:assert/strict';
import { DEFAULT_MC2100_OPTIONS, Mc2100Drive } from '../../sim/models/mc2100-drive';
import { DriveHarness, meanOfLast, timeToFraction } from './physics-harness';

function steadySpeedKph(duty: number, loadKg = 0): number {
  const harness = new DriveHarness(new Mc2100Drive());
  harness.loadKg = loadKg;
  const samples = harness.run({ duty: duty, enabled: true, backward: false }, 8000);
  return meanOfLast(samples, 20);
}

describe('Mc2100Drive', () => {
  it('does not drive in the dead band below 0.10 duty', () => {
    for (const duty of [0, 0.05, 0.09, 0.099]) {
      const harness = new DriveHarness(new Mc2100Drive());
      harness.run({ duty: duty, enabled: true, backward: false }, 3000);
      assert.equal(harness.belt.speedMps, 0, 'duty ' + duty);
    }
    assert.ok(steadySpeedKph(0.12) > 0.2, 'just above the dead band the belt moves');
  });

  it('settles a little under its full-scale speed at 0.85 duty and saturates above it', () => {
    const fullScaleKph = DEFAULT_MC2100_OPTIONS.fullScaleSpeedKph;
    const atFullScale = steadySpeedKph(0.85);
    assert.ok(atFullScale > 0.95 * fullScaleKph && atFullScale <= fullScaleKph, 'at 0.85: ' + atFullScale);
    // The reference treadmill is rated 16 km/h; the board keeps headroom above it for a runner's load.
    assert.ok(atFullScale > 16, 'at 0.85 with no walker: ' + atFullScale);
    assert.ok(Math.abs(steadySpeedKph(0.95) - atFullScale) < 1e-9, 'above 0.85 nothing changes');
  });

  it('maps duty to speed roughly linearly but not exactly', () => {
    const duties = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    const speeds = duties.map((duty) => steadySpeedKph(duty));
    const kphPerDuty = DEFAULT_MC2100_OPTIONS.fullScaleSpeedKph / (0.85 - 0.1);
    let largestDeviation = 0;
    speeds.forEach((speedKph, index) => {
      if (index > 0) assert.ok(speedKph > speeds[index - 1], 'monotonic at ' + duties[index]);
      const linearKph = kphPerDuty * (duties[index] - 0.1);
      const deviation = Math.abs(speedKph - linearKph) / linearKph;
      assert.ok(deviation < 0.12, 'duty ' + duties[index] + ': ' + speedKph + ' vs linear ' + linearKph);
      if (deviation > largestDeviation) largestDeviation = deviation;
    });
    assert.ok(largestDeviation > 0.03, 'some nonlinearity for the closed loop to correct: ' + largestDeviation);
  });

  it('approaches a duty step with a time constant between 0.6 and 1.1 s', () => {
    const harness = new DriveHarness(new Mc2100Drive());
    const samples = harness.run({ duty: 0.5, enabled: true, backward: false }, 8000, 10);
    const finalKph = meanOfLast(samples, 50);
    const timeConstantMs = timeToFraction(samples, finalKph, 1 - Math.exp(-1), 10);
    assert.ok(timeConstantMs >= 600 && timeConstantMs <= 1100, 'time constant ' + timeConstantMs + ' ms');
    assert.ok(samples[9] < 0.2 * finalKph, 'no jump at the step');
  });

  it('droops under the walker load, leaving work for the firmware loop', () => {
    const unloadedKph = steadySpeedKph(0.5);
    const loadedKph = steadySpeedKph(0.5, 90);
    const droopKph = unloadedKph - loadedKph;
    assert.ok(droopKph > 0.3 && droopKph < 1.5, 'droop ' + droopKph);
  });

  it('coasts down without force when disabled', () => {
    const drive = new Mc2100Drive();
    const harness = new DriveHarness(drive);
    harness.run({ duty: 0.5, enabled: true, backward: false }, 5000);
    const runningKph = harness.speedKph();
    assert.equal(drive.update(0.5, false, false, harness.belt.speedMps, 5), 0);
    const coasting = harness.run({ duty: 0.5, enabled: false, backward: false }, 1000);
    assert.ok(coasting[coasting.length - 1] < runningKph, 'slows down');
    assert.ok(coasting[coasting.length - 1] > 0.5 * runningKph, 'but coasts, no brake: ' + coasting[coasting.length - 1]);
  });

  it('runs backward through the direction relay', () => {
    const harness = new DriveHarness(new Mc2100Drive());
    const samples = harness.run({ duty: 0.3, enabled: true, backward: true }, 6000);
    const forwardKph = steadySpeedKph(0.3);
    assert.ok(Math.abs(meanOfLast(samples, 10) + forwardKph) < 0.01, 'mirror of forward: ' + meanOfLast(samples, 10));
  });

  it('runaway ignores the duty and accelerates past every cap, but the enable still cuts it', () => {
    const drive = new Mc2100Drive();
    drive.runaway = true;
    const harness = new DriveHarness(drive);
    const samples = harness.run({ duty: 0.2, enabled: true, backward: false }, 6000);
    assert.ok(samples[samples.length - 1] > 20, 'runaway reaches ' + samples[samples.length - 1]);
    assert.equal(drive.update(0, false, false, harness.belt.speedMps, 5), 0);
    assert.ok(DEFAULT_MC2100_OPTIONS.runawaySpeedKph > 20);
  });

  it('with the direction relay stuck ignores direction writes', () => {
    const drive = new Mc2100Drive();
    drive.directionStuck = true;
    const harness = new DriveHarness(drive);
    const samples = harness.run({ duty: 0.3, enabled: true, backward: true }, 4000);
    assert.ok(samples[samples.length - 1] > 3, 'still forward: ' + samples[samples.length - 1]);
    assert.equal(drive.relayBackward, false);
  });
});
