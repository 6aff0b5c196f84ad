// Unit tests of the setpoint ramp, the PI controller with feed-forward, and the speed-target rules.

import assert from 'node:assert/strict';
import type { Command, CommandResult } from '../../firmware/command';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { rampSetpoint } from '../../firmware/core/setpoint-ramp';
import { feedForwardDuty, makeControllerState, stepController } from '../../firmware/core/speed-controller';
import { applySpeedCommand, speedCapKph } from '../../firmware/core/speed-targets';

const SETTINGS = { dutyMap: DEFAULT_CONFIG.dutyMap, proportionalGain: 0.02, integralGain: 0.03, maxDuty: 0.85 };

describe('setpoint ramp', () => {
  it('rises at the acceleration limit and falls at the deceleration limit without overshoot', () => {
    assert.ok(Math.abs(rampSetpoint(1, 5, 1, 2, 500) - 1.5) < 1e-12);
    assert.ok(Math.abs(rampSetpoint(5, 1, 1, 2, 500) - 4) < 1e-12);
    assert.equal(rampSetpoint(4.9, 5, 1, 2, 500), 5);
    assert.equal(rampSetpoint(1.1, 1, 1, 2, 500), 1);
    assert.equal(rampSetpoint(3, 3, 1, 2, 500), 3);
  });
});

describe('speed controller', () => {
  it('interpolates the feed-forward map and stays flat beyond its ends', () => {
    assert.equal(feedForwardDuty(SETTINGS.dutyMap, 0), 0);
    assert.ok(Math.abs(feedForwardDuty(SETTINGS.dutyMap, 0.4) - 0.06) < 1e-12);
    assert.equal(feedForwardDuty(SETTINGS.dutyMap, 30), 0.85);
  });

  it('gives zero duty for a zero setpoint and clears the integral', () => {
    const state = makeControllerState();
    stepController(state, 5, 3, 20, SETTINGS);
    assert.ok(state.integralDuty > 0);
    assert.equal(stepController(state, 0, 3, 20, SETTINGS), 0);
    assert.equal(state.integralDuty, 0);
  });

  it('never exceeds maxDuty and does not wind up while saturated', () => {
    const state = makeControllerState();
    for (let tick = 0; tick < 5000; tick++) assert.ok(stepController(state, 16, 0, 20, SETTINGS) <= 0.85);
    assert.ok(state.integralDuty < 0.01, 'integral stayed small while saturated: ' + state.integralDuty);
  });

  it('integrates a steady error so a drooping belt is corrected', () => {
    const state = makeControllerState();
    const first = stepController(state, 5, 4.5, 20, SETTINGS);
    let last = first;
    for (let tick = 0; tick < 100; tick++) last = stepController(state, 5, 4.5, 20, SETTINGS);
    assert.ok(last > first + 0.02, `duty rose from ${first} to ${last}`);
  });
});

describe('speed targets', () => {
  function run(targetKph: number, command: Command, direction: 'forward' | 'backward') {
    const result: CommandResult = { accepted: false, message: '' };
    const next = applySpeedCommand(targetKph, command, direction, DEFAULT_CONFIG, result);
    return { next, result };
  }

  it('caps backward at 4.0 km/h and forward at 16 km/h by default', () => {
    assert.equal(speedCapKph(DEFAULT_CONFIG, 'backward'), 4);
    assert.equal(speedCapKph(DEFAULT_CONFIG, 'forward'), 16);
  });

  it('refuses a setSpeed above the backward cap and keeps the target, saying why', () => {
    const outcome = run(2, { name: 'setSpeed', source: 'remote', speedKph: 5 }, 'backward');
    assert.equal(outcome.next, 2);
    assert.equal(outcome.result.accepted, false);
    assert.match(outcome.result.message, /above the backward cap of 4\.0 km\/h/);
  });

  it('clamps a speed-up button at the cap and says it clamped', () => {
    const outcome = run(4, { name: 'speedUp', source: 'local' }, 'backward');
    assert.equal(outcome.next, 4);
    assert.equal(outcome.result.accepted, true);
    assert.match(outcome.result.message, /clamped to the backward cap/);
  });

  it('steps by 0.1 km/h and clamps at the minimum', () => {
    assert.ok(Math.abs(run(1, { name: 'speedUp', source: 'local' }, 'forward').next - 1.1) < 1e-9);
    const down = run(0.8, { name: 'speedDown', source: 'local' }, 'forward');
    assert.equal(down.next, 0.8);
    assert.match(down.result.message, /minimum/);
  });

  it('slow-down goes to the start speed', () => {
    assert.equal(run(10, { name: 'slowDown', source: 'local' }, 'forward').next, 0.8);
  });

  it('refuses a malformed setSpeed', () => {
    const outcome = run(3, { name: 'setSpeed', source: 'remote', speedKph: Number.NaN }, 'forward');
    assert.equal(outcome.next, 3);
    assert.equal(outcome.result.accepted, false);
  });
});
