// The programs retrotread ships: backward introduction and progression, 12-3-30, intervals, manual. Pure.

import type { Direction } from '../command';
import type { TreadmillConfig } from '../config';
import { inclineCapPct } from '../core/incline-target';
import { speedCapKph } from '../core/speed-targets';
import type { SessionSuggestion } from '../core/progress-suggestion';
import type { Program, ProgramSegment } from './program';

/** 3 mph in km/h: the "3" of 12-3-30. */
export const TWELVE_THREE_THIRTY_SPEED_KPH = 4.828;

/**
 * Backward progression by stage (../shared/domain.md): sessions grow from 5 to 15 minutes, the
 * speed from 0.8 toward the typical 1.6-4.0 km/h, and incline only from stage 6, once the
 * technique is mastered, never above 10 %. Each row: total minutes, main speed km/h, main incline %.
 */
export const BACKWARD_STAGES: { minutes: number; speedKph: number; inclinePct: number }[] = [
  { minutes: 5, speedKph: 0.8, inclinePct: 0 },
  { minutes: 7, speedKph: 1.0, inclinePct: 0 },
  { minutes: 10, speedKph: 1.2, inclinePct: 0 },
  { minutes: 10, speedKph: 1.6, inclinePct: 0 },
  { minutes: 12, speedKph: 2.0, inclinePct: 0 },
  { minutes: 15, speedKph: 2.4, inclinePct: 3 },
  { minutes: 15, speedKph: 2.8, inclinePct: 5 },
  { minutes: 15, speedKph: 3.2, inclinePct: 8 },
];

/** Names of the built-in programs; `backward-progression-N` picks stage N (1..BACKWARD_STAGES.length). */
export const BUILTIN_PROGRAM_NAMES = ['backward-intro', 'backward-progression', '12-3-30', 'intervals', 'manual'];

/** A segment whose speed and incline fit the caps `config` sets in `direction` (built-ins adapt to a lower cap). */
function segment(config: TreadmillConfig, durationS: number, direction: Direction, speedKph: number, inclinePct: number, label: string): ProgramSegment {
  const capKph = speedCapKph(config, direction);
  const capPct = inclineCapPct(config, direction);
  return {
    durationS: durationS,
    direction: direction,
    speedKph: Math.max(config.minSpeedKph, Math.min(capKph, speedKph)),
    inclinePct: Math.max(0, Math.min(capPct, inclinePct)),
    label: label,
  };
}

/** Backward introduction: about 5 minutes at 0.8 km/h (0.5 mph), no incline, holding the rails. */
export function backwardIntroProgram(config: TreadmillConfig): Program {
  return {
    name: 'backward-intro',
    segments: [
      segment(config, 60, 'backward', 0.8, 0, 'hold the rails'),
      segment(config, 180, 'backward', 0.8, 0, 'large steps'),
      segment(config, 60, 'backward', 0.8, 0, 'easy finish'),
    ],
  };
}

/**
 * One backward session of `minutes` at `speedKph` and `inclinePct`: a minute at 0.8 km/h to find
 * the step, the main part, and a minute back at 0.8 km/h without incline. Shorter than 3 minutes
 * or as slow as 0.8 km/h, the whole session is the main part.
 */
export function backwardSessionProgram(config: TreadmillConfig, name: string, minutes: number, speedKph: number, inclinePct: number): Program {
  const totalS = Math.round(minutes * 60);
  const slowKph = 0.8;
  if (totalS < 180 || speedKph <= slowKph + 0.05) {
    return { name: name, segments: [segment(config, Math.max(60, totalS), 'backward', speedKph, inclinePct, 'backward walk')] };
  }
  return {
    name: name,
    segments: [
      segment(config, 60, 'backward', slowKph, 0, 'warm-up'),
      segment(config, totalS - 120, 'backward', speedKph, inclinePct, 'backward walk'),
      segment(config, 60, 'backward', slowKph, 0, 'cool-down'),
    ],
  };
}

/** Stage `stage` (1..BACKWARD_STAGES.length, clamped) of the backward progression. */
export function backwardProgressionProgram(config: TreadmillConfig, stage: number): Program {
  const index = Math.max(1, Math.min(BACKWARD_STAGES.length, Math.round(stage))) - 1;
  const row = BACKWARD_STAGES[index];
  return backwardSessionProgram(config, 'backward-progression-' + (index + 1), row.minutes, row.speedKph, row.inclinePct);
}

/** The next backward session as the progress suggestion proposes it (firmware/core/progress-suggestion.ts). */
export function suggestedBackwardProgram(config: TreadmillConfig, suggestion: SessionSuggestion): Program {
  return backwardSessionProgram(config, 'backward-progression', suggestion.durationMin, suggestion.speedKph, suggestion.inclinePct);
}

/** 12-3-30: 2 minutes' warm-up, 30 minutes at 12 % and 3 mph (4.83 km/h), 2 minutes' cool-down. */
export function twelveThreeThirtyProgram(config: TreadmillConfig): Program {
  return {
    name: '12-3-30',
    segments: [
      segment(config, 120, 'forward', 3.2, 0, 'warm-up'),
      segment(config, 1800, 'forward', TWELVE_THREE_THIRTY_SPEED_KPH, 12, '12 % at 3 mph'),
      segment(config, 120, 'forward', 3.2, 0, 'cool-down'),
    ],
  };
}

/** Forward intervals: 3 minutes' warm-up, five rounds of 1 minute fast and 2 minutes easy, 2 minutes' cool-down. */
export function intervalsProgram(config: TreadmillConfig): Program {
  const segments: ProgramSegment[] = [segment(config, 180, 'forward', 4, 0, 'warm-up')];
  for (let round = 1; round <= 5; round++) {
    segments.push(segment(config, 60, 'forward', 8, 1, 'fast ' + round + '/5'));
    segments.push(segment(config, 120, 'forward', 5, 1, 'easy ' + round + '/5'));
  }
  segments.push(segment(config, 120, 'forward', 4, 0, 'cool-down'));
  return { name: 'intervals', segments: segments };
}

/** Manual: no segments; the user drives the speed, incline and direction. */
export function manualProgram(): Program {
  return { name: 'manual', segments: [] };
}

/**
 * The built-in program called `name`, or null when there is none. `backward-progression` alone
 * is the next session the progress suggestion proposes (`suggestion`, from the stored history);
 * `backward-progression-N` is stage N. Called when the user picks a program.
 */
export function builtinProgram(name: string, config: TreadmillConfig, suggestion: () => SessionSuggestion): Program | null {
  if (name === 'backward-intro') return backwardIntroProgram(config);
  if (name === '12-3-30') return twelveThreeThirtyProgram(config);
  if (name === 'intervals') return intervalsProgram(config);
  if (name === 'manual') return manualProgram();
  if (name === 'backward-progression') return suggestedBackwardProgram(config, suggestion());
  const prefix = 'backward-progression-';
  if (name.indexOf(prefix) === 0) {
    const stageText = name.substring(prefix.length);
    if (!/^[0-9]+$/.test(stageText)) return null;
    const stage = parseInt(stageText, 10);
    if (stage < 1 || stage > BACKWARD_STAGES.length) return null;
    return backwardProgressionProgram(config, stage);
  }
  return null;
}
