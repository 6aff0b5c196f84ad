// Evaluates a scenario condition against one trace row, and says in words why it does not hold.

import type { Condition, ConditionCheck } from './scenario-types';
import type { TraceRow } from './trace-row';

/**
 * Remembers when a log line containing each watched text was last written, so `log` checks cost
 * nothing per tick. Texts are registered once before the run; lines are offered as they are logged.
 */
export class LogWatch {
  private readonly texts: string[] = [];
  private readonly lastSeenMs: number[] = [];

  /** Watch for lines containing `text` (duplicates are watched once). */
  watch(text: string): void {
    if (this.texts.indexOf(text) >= 0) return;
    this.texts.push(text);
    this.lastSeenMs.push(-1);
  }

  /** Offer one logged line written at scenario time `timeMs`. */
  offer(line: string, timeMs: number): void {
    for (let index = 0; index < this.texts.length; index++) {
      if (line.indexOf(this.texts[index]) >= 0) this.lastSeenMs[index] = timeMs;
    }
  }

  /** Whether a line containing `text` was logged at or after `sinceMs`. */
  seenSince(text: string, sinceMs: number): boolean {
    const index = this.texts.indexOf(text);
    return index >= 0 && this.lastSeenMs[index] >= 0 && this.lastSeenMs[index] >= sinceMs;
  }
}

/** The row's value for a numeric check key. */
function numericValue(key: string, row: TraceRow): number {
  if (key === 'speedKph') return row.measuredKph;
  if (key === 'beltSpeedKph') return row.beltKph;
  if (key === 'targetKph') return row.targetKph;
  if (key === 'setpointKph') return row.setpointKph;
  if (key === 'duty') return row.duty;
  if (key === 'inclinePct') return row.inclinePct;
  if (key === 'directionDwellS') return row.directionDwellS;
  if (key === 'elapsedS') return row.elapsedS;
  if (key === 'energyKcal') return row.energyKcal;
  if (key === 'met') return row.met;
  if (key === 'averageMet') return row.averageMet;
  return row.reboots;
}

/** Whether one check holds for `row`; `log` checks look for lines logged at or after `logSinceMs`. */
function checkHolds(check: ConditionCheck, row: TraceRow, logWatch: LogWatch, logSinceMs: number): boolean {
  switch (check.key) {
    case 'state':
      return check.states.indexOf(row.state) >= 0;
    case 'direction':
      return row.direction === check.value;
    case 'directionOutput':
      return row.directionOutput === check.value;
    case 'pendingDirection':
      return row.pendingDirection === check.value;
    case 'fault':
      return row.fault === check.value;
    case 'motorEnabled':
      return row.motorEnabled === check.value;
    case 'keyPresent':
      return row.keyPresent === check.value;
    case 'powered':
      return row.powered === check.value;
    case 'log':
      return logWatch.seenSince(check.text, logSinceMs);
    default: {
      const value = numericValue(check.key, row);
      // A tiny margin keeps decimal round-off (0.1 + 0.2) from failing an exact bound.
      return value >= check.min - 1e-9 && value <= check.max + 1e-9;
    }
  }
}

/** Whether every check of `condition` holds for `row`. Allocates nothing. */
export function conditionHolds(condition: Condition, row: TraceRow, logWatch: LogWatch, logSinceMs: number): boolean {
  const checks = condition.checks;
  for (let index = 0; index < checks.length; index++) {
    if (!checkHolds(checks[index], row, logWatch, logSinceMs)) return false;
  }
  return true;
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function showValue(value: string | boolean | null): string {
  return value === null ? 'null' : String(value);
}

function describeCheck(check: ConditionCheck, row: TraceRow): string {
  switch (check.key) {
    case 'state':
      return 'state: expected ' + check.states.join(' or ') + ', got ' + row.state;
    case 'direction':
      return 'direction: expected ' + check.value + ', got ' + row.direction;
    case 'directionOutput':
      return 'directionOutput: expected ' + check.value + ', got ' + row.directionOutput;
    case 'pendingDirection':
      return 'pendingDirection: expected ' + showValue(check.value) + ', got ' + showValue(row.pendingDirection);
    case 'fault':
      return 'fault: expected ' + showValue(check.value) + ', got ' + showValue(row.fault);
    case 'motorEnabled':
      return 'motorEnabled: expected ' + check.value + ', got ' + row.motorEnabled;
    case 'keyPresent':
      return 'keyPresent: expected ' + check.value + ', got ' + row.keyPresent;
    case 'powered':
      return 'powered: expected ' + check.value + ', got ' + row.powered;
    case 'log':
      return 'log: no line containing "' + check.text + '"';
    default:
      return check.key + ': expected ' + check.expectedText + ', got ' + round(numericValue(check.key, row));
  }
}

/**
 * The failing checks of `condition` for `row`, joined with "; " (empty when it holds). Called only
 * when a failure is reported, never per tick.
 */
export function describeMismatch(condition: Condition, row: TraceRow, logWatch: LogWatch, logSinceMs: number): string {
  const parts: string[] = [];
  condition.checks.forEach((check) => {
    if (!checkHolds(check, row, logWatch, logSinceMs)) parts.push(describeCheck(check, row));
  });
  return parts.join('; ');
}
