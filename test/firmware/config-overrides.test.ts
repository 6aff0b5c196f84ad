// Tests that configuration overrides are checked key by key against the defaults and the hard caps.

import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { resolveConfig } from '../../firmware/config-overrides';

describe('configuration overrides', () => {
  it('returns the defaults for no overrides, as a copy', () => {
    const config = resolveConfig({});
    assert.deepEqual(config, DEFAULT_CONFIG);
    config.forward.maxSpeedKph = 1;
    assert.equal(DEFAULT_CONFIG.forward.maxSpeedKph, 16);
  });

  it('applies nested overrides', () => {
    const config = resolveConfig({ backward: { maxSpeedKph: 3 }, metersPerPulse: 0.01 });
    assert.equal(config.backward.maxSpeedKph, 3);
    assert.equal(config.backward.accelKphPerS, DEFAULT_CONFIG.backward.accelKphPerS);
    assert.equal(config.metersPerPulse, 0.01);
  });

  it('runs at 100 ms by default and accepts a slow board\'s period up to 250 ms', () => {
    assert.equal(DEFAULT_CONFIG.controlPeriodMs, 100);
    assert.equal(resolveConfig({ controlPeriodMs: 250 }).controlPeriodMs, 250);
    assert.equal(resolveConfig({ controlPeriodMs: 200, watchdogTimeoutMs: 400 }).watchdogTimeoutMs, 400);
  });

  [
    { overrides: { backward: { maxSpeedKph: 7 } }, message: /backward\.maxSpeedKph.*must be within .*6\.4/ },
    { overrides: { backwards: {} }, message: /unknown setting "backwards"/ },
    { overrides: { countdownMs: '3000' }, message: /countdownMs" must be a number, got string/ },
    { overrides: { forward: { accelKphPerS: Number.POSITIVE_INFINITY } }, message: /finite/ },
    { overrides: { directionDwellMs: 500 }, message: /directionDwellMs/ },
    { overrides: { dutyMap: [{ speedKph: 0, duty: 0 }, { speedKph: 5, duty: 0.5 }, { speedKph: 4, duty: 0.6 }] }, message: /monotonically/ },
    { overrides: { maxDuty: 1 }, message: /maxDuty/ },
    { overrides: { faults: { overspeedWindowMs: 1e9 } }, message: /faults\.overspeedWindowMs/ },
    { overrides: { faults: { overspeedEvidenceExcessKph: 5 } }, message: /faults\.overspeedEvidenceExcessKph/ },
    { overrides: { faults: { drivingDuty: 1 } }, message: /faults\.drivingDuty/ },
    { overrides: { faults: { encoderLossMinWindowMs: 60000 } }, message: /faults\.encoderLossMinWindowMs/ },
    { overrides: { controlPeriodMs: 251 }, message: /controlPeriodMs" must be within 5\.\.250/ },
    { overrides: { controlPeriodMs: 250, watchdogTimeoutMs: 400 }, message: /watchdogTimeoutMs" must be within 500\.\.10000/ },
  ].forEach((row) => {
    it('refuses ' + JSON.stringify(row.overrides), () => {
      assert.throws(() => resolveConfig(row.overrides), row.message);
    });
  });
});
