// Validates untrusted scenario JSON into a typed Scenario, naming the path of every problem (up to a limit).

import type { Command, CommandName, Direction } from '../../firmware/command';
import type { SimButton, SimFault, SimFaultSettings, SimTreadmillOptions, WalkerMode } from '../sim-treadmill';
import { CONTROL_POINT_OPERATIONS, CONTROL_POINT_RESULT_NAMES, controlPointRequestBytes, MAX_WIRE_INCLINE_PCT, MAX_WIRE_SPEED_KPH, MIN_WIRE_INCLINE_PCT, type ControlPointOperation, type ControlPointResultName } from '../ftms/control-point-client';
import { bytesFromHex, isHexBytes } from '../ftms/hex-bytes';
import type { StorageFile } from './sim-session';
import type { ScenarioState } from './trace-row';
import {
  DIRECTIONS,
  FAULT_CODES,
  SCENARIO_STATES,
  SCENARIO_COMMAND_NAMES,
  SIM_BUTTONS,
  SIM_FAULTS,
  WALKER_MODES,
  type ActionKind,
  type Condition,
  type ConditionCheck,
  type ExpectationKind,
  type FtmsClientAction,
  type NumericCheckKey,
  type Scenario,
  type ScenarioAction,
  type ScenarioExpectation,
} from './scenario-types';

type JsonObject = { [key: string]: unknown };

/** Longest scenario accepted: a day of simulated time catches seconds typed as milliseconds. */
const MAX_DURATION_S = 86400;
/** Tolerances applied to a condition's exact numbers unless the condition sets its own. */
const DEFAULT_TOLERANCE_KPH = 0.1;
const DEFAULT_TOLERANCE_PCT = 0.5;
const DUTY_TOLERANCE = 0.001;
const DEFAULT_HOLD_MS = 100;
/** The most problems one parse reports: enough to fix a file in one pass, few enough to read. */
export const MAX_REPORTED_PROBLEMS = 20;
/** The longest Storage file name the device accepts (sim/ports/sim-storage.ts refuses longer ones too). */
const MAX_STORAGE_NAME_CHARS = 28;
/** Longest power cut, seconds: a day, as for durationS. */
const MAX_POWER_OFF_S = 86400;
/** Most extra open-and-close pairs one key insert or removal may chatter through, and their longest span, ms. */
const MAX_KEY_BOUNCES = 1000;
const MAX_KEY_BOUNCE_MS = 10000;
/** Highest encoder noise rate, spurious pulses per second (far above any input's queue). */
const MAX_NOISE_RATE_HZ = 100000;

/** What each simulator option must be; keyed by every option (optional ones too) so a new option fails to compile here. */
const SIM_OPTION_KINDS: { [K in keyof SimTreadmillOptions]-?: string } = {
  seed: 'integer',
  drive: 'drive',
  pulsesPerMeter: 'positive',
  physicsStepMs: 'positive',
  walkerMassKg: 'nonNegative',
  walkerMode: 'walkerMode',
  footfallHz: 'nonNegative',
  pushSpeedKph: 'signedSpeed',
  keyPresent: 'boolean',
  hasIncline: 'boolean',
  hasDirectionSensor: 'boolean',
  encoderGlitchFilterMs: 'nonNegative',
  inclineSensor: 'inclineSensor',
  inclinePulsesPerPct: 'positive',
  inclineAnalogAtZero: 'fraction',
  inclineAnalogAtSpan: 'fraction',
  inclineAnalogSpanPct: 'positive',
  beltMassKg: 'positive',
  beltStartPositionM: 'nonNegative',
  outputDelayMs: 'nonNegative',
};

const ACTION_KEYS: ActionKind[] = ['command', 'press', 'pullKey', 'insertKey', 'walker', 'fault', 'clearFault', 'powerLoss', 'hang', 'writeStorage', 'ftms'];
const EXPECTATION_KEYS: ExpectationKind[] = ['expect', 'within', 'throughout'];
const STEP_KINDS: string[] = (ACTION_KEYS as string[]).concat(EXPECTATION_KEYS);

/** Fields allowed beside the kind key, per kind. */
const STEP_FIELDS: { [kind: string]: string[] } = {
  command: ['atS', 'command', 'source', 'speedKph', 'direction', 'inclinePct', 'program', 'beltDistance', 'expectAccepted', 'note'],
  press: ['atS', 'press', 'holdMs', 'expectAccepted', 'note'],
  pullKey: ['atS', 'pullKey', 'note'],
  insertKey: ['atS', 'insertKey', 'note'],
  walker: ['atS', 'walker', 'massKg', 'note'],
  fault: ['atS', 'fault', 'bounces', 'bounceMs', 'rateHz', 'glitchProbability', 'note'],
  clearFault: ['atS', 'clearFault', 'note'],
  powerLoss: ['atS', 'powerLoss', 'offS', 'note'],
  hang: ['atS', 'hang', 'note'],
  writeStorage: ['atS', 'writeStorage', 'note'],
  ftms: ['atS', 'ftms', 'kph', 'pct', 'hex', 'client', 'expectResult', 'note'],
  expect: ['atS', 'expect', 'note'],
  within: ['fromS', 'byS', 'within', 'note'],
  throughout: ['fromS', 'toS', 'throughout', 'note'],
};

/** Which command argument each command needs; the others must be absent. */
const COMMAND_ARGUMENT: { [name: string]: string } = { setSpeed: 'speedKph', setDirection: 'direction', setIncline: 'inclinePct', startProgram: 'program', setBeltDistance: 'beltDistance' };
const COMMAND_ARGUMENTS = ['speedKph', 'direction', 'inclinePct', 'program', 'beltDistance'];

/** What a scripted FTMS client can do, and which field each action needs (the others must be absent). */
const FTMS_ACTIONS: FtmsClientAction[] = (CONTROL_POINT_OPERATIONS as FtmsClientAction[]).concat(['write', 'connect', 'disconnect']);
const FTMS_ARGUMENT: { [action: string]: string } = { setSpeed: 'kph', setIncline: 'pct', write: 'hex' };
const FTMS_ARGUMENTS = ['kph', 'pct', 'hex'];
/** Longest raw write, bytes: a BLE write without a larger MTU carries 20. */
const MAX_FTMS_WRITE_BYTES = 20;
/** Highest client connection id a scenario may use (any small number tells the apps apart). */
const MAX_FTMS_CLIENT_ID = 100;

/** Which fault each fault setting belongs to; the others refuse it. */
const FAULT_SETTING_OWNER: { [field: string]: SimFault } = { bounces: 'keyBounce', bounceMs: 'keyBounce', rateHz: 'encoderNoise', glitchProbability: 'encoderNoise' };

const CONDITION_FIELDS = [
  'state',
  'direction',
  'directionOutput',
  'pendingDirection',
  'fault',
  'speedKph',
  'beltSpeedKph',
  'targetKph',
  'setpointKph',
  'duty',
  'inclinePct',
  'reboots',
  'directionDwellS',
  'motorEnabled',
  'keyPresent',
  'powered',
  'log',
  'elapsedS',
  'energyKcal',
  'met',
  'averageMet',
  'toleranceKph',
  'tolerancePct',
  'tolerance',
];
const SPEED_FIELDS: NumericCheckKey[] = ['speedKph', 'beltSpeedKph', 'targetKph', 'setpointKph'];
/** Session figures (status.metrics); an exact value matches within `tolerance` (default 0). */
const METRIC_FIELDS: NumericCheckKey[] = ['elapsedS', 'energyKcal', 'met', 'averageMet'];
const METRIC_UNITS: { [key: string]: string } = { elapsedS: ' s', energyKcal: ' kcal', met: ' MET', averageMet: ' MET' };

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The offending value as it appeared in the file, shortened for a one-line message. */
function show(value: unknown): string {
  let text: string;
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !isFinite(value)) return String(value);
  try {
    text = JSON.stringify(value);
  } catch (_error) {
    text = String(value);
  }
  if (text === undefined) text = String(value);
  return text.length > 40 ? text.substring(0, 37) + '...' : text;
}

function fail(path: string, message: string): never {
  throw new Error(path + ': ' + message);
}

function isObject(value: unknown): value is JsonObject {
  return kindOf(value) === 'object';
}

function requireObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) fail(path, 'expected an object, got ' + show(value));
  return value as JsonObject;
}

/** Whether `object` has its own field `key` (Espruino reaches natives only on instances, so no Object.prototype here). */
function has(object: JsonObject, key: string): boolean {
  return Object.keys(object).indexOf(key) >= 0;
}

/** Refuse fields outside `allowed`, so typos never pass silently. */
function checkFields(object: JsonObject, allowed: string[], path: string): void {
  Object.keys(object).forEach((key) => {
    if (allowed.indexOf(key) < 0) fail(path + '.' + key, 'unknown field; expected one of ' + allowed.join(', '));
  });
}

function requireNumber(value: unknown, path: string, min: number, max: number): number {
  let bounds = '';
  if (min > -Infinity && max < Infinity) bounds = ' in ' + min + '..' + max;
  else if (min > -Infinity) bounds = ' >= ' + min;
  else if (max < Infinity) bounds = ' <= ' + max;
  if (typeof value !== 'number' || !isFinite(value) || value < min || value > max) {
    fail(path, 'expected a number' + bounds + ', got ' + show(value));
  }
  return value as number;
}

function requireString(value: unknown, path: string, allowEmpty: boolean): string {
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) {
    fail(path, 'expected a' + (allowEmpty ? '' : ' non-empty') + ' string, got ' + show(value));
  }
  return value as string;
}

function requireBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'expected true or false, got ' + show(value));
  return value as boolean;
}

function requireName<T extends string>(value: unknown, names: T[], what: string, path: string): T {
  if (typeof value !== 'string') fail(path, 'expected a ' + what + ' name, got ' + show(value));
  if ((names as string[]).indexOf(value as string) < 0) fail(path, 'unknown ' + what + ' ' + show(value) + '; expected one of ' + names.join(', '));
  return value as T;
}

/** A time in seconds as milliseconds, checked against the scenario's duration. */
function requireTimeMs(value: unknown, path: string, durationS: number): number {
  if (typeof value === 'number' && isFinite(value) && value > durationS) {
    fail(path, 'time ' + value + ' s is beyond durationS (' + durationS + ' s)');
  }
  return Math.round(requireNumber(value, path, 0, Infinity) * 1000);
}

function parseSimOptions(value: unknown, path: string): Partial<SimTreadmillOptions> {
  const object = requireObject(value, path);
  const result: { [key: string]: unknown } = {};
  const kinds = SIM_OPTION_KINDS as { [key: string]: string };
  checkFields(object, Object.keys(kinds), path);
  Object.keys(object).forEach((key) => {
    const where = path + '.' + key;
    const item = object[key];
    const kind = kinds[key];
    if (kind === 'integer') {
      requireNumber(item, where, 0, 4294967295);
      if (Math.floor(item as number) !== item) fail(where, 'expected an integer, got ' + show(item));
      result[key] = item;
    } else if (kind === 'positive') {
      if (requireNumber(item, where, 0, Infinity) === 0) fail(where, 'expected a number > 0, got 0');
      result[key] = item;
    } else if (kind === 'nonNegative') result[key] = requireNumber(item, where, 0, Infinity);
    else if (kind === 'fraction') result[key] = requireNumber(item, where, 0, 1);
    // Signed like the belt: a walker pushing a free belt backward gives a negative speed.
    else if (kind === 'signedSpeed') result[key] = requireNumber(item, where, -25, 25);
    else if (kind === 'boolean') result[key] = requireBoolean(item, where);
    else if (kind === 'drive') result[key] = requireName(item, ['mc2100', 'hbridge'], 'drive', where);
    else if (kind === 'inclineSensor') result[key] = requireName(item, ['pulses', 'analog'], 'incline sensor', where);
    else result[key] = requireName(item, WALKER_MODES, 'walker mode', where);
  });
  return result as Partial<SimTreadmillOptions>;
}

/** `12`, or `{"min": 1, "max": 2}` with at least one bound: an inclusive range of acceptable values. */
function parseNumberMatch(value: unknown, path: string, tolerance: number, key: NumericCheckKey, unit: string): ConditionCheck {
  if (typeof value === 'number') {
    requireNumber(value, path, -Infinity, Infinity);
    const expectedText = tolerance > 0 ? value + ' ± ' + tolerance + unit : String(value);
    return { key, min: value - tolerance, max: value + tolerance, expectedText };
  }
  if (!isObject(value)) fail(path, 'expected a number or {"min": n, "max": n}, got ' + show(value));
  const range = value as JsonObject;
  checkFields(range, ['min', 'max'], path);
  if (!has(range, 'min') && !has(range, 'max')) fail(path, 'a range needs "min", "max" or both');
  const min = has(range, 'min') ? requireNumber(range.min, path + '.min', -Infinity, Infinity) : -Infinity;
  const max = has(range, 'max') ? requireNumber(range.max, path + '.max', -Infinity, Infinity) : Infinity;
  if (min > max) fail(path, 'min ' + min + ' is above max ' + max);
  let expectedText = min + '..' + max + unit;
  if (min === -Infinity) expectedText = '<= ' + max + unit;
  else if (max === Infinity) expectedText = '>= ' + min + unit;
  return { key, min, max, expectedText };
}

function parseCondition(value: unknown, path: string, kind: ExpectationKind): Condition {
  const object = requireObject(value, path);
  checkFields(object, CONDITION_FIELDS, path);
  const checks: ConditionCheck[] = [];
  let toleranceKph = DEFAULT_TOLERANCE_KPH;
  let tolerancePct = DEFAULT_TOLERANCE_PCT;
  if (has(object, 'toleranceKph')) {
    toleranceKph = requireNumber(object.toleranceKph, path + '.toleranceKph', 0, Infinity);
    if (!SPEED_FIELDS.some((key) => typeof object[key] === 'number')) fail(path + '.toleranceKph', 'no exact speed in this condition to apply it to');
  }
  let tolerance = 0;
  if (has(object, 'tolerance')) {
    tolerance = requireNumber(object.tolerance, path + '.tolerance', 0, Infinity);
    if (!METRIC_FIELDS.some((key) => typeof object[key] === 'number')) fail(path + '.tolerance', 'no exact ' + METRIC_FIELDS.join(', ') + ' in this condition to apply it to');
  }
  if (has(object, 'tolerancePct')) {
    tolerancePct = requireNumber(object.tolerancePct, path + '.tolerancePct', 0, Infinity);
    if (typeof object.inclinePct !== 'number') fail(path + '.tolerancePct', 'no exact inclinePct in this condition to apply it to');
  }
  Object.keys(object).forEach((key) => {
    const where = path + '.' + key;
    const item = object[key];
    if (key === 'state') {
      const list = Array.isArray(item) ? item : [item];
      if (list.length === 0) fail(where, 'expected a state or a non-empty list of states');
      const states: ScenarioState[] = [];
      list.forEach((state, index) => {
        states.push(requireName(state, SCENARIO_STATES, 'state', Array.isArray(item) ? where + '[' + index + ']' : where));
      });
      checks.push({ key: 'state', states });
    } else if (key === 'direction' || key === 'directionOutput') {
      checks.push({ key, value: requireName(item, DIRECTIONS, 'direction', where) });
    } else if (key === 'pendingDirection') {
      checks.push({ key, value: item === null ? null : requireName(item, DIRECTIONS, 'direction (or null)', where) });
    } else if (key === 'fault') {
      checks.push({ key, value: item === null ? null : requireName(item, FAULT_CODES, 'fault code (or null)', where) });
    } else if (key === 'speedKph' || key === 'beltSpeedKph' || key === 'targetKph' || key === 'setpointKph') {
      checks.push(parseNumberMatch(item, where, toleranceKph, key, ' km/h'));
    } else if (key === 'duty') {
      checks.push(parseNumberMatch(item, where, DUTY_TOLERANCE, key, ''));
    } else if (key === 'inclinePct') {
      checks.push(parseNumberMatch(item, where, tolerancePct, key, ' %'));
    } else if (key === 'elapsedS' || key === 'energyKcal' || key === 'met' || key === 'averageMet') {
      checks.push(parseNumberMatch(item, where, tolerance, key, METRIC_UNITS[key]));
    } else if (key === 'reboots') {
      checks.push(parseNumberMatch(item, where, 0, key, ''));
    } else if (key === 'directionDwellS') {
      checks.push(parseNumberMatch(item, where, 0, key, ' s'));
    } else if (key === 'motorEnabled' || key === 'keyPresent' || key === 'powered') {
      checks.push({ key, value: requireBoolean(item, where) });
    } else if (key === 'log') {
      if (kind === 'throughout') fail(where, 'a log line happens once; use it in "expect" or "within", not "throughout"');
      checks.push({ key, text: requireString(item, where, false) });
    }
  });
  if (checks.length === 0) fail(path, 'expected at least one check (' + CONDITION_FIELDS.slice(0, 20).join(', ') + ')');
  return { checks };
}

function parseCommand(step: JsonObject, path: string): Command {
  const name = requireName<CommandName>(step.command, SCENARIO_COMMAND_NAMES, 'command', path + '.command');
  const command: Command = { name, source: 'local' };
  if (has(step, 'source')) command.source = requireName(step.source, ['local', 'remote'], 'command source', path + '.source');
  const needed = COMMAND_ARGUMENT[name];
  COMMAND_ARGUMENTS.forEach((argument) => {
    if (argument !== needed && has(step, argument)) fail(path + '.' + argument, 'not used by command "' + name + '"');
  });
  if (needed !== undefined && !has(step, needed)) fail(path + '.' + needed, 'command "' + name + '" needs it');
  // Any finite number is passed on: refusing out-of-range values is the firmware's job, and scenarios test it.
  if (needed === 'speedKph') command.speedKph = requireNumber(step.speedKph, path + '.speedKph', -Infinity, Infinity);
  if (needed === 'inclinePct') command.inclinePct = requireNumber(step.inclinePct, path + '.inclinePct', -Infinity, Infinity);
  if (needed === 'program') {
    // A program by name, or written inline as an object (sent to the firmware as JSON text, as a client would).
    const program = step.program;
    if (typeof program === 'string' && program.length > 0) command.program = program;
    else if (isObject(program)) command.program = JSON.stringify(program);
    else fail(path + '.program', 'expected a program name or a program object, got ' + show(program));
  }
  if (needed === 'beltDistance') {
    // The measurements go to the firmware as they are: checking them is its job, and scenarios test it.
    if (!isObject(step.beltDistance)) fail(path + '.beltDistance', 'expected an object of measurements, got ' + show(step.beltDistance));
    command.beltDistance = step.beltDistance as Command['beltDistance'];
  }
  if (needed === 'direction') command.direction = requireName<Direction>(step.direction, DIRECTIONS, 'direction', path + '.direction');
  return command;
}

/**
 * An app's step: `{"ftms": "setSpeed", "kph": 3}`, `{"ftms": "write", "hex": "0a"}`, with an
 * optional `client` id and `expectResult`. Targets are refused only when the wire cannot carry
 * them (outside a uint16 of 0.01 km/h, a sint16 of 0.1 %): refusing the rest is the firmware's
 * job, and scenarios test it.
 */
function parseFtmsAction(step: JsonObject, action: ScenarioAction, path: string): void {
  const name = requireName<FtmsClientAction>(step.ftms, FTMS_ACTIONS, 'FTMS client action', path + '.ftms');
  action.ftmsAction = name;
  const needed = FTMS_ARGUMENT[name];
  FTMS_ARGUMENTS.forEach((argument) => {
    if (argument !== needed && has(step, argument)) fail(path + '.' + argument, 'not used by FTMS action "' + name + '"');
  });
  if (needed !== undefined && !has(step, needed)) fail(path + '.' + needed, 'FTMS action "' + name + '" needs it');
  if (has(step, 'client')) {
    const client = requireNumber(step.client, path + '.client', 1, MAX_FTMS_CLIENT_ID);
    if (Math.floor(client) !== client) fail(path + '.client', 'expected a whole client id, got ' + show(step.client));
    action.ftmsClientId = client;
  }
  const connection = name === 'connect' || name === 'disconnect';
  if (has(step, 'expectResult')) {
    if (connection) fail(path + '.expectResult', 'FTMS action "' + name + '" writes nothing, so it gets no result');
    action.expectResult = requireName<ControlPointResultName>(step.expectResult, CONTROL_POINT_RESULT_NAMES, 'control point result', path + '.expectResult');
  }
  if (connection) return;
  if (name === 'write') {
    const hex = requireString(step.hex, path + '.hex', false);
    if (!isHexBytes(hex)) fail(path + '.hex', 'expected whole bytes of hex digits ("0802"), got ' + show(hex));
    if (hex.length / 2 > MAX_FTMS_WRITE_BYTES) fail(path + '.hex', 'a write carries at most ' + MAX_FTMS_WRITE_BYTES + ' bytes, got ' + hex.length / 2);
    action.ftmsRequest = Array.prototype.slice.call(bytesFromHex(hex)) as number[];
    return;
  }
  let value = 0;
  if (name === 'setSpeed') value = requireNumber(step.kph, path + '.kph', 0, MAX_WIRE_SPEED_KPH);
  if (name === 'setIncline') value = requireNumber(step.pct, path + '.pct', MIN_WIRE_INCLINE_PCT, MAX_WIRE_INCLINE_PCT);
  action.ftmsRequest = Array.prototype.slice.call(controlPointRequestBytes(name as ControlPointOperation, value)) as number[];
}

/**
 * The settings of an injected fault (key bounce: `bounces`, `bounceMs`; encoder noise: `rateHz`,
 * `glitchProbability`), from a scenario step or the web console's fields; throws an Error naming
 * `path` and the field at the first bad one.
 */
export function parseFaultSettings(step: { [key: string]: unknown }, fault: SimFault, path: string): SimFaultSettings {
  const settings: SimFaultSettings = {};
  Object.keys(FAULT_SETTING_OWNER).forEach((field) => {
    if (has(step, field) && FAULT_SETTING_OWNER[field] !== fault) fail(path + '.' + field, 'belongs to fault "' + FAULT_SETTING_OWNER[field] + '", not "' + fault + '"');
  });
  if (has(step, 'bounces')) {
    const bounces = requireNumber(step.bounces, path + '.bounces', 0, MAX_KEY_BOUNCES);
    if (Math.floor(bounces) !== bounces) fail(path + '.bounces', 'expected a whole number of bounces, got ' + show(step.bounces));
    settings.bounces = bounces;
  }
  if (has(step, 'bounceMs')) {
    settings.bounceMs = requireNumber(step.bounceMs, path + '.bounceMs', 0, MAX_KEY_BOUNCE_MS);
    if (settings.bounceMs === 0) fail(path + '.bounceMs', 'expected a number > 0, got 0 (for a clean contact, give "bounces": 0)');
  }
  if (has(step, 'rateHz')) settings.rateHz = requireNumber(step.rateHz, path + '.rateHz', 0, MAX_NOISE_RATE_HZ);
  if (has(step, 'glitchProbability')) settings.glitchProbability = requireNumber(step.glitchProbability, path + '.glitchProbability', 0, 1);
  return settings;
}

/**
 * Storage files from `{"name": text, ...}`: a string is stored exactly as written (valid JSON,
 * cut short or garbage), any other JSON value as its JSON text; with `allowErase`, null erases.
 */
function parseStorageFiles(value: unknown, path: string, allowErase: boolean): { name: string; text: string | null }[] {
  const object = requireObject(value, path);
  const names = Object.keys(object);
  if (allowErase && names.length === 0) fail(path, 'expected at least one file: {"name": "text"}');
  return names.map((name) => {
    const where = path + '["' + name + '"]';
    if (name.length === 0 || name.length > MAX_STORAGE_NAME_CHARS) fail(where, 'a Storage file name needs 1..' + MAX_STORAGE_NAME_CHARS + ' characters, got ' + name.length);
    const item = object[name];
    if (item === null) {
      if (!allowErase) fail(where, 'expected the file\'s text (a string) or a JSON value to store as text; null (erase) is for writeStorage');
      return { name, text: null };
    }
    if (typeof item === 'number' && !isFinite(item)) fail(where, 'expected text or a JSON value, got ' + show(item));
    return { name, text: typeof item === 'string' ? item : JSON.stringify(item) };
  });
}

function newAction(kind: ActionKind, atMs: number, index: number, note: string): ScenarioAction {
  return {
    kind,
    atMs,
    index,
    note,
    command: null,
    expectAccepted: null,
    button: null,
    holdMs: 0,
    walkerMode: null,
    walkerMassKg: -1,
    simFault: null,
    faultSettings: {},
    offMs: 0,
    storageWrites: [],
    ftmsAction: null,
    ftmsClientId: 1,
    ftmsRequest: [],
    expectResult: null,
  };
}

/** The kind key of a step: exactly one of the action or expectation keys. */
function stepKind(step: JsonObject, path: string): string {
  const kinds = STEP_KINDS.filter((kind) => has(step, kind));
  if (kinds.length === 0) fail(path, 'unknown action: expected one of the keys ' + STEP_KINDS.join(', ') + '; got fields ' + (Object.keys(step).join(', ') || 'none'));
  if (kinds.length > 1) fail(path, 'has both "' + kinds[0] + '" and "' + kinds[1] + '": one action or expectation per step');
  return kinds[0];
}

function parseAction(step: JsonObject, kind: ActionKind, path: string, atMs: number, index: number, note: string): ScenarioAction {
  const action = newAction(kind, atMs, index, note);
  const where = path + '.' + kind;
  if (has(step, 'expectAccepted')) action.expectAccepted = requireBoolean(step.expectAccepted, path + '.expectAccepted');
  if (kind === 'command') {
    action.command = parseCommand(step, path);
  } else if (kind === 'press') {
    action.button = requireName<SimButton>(step.press, SIM_BUTTONS, 'button', where);
    action.holdMs = has(step, 'holdMs') ? requireNumber(step.holdMs, path + '.holdMs', 1, 60000) : DEFAULT_HOLD_MS;
  } else if (kind === 'walker') {
    action.walkerMode = requireName<WalkerMode>(step.walker, WALKER_MODES, 'walker mode', where);
    if (has(step, 'massKg')) action.walkerMassKg = requireNumber(step.massKg, path + '.massKg', 1, 300);
  } else if (kind === 'fault' || kind === 'clearFault') {
    action.simFault = requireName<SimFault>(step[kind], SIM_FAULTS, 'sim fault', where);
    if (kind === 'fault') action.faultSettings = parseFaultSettings(step, action.simFault, path);
  } else if (kind === 'writeStorage') {
    action.storageWrites = parseStorageFiles(step.writeStorage, where, true);
  } else if (kind === 'ftms') {
    parseFtmsAction(step, action, path);
  } else if (step[kind] !== true) {
    const hint = kind === 'powerLoss' && isObject(step[kind]) ? '; the time off goes beside it: {"atS": 20, "powerLoss": true, "offS": 2}' : '';
    fail(where, 'expected true (this action takes no argument), got ' + show(step[kind]) + hint);
  } else if (kind === 'powerLoss' && has(step, 'offS')) {
    action.offMs = Math.round(requireNumber(step.offS, path + '.offS', 0, MAX_POWER_OFF_S) * 1000);
  }
  return action;
}

/** Collects the problems of one parse, each a "path: message" line, up to MAX_REPORTED_PROBLEMS. */
class Problems {
  readonly lines: string[] = [];
  /** Problems beyond the limit, counted but not kept. */
  more = 0;

  /** Run `check`; a problem it throws is kept and the parse goes on. Returns whether it passed. */
  attempt(check: () => void): boolean {
    try {
      check();
      return true;
    } catch (error) {
      if (this.lines.length < MAX_REPORTED_PROBLEMS) this.lines.push(error instanceof Error ? error.message : String(error));
      else this.more++;
      return false;
    }
  }

  /** Check each field of the object `value` alone (as a one-field object), so every bad field is named. */
  eachField(value: unknown, path: string, check: (one: JsonObject) => void): void {
    this.attempt(() => {
      const object = requireObject(value, path);
      Object.keys(object).forEach((key) => {
        this.attempt(() => {
          const one: JsonObject = {};
          one[key] = object[key];
          check(one);
        });
      });
    });
  }

  /** Throw every problem at once (nothing when there is none): one Error whose message has a line per problem, and a `problems` list. */
  throwIfAny(): void {
    if (this.lines.length === 0) return;
    const lines = this.lines.slice();
    if (this.more > 0) lines.push('... and ' + this.more + ' more problem(s) not shown');
    const error = new Error(lines.join('\n'));
    (error as Error & { problems: string[] }).problems = lines;
    throw error;
  }
}

/** One step, validated: an action (with its path, for the time-order check) or an expectation. */
function parseStep(item: unknown, index: number, durationS: number, actions: ScenarioAction[], expectations: ScenarioExpectation[], order: { previousMs: number; previousPath: string }): void {
  const path = 'steps[' + index + ']';
  const step = requireObject(item, path);
  const kind = stepKind(step, path);
  checkFields(step, STEP_FIELDS[kind], path);
  const note = has(step, 'note') ? requireString(step.note, path + '.note', false) : '';
  const startField = STEP_FIELDS[kind].indexOf('atS') >= 0 ? 'atS' : 'fromS';
  if (!has(step, startField)) fail(path + '.' + startField, 'missing; every "' + kind + '" step needs it');
  const startMs = requireTimeMs(step[startField], path + '.' + startField, durationS);
  if (EXPECTATION_KEYS.indexOf(kind as ExpectationKind) >= 0) {
    const expectationKind = kind as ExpectationKind;
    let endMs = startMs;
    if (expectationKind !== 'expect') {
      const endField = expectationKind === 'within' ? 'byS' : 'toS';
      if (!has(step, endField)) fail(path + '.' + endField, 'missing; every "' + kind + '" step needs it');
      endMs = requireTimeMs(step[endField], path + '.' + endField, durationS);
      if (endMs < startMs) fail(path + '.' + endField, 'ends at ' + show(step[endField]) + ' s, before fromS (' + startMs / 1000 + ' s)');
    }
    expectations.push({
      kind: expectationKind,
      fromMs: startMs,
      toMs: endMs,
      condition: parseCondition(step[kind], path + '.' + kind, expectationKind),
      index,
      note,
    });
    return;
  }
  // Actions are the scenario's timeline: out of order is almost surely a typo. Expectations may sit beside what they check.
  if (startMs < order.previousMs) {
    fail(path + '.atS', 'time ' + show(step.atS) + ' s comes before the action at ' + order.previousPath + ' (' + order.previousMs / 1000 + ' s); keep actions in time order');
  }
  // The timeline moves on even when the rest of this step is bad, so the next step's order is judged against it.
  order.previousMs = startMs;
  order.previousPath = path;
  actions.push(parseAction(step, kind as ActionKind, path, startMs, index, note));
}

/**
 * Validate `json` (already parsed from the file) as a scenario. Throws one Error naming every
 * problem found (up to MAX_REPORTED_PROBLEMS; the first of each step, sim option, storage file and
 * top-level field), one "path: message" line each, e.g.
 * `steps[3].atS: expected a number >= 0, got "abc"`; the lines are also in its `problems` field.
 * Accepts nothing it does not understand.
 */
export function parseScenario(json: unknown): Scenario {
  const root = requireObject(json, 'scenario');
  const problems = new Problems();
  // A machine file or machine fields are resolved (read, validated, turned into the plant) by the
  // Node loader, which can read files (sim/cli/scenario-machine.ts).
  problems.attempt(() => {
    if (has(root, 'machine')) fail('machine', 'a scenario\'s machine is resolved by loadScenarioFile (sim/cli/run-scenario.ts); parseScenario takes the scenario without it');
  });
  const rootFields = ['name', 'description', 'durationS', 'sim', 'config', 'storage', 'steps'];
  Object.keys(root).forEach((key) => {
    problems.attempt(() => {
      if (key !== 'machine' && rootFields.indexOf(key) < 0) fail('scenario.' + key, 'unknown field; expected one of ' + rootFields.join(', '));
    });
  });
  let name = '';
  let description = '';
  // A bad duration still lets the steps be checked, against the longest duration allowed.
  let durationS = MAX_DURATION_S;
  const sim: Partial<SimTreadmillOptions> = {};
  let config: JsonObject = {};
  let storage: StorageFile[] = [];
  problems.attempt(() => {
    name = requireString(root.name, 'name', false);
  });
  problems.attempt(() => {
    description = requireString(root.description, 'description', true);
  });
  problems.attempt(() => {
    const value = requireNumber(root.durationS, 'durationS', 0, MAX_DURATION_S);
    if (value === 0) fail('durationS', 'expected a number > 0, got 0');
    durationS = value;
  });
  if (has(root, 'sim')) problems.eachField(root.sim, 'sim', (one) => Object.assign(sim, parseSimOptions(one, 'sim')));
  if (has(root, 'config')) {
    problems.attempt(() => {
      config = requireObject(root.config, 'config');
    });
  }
  if (has(root, 'storage')) problems.eachField(root.storage, 'storage', (one) => (storage = storage.concat(parseStorageFiles(one, 'storage', false) as StorageFile[])));
  const actions: ScenarioAction[] = [];
  const expectations: ScenarioExpectation[] = [];
  const order = { previousMs: 0, previousPath: '' };
  problems.attempt(() => {
    if (!Array.isArray(root.steps)) fail('steps', 'expected an array of steps, got ' + show(root.steps));
    (root.steps as unknown[]).forEach((item, index) => {
      problems.attempt(() => parseStep(item, index, durationS, actions, expectations, order));
    });
  });
  problems.throwIfAny();
  return { name, description, durationMs: Math.round(durationS * 1000), sim, config, machineConfig: {}, storage, actions, expectations };
}
