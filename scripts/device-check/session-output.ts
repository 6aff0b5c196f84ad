// Reads what the harness and the interpreter printed: the checks, the result line, and the interpreter's own error lines.

/** The harness's result line (scripts/device-check/harness.ts, `run`). */
export interface SessionResult {
  usageAtStart: number;
  usageHarness: number;
  usageAfterBoot: number;
  usagePeak: number;
  total: number;
  flags: string[];
  wrapperCalls: number;
  /** Calls of one pin function in each calibration call (labels f<name> and n<name>). */
  calibrationCalls: number;
  /** Calls of each fake in running ticks, summed (a counting run, `dc(1)`; zeros or empty otherwise). */
  pinCalls: { [name: string]: number };
  /** Calls of the measured native: the wrapper calibration calls, then one per tick. */
  measuredCalls: number;
  ticks: number;
  tickPeriodMs: number;
  /**
   * Labels of the measured calls by index: "w0 fgetTime8 ngetTime9 ... i32 r180 i320" means from
   * each index on: w = the wrapper's own cost, f<name>/n<name> = a pin function's fake/native
   * calibration, r = a tick that began with the motor driven, i = any other tick, o = another
   * firmware interval (the display's redraw, FTMS data).
   */
  phases: string;
  checks: number;
  failures: number;
  sessionMs: number;
  /** Calls of the firmware's other intervals (label o). */
  timerCalls: number;
  /** Bytes the firmware sent to the display's bus, and the bus's bit rate as set up (0 without a display). */
  displayBytes: number;
  displayBitrateHz: number;
}

/** The harness's line at the end of `.boot0`: variables in use before and after it, of `total`. */
export interface HarnessLine {
  atStart: number;
  withHarness: number;
  total: number;
}

export interface SessionOutput {
  harness: HarnessLine | null;
  /** Every `DC check` line, as printed ("ok name: detail" or "FAIL name: detail"). */
  checks: string[];
  result: SessionResult | null;
  /** Lines the interpreter or the firmware printed that mean something went wrong. */
  errors: string[];
}

/**
 * Lines that mean trouble: the interpreter's uncaught errors, memory and assertion messages, and
 * the firmware's own `error:` log lines.
 */
const ERROR_LINE = /Uncaught|OUT OF MEMORY|Out of Memory|LOW_MEMORY|MEMORY_BUSY|ASSERT|Execution Interrupted|^error: |^ERROR/;

/** Split an interpreter run's output into checks, the result and error lines. */
export function parseSessionOutput(output: string): SessionOutput {
  const checks: string[] = [];
  const errors: string[] = [];
  let result: SessionResult | null = null;
  let harness: HarnessLine | null = null;
  output.split(/\r?\n/).forEach((raw) => {
    // The Linux build starts with a terminal escape (clear line) before its first output.
    const line = raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim();
    const harnessMatch = /^DC harness (\d+) (\d+) (\d+)$/.exec(line);
    if (harnessMatch !== null) harness = { atStart: Number(harnessMatch[1]), withHarness: Number(harnessMatch[2]), total: Number(harnessMatch[3]) };
    else if (line.startsWith('DC check ')) checks.push(line.slice('DC check '.length));
    else if (line.startsWith('DC result ')) {
      try {
        result = JSON.parse(line.slice('DC result '.length)) as SessionResult;
      } catch (_error) {
        errors.push('unreadable result line: ' + line.slice(0, 120));
      }
    } else if (ERROR_LINE.test(line)) errors.push(line.slice(0, 200));
  });
  return { harness, checks, result, errors };
}

/** The failed checks, as printed. */
export function failedChecks(output: SessionOutput): string[] {
  return output.checks.filter((line) => line.startsWith('FAIL'));
}

/** Label of each measured call ('w', 'fgetTime', 'r', ...) from the result's `phases`, for `count` calls. */
export function tickLabels(phases: string, count: number): string[] {
  const marks = phases
    .split(' ')
    .filter((item) => item !== '')
    .map((item) => {
      const match = /^([A-Za-z]+)(\d+)$/.exec(item);
      if (match === null) throw new Error('unreadable phase mark "' + item + '"');
      return { label: match[1], from: Number(match[2]) };
    });
  const labels: string[] = [];
  for (let index = 0; index < count; index++) {
    let label = '?';
    marks.forEach((mark) => {
      if (mark.from <= index) label = mark.label;
    });
    labels.push(label);
  }
  return labels;
}
