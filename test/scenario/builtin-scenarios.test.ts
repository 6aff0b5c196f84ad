// Runs every scenario shipped in sim/scenarios/ against the real firmware on the simulated treadmill.

import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { bootTreadmill } from '../../firmware/index';
import { parseScenario } from '../../sim/scenario/parse-scenario';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { runScenario } from '../../sim/scenario/run-scenario';
import { DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';
import { boardsUnderTest, timingConfig, timingLabel, timingSimOptions } from '../closed-loop/board-timings';

const SCENARIO_DIRECTORY = join(__dirname, '..', '..', 'sim', 'scenarios');
const FILES = readdirSync(SCENARIO_DIRECTORY).filter((name) => name.endsWith('.json')).sort();

describe('built-in scenarios (sim/scenarios/*.json, real firmware and simulator)', () => {
  it('include the demo and the documented examples', () => {
    ['demo-backward-session.json', 'forward-walk.json', 'key-pull.json', 'backward-from-forward.json'].forEach((name) => {
      assert.ok(FILES.indexOf(name) >= 0, name + ' is missing');
    });
  });

  FILES.forEach((name) => {
    it(name + ' passes at the firmware\'s default period', () => {
      const scenario = parseScenario(JSON.parse(readFileSync(join(SCENARIO_DIRECTORY, name), 'utf8')));
      const result = runScenario(scenario, bootTreadmill);
      assert.deepEqual(result.failures, [], name + ' (seed ' + result.summary.seed + ')');
      assert.ok(result.summary.expectations >= 5, name + ' checks something');
      // One sample per control tick.
      assert.equal(result.summary.controlTicks, scenario.durationMs / DEFAULT_CONFIG.controlPeriodMs);
    });
  });

  // As `npm run sim -- --board NAME` runs them: the board's period, its outputs a tick time late.
  boardsUnderTest().forEach((board) => {
    FILES.forEach((name) => {
      it(name + ' passes at ' + timingLabel(board), () => {
        const scenario = parseScenario(JSON.parse(readFileSync(join(SCENARIO_DIRECTORY, name), 'utf8')));
        const result = runScenario(scenario, bootTreadmill, {
          defaultConfig: timingConfig(board),
          defaultSimOptions: Object.assign({}, DEFAULT_SIM_OPTIONS, timingSimOptions(board)),
        });
        assert.deepEqual(result.failures, [], name + ' (seed ' + result.summary.seed + ')');
        // One sample per tick; a reboot restarts the tick grid, which may add or drop one when the
        // period does not divide the time before it.
        const wholeTicks = Math.floor(scenario.durationMs / (timingConfig(board).controlPeriodMs as number));
        assert.ok(Math.abs(result.summary.controlTicks - wholeTicks) <= result.summary.reboots, result.summary.controlTicks + ' samples for ' + wholeTicks + ' ticks');
      });
    });
  });
});
