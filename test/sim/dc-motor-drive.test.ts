// Tests of the DC motor on an H-bridge: duty sets speed, direction reverses, disabled coasts.

import assert from 'node:assert/strict';
import { DcMotorDrive, DEFAULT_DC_MOTOR_OPTIONS } from '../../sim/models/dc-motor-drive';
import { DriveHarness, meanOfLast } from './physics-harness';

describe('DcMotorDrive', () => {
  it('runs faster with more duty, near the no-load speed', () => {
    const speeds = [0.1, 0.3, 0.5, 0.7, 1].map((duty) => {
      const harness = new DriveHarness(new DcMotorDrive());
      return meanOfLast(harness.run({ duty: duty, enabled: true, backward: false }, 6000), 10);
    });
    speeds.forEach((speedKph, index) => {
      if (index > 0) assert.ok(speedKph > speeds[index - 1] + 1, 'speeds ' + speeds.join(', '));
    });
    const options = DEFAULT_DC_MOTOR_OPTIONS;
    const noLoadKph = (options.supplyVoltageV / options.motorConstantVPerMps) * 3.6;
    assert.ok(speeds[4] < noLoadKph && speeds[4] > 0.9 * noLoadKph, 'full duty ' + speeds[4] + ' vs no-load ' + noLoadKph);
  });

  it('reverses with the direction input', () => {
    const forward = new DriveHarness(new DcMotorDrive());
    const backward = new DriveHarness(new DcMotorDrive());
    const forwardKph = meanOfLast(forward.run({ duty: 0.4, enabled: true, backward: false }, 5000), 10);
    const backwardKph = meanOfLast(backward.run({ duty: 0.4, enabled: true, backward: true }, 5000), 10);
    assert.ok(forwardKph > 5, 'forward ' + forwardKph);
    assert.ok(Math.abs(backwardKph + forwardKph) < 0.01, 'backward ' + backwardKph);
  });

  it('coasts when disabled, but brakes when enabled at duty 0', () => {
    const coasting = new DriveHarness(new DcMotorDrive());
    const braking = new DriveHarness(new DcMotorDrive());
    coasting.run({ duty: 0.5, enabled: true, backward: false }, 5000);
    braking.run({ duty: 0.5, enabled: true, backward: false }, 5000);
    const startKph = coasting.speedKph();
    // Two seconds: about four time constants of the shorted motor on the belt's mass.
    const coastKph = coasting.run({ duty: 0.5, enabled: false, backward: false }, 2000).pop() as number;
    const brakeKph = braking.run({ duty: 0, enabled: true, backward: false }, 2000).pop() as number;
    assert.ok(coastKph > 0.7 * startKph, 'coasting keeps most speed: ' + coastKph);
    assert.ok(brakeKph < 0.1 * startKph, 'shorted motor brakes: ' + brakeKph);
  });

  it('droops under load more than the MC-2100 (open loop)', () => {
    const unloaded = new DriveHarness(new DcMotorDrive());
    const loaded = new DriveHarness(new DcMotorDrive());
    loaded.loadKg = 70;
    const unloadedKph = meanOfLast(unloaded.run({ duty: 0.5, enabled: true, backward: false }, 6000), 10);
    const loadedKph = meanOfLast(loaded.run({ duty: 0.5, enabled: true, backward: false }, 6000), 10);
    assert.ok(unloadedKph - loadedKph > 1, 'droop ' + (unloadedKph - loadedKph));
  });

  it('limits the current', () => {
    const drive = new DcMotorDrive();
    drive.update(1, true, false, 0, 5);
    assert.equal(drive.currentA, DEFAULT_DC_MOTOR_OPTIONS.currentLimitA);
    drive.update(1, true, true, 3, 5);
    assert.equal(drive.currentA, -DEFAULT_DC_MOTOR_OPTIONS.currentLimitA);
  });

  it('runaway raises the effective duty by itself while enabled', () => {
    const drive = new DcMotorDrive();
    drive.runaway = true;
    const harness = new DriveHarness(drive);
    const samples = harness.run({ duty: 0.2, enabled: true, backward: false }, 6000);
    const normal = new DriveHarness(new DcMotorDrive());
    const normalKph = meanOfLast(normal.run({ duty: 0.2, enabled: true, backward: false }, 6000), 10);
    assert.ok(samples[samples.length - 1] > normalKph + 8, 'runaway ' + samples[samples.length - 1] + ' vs ' + normalKph);
    assert.equal(drive.update(0.2, false, false, harness.belt.speedMps, 5), 0);
  });
});
