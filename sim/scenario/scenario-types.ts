// The typed form of a scenario file: timed actions on the simulated treadmill and expectations over its trace.

import type { Command, CommandName, Direction } from '../../firmware/command';
import type { FaultCode } from '../../firmware/fault-code';
import type { SafetyState } from '../../firmware/core/safety-state';
import type { SimButton, SimFault, SimFaultSettings, SimTreadmillOptions, WalkerMode } from '../sim-treadmill';
import type { ControlPointOperation, ControlPointResultName } from '../ftms/control-point-client';
import type { StorageFile } from './sim-session';
import type { ScenarioState } from './trace-row';

/**
 * Name lists for validation. Each is written as an object keyed by every member of its union type,
 * so the compiler fails here when the firmware or the simulator adds or removes a name
 * (the simulator core may import only types from firmware/, so the firmware's own lists are out of reach).
 */
const SAFETY_STATE_SET: { [K in SafetyState]: true } = { idle: true, countdown: true, running: true, stopping: true, freeBelt: true, fault: true };
const FAULT_CODE_SET: { [K in FaultCode]: true } = {
  keyRemoved: true,
  encoderLoss: true,
  overspeed: true,
  wrongDirection: true,
  stall: true,
  lostEdges: true,
  controlError: true,
  inclineRunaway: true,
};
const COMMAND_NAME_SET: { [K in CommandName]: true } = {
  start: true,
  stop: true,
  speedUp: true,
  speedDown: true,
  setSpeed: true,
  setDirection: true,
  slowDown: true,
  freeBelt: true,
  clearFault: true,
  setIncline: true,
  startProgram: true,
  pause: true,
  resume: true,
  skip: true,
  calibrate: true,
  setBeltDistance: true,
};
const SIM_FAULT_SET: { [K in SimFault]: true } = {
  encoderDisconnected: true,
  encoderNoise: true,
  beltJammed: true,
  driverRunaway: true,
  directionRelayStuck: true,
  keyBounce: true,
  inputOverflow: true,
  inclineStuck: true,
  inclineRunaway: true,
};
const SIM_BUTTON_SET: { [K in SimButton]: true } = {
  start: true,
  stop: true,
  speedUp: true,
  speedDown: true,
  direction: true,
  slowDown: true,
  inclineUp: true,
  inclineDown: true,
};
const WALKER_MODE_SET: { [K in WalkerMode]: true } = { off: true, forward: true, backward: true, push: true };

export const SAFETY_STATES = Object.keys(SAFETY_STATE_SET) as SafetyState[];
/** The states a condition may name: the firmware's, and 'off' while no firmware runs (power off, or a boot that threw). */
export const SCENARIO_STATES = (SAFETY_STATES as ScenarioState[]).concat(['off']);
export const FAULT_CODES = Object.keys(FAULT_CODE_SET) as FaultCode[];
export const SCENARIO_COMMAND_NAMES = Object.keys(COMMAND_NAME_SET) as CommandName[];
export const SIM_FAULTS = Object.keys(SIM_FAULT_SET) as SimFault[];
export const SIM_BUTTONS = Object.keys(SIM_BUTTON_SET) as SimButton[];
export const WALKER_MODES = Object.keys(WALKER_MODE_SET) as WalkerMode[];
export const DIRECTIONS: Direction[] = ['forward', 'backward'];

/** Every action kind a step may carry (the step's action key in the file). */
export type ActionKind = 'command' | 'press' | 'pullKey' | 'insertKey' | 'walker' | 'fault' | 'clearFault' | 'powerLoss' | 'hang' | 'writeStorage' | 'ftms';

/** What a scripted FTMS client does: connect, disconnect, a named control point request, or raw bytes (`write`). */
export type FtmsClientAction = ControlPointOperation | 'connect' | 'disconnect' | 'write';

/** Fields every parsed step keeps for messages: where it was in the file and the author's note. */
export interface StepOrigin {
  /** Index in the file's `steps` array. */
  index: number;
  /** The step's optional `note`, '' when absent. */
  note: string;
}

/** A timed action. `atMs` is the scenario time in milliseconds (the file's `atS` x 1000, rounded). */
export interface ScenarioAction extends StepOrigin {
  kind: ActionKind;
  atMs: number;
  /** For `command`: the command as the firmware receives it. */
  command: Command | null;
  /**
   * For `command` and `press`: whether the firmware must accept (true) or refuse (false) it; null:
   * not said, so it must be accepted (a refusal is a failure unless the step expects one).
   */
  expectAccepted: boolean | null;
  /** For `press`. */
  button: SimButton | null;
  /** For `press`: how long the button is held, ms. */
  holdMs: number;
  /** For `walker`. */
  walkerMode: WalkerMode | null;
  /** For `walker`: the walker's mass in kg, or -1 to keep the current one. */
  walkerMassKg: number;
  /** For `fault` and `clearFault`. */
  simFault: SimFault | null;
  /** For `fault`: the fault's own settings (key bounce count and span, encoder noise rate); empty for the model's defaults. */
  faultSettings: SimFaultSettings;
  /** For `powerLoss`: how long the power stays off, ms (0: it returns at once). */
  offMs: number;
  /** For `writeStorage`: the files to write, in file order; a null text erases the file. */
  storageWrites: { name: string; text: string | null }[];
  /** For `ftms`: what the app does. */
  ftmsAction: FtmsClientAction | null;
  /** For `ftms`: the app's connection id (1 unless the step says `client`). */
  ftmsClientId: number;
  /** For an `ftms` write: the control point bytes the app writes (empty for connect and disconnect). */
  ftmsRequest: number[];
  /** For an `ftms` write: the result the answer must carry; null: not said, so it must be success. */
  expectResult: ControlPointResultName | null;
}

/** Numeric trace quantities a condition can bound. */
export type NumericCheckKey =
  | 'speedKph'
  | 'beltSpeedKph'
  | 'targetKph'
  | 'setpointKph'
  | 'duty'
  | 'inclinePct'
  | 'reboots'
  | 'directionDwellS'
  | 'elapsedS'
  | 'energyKcal'
  | 'met'
  | 'averageMet';
/** Boolean trace quantities a condition can require. */
export type BooleanCheckKey = 'motorEnabled' | 'keyPresent' | 'powered';

/** One clause of a condition; all clauses of a condition must hold together. */
export type ConditionCheck =
  | { key: 'state'; states: ScenarioState[] }
  | { key: 'direction'; value: Direction }
  | { key: 'directionOutput'; value: Direction }
  | { key: 'pendingDirection'; value: Direction | null }
  | { key: 'fault'; value: FaultCode | null }
  | { key: NumericCheckKey; min: number; max: number; expectedText: string }
  | { key: BooleanCheckKey; value: boolean }
  | { key: 'log'; text: string };

/** A conjunction of checks, as written in one `expect`, `within` or `throughout` object. */
export interface Condition {
  checks: ConditionCheck[];
}

/** When an expectation is evaluated. */
export type ExpectationKind = 'expect' | 'within' | 'throughout';

/**
 * An expectation over the run. `expect`: holds at `fromMs` (= `toMs`). `within`: holds at some
 * evaluation in [fromMs, toMs]. `throughout`: holds at every evaluation in [fromMs, toMs].
 * Evaluations happen at every control tick and at the window's two ends.
 */
export interface ScenarioExpectation extends StepOrigin {
  kind: ExpectationKind;
  fromMs: number;
  toMs: number;
  condition: Condition;
}

/** A validated scenario (see sim/scenarios/README.md for the file format). */
export interface Scenario {
  name: string;
  description: string;
  durationMs: number;
  /** Overrides of the simulated treadmill's options. */
  sim: Partial<SimTreadmillOptions>;
  /** Storage files as the firmware finds them at its first boot (valid, truncated or garbage), in file order. */
  storage: StorageFile[];
  /** Firmware configuration overrides, handed to the firmware's boot function as they are. */
  config: { [key: string]: unknown };
  /**
   * The configuration a machine description gives beyond the plant (caps, duty map), beneath
   * `config` and stored calibration as on the device; the plant's own facts (belt distance,
   * incline scale) reach the firmware from `sim` (sim/scenario/sim-session.ts). Empty unless a
   * loader resolved the file's `machine` (sim/cli/scenario-machine.ts).
   */
  machineConfig: { [key: string]: unknown };
  /** Actions in time order (file order among equal times). */
  actions: ScenarioAction[];
  /** Expectations in file order. */
  expectations: ScenarioExpectation[];
}
