// Property-based safety invariants: random commands, key events, loads, faults and time steps, checked at every tick.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CheckedWorld, playScenario, scenarioArbitrary, standstillAfterMs, worldSettings, type Scenario } from './safety-world';

/** Fixed by default so CI is deterministic; set FC_SEED to explore, FC_RUNS to run more. */
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20260312;
const RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 1000;

describe('property: safety invariants hold at every control tick', function () {
  this.timeout(180000);

  it(
    'over ' + RUNS + ' random stories: key absent => no drive; direction switches only at rest with duty 0; target within the cap; ' +
      'only a local start leaves idle or fault; duty 0 while a fault is latched; setpoint within the ramp limits',
    () => {
      fc.assert(
        fc.property(scenarioArbitrary, (scenario: Scenario) => {
          const violations = playScenario(scenario);
          // fast-check prints the seed, the path and the shrunk scenario when this throws.
          assert.deepEqual(violations, []);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
  );

  it('the checker\'s own standstill window: 2.5 pulse intervals at the minimum speed, at least 1.5 s', () => {
    assert.equal(standstillAfterMs(worldSettings(100)), 1500);
    // One pulse per foot: 0.3049 m at 0.8 km/h is 1.372 s a pulse, 3.43 s for 2.5 of them.
    assert.ok(Math.abs(standstillAfterMs(worldSettings(3.28)) - 3429.9) < 0.1, String(standstillAfterMs(worldSettings(3.28))));
  });

  it('the checker itself can fail: the direction output switched behind the firmware\'s back just after the belt stopped', () => {
    const world = new CheckedWorld({ drive: 'mc2100', pulsesPerMeter: 3.28, hasDirectionSensor: false, seed: 1, opening: 'idle', actions: [] });
    world.apply({ kind: 'command', command: { name: 'start', source: 'local' } });
    world.apply({ kind: 'wait', ms: world.settings.countdownMs + 6000 });
    world.apply({ kind: 'command', command: { name: 'stop', source: 'local' } });
    world.apply({ kind: 'wait', ms: 4000 });
    assert.equal(world.rig.firmware.status().state, 'idle');
    assert.equal(world.violations.length, 0, world.violations.join('\n'));
    // Duty 0 and the motor off, but the belt crossed a mark within the interlock window.
    world.rig.sim.motorDirection.write(true);
    assert.ok(world.violations.some((line) => line.indexOf('after the belt moved') >= 0), world.violations.join('\n'));
  });

  it('the checker itself can fail: a motor enable stuck on behind the firmware\'s back, key out, is caught', () => {
    const world = new CheckedWorld({ drive: 'mc2100', pulsesPerMeter: 3.28, hasDirectionSensor: false, seed: 1, opening: 'idle', actions: [] });
    world.apply({ kind: 'pullKey' });
    world.apply({ kind: 'wait', ms: 100 });
    assert.equal(world.violations.length, 0, world.violations.join("\n"));
    // Behind the firmware's back: the output turns on without the firmware writing it (reaching
    // the motor after the board's tick time, as every output does; wait a period and a little).
    world.rig.sim.motorEnable.write(true);
    world.apply({ kind: 'wait', ms: world.settings.controlPeriodMs + 10 });
    assert.ok(world.violations.some((line) => line.indexOf('key absent') >= 0), world.violations.join('\n'));
  });
});
