// The self-test: the core firmware on the simulated treadmill, running built-in sessions on any Espruino or Node.

import { memoryUsage, printLine, reportFailure, runAfterLoad, wallSeconds } from './platform';
import { makeSelftestRig, SELFTEST_CHECKS, selftestConfig } from './selftest-checks';

/**
 * Why these three: they cover the board-independent heart of the product (countdown and
 * closed-loop start, the safety key cutting the motor in its own event, the direction
 * interlock) in under a simulated minute, small enough for a Pico's memory.
 */
function runAll(): void {
  const controlPeriodMs = selftestConfig().controlPeriodMs;
  const loaded = memoryUsage();
  if (loaded !== null) printLine('memory after load: ' + loaded.usedVariables + ' of ' + loaded.totalVariables + ' variables (code and constants)');
  let passed = 0;
  let failed = 0;
  let ticks = 0;
  let busySeconds = 0;
  let peakVariables = 0;
  SELFTEST_CHECKS.forEach((check) => {
    const startS = wallSeconds();
    let failures: string[];
    try {
      const rig = makeSelftestRig();
      check.run(rig);
      ticks += Math.floor(rig.scheduler.nowMs() / controlPeriodMs);
      failures = rig.failures;
    } catch (error) {
      failures = ['threw ' + String(error)];
    }
    const endS = wallSeconds();
    if (startS !== null && endS !== null) busySeconds += endS - startS;
    const memory = memoryUsage();
    if (memory !== null && memory.usedVariables > peakVariables) peakVariables = memory.usedVariables;
    if (failures.length === 0) {
      passed++;
      printLine('pass: ' + check.name);
    } else {
      failed++;
      printLine('FAIL: ' + check.name);
      failures.forEach((failure) => printLine('  ' + failure));
    }
  });
  const memory = memoryUsage();
  if (memory !== null) {
    printLine('memory: ' + Math.max(peakVariables, memory.usedVariables) + ' of ' + memory.totalVariables + ' variables used (peak after a session)');
  }
  if (ticks > 0 && busySeconds > 0) {
    printLine('time per control tick (with simulated physics and checks): ' + ((busySeconds * 1000) / ticks).toFixed(3) + ' ms over ' + ticks + ' ticks');
  }
  printLine('selftest: ' + passed + ' passed, ' + failed + ' failed');
  if (failed > 0) reportFailure();
}

runAfterLoad(runAll);
