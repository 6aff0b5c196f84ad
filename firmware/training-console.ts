// The full edition's console commands: settings, history, the suggestion, programs (list, upload, delete), calibration, belt distance.

import type { TreadmillHal } from '../hal/treadmill-hal';
import type { BeltDistanceInput } from './command';
import type { TreadmillConfig } from './config';
import { refused, rounded, type ConsoleCommands, type ConsoleReply } from './console-protocol';
import { suggestBackwardSession } from './core/progress-suggestion';
import { speedCapKph } from './core/speed-targets';
import { loadCalibration } from './persistence/calibration-record';
import { eraseProgram, listPrograms, MAX_PROGRAM_TEXT_CHARS, saveProgram } from './persistence/program-records';
import { HISTORY_LENGTH, loadHistory } from './persistence/session-history';
import { loadSettings, saveSettings, type Settings } from './persistence/settings-record';
import { BUILTIN_PROGRAM_NAMES } from './program/builtin-programs';
import { builtinProgramNames, MAX_STORED_PROGRAMS } from './program/program-list';
import { parseProgram } from './program/program';
import type { TreadmillConsole } from './treadmill-console';

/**
 * Longest request line the full edition takes, characters: an upload carries a whole program
 * (at most MAX_PROGRAM_TEXT_CHARS of JSON) in its request. Every other line is short; a flood
 * still costs one line's parse at a time.
 */
export const FULL_LINE_LENGTH = MAX_PROGRAM_TEXT_CHARS + 96;

/** Sessions one `history` reply carries at most (about 230 characters each): older ones page with `skip`. */
export const HISTORY_PAGE = 5;

export { MAX_STORED_PROGRAMS } from './program/program-list';

/** The fields each command takes (the protocol refuses any other by name). */
const FIELDS: { [cmd: string]: string[] } = {
  settings: [],
  set: ['field', 'value'],
  history: ['last', 'skip'],
  suggestion: [],
  programs: [],
  upload: ['program'],
  deleteProgram: ['name'],
  beltDistance: ['rollerDiameterM', 'pulsesPerRevolution', 'beltLengthM', 'revolutions', 'pulses'],
  calibration: [],
};

/** The settings a `set` may change, in the order `settings` lists them (the settings record's fields). */
const SETTING_NAMES = ['units', 'userWeightKg', 'forwardMaxSpeedKph', 'backwardMaxSpeedKph', 'forwardMaxInclinePct', 'backwardMaxInclinePct'];

/** A copy of `object` with each figure rounded for the line (see `rounded`). */
function roundedCopy(object: object): { [key: string]: unknown } {
  const source = object as { [key: string]: unknown };
  const copy: { [key: string]: unknown } = {};
  Object.keys(source).forEach((key) => {
    copy[key] = rounded(source[key]);
  });
  return copy;
}

/** Whether `name` is a built-in program's (`backward-progression-N` included): a stored program may not take it. */
function isBuiltinName(name: string): boolean {
  return BUILTIN_PROGRAM_NAMES.indexOf(name) >= 0 || name.indexOf('backward-progression-') === 0;
}

/** A whole number within `min..max`, or the default when absent; else a message naming the field. */
function countField(request: { [key: string]: unknown }, field: string, min: number, max: number, fallback: number): number | string {
  const value = request[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min && value <= max) || Math.floor(value) !== value) return 'history: "' + field + '" must be a whole number ' + min + '-' + max;
  return value;
}

/**
 * Make the full edition's console commands over `hal.storage` and the running `config`. Every
 * change goes through the firmware's own checks: settings through `saveSettings` (checkSettings:
 * the hard caps, the configuration's rules), programs through `parseProgram` and `saveProgram`,
 * the belt distance as the `setBeltDistance` command (local, belt idle). A refusal writes nothing.
 * Called once at boot; the answers run on a console request, never in the tick.
 */
export function makeTrainingConsole(hal: TreadmillHal, treadmill: TreadmillConsole, config: TreadmillConfig): ConsoleCommands {
  const storage = hal.storage;
  const log = hal.log;

  const settings = (): ConsoleReply => {
    const running = {
      units: config.units,
      userWeightKg: config.userWeightKg,
      forwardMaxSpeedKph: config.forward.maxSpeedKph,
      backwardMaxSpeedKph: config.backward.maxSpeedKph,
      forwardMaxInclinePct: config.forward.maxInclinePct,
      backwardMaxInclinePct: config.backward.maxInclinePct,
    };
    return { ok: true, message: 'stored settings apply from the next start-up; null: the configuration\'s value', data: { stored: loadSettings(storage, log), running: running } };
  };

  const set = (request: { [key: string]: unknown }): ConsoleReply => {
    const field = request.field;
    if (typeof field !== 'string' || SETTING_NAMES.indexOf(field) < 0) return refused('set: "field" must be one of ' + SETTING_NAMES.join(', '));
    if (!Object.prototype.hasOwnProperty.call(request, 'value')) return refused('set: "value" missing (null clears ' + field + ')');
    const changed = loadSettings(storage, log) as unknown as { [key: string]: unknown };
    changed[field] = request.value;
    // saveSettings checks the whole record (the field's range within the hard caps, and that the
    // configuration still resolves) before it writes anything: a refusal names the field.
    const saved = saveSettings(storage, log, changed as unknown as Settings);
    return saved.accepted ? { ok: true, message: field + ' set; ' + saved.message } : refused('set: ' + saved.message);
  };

  const history = (request: { [key: string]: unknown }): ConsoleReply => {
    const last = countField(request, 'last', 1, HISTORY_PAGE, HISTORY_PAGE);
    if (typeof last === 'string') return refused(last);
    const skip = countField(request, 'skip', 0, HISTORY_LENGTH, 0);
    if (typeof skip === 'string') return refused(skip);
    const entries = loadHistory(storage, log);
    const end = entries.length - skip;
    const shown = end > 0 ? entries.slice(end - last > 0 ? end - last : 0, end) : [];
    const older = end - shown.length > 0 ? end - shown.length : 0;
    return {
      ok: true,
      message: shown.length + ' of ' + entries.length + ' stored sessions, oldest first' + (older > 0 ? '; ' + older + ' older: skip ' + (skip + shown.length) : ''),
      data: { total: entries.length, sessions: shown.map((entry) => roundedCopy(entry)) },
    };
  };

  const suggestion = (): ConsoleReply => {
    const next = suggestBackwardSession(loadHistory(storage, log), speedCapKph(config, 'backward'));
    return { ok: true, message: 'a suggestion only: you decide; run it as program backward-progression', data: roundedCopy(next) };
  };

  const programs = (): ConsoleReply => {
    const stored = listPrograms(storage);
    // Uploads stop at MAX_STORED_PROGRAMS, but records written otherwise may be more: the line stays bounded.
    const listed = stored.slice(0, MAX_STORED_PROGRAMS);
    return {
      ok: true,
      message: stored.length > listed.length ? listed.length + ' of ' + stored.length + ' stored programs listed' : stored.length + ' stored programs',
      data: { builtin: builtinProgramNames(), stored: listed },
    };
  };

  const upload = (request: { [key: string]: unknown }): ConsoleReply => {
    const program = request.program;
    if (program === undefined) return refused('upload: "program" missing: {"name": ..., "segments": [...]}');
    // The same check a program gets before it runs: each segment against the caps of its direction.
    const parsed = parseProgram(program, config);
    if (parsed.program === null) return refused('upload: ' + parsed.error);
    const name = parsed.program.name;
    if (isBuiltinName(name)) return refused('upload: name "' + name + '" is a built-in program\'s: pick another');
    const stored = listPrograms(storage);
    if (stored.indexOf(name) < 0 && stored.length >= MAX_STORED_PROGRAMS) return refused('upload: ' + stored.length + ' programs stored, the most kept: delete one first');
    const saved = saveProgram(storage, name, typeof program === 'string' ? program : JSON.stringify(program));
    return saved.accepted ? { ok: true, message: saved.message + '; run it as program ' + name } : refused('upload: ' + saved.message);
  };

  const deleteProgram = (request: { [key: string]: unknown }): ConsoleReply => {
    const name = request.name;
    if (typeof name !== 'string' || name === '') return refused('deleteProgram: "name" must be a stored program\'s name');
    if (isBuiltinName(name)) return refused('deleteProgram: "' + name.slice(0, 32) + '" is built in: only stored programs can be deleted');
    if (listPrograms(storage).indexOf(name) < 0) return refused('deleteProgram: no stored program called "' + name.slice(0, 32) + '"');
    eraseProgram(storage, name);
    return { ok: true, message: 'program ' + name + ' deleted' };
  };

  const beltDistance = (request: { [key: string]: unknown }): ConsoleReply => {
    const input: { [key: string]: number } = {};
    let problem = '';
    FIELDS.beltDistance.forEach((field) => {
      const value = request[field];
      if (value === undefined || problem !== '') return;
      if (typeof value !== 'number' || !isFinite(value)) problem = 'beltDistance: "' + field + '" must be a number';
      else input[field] = value;
    });
    if (problem !== '') return refused(problem);
    const result = treadmill.command({ name: 'setBeltDistance', source: 'local', beltDistance: input as BeltDistanceInput });
    return result.accepted ? { ok: true, message: result.message } : refused(result.message);
  };

  const calibration = (): ConsoleReply => {
    const stored = loadCalibration(storage, log);
    return {
      ok: true,
      message: treadmill.calibrating() ? 'calibration running' : treadmill.calibrationOutcome() || 'no calibration run since start-up',
      data: {
        calibrating: treadmill.calibrating(),
        outcome: treadmill.calibrationOutcome(),
        stored: { metersPerPulse: stored.metersPerPulse, dutyMap: stored.dutyMap !== null ? stored.dutyMap.map((point) => roundedCopy(point)) : null },
        running: { metersPerPulse: config.metersPerPulse },
      },
    };
  };

  return {
    fields: FIELDS,
    maxLineLength: FULL_LINE_LENGTH,
    answer: (request: { [key: string]: unknown }, cmd: string): ConsoleReply => {
      if (cmd === 'settings') return settings();
      if (cmd === 'set') return set(request);
      if (cmd === 'history') return history(request);
      if (cmd === 'suggestion') return suggestion();
      if (cmd === 'programs') return programs();
      if (cmd === 'upload') return upload(request);
      if (cmd === 'deleteProgram') return deleteProgram(request);
      if (cmd === 'beltDistance') return beltDistance(request);
      return calibration();
    },
  };
}
