// What a program is (named segments of direction, speed, incline and time) and how a custom one is validated. Pure.

import type { Direction } from '../command';
import type { TreadmillConfig } from '../config';
import { speedCapKph } from '../core/speed-targets';
import { inclineCapPct } from '../core/incline-target';

/** One stretch of a program: held for `durationS` of running belt time. */
export interface ProgramSegment {
  /** Running time of the segment, seconds (1..PROGRAM_LIMITS.maxSegmentS). */
  durationS: number;
  direction: Direction;
  /** Target belt speed, km/h, positive in either direction (minSpeedKph..the direction's cap). */
  speedKph: number;
  /** Target incline, percent grade (0..the direction's incline cap). */
  inclinePct: number;
  /** Shown on the console and logged, e.g. "warm-up". */
  label: string;
}

/** A workout. `segments` is empty for the manual program only (the user drives). */
export interface Program {
  name: string;
  segments: ProgramSegment[];
}

/** Sizes a program may have: flash, the interpreter's memory, and sense. */
export const PROGRAM_LIMITS = {
  maxSegments: 40,
  /** Longest segment, s (one hour). */
  maxSegmentS: 3600,
  /** Longest program, s (three hours). */
  maxTotalS: 10800,
  maxLabelLength: 24,
  maxNameLength: 24,
};

/** The result of validation: a program, or the first problem found in words. */
export interface ProgramParse {
  program: Program | null;
  /** '' when valid; else e.g. `segments[2].speedKph: 5 is above the backward cap of 4.0 km/h`. */
  error: string;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && isFinite(value);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Total running time of `program`, seconds. */
export function programDurationS(program: Program): number {
  let totalS = 0;
  program.segments.forEach(function (segment) {
    totalS += segment.durationS;
  });
  return totalS;
}

/** Why `segment` (at `path`) cannot run with `config`, or '' when it can. */
function segmentProblem(item: unknown, path: string, config: TreadmillConfig): string {
  if (!isObject(item)) return path + ': expected an object {durationS, direction, speedKph, inclinePct, label}';
  const allowed = ['durationS', 'direction', 'speedKph', 'inclinePct', 'label'];
  const unknownField = Object.keys(item).filter(function (key) {
    return allowed.indexOf(key) < 0;
  });
  if (unknownField.length > 0) return path + '.' + unknownField[0] + ': unknown field; expected ' + allowed.join(', ');
  const durationS = item.durationS;
  if (!isNumber(durationS)) return path + '.durationS: expected a number of seconds, got ' + show(durationS);
  if (durationS < 1 || durationS > PROGRAM_LIMITS.maxSegmentS) return path + '.durationS: ' + durationS + ' is outside 1..' + PROGRAM_LIMITS.maxSegmentS + ' s';
  const direction = item.direction;
  if (direction !== 'forward' && direction !== 'backward') return path + '.direction: expected "forward" or "backward", got ' + show(direction);
  const speedKph = item.speedKph;
  if (!isNumber(speedKph)) return path + '.speedKph: expected a number (km/h), got ' + show(speedKph);
  const capKph = speedCapKph(config, direction);
  if (speedKph > capKph) return path + '.speedKph: ' + speedKph + ' is above the ' + direction + ' cap of ' + capKph.toFixed(1) + ' km/h';
  if (speedKph < config.minSpeedKph) return path + '.speedKph: ' + speedKph + ' is below the minimum of ' + config.minSpeedKph.toFixed(1) + ' km/h';
  const inclinePct = item.inclinePct === undefined ? 0 : item.inclinePct;
  if (!isNumber(inclinePct)) return path + '.inclinePct: expected a number (percent), got ' + show(inclinePct);
  const capPct = inclineCapPct(config, direction);
  if (inclinePct > capPct) return path + '.inclinePct: ' + inclinePct + ' is above the ' + direction + ' incline cap of ' + capPct.toFixed(1) + ' %';
  if (inclinePct < 0) return path + '.inclinePct: ' + inclinePct + ' is below 0 %; this lift does not decline';
  const label = item.label === undefined ? '' : item.label;
  if (typeof label !== 'string' || label.length > PROGRAM_LIMITS.maxLabelLength) return path + '.label: expected text of at most ' + PROGRAM_LIMITS.maxLabelLength + ' characters';
  return '';
}

/**
 * Validate a custom program: `json` is its text or the parsed value
 * `{"name": "...", "segments": [{"durationS", "direction", "speedKph", "inclinePct", "label"}, ...]}`
 * (`inclinePct` and `label` may be left out: 0 and ''). Checks each field against the caps of
 * `config` in the segment's direction and the size limits (PROGRAM_LIMITS); the error names the
 * segment, the field and why. Pure; called when the user picks or sends a program, never per tick.
 */
export function parseProgram(json: unknown, config: TreadmillConfig): ProgramParse {
  const result: ProgramParse = { program: null, error: '' };
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (_error) {
      result.error = 'program: not JSON';
      return result;
    }
  }
  if (!isObject(value)) {
    result.error = 'program: expected an object {name, segments}';
    return result;
  }
  const extra = Object.keys(value).filter(function (key) {
    return key !== 'name' && key !== 'segments';
  });
  if (extra.length > 0) {
    result.error = extra[0] + ': unknown field; expected name, segments';
    return result;
  }
  const name = value.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > PROGRAM_LIMITS.maxNameLength) {
    result.error = 'name: expected text of 1..' + PROGRAM_LIMITS.maxNameLength + ' characters';
    return result;
  }
  const segments = value.segments;
  if (!Array.isArray(segments) || segments.length === 0) {
    result.error = 'segments: expected a non-empty list of segments';
    return result;
  }
  if (segments.length > PROGRAM_LIMITS.maxSegments) {
    result.error = 'segments: ' + segments.length + ' segments, at most ' + PROGRAM_LIMITS.maxSegments;
    return result;
  }
  const parsed: ProgramSegment[] = [];
  let totalS = 0;
  for (let index = 0; index < segments.length; index++) {
    const item = segments[index];
    const problem = segmentProblem(item, 'segments[' + index + ']', config);
    if (problem !== '') {
      result.error = problem;
      return result;
    }
    parsed.push({
      durationS: item.durationS,
      direction: item.direction,
      speedKph: item.speedKph,
      inclinePct: item.inclinePct === undefined ? 0 : item.inclinePct,
      label: item.label === undefined ? '' : item.label,
    });
    totalS += item.durationS;
  }
  if (totalS > PROGRAM_LIMITS.maxTotalS) {
    result.error = 'segments: ' + totalS + ' s in all, at most ' + PROGRAM_LIMITS.maxTotalS + ' s';
    return result;
  }
  result.program = { name: name, segments: parsed };
  return result;
}
