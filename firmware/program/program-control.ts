// Runs programs for the control loop: picks and validates them, turns runner actions into local commands and targets.

import type { Log } from '../../hal/log';
import type { Storage } from '../../hal/storage';
import type { Command, CommandResult, Direction } from '../command';
import type { TreadmillConfig } from '../config';
import type { SessionSuggestion } from '../core/progress-suggestion';
import type { SafetyState } from '../core/safety-state';
import { setRemainingTime, type SessionMetrics } from '../core/session-metrics';
import { loadProgram } from '../persistence/program-records';
import { builtinProgram } from './builtin-programs';
import { parseProgram, type Program } from './program';
import { nextProgramChoice, programChoices } from './program-list';
import {
  advanceSegment,
  beginProgram,
  currentSegment,
  endProgram,
  makeProgramRunner,
  pauseProgram,
  programRemainingMs,
  stepProgramRunner,
  type ProgramAction,
  type ProgramPhase,
  type ProgramRunner,
} from './program-runner';

/** A start the program asked for and the table refused (incline still lowering...) is tried again this often, ms. */
const START_RETRY_MS = 1000;
/** ...and given up after this long: the user picks the program again, ms. */
const START_GIVE_UP_MS = 60000;

/** What the program part needs of the treadmill. */
export interface ProgramHost {
  /** Run a local command through the treadmill's normal rules (safety table, caps); logged when refused. */
  runLocal(command: Command): CommandResult;
  /** Set the running belt's target speed, km/h (already within the caps). */
  setTargetSpeedKph(speedKph: number): void;
  /** Ask the incline for `inclinePct` (the incline rules cap it); fills `result`. */
  setTargetInclinePct(inclinePct: number, result: CommandResult): void;
  /** The user's current target speed (km/h) and incline (percent), read after an accepted override. */
  targetSpeedKph(): number;
  targetInclinePct(): number;
  /** The program reached its end: the session recorder counts the stop that follows as completed. */
  markCompleted(): void;
  /** Announce a segment change or the program's end on the beeper (firmware/beep-patterns.ts). */
  beep(event: 'segmentChange' | 'programEnd'): void;
}

/** The program's part of the status, one object updated in place: copy what you keep. */
export interface ProgramStatus {
  /** Name of the program running (or paused), '' when none. */
  name: string;
  phase: ProgramPhase;
  /** Current segment, 0-based, and how many there are. */
  segmentIndex: number;
  segmentCount: number;
  /** The current segment's label. */
  label: string;
  /** Running time left in the segment and in the program, ms. */
  segmentRemainingMs: number;
  remainingMs: number;
  /** The segment after this one (for the console's program screen): its label, speed (km/h) and direction; '', 0, null after the last. */
  nextLabel: string;
  nextSpeedKph: number;
  nextDirection: Direction | null;
  /**
   * The program the Program key chose on the idle screen, which the next Start press runs; ''
   * when none (a plain start). Forgotten when the belt leaves idle, at a fault and at a key pull.
   */
  chosen: string;
}

/** Commands the program part answers itself. */
const PROGRAM_COMMANDS = ['startProgram', 'pause', 'resume', 'skip'];
/** Speed commands whose accepted result overrides a segment's speed until the next segment. */
const SPEED_COMMANDS = ['speedUp', 'speedDown', 'setSpeed', 'slowDown'];

function answer(result: CommandResult, accepted: boolean, message: string): void {
  result.accepted = accepted;
  result.message = message;
}

/**
 * The treadmill owns one. `command` answers startProgram, pause, resume and skip and refuses a
 * manual direction change during a program; `noteAccepted` sees every accepted user command
 * (overrides, stop); `step` runs once per control tick after the safety transition and before
 * the setpoint ramp; `updateMetrics` after the session figures.
 *
 * Direction changes between segments: the belt stops under the program, the direction switches
 * through the interlock (2 s of measured standstill), and the program then waits (phase
 * awaitingStart) for a start press or `resume`: the deliberate local action the rules demand
 * after any stop. The belt never starts again on its own; only `startProgram` itself starts it,
 * as the press that picked the program.
 */
export class ProgramControl {
  private readonly runner: ProgramRunner = makeProgramRunner();
  private readonly config: TreadmillConfig;
  private readonly storage: Storage;
  private readonly log: Log;
  private readonly host: ProgramHost;
  private readonly suggestion: () => SessionSuggestion;
  private readonly scratch: CommandResult = { accepted: false, message: '' };
  private readonly current: ProgramStatus = { name: '', phase: 'off', segmentIndex: 0, segmentCount: 0, label: '', segmentRemainingMs: 0, remainingMs: 0, nextLabel: '', nextSpeedKph: 0, nextDirection: null, chosen: '' };
  /** The Program key's choice (ProgramStatus.chosen). */
  private chosen = '';
  /** Time since the program's own start attempt was refused, ms; -1 when none is waiting. */
  private startWaitMs = -1;
  private sinceStartAttemptMs = 0;
  /** The program just completed: its remaining time reads 0 at the next metrics update. */
  private completedUnreported = false;
  /** True while the program's own command runs through the treadmill: it passes unexamined. */
  private sending = false;

  constructor(config: TreadmillConfig, storage: Storage, log: Log, host: ProgramHost, suggestion: () => SessionSuggestion) {
    this.config = config;
    this.storage = storage;
    this.log = log;
    this.host = host;
    this.suggestion = suggestion;
  }

  /**
   * The program's status, brought up to date when read (one object updated in place). Why on
   * read and not every tick: the time left sums the segments, and on the interpreter that would
   * be paid every tick of a program whether anyone looks or not.
   */
  status(): ProgramStatus {
    this.refreshStatus();
    return this.current;
  }

  /** Whether a program runs (or is paused, or waits for a start). */
  active(): boolean {
    return this.runner.phase !== 'off';
  }

  /**
   * Answer `command` when it is the program part's (returns true and fills `result`); returns
   * false for every other command, which the treadmill handles as usual.
   */
  command(command: Command, state: SafetyState, direction: Direction, result: CommandResult): boolean {
    const name = command.name;
    if (this.sending) return false;
    if (name === 'start' && this.chosen !== '' && command.source === 'local' && state === 'idle' && !this.active()) {
      // The Start press runs the program the idle screen shows, exactly as `startProgram` would
      // (key, standstill, direction switch, countdown); a refusal keeps the choice for the next press.
      this.startProgram({ name: 'startProgram', source: 'local', program: this.chosen }, state, direction, result);
      if (result.accepted) this.chosen = '';
      return true;
    }
    if (PROGRAM_COMMANDS.indexOf(name) < 0) {
      if (name === 'setDirection' && this.active()) {
        answer(result, false, 'program ' + this.programName() + ' sets the direction: stop the program first');
        return true;
      }
      return false;
    }
    if (state === 'fault') answer(result, false, 'fault latched: insert the key and hold Stop for 2 s (or send clearFault at the console) to clear it');
    else if (name === 'startProgram') this.startProgram(command, state, direction, result);
    else if (!this.active()) answer(result, false, 'no program running');
    else if (name === 'pause') this.pause(state, result);
    else if (name === 'resume') this.resume(command, result);
    else this.skip(command, state, direction, result);
    return true;
  }

  /**
   * The Program key: step the choice to the next program (built-ins, then stored ones, then none),
   * on the idle screen only, that is idle with no program running, paused or waiting. Choosing
   * never moves the belt. Fills `result` (refused outside the idle screen, saying why).
   */
  chooseNext(state: SafetyState, result: CommandResult): void {
    if (state !== 'idle') return answer(result, false, 'program key: programs are chosen on the idle screen: stop the belt first');
    if (this.active()) return answer(result, false, 'program key: program ' + this.programName() + ' is under way: stop it first');
    this.chosen = nextProgramChoice(this.chosen, programChoices(this.storage));
    this.refreshStatus();
    answer(result, true, this.chosen !== '' ? 'program ' + this.chosen + ' chosen: press Start to run it' : 'no program chosen: Start runs the belt as usual');
  }

  /** Forget the Program key's choice: the belt left idle, a fault latched, or the key was pulled. */
  forgetChoice(): void {
    if (this.chosen === '') return;
    this.chosen = '';
    this.refreshStatus();
  }

  /** An accepted user command: a speed or incline change overrides the segment; a stop ends the program. */
  noteAccepted(command: Command): void {
    if (!this.active()) return;
    const runner = this.runner;
    if (SPEED_COMMANDS.indexOf(command.name) >= 0) runner.overrideSpeedKph = this.host.targetSpeedKph();
    else if (command.name === 'setIncline') runner.overrideInclinePct = this.host.targetInclinePct();
    else if (command.name === 'stop') {
      this.log.info('program ' + this.programName() + ' stopped by the user');
      endProgram(runner);
    }
  }

  /** Whether `step` has anything to do: a program is active. */
  needsStep(): boolean {
    return this.runner.phase !== 'off';
  }

  /** One control tick (see the class comment). */
  step(state: SafetyState, direction: Direction, pendingDirection: Direction | null, dtMs: number): void {
    const action = stepProgramRunner(this.runner, state, direction, pendingDirection, dtMs);
    // Most ticks of a program ask for nothing: no call then (a call costs on the interpreter).
    if (action === 'start') this.tryStart(dtMs);
    else if (action !== 'none') this.act(action, direction);
  }

  /** Remaining time into the session figures while a program runs (after they are updated for the tick). */
  updateMetrics(metrics: SessionMetrics): void {
    if (this.active()) setRemainingTime(metrics, programRemainingMs(this.runner));
    else if (this.completedUnreported) setRemainingTime(metrics, 0);
    this.completedUnreported = false;
  }

  /** Send a local command through the treadmill's rules on the program's behalf. */
  private send(command: Command): CommandResult {
    this.sending = true;
    try {
      return this.host.runLocal(command);
    } finally {
      this.sending = false;
    }
  }

  private programName(): string {
    return this.runner.program !== null ? this.runner.program.name : '';
  }

  /** The program `text` names or holds: a built-in name, inline JSON, or a stored custom program's name. */
  private resolve(text: unknown, result: CommandResult): Program | null {
    if (typeof text !== 'string' || text.length === 0) {
      answer(result, false, 'startProgram needs program: a name or the program as JSON');
      return null;
    }
    const builtin = builtinProgram(text, this.config, this.suggestion);
    if (builtin !== null) return builtin;
    let json: string | null = text;
    if (text.charAt(0) !== '{') {
      json = loadProgram(this.storage, this.log, text);
      if (json === null) {
        answer(result, false, 'no program called ' + text);
        return null;
      }
    }
    const parsed = parseProgram(json, this.config);
    if (parsed.program === null) answer(result, false, 'program refused: ' + parsed.error);
    return parsed.program;
  }

  private startProgram(command: Command, state: SafetyState, direction: Direction, result: CommandResult): void {
    if (command.source !== 'local') return answer(result, false, 'remote start refused: start a program at the machine');
    if (state !== 'idle') return answer(result, false, 'stop the belt first, then start the program');
    const program = this.resolve(command.program, result);
    if (program === null) return;
    if (program.segments.length === 0) {
      // Manual: a plain start; the user drives.
      endProgram(this.runner);
      const started = this.send({ name: 'start', source: 'local' });
      return answer(result, started.accepted, started.accepted ? 'manual: ' + started.message : started.message);
    }
    const firstDirection = program.segments[0].direction;
    if (firstDirection !== direction) {
      // Through the same interlock as a manual change: the switch waits for 2 s of standstill.
      const switched = this.send({ name: 'setDirection', source: 'local', direction: firstDirection });
      if (!switched.accepted) return answer(result, false, switched.message);
    }
    beginProgram(this.runner, program);
    this.startWaitMs = -1;
    if (firstDirection === direction) {
      const started = this.send({ name: 'start', source: 'local' });
      if (!started.accepted) {
        endProgram(this.runner);
        return answer(result, false, started.message);
      }
    }
    this.log.info('program ' + program.name + ' picked: ' + program.segments.length + ' segments');
    this.refreshStatus();
    answer(result, true, 'program ' + program.name + (firstDirection === direction ? ': countdown' : ': switching to ' + firstDirection + ', then countdown'));
  }

  private pause(state: SafetyState, result: CommandResult): void {
    const phase = this.runner.phase;
    if (phase === 'paused' || phase === 'awaitingStart') return answer(result, true, 'program already paused: resume or press start');
    if (state === 'running' || state === 'countdown') {
      const stopped = this.send({ name: 'stop', source: 'local' });
      if (!stopped.accepted) return answer(result, false, stopped.message);
    }
    pauseProgram(this.runner);
    this.refreshStatus();
    answer(result, true, 'program paused: stopping; resume or press start to continue the segment');
  }

  private resume(command: Command, result: CommandResult): void {
    const phase = this.runner.phase;
    if (phase !== 'paused' && phase !== 'awaitingStart') return answer(result, true, 'program already running');
    // A resume is a start: the same rules (local, key in, belt still, direction switched).
    const started = this.send({ name: 'start', source: command.source });
    answer(result, started.accepted, started.accepted ? 'program resumed: ' + started.message : started.message);
  }

  private skip(command: Command, state: SafetyState, direction: Direction, result: CommandResult): void {
    // A skip may raise speed and incline: only at the machine.
    if (command.source !== 'local') return answer(result, false, 'skip a segment at the machine');
    const name = this.programName();
    // The belt itself running, not only the program: in the program's countdown the phase is
    // already running, but the treadmill takes a target only from a running belt.
    const running = this.runner.phase === 'running' && state === 'running';
    const action = advanceSegment(this.runner, direction);
    if (action === 'applyTargets' && !running) {
      // Paused, or still counting down: the next segment's targets apply when the belt runs.
      this.runner.targetsDue = true;
    } else this.act(action, direction);
    this.refreshStatus();
    const segment = currentSegment(this.runner);
    answer(result, true, segment !== null ? 'skipped to ' + (this.runner.segmentIndex + 1) + ' "' + segment.label + '"' : 'program ' + name + ' ended');
  }

  /** Start the belt for the program's first segment; a refusal (incline still lowering...) is retried a while. */
  private tryStart(dtMs: number): void {
    if (this.startWaitMs >= 0) {
      this.startWaitMs += dtMs;
      this.sinceStartAttemptMs += dtMs;
      if (this.startWaitMs > START_GIVE_UP_MS) {
        this.log.warn('program ' + this.programName() + ': the belt could not start; pick the program again');
        endProgram(this.runner);
        return;
      }
      if (this.sinceStartAttemptMs < START_RETRY_MS) return;
    }
    this.sinceStartAttemptMs = 0;
    const started = this.send({ name: 'start', source: 'local' });
    if (!started.accepted && this.startWaitMs < 0) this.startWaitMs = 0;
  }

  private act(action: ProgramAction, direction: Direction): void {
    const runner = this.runner;
    const host = this.host;
    const segment = currentSegment(runner);
    if (action === 'applyTargets' && segment !== null) {
      host.setTargetSpeedKph(runner.overrideSpeedKph >= 0 ? runner.overrideSpeedKph : segment.speedKph);
      const inclinePct = runner.overrideInclinePct >= 0 ? runner.overrideInclinePct : segment.inclinePct;
      host.setTargetInclinePct(inclinePct, this.scratch);
      this.log.info('program ' + this.programName() + ': segment ' + (runner.segmentIndex + 1) + '/' + (runner.program as Program).segments.length + ' "' + segment.label + '"');
      // The first segment starts with the belt (its own beep); the later ones are announced.
      if (runner.segmentIndex > 0) host.beep('segmentChange');
    } else if (action === 'changeDirection' && segment !== null) {
      this.send({ name: 'setDirection', source: 'local', direction: segment.direction });
      host.beep('segmentChange');
      this.log.info('program ' + this.programName() + ': next segment runs ' + segment.direction + ' (was ' + direction + '): stopping; press start once the direction has switched');
    } else if (action === 'finish') {
      host.markCompleted();
      this.completedUnreported = true;
      this.send({ name: 'stop', source: 'local' });
      host.beep('programEnd');
      this.log.info('program ' + this.programName() + ' completed: stopping');
    } else if (action === 'abandon') {
      this.log.info('program ' + this.programName() + ' ended: the belt stopped by a fault or left for free-belt mode');
    }
  }

  private refreshStatus(): void {
    const runner = this.runner;
    const status = this.current;
    const segment = currentSegment(runner);
    status.name = runner.phase !== 'off' ? this.programName() : '';
    status.phase = runner.phase;
    status.segmentIndex = runner.segmentIndex;
    status.segmentCount = runner.program !== null ? runner.program.segments.length : 0;
    status.label = segment !== null ? segment.label : '';
    status.segmentRemainingMs = segment !== null ? Math.max(0, segment.durationS * 1000 - runner.segmentElapsedMs) : 0;
    status.remainingMs = programRemainingMs(runner);
    const next = segment !== null && runner.program !== null ? runner.program.segments[runner.segmentIndex + 1] : undefined;
    status.nextLabel = next !== undefined ? next.label : '';
    status.nextSpeedKph = next !== undefined ? next.speedKph : 0;
    status.nextDirection = next !== undefined ? next.direction : null;
    status.chosen = this.chosen;
  }
}
