// One description of the machine in the simulator: the firmware's belt distance and incline scale follow the plant, and a scenario may name a machine.

import { strict as assert } from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { bootTreadmill } from '../../firmware/index';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { loadScenarioFile } from '../../sim/cli/run-scenario';
import { parseScenario } from '../../sim/scenario/parse-scenario';
import { runScenario } from '../../sim/scenario/run-scenario';

/** Start, then 4 km/h forward with a walker: a plain session whose belt speed the firmware must measure right. */
const WALK_STEPS = [
  { atS: 1, command: 'start', expectAccepted: true },
  { atS: 6, command: 'setSpeed', speedKph: 4, expectAccepted: true },
  { fromS: 4.1, toS: 30, throughout: { state: 'running', fault: null }, note: 'no false trip' },
  { fromS: 12, byS: 30, within: { speedKph: 4, beltSpeedKph: 4, toleranceKph: 0.2 } },
];

function walk(extra: object): object {
  return Object.assign({ name: 'walk at 4 km/h', description: '', durationS: 30, steps: WALK_STEPS }, extra);
}

describe('the machine in the simulator', function () {
  this.timeout(30000);

  describe('a scenario that sets only sim.pulsesPerMeter', () => {
    const scenario = parseScenario(walk({ sim: { walkerMode: 'forward', pulsesPerMeter: 100 } }));

    it('runs without a false trip: the firmware measures the belt with the plant\'s 0.01 m per pulse', () => {
      const result = runScenario(scenario, bootTreadmill);
      assert.deepEqual(result.failures, []);
      assert.deepEqual(result.summary.faultsSeen, []);
    });

    it('trips overspeed at the start when the firmware ignores the plant (the bug this guards against)', () => {
      const ignoringThePlant = (hal: TreadmillHal, overrides: object) => bootTreadmill(hal, overrides);
      const result = runScenario(scenario, ignoringThePlant);
      assert.deepEqual(result.summary.faultsSeen, ['overspeed']);
    });
  });

  it('the incline scale follows the plant too: a lift with 20 pulses per percent reaches 5 %', () => {
    const scenario = parseScenario({
      name: 'incline with a finer sensor',
      description: '',
      durationS: 40,
      sim: { inclinePulsesPerPct: 20 },
      steps: [
        { atS: 1, command: 'setIncline', inclinePct: 5, expectAccepted: true },
        { fromS: 15, byS: 40, within: { inclinePct: 5, tolerancePct: 0.3 } },
      ],
    });
    assert.deepEqual(runScenario(scenario, bootTreadmill).failures, []);
    // A firmware counting the default 10 pulses per percent would stop the lift at half the grade.
    const ignoringThePlant = (hal: TreadmillHal, overrides: object) => bootTreadmill(hal, overrides);
    assert.equal(runScenario(scenario, ignoringThePlant).passed, false);
  });

  describe('a scenario file naming its machine', () => {
    let folder = '';
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'retrotread-scenario-machine-'));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    function scenarioFile(json: object): string {
      const path = join(folder, 'scenario.json');
      writeFileSync(path, JSON.stringify(json));
      return path;
    }

    it('as fields: the plant, and the firmware\'s caps, are that machine\'s', () => {
      const machine = { board: 'pico', drive: 'hbridge', beltDistance: { beltLengthM: 2.8, revolutions: 10, pulses: 2800 }, incline: { sensor: 'pulses', pulsesPerPct: 12 }, forward: { maxSpeedKph: 6 } };
      const steps = WALK_STEPS.concat([{ atS: 20, command: 'setSpeed', speedKph: 8, expectAccepted: false, note: 'above the machine\'s cap of 6' } as never]);
      const scenario = loadScenarioFile(scenarioFile(walk({ machine, sim: { walkerMode: 'forward' }, steps })));
      assert.equal(scenario.sim.drive, 'hbridge');
      assert.equal(scenario.sim.pulsesPerMeter, 100);
      assert.equal(scenario.sim.inclinePulsesPerPct, 12);
      assert.deepEqual(scenario.machineConfig, { forward: { maxSpeedKph: 6 } });
      const result = runScenario(scenario, bootTreadmill);
      assert.deepEqual(result.failures, []);
    });

    it('as a file beside the scenario; the scenario\'s own sim options still win', () => {
      writeFileSync(join(folder, 'mine.json'), JSON.stringify({ board: 'jolt', beltDistance: { metersPerPulse: 0.02 } }));
      const scenario = loadScenarioFile(scenarioFile(walk({ machine: 'mine.json', sim: { walkerMode: 'forward', seed: 4 } })));
      assert.equal(scenario.sim.pulsesPerMeter, 50);
      assert.equal(scenario.sim.inclineSensor, 'analog', 'the Jolt.js reads a potentiometer');
      assert.equal(scenario.sim.seed, 4);
      assert.deepEqual(runScenario(scenario, bootTreadmill).failures, []);
    });

    it('a bad machine field is refused with the file and the field named', () => {
      const path = scenarioFile(walk({ machine: { beltDistance: { metersPerPulse: 3 } } }));
      assert.throws(
        () => loadScenarioFile(path),
        (error: Error) => error.message === path + ': machine.beltDistance.metersPerPulse must be between 0.0005 and 2 m (got 3)',
      );
    });

    it('a machine given on the command line applies only where the scenario names none', () => {
      const cliMachine = join(folder, 'cli.json');
      writeFileSync(cliMachine, JSON.stringify({ board: 'pico', beltDistance: { metersPerPulse: 0.05 } }));
      assert.equal(loadScenarioFile(scenarioFile(walk({})), cliMachine).sim.pulsesPerMeter, 20);
      assert.equal(loadScenarioFile(scenarioFile(walk({ machine: { beltDistance: { metersPerPulse: 0.1 } } })), cliMachine).sim.pulsesPerMeter, 10);
      assert.equal(loadScenarioFile(scenarioFile(walk({}))).sim.pulsesPerMeter, undefined, 'without one: the reference treadmill');
    });
  });
});
