// The self-test: the real firmware on the simulated treadmill, running built-in scenarios on any Espruino or Node.

import { bootTreadmill } from '../../firmware/index';
import { parseScenario } from '../scenario/parse-scenario';
import { runScenario } from '../scenario/run-scenario';
import { memoryUsage, printLine, reportFailure, runAfterLoad, wallSeconds } from './platform';
import startAndWalk from './scenarios/start-and-walk.json';
import keyPull from './scenarios/key-pull.json';
import directionChange from './scenarios/direction-change.json';

/**
 * Why these three: they cover the board-independent heart of the product (countdown and
 * closed-loop start, the safety key cutting the motor in its own event, the direction
 * interlock) in a few simulated minutes, small enough for a Pico's memory.
 */
const SCENARIOS: unknown[] = [startAndWalk, keyPull, directionChange];

function runAll(): void {
  const loaded = memoryUsage();
  if (loaded !== null) printLine('memory after load: ' + loaded.usedVariables + ' of ' + loaded.totalVariables + ' variables (code and constants)');
  let passed = 0;
  let failed = 0;
  let ticks = 0;
  let busySeconds = 0;
  let peakVariables = 0;
  SCENARIOS.forEach((json) => {
    let name = '(unparsed scenario)';
    try {
      const scenario = parseScenario(json);
      name = scenario.name;
      const startS = wallSeconds();
      const result = runScenario(scenario, bootTreadmill);
      const endS = wallSeconds();
      if (startS !== null && endS !== null) busySeconds += endS - startS;
      ticks += result.summary.controlTicks;
      const memory = memoryUsage();
      if (memory !== null && memory.usedVariables > peakVariables) peakVariables = memory.usedVariables;
      if (result.passed) {
        passed++;
        printLine('pass: ' + name);
      } else {
        failed++;
        printLine('FAIL: ' + name);
        result.failures.forEach((failure) => printLine('  ' + failure));
      }
    } catch (error) {
      failed++;
      printLine('FAIL: ' + name + ': ' + String(error));
    }
  });
  const memory = memoryUsage();
  if (memory !== null) {
    printLine('memory: ' + Math.max(peakVariables, memory.usedVariables) + ' of ' + memory.totalVariables + ' variables used (peak after a scenario)');
  }
  if (ticks > 0 && busySeconds > 0) {
    printLine('time per control tick (with simulated physics): ' + ((busySeconds * 1000) / ticks).toFixed(3) + ' ms over ' + ticks + ' ticks');
  }
  printLine('selftest: ' + passed + ' passed, ' + failed + ' failed');
  if (failed > 0) reportFailure();
}

runAfterLoad(runAll);
