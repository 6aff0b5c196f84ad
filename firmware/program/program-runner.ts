// The pure core of a running program: which segment, how long it has run, and what the control loop must do next.

import type { Direction } from '../command';
import type { SafetyState } from '../core/safety-state';
import type { Program, ProgramSegment } from './program';

/**
 * - off: no program (or the manual one: the user drives).
 * - starting: picked; waits for the belt's direction to match the first segment, then starts.
 * - running: the program drives the targets while the belt runs.
 * - paused: the user paused (controlled stop); a start or `resume` continues the segment.
 * - awaitingStart: the next segment runs the other way; the belt stopped and the direction
 *   switches through the interlock; the program waits for a deliberate start press.
 */
export type ProgramPhase = 'off' | 'starting' | 'running' | 'paused' | 'awaitingStart';

/**
 * What the control loop must do after a runner step:
 * - start: send a local start (the first segment's direction is set);
 * - applyTargets: set the current segment's speed and incline (or the user's overrides);
 * - changeDirection: stop and ask for the current segment's direction (same interlock as manual);
 * - finish: the last segment ended: mark the session completed, then stop;
 * - abandon: the belt latched a fault: the program is dropped, the user decides afresh.
 */
export type ProgramAction = 'none' | 'start' | 'applyTargets' | 'changeDirection' | 'finish' | 'abandon';

/** A program's progress; one object, updated in place. */
export interface ProgramRunner {
  program: Program | null;
  phase: ProgramPhase;
  /** Index of the current segment. */
  segmentIndex: number;
  /** Running time spent in the current segment, ms (counts only while the belt runs). */
  segmentElapsedMs: number;
  /** The user's speed for this segment, km/h, or -1: held until the next segment. */
  overrideSpeedKph: number;
  /** The user's incline for this segment, percent, or -1: held until the next segment. */
  overrideInclinePct: number;
  /** Targets must be (re)applied at the next running tick (a segment or a run begins). */
  targetsDue: boolean;
}

export function makeProgramRunner(): ProgramRunner {
  return { program: null, phase: 'off', segmentIndex: 0, segmentElapsedMs: 0, overrideSpeedKph: -1, overrideInclinePct: -1, targetsDue: false };
}

/** The segment being run, or null when no program runs. */
export function currentSegment(runner: ProgramRunner): ProgramSegment | null {
  const program = runner.program;
  if (runner.phase === 'off' || program === null || runner.segmentIndex >= program.segments.length) return null;
  return program.segments[runner.segmentIndex];
}

/** Begin `program` at its first segment (phase starting); a program without segments leaves the runner off. */
export function beginProgram(runner: ProgramRunner, program: Program): void {
  runner.program = program;
  runner.segmentIndex = 0;
  runner.segmentElapsedMs = 0;
  runner.overrideSpeedKph = -1;
  runner.overrideInclinePct = -1;
  runner.targetsDue = true;
  runner.phase = program.segments.length > 0 ? 'starting' : 'off';
}

/** Drop the program (stopped by the user, a fault, or finished). */
export function endProgram(runner: ProgramRunner): void {
  runner.phase = 'off';
  runner.targetsDue = false;
}

/** Running time left in the program, ms (current segment's rest plus the later segments); 0 when off. */
export function programRemainingMs(runner: ProgramRunner): number {
  const program = runner.program;
  if (runner.phase === 'off' || program === null) return 0;
  let remainingMs = 0;
  for (let index = runner.segmentIndex; index < program.segments.length; index++) remainingMs += program.segments[index].durationS * 1000;
  // A comparison, not Math.max: on the interpreter a call to it costs as much as four statements.
  return remainingMs > runner.segmentElapsedMs ? remainingMs - runner.segmentElapsedMs : 0;
}

/**
 * Move on to the next segment (its end, or the user's skip) with the belt set to `direction`.
 * Overrides end with their segment. Returns what the loop must do: finish after the last one,
 * changeDirection when the next one runs the other way, else applyTargets (applied at once when
 * running, at the next run otherwise).
 */
export function advanceSegment(runner: ProgramRunner, direction: Direction): ProgramAction {
  const program = runner.program;
  if (runner.phase === 'off' || program === null) return 'none';
  runner.segmentIndex++;
  runner.segmentElapsedMs = 0;
  runner.overrideSpeedKph = -1;
  runner.overrideInclinePct = -1;
  runner.targetsDue = true;
  if (runner.segmentIndex >= program.segments.length) {
    endProgram(runner);
    return 'finish';
  }
  if (program.segments[runner.segmentIndex].direction !== direction) {
    runner.phase = 'awaitingStart';
    return 'changeDirection';
  }
  // The caller applies them now; after a pause they are applied again when the belt runs.
  runner.targetsDue = false;
  return 'applyTargets';
}

/**
 * One control tick, after the tick's safety transition: `state`, `direction` and
 * `pendingDirection` are the safety context's, `dtMs` the tick's length. Counts the segment's
 * time only while the belt runs (countdown, stops and pauses do not count), re-applies the
 * targets whenever a run begins (the start speed comes first), and never starts the belt except
 * in phase starting, which the user's `startProgram` began. Allocates nothing.
 */
export function stepProgramRunner(runner: ProgramRunner, state: SafetyState, direction: Direction, pendingDirection: Direction | null, dtMs: number): ProgramAction {
  const segment = currentSegment(runner);
  if (segment === null) return 'none';
  if (state === 'fault' || state === 'freeBelt') {
    endProgram(runner);
    return 'abandon';
  }
  if (runner.phase === 'starting') {
    if (state === 'countdown' || state === 'running') runner.phase = 'running';
    else if (state === 'idle' && pendingDirection === null && direction === segment.direction) return 'start';
    if (runner.phase === 'starting') return 'none';
  }
  if (state !== 'running') {
    if (runner.phase === 'running' && state === 'idle') {
      // The belt stopped without the program asking (it never does): hold as paused.
      runner.phase = 'paused';
      runner.targetsDue = true;
    }
    return 'none';
  }
  if (runner.phase !== 'running') {
    // Running again after a pause or a direction change: the user pressed start.
    runner.phase = 'running';
    runner.targetsDue = true;
  }
  if (direction !== segment.direction) {
    // Cannot happen through the table (setDirection is refused during a program); say what to do if it does.
    runner.phase = 'awaitingStart';
    return 'changeDirection';
  }
  if (runner.targetsDue) {
    runner.targetsDue = false;
    return 'applyTargets';
  }
  runner.segmentElapsedMs += dtMs > 0 ? dtMs : 0;
  if (runner.segmentElapsedMs >= segment.durationS * 1000) return advanceSegment(runner, direction);
  return 'none';
}

/** Pause asked: phase paused, targets re-applied at the next run. */
export function pauseProgram(runner: ProgramRunner): void {
  if (runner.phase === 'off') return;
  runner.phase = 'paused';
  runner.targetsDue = true;
}
