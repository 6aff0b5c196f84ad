// What the self-test may learn about the platform it runs on: Espruino or Node, memory, wall time.

// This file is the one place in the self-test that looks at host globals, to report figures only;
// nothing here steers the firmware or the simulator. Each probe checks the global exists first.
/* eslint-disable no-restricted-globals */

/** Espruino's wall clock in seconds (declared here: the self-test must not depend on hal/espruino). */
declare function getTime(): number;

/** Interpreter memory in Espruino variables, or null where the platform does not count them. */
export function memoryUsage(): { usedVariables: number; totalVariables: number } | null {
  if (typeof process === 'undefined' || typeof (process as unknown as { memory?: unknown }).memory !== 'function') return null;
  const report = (process as unknown as { memory: () => { usage: number; total: number } }).memory();
  return { usedVariables: report.usage, totalVariables: report.total };
}

/** Wall-clock seconds: Espruino's getTime, or Node's performance clock; null where neither exists. */
export function wallSeconds(): number | null {
  if (typeof getTime === 'function') return getTime();
  if (typeof performance !== 'undefined') return performance.now() / 1000;
  return null;
}

/** Print one line: console.log exists on Espruino and Node alike. */
export function printLine(text: string): void {
  console.log(text);
}

/** Report failure to the host: a non-zero exit status on Node; Espruino has no exit status. */
export function reportFailure(): void {
  if (typeof process !== 'undefined' && typeof (process as unknown as { exit?: unknown }).exit === 'function') {
    (process as unknown as { exitCode: number }).exitCode = 1;
  }
}

/**
 * Run `task` after the loading script has finished. Why: Espruino keeps the whole source text
 * and the bundle's wrapper function in memory while the script runs; starting later frees both,
 * which on a 5100-variable Pico is the difference between running and running out of memory.
 */
export function runAfterLoad(task: () => void): void {
  setTimeout(task, 0);
}

