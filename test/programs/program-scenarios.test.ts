// Each built-in program runs to completion in the simulator (sim/scenarios/program-*.json), with its figures in the summary.

import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { bootTreadmill } from '../../firmware/index';
import { parseScenario } from '../../sim/scenario/parse-scenario';
import { runScenario, type ScenarioResult } from '../../sim/scenario/run-scenario';

const DIRECTORY = join(__dirname, '..', '..', 'sim', 'scenarios');

function run(file: string): ScenarioResult {
  const result = runScenario(parseScenario(JSON.parse(readFileSync(join(DIRECTORY, file), 'utf8'))), bootTreadmill);
  assert.deepEqual(result.failures, [], file + ' (seed ' + result.summary.seed + ')');
  return result;
}

describe('programs in the simulator', () => {
  it('12-3-30 for 70 kg: about 300 kcal (within 10 %), completed', () => {
    const summary = run('program-12-3-30.json').summary;
    assert.ok(Math.abs(summary.sessionEnergyKcal - 300) <= 30, summary.sessionEnergyKcal + ' kcal');
    assert.ok(summary.sessionElapsedS >= 2040 && summary.sessionElapsedS <= 2050, summary.sessionElapsedS + ' s');
    assert.ok(summary.sessionElevationGainM > 250, 'climbed ' + summary.sessionElevationGainM + ' m');
    assert.equal(summary.sessionRemainingS, 0);
    assert.equal(summary.finalState, 'idle');
  });

  ['program-backward-intro.json', 'program-backward-progression.json'].forEach((file) => {
    it(file + ': backward only, completed, the figures split by direction', () => {
      const summary = run(file).summary;
      assert.equal(summary.sessionDistanceForwardM, 0);
      assert.ok(summary.sessionDistanceBackwardM > 50);
      assert.ok(summary.maxBackwardSpeedKph <= 4.0);
      assert.ok(summary.sessionEnergyKcal > 0);
      assert.equal(summary.sessionRemainingS, 0);
      assert.equal(summary.directionChanges, 1);
      assert.ok((summary.minDirectionDwellS as number) >= 2);
    });
  });

  it('intervals: forward only, completed', () => {
    const summary = run('program-intervals.json').summary;
    assert.equal(summary.sessionDistanceBackwardM, 0);
    assert.ok(summary.maxSpeedKph > 7.8 && summary.maxSpeedKph < 8.6);
    assert.equal(summary.sessionRemainingS, 0);
  });

  it('a custom program changes direction twice through the interlock, with pause, resume, skip and overrides', () => {
    const summary = run('program-custom-turn-round.json').summary;
    assert.equal(summary.directionChanges, 2);
    assert.ok((summary.minDirectionDwellS as number) >= 2);
    assert.equal(summary.finalState, 'idle');
  });

  it('manual: no remaining time', () => {
    assert.equal(run('program-manual.json').summary.sessionRemainingS, null);
  });
});
