// The session metrics settings: shipped defaults and the range checks on overrides.

import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { resolveConfig } from '../../firmware/config-overrides';

describe('session metrics settings', () => {
  it('ships 70 kg and a backward multiplier of 1.3', () => {
    assert.equal(DEFAULT_CONFIG.userWeightKg, 70);
    assert.equal(DEFAULT_CONFIG.backwardEnergyMultiplier, 1.3);
  });

  it('accepts values in range', () => {
    const config = resolveConfig({ userWeightKg: 95.5, backwardEnergyMultiplier: 1 });
    assert.equal(config.userWeightKg, 95.5);
    assert.equal(config.backwardEnergyMultiplier, 1);
  });

  [
    { overrides: { userWeightKg: 19 }, message: /"userWeightKg" must be within 20\.\.250, got 19/ },
    { overrides: { userWeightKg: 251 }, message: /"userWeightKg" must be within 20\.\.250/ },
    { overrides: { userWeightKg: '70' }, message: /"userWeightKg" must be a number/ },
    { overrides: { backwardEnergyMultiplier: 0.9 }, message: /"backwardEnergyMultiplier" must be within 1\.\.2, got 0\.9/ },
    { overrides: { backwardEnergyMultiplier: 2.1 }, message: /"backwardEnergyMultiplier" must be within 1\.\.2/ },
  ].forEach((row) => {
    it('refuses ' + JSON.stringify(row.overrides), () => {
      assert.throws(() => resolveConfig(row.overrides), row.message);
    });
  });
});
