// The user's machine file (machine.json): read and validated field by field, and the configuration it gives the firmware.

import { readFileSync } from 'node:fs';
import type { DisplayKind, DisplayProfile } from '../hal/espruino/board-profile';
import { QUICK_SPEED_KEYS } from '../firmware/config';
import { resolveConfig } from '../firmware/config-overrides';
import { MAX_METERS_PER_PULSE, MIN_METERS_PER_PULSE, metersPerPulseFromBeltLength, metersPerPulseFromRoller, type BeltDistanceResult } from '../firmware/core/belt-distance';
import type { SimTreadmillOptions } from '../sim/sim-treadmill';
import { BOARD_PROFILES, DEFAULT_BOARD, DEFAULT_DRIVE, isBoardName, isDriveName, unknownBoardMessage, unknownDriveMessage, type BoardName, type DriveName } from './boards';

/** The incline's position sensor: lift-motor pulses, a potentiometer, or no incline at all. */
export type InclineSensor = 'pulses' | 'analog' | 'none';

/** The incline calibration a machine file may set; each field only for its sensor. */
export interface InclineCalibration {
  /** Pulse sensor: pulses per percent of grade. */
  pulsesPerPct?: number;
  /** Potentiometer: reading at 0 % and at `analogSpanPct`, fractions of the reference. */
  analogAtZero?: number;
  analogAtSpan?: number;
  analogSpanPct?: number;
}

/** The caps a machine file may set for one direction, within the firmware's hard caps. */
export interface MachineCaps {
  maxSpeedKph?: number;
  maxInclinePct?: number;
}

/** A validated machine file. Optional parts are absent when the file leaves them out. */
export interface MachineDescription {
  board: BoardName;
  drive: DriveName;
  /** Whether the file itself named the board and the drive (else they are the defaults). */
  boardFromFile: boolean;
  driveFromFile: boolean;
  /** Belt travel per encoder pulse, m, from the file's `beltDistance`. */
  metersPerPulse: number;
  /** The incline sensor the file names; null: the board's own sensor with the firmware's calibration. */
  inclineSensor: InclineSensor | null;
  inclineCalibration: InclineCalibration;
  forward: MachineCaps;
  backward: MachineCaps;
  /** The duty map once calibrated (empty-belt speed per duty); null: the drive's default map. */
  dutyMap: { speedKph: number; duty: number }[] | null;
  /** The console's display; null: none. */
  display: MachineDisplay | null;
  /** Target speeds of the quick-speed keys `quick1`..`quick3`, km/h; null: the file sets none. */
  quickSpeedsKph: number[] | null;
}

/** The display a machine file may configure (README, "Display"). */
export interface MachineDisplay {
  kind: DisplayKind;
  columns: number;
  rows: number;
  /** 7-bit I2C address. */
  address: number;
}

type JsonObject = { [key: string]: unknown };

const TOP_FIELDS = ['_note', 'board', 'drive', 'beltDistance', 'incline', 'forward', 'backward', 'dutyMap', 'display', 'quickSpeedsKph'];
const CAP_FIELDS = ['maxSpeedKph', 'maxInclinePct'];
const SENSOR_FIELDS: { [sensor in InclineSensor]: string[] } = {
  pulses: ['sensor', 'pulsesPerPct'],
  analog: ['sensor', 'analogAtZero', 'analogAtSpan', 'analogSpanPct'],
  none: ['sensor'],
};
/**
 * Per display kind: its fields, the sizes and addresses it may have, and its defaults. An HD44780
 * is 16x2 or 20x4 (its row addresses, hal/espruino/hd44780-display.ts); its backpack's PCF8574
 * answers at 0x20-0x27 (most modules 0x27) and a PCF8574A at 0x38-0x3F (0x3F). The OLED's text is
 * 21x8 (the 6x8 font on 128x64), at 0x3C or 0x3D.
 */
const DISPLAY_KINDS: { [kind in DisplayKind]: { fields: string[]; columns: number[]; rows: number[]; addresses: number[] } } = {
  'hd44780-pcf8574': { fields: ['kind', 'columns', 'rows', 'address'], columns: [20, 16], rows: [4, 2], addresses: [0x27, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f] },
  ssd1306: { fields: ['kind', 'address'], columns: [21], rows: [8], addresses: [0x3c, 0x3d] },
};
/** Editions that draw on a display (firmware/treadmill-features.ts, startDisplay): the compact edition has no room (README, "Display"). */
const EDITIONS_WITH_DISPLAY = ['full'];
/** Editions with the Program and quick-speed keys (firmware/extra-keys.ts, in the training features): the compact edition has neither. */
const EDITIONS_WITH_QUICK_KEYS = ['full'];

/** The three ways to give the belt distance, as the setBeltDistance command takes them. */
const BELT_DISTANCE_FORMS = [['metersPerPulse'], ['rollerDiameterM', 'pulsesPerRevolution'], ['beltLengthM', 'revolutions', 'pulses']];

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requireObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new Error(where + ' must be an object (got ' + show(value) + ')');
  return value;
}

function requireKnownFields(value: JsonObject, allowed: string[], where: string): void {
  Object.keys(value).forEach((key) => {
    if (allowed.indexOf(key) < 0) throw new Error((where === '' ? '' : where + '.') + key + ' is not a machine field; allowed here: ' + allowed.filter((name) => name !== '_note').join(', '));
  });
}

function requireNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !isFinite(value)) throw new Error(where + ' must be a number (got ' + show(value) + ')');
  return value;
}

function parseBoard(value: unknown): BoardName {
  if (typeof value !== 'string') throw new Error('board must be a string (got ' + show(value) + ')');
  if (!isBoardName(value)) throw new Error('board: ' + unknownBoardMessage(value));
  return value;
}

function parseDrive(value: unknown): DriveName {
  if (typeof value !== 'string') throw new Error('drive must be a string (got ' + show(value) + ')');
  if (!isDriveName(value)) throw new Error('drive: ' + unknownDriveMessage(value));
  return value;
}

/** Belt travel per pulse from whichever of the three forms `beltDistance` uses, checked as the firmware checks it. */
function parseBeltDistance(value: unknown): number {
  const input = requireObject(value, 'beltDistance');
  const keys = Object.keys(input);
  const form = BELT_DISTANCE_FORMS.find((fields) => fields.length === keys.length && fields.every((field) => keys.indexOf(field) >= 0));
  if (form === undefined) {
    throw new Error('beltDistance must hold exactly one of: ' + BELT_DISTANCE_FORMS.map((fields) => '{' + fields.join(', ') + '}').join(' or ') + ' (got ' + show(input) + ')');
  }
  form.forEach((field) => requireNumber(input[field], 'beltDistance.' + field));
  if (form[0] === 'metersPerPulse') {
    const metersPerPulse = input.metersPerPulse as number;
    if (!(metersPerPulse >= MIN_METERS_PER_PULSE && metersPerPulse <= MAX_METERS_PER_PULSE)) {
      throw new Error('beltDistance.metersPerPulse must be between ' + MIN_METERS_PER_PULSE + ' and ' + MAX_METERS_PER_PULSE + ' m (got ' + metersPerPulse + ')');
    }
    return metersPerPulse;
  }
  const result: BeltDistanceResult =
    form[0] === 'rollerDiameterM'
      ? metersPerPulseFromRoller(input.rollerDiameterM as number, input.pulsesPerRevolution as number)
      : metersPerPulseFromBeltLength(input.beltLengthM as number, input.revolutions as number, input.pulses as number);
  if (result.problem !== null) throw new Error('beltDistance: ' + result.problem);
  return result.metersPerPulse;
}

function parseIncline(value: unknown, machine: MachineDescription): void {
  const input = requireObject(value, 'incline');
  const sensor = input.sensor;
  if (sensor !== 'pulses' && sensor !== 'analog' && sensor !== 'none') throw new Error('incline.sensor must be "pulses", "analog" or "none" (got ' + show(sensor) + ')');
  Object.keys(input).forEach((key) => {
    if (SENSOR_FIELDS[sensor].indexOf(key) < 0) throw new Error('incline.' + key + ' does not apply to a "' + sensor + '" incline sensor; allowed: ' + SENSOR_FIELDS[sensor].join(', '));
  });
  machine.inclineSensor = sensor;
  SENSOR_FIELDS[sensor].slice(1).forEach((field) => {
    if (input[field] !== undefined) (machine.inclineCalibration as JsonObject)[field] = requireNumber(input[field], 'incline.' + field);
  });
}

function parseCaps(value: unknown, where: string): MachineCaps {
  const input = requireObject(value, where);
  requireKnownFields(input, CAP_FIELDS, where);
  const caps: MachineCaps = {};
  if (input.maxSpeedKph !== undefined) caps.maxSpeedKph = requireNumber(input.maxSpeedKph, where + '.maxSpeedKph');
  if (input.maxInclinePct !== undefined) caps.maxInclinePct = requireNumber(input.maxInclinePct, where + '.maxInclinePct');
  return caps;
}

function parseDutyMap(value: unknown): { speedKph: number; duty: number }[] {
  if (!Array.isArray(value)) throw new Error('dutyMap must be an array of {speedKph, duty} points (got ' + show(value) + ')');
  return value.map((point, index) => {
    const where = 'dutyMap[' + index + ']';
    const input = requireObject(point, where);
    requireKnownFields(input, ['speedKph', 'duty'], where);
    return { speedKph: requireNumber(input.speedKph, where + '.speedKph'), duty: requireNumber(input.duty, where + '.duty') };
  });
}

/**
 * The quick-speed keys' speeds: an array of at most QUICK_SPEED_KEYS numbers. Their range (the
 * slowest running speed up to the forward hard cap) is the firmware's own rule, checked with the
 * rest of the configuration (firmware/config-overrides.ts), so the file and the board agree.
 */
function parseQuickSpeeds(value: unknown): number[] {
  if (!Array.isArray(value)) throw new Error('quickSpeedsKph must be an array of at most ' + QUICK_SPEED_KEYS + ' speeds in km/h, one per quick key (got ' + show(value) + ')');
  if (value.length > QUICK_SPEED_KEYS) throw new Error('quickSpeedsKph holds at most ' + QUICK_SPEED_KEYS + ' speeds, one per quick key (got ' + value.length + ')');
  return value.map((speedKph, index) => requireNumber(speedKph, 'quickSpeedsKph[' + index + ']'));
}

/**
 * Throws, naming the field, when the machine file sets quick speeds for a board whose edition has
 * no quick-speed keys (the compact edition: README, "Editions").
 */
export function quickSpeedsOn(machine: MachineDescription, board: BoardName, drive: DriveName): void {
  if (machine.quickSpeedsKph === null) return;
  const edition = BOARD_PROFILES[board][drive].edition;
  if (EDITIONS_WITH_QUICK_KEYS.indexOf(edition) < 0) throw new Error('quickSpeedsKph: the ' + board + ' board runs the ' + edition + ' edition, which has no quick-speed keys (README.md, "Editions"); remove "quickSpeedsKph" or build for the esp32');
}

/** `value` if it is one of `choices` (the first is the default when it is left out), else an Error naming `where`. */
function requireChoice(value: unknown, choices: number[], where: string): number {
  if (value === undefined) return choices[0];
  if (typeof value !== 'number' || choices.indexOf(value) < 0) throw new Error(where + ' must be one of ' + choices.join(', ') + ' (got ' + show(value) + ')');
  return value;
}

function parseDisplay(value: unknown): MachineDisplay {
  const input = requireObject(value, 'display');
  const kind = input.kind;
  if (kind !== 'hd44780-pcf8574' && kind !== 'ssd1306') throw new Error('display.kind must be "hd44780-pcf8574" or "ssd1306" (got ' + show(kind) + ')');
  const rules = DISPLAY_KINDS[kind];
  Object.keys(input).forEach((key) => {
    if (rules.fields.indexOf(key) < 0) throw new Error('display.' + key + ' does not apply to an "' + kind + '" display; allowed: ' + rules.fields.join(', '));
  });
  const columns = requireChoice(input.columns, rules.columns, 'display.columns');
  const rows = requireChoice(input.rows, rules.rows, 'display.rows');
  const address = requireChoice(input.address, rules.addresses, 'display.address');
  return { kind, columns, rows, address };
}

/**
 * The display the machine has on `board` with `drive` (null: none): the file's display on the
 * board's I2C pins. Throws, naming the field, when the board's edition draws no display or the
 * board has no pins for one.
 */
export function displayOn(machine: MachineDescription, board: BoardName, drive: DriveName): DisplayProfile | null {
  const display = machine.display;
  if (display === null) return null;
  const profile = BOARD_PROFILES[board][drive];
  if (EDITIONS_WITH_DISPLAY.indexOf(profile.edition) < 0) throw new Error('display: the ' + board + ' board runs the ' + profile.edition + ' edition, which has no room for a display (README.md, "Display"); remove "display" or build for the esp32');
  if (!profile.displayI2c) throw new Error('display: the ' + board + ' board has no I2C pins free for a display (docs/wiring.md); remove "display" or build for the esp32');
  return { kind: display.kind, columns: display.columns, rows: display.rows, address: display.address, i2c: profile.displayI2c };
}

/**
 * The configuration overrides the machine gives the firmware: only what the file sets (every
 * property costs a small board about two interpreter variables). Its paths are the firmware's
 * configuration paths (firmware/config.ts), which are also the file's (`forward.maxSpeedKph`).
 */
export function machineConfigOverrides(machine: MachineDescription): { [key: string]: unknown } {
  const overrides: { [key: string]: unknown } = { metersPerPulse: machine.metersPerPulse };
  if (Object.keys(machine.inclineCalibration).length > 0) overrides.incline = Object.assign({}, machine.inclineCalibration);
  Object.assign(overrides, machineLimitOverrides(machine));
  return overrides;
}

/**
 * The part of the overrides that is the user's limits, choices and the drive's calibration (caps,
 * quick speeds, duty map), not a property of the hardware the simulator models (belt distance, incline sensor).
 */
export function machineLimitOverrides(machine: MachineDescription): { [key: string]: unknown } {
  const overrides: { [key: string]: unknown } = {};
  if (Object.keys(machine.forward).length > 0) overrides.forward = Object.assign({}, machine.forward);
  if (Object.keys(machine.backward).length > 0) overrides.backward = Object.assign({}, machine.backward);
  if (machine.dutyMap !== null) overrides.dutyMap = machine.dutyMap.map((point) => ({ speedKph: point.speedKph, duty: point.duty }));
  if (machine.quickSpeedsKph !== null) overrides.quickSpeedsKph = machine.quickSpeedsKph.slice();
  return overrides;
}

/**
 * The incline sensor the machine has on `board`: the file's, which must agree with how the
 * board's profile reads the incline (docs/wiring.md), or, when the file names none, the board's.
 */
export function inclineSensorOn(machine: MachineDescription, board: BoardName): InclineSensor {
  const profile = BOARD_PROFILES[board][machine.drive];
  const wired: InclineSensor = profile.incline ? profile.incline.position.kind : 'none';
  if (machine.inclineSensor === null || machine.inclineSensor === 'none') return machine.inclineSensor === null ? wired : 'none';
  if (machine.inclineSensor !== wired) {
    throw new Error('incline.sensor is "' + machine.inclineSensor + '", but the ' + board + ' board reads the incline ' + (wired === 'analog' ? 'from a potentiometer ("analog")' : wired === 'pulses' ? 'from lift-motor pulses ("pulses")' : 'not at all') + '; see docs/wiring.md');
  }
  return wired;
}

/**
 * The simulated treadmill the machine is (its plant): the drive, the belt sensor's pulses per
 * metre, the incline sensor of its board (or none) and its scale. The simulator tells the firmware
 * the belt distance and the incline scale from these (sim/scenario/sim-session.ts), so the two
 * cannot disagree.
 */
export function machinePlant(machine: MachineDescription): Partial<SimTreadmillOptions> {
  const sensor = inclineSensorOn(machine, machine.board);
  const plant: Partial<SimTreadmillOptions> = { drive: machine.drive, pulsesPerMeter: 1 / machine.metersPerPulse, hasIncline: sensor !== 'none' };
  if (sensor === 'none') return plant;
  plant.inclineSensor = sensor;
  const calibration = machine.inclineCalibration;
  if (calibration.pulsesPerPct !== undefined) plant.inclinePulsesPerPct = calibration.pulsesPerPct;
  if (calibration.analogAtZero !== undefined) plant.inclineAnalogAtZero = calibration.analogAtZero;
  if (calibration.analogAtSpan !== undefined) plant.inclineAnalogAtSpan = calibration.analogAtSpan;
  if (calibration.analogSpanPct !== undefined) plant.inclineAnalogSpanPct = calibration.analogSpanPct;
  return plant;
}

/**
 * Validate a parsed machine file. Throws an Error whose message starts with the field's path and
 * says what is wrong and what was found (`beltDistance.metersPerPulse must be between ...`); the
 * caps, incline calibration and duty map are checked by the firmware's own configuration rules
 * (firmware/config-overrides.ts), so the file can never hold what the firmware would refuse.
 */
export function parseMachineDescription(json: unknown): MachineDescription {
  const input = requireObject(json, 'the machine file');
  requireKnownFields(input, TOP_FIELDS, '');
  if (input._note !== undefined && typeof input._note !== 'string') throw new Error('_note must be a string (got ' + show(input._note) + ')');
  if (input.beltDistance === undefined) throw new Error('beltDistance is required: {"metersPerPulse": ...}, {"rollerDiameterM": ..., "pulsesPerRevolution": ...} or {"beltLengthM": ..., "revolutions": ..., "pulses": ...}');
  const machine: MachineDescription = {
    board: input.board === undefined ? DEFAULT_BOARD : parseBoard(input.board),
    drive: input.drive === undefined ? DEFAULT_DRIVE : parseDrive(input.drive),
    boardFromFile: input.board !== undefined,
    driveFromFile: input.drive !== undefined,
    metersPerPulse: parseBeltDistance(input.beltDistance),
    inclineSensor: null,
    inclineCalibration: {},
    forward: input.forward === undefined ? {} : parseCaps(input.forward, 'forward'),
    backward: input.backward === undefined ? {} : parseCaps(input.backward, 'backward'),
    dutyMap: input.dutyMap === undefined ? null : parseDutyMap(input.dutyMap),
    display: input.display === undefined ? null : parseDisplay(input.display),
    quickSpeedsKph: input.quickSpeedsKph === undefined ? null : parseQuickSpeeds(input.quickSpeedsKph),
  };
  if (input.incline !== undefined) parseIncline(input.incline, machine);
  inclineSensorOn(machine, machine.board);
  displayOn(machine, machine.board, machine.drive);
  quickSpeedsOn(machine, machine.board, machine.drive);
  try {
    resolveConfig({ drive: machine.drive }, machineConfigOverrides(machine));
  } catch (error) {
    // The firmware names its setting as `config: "forward.maxSpeedKph" ...`: the file's path is the same.
    throw new Error(String((error as Error).message).replace(/^config: "([^"]+)"/, '$1'));
  }
  return machine;
}

/** Read and validate the machine file at `path`; every problem is an Error naming the file and the field. */
export function readMachineFile(path: string): MachineDescription {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(path + ': cannot read the machine file: ' + (error as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(path + ': not valid JSON: ' + (error as Error).message);
  }
  try {
    return parseMachineDescription(json);
  } catch (error) {
    throw new Error(path + ': ' + (error as Error).message);
  }
}
