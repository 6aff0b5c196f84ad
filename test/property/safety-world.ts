// Random safety scenarios for fast-check: the arbitraries, the simulated world they act on, and the per-tick invariant checker.

import fc from 'fast-check';
import { COMMAND_NAMES, type Command, type CommandResult } from '../../firmware/command';
import type { SafetyState } from '../../firmware/core/safety-state';
import { SIM_BUTTONS, type SimButton, type SimDriveKind, type SimFault, type WalkerMode } from '../../sim/sim-treadmill';
import { makeRig, type Rig } from '../closed-loop/harness';

/** Faults of the belt and key (the incline has its own issue). */
const BELT_FAULTS: SimFault[] = ['encoderDisconnected', 'encoderNoise', 'beltJammed', 'driverRunaway', 'directionRelayStuck', 'keyBounce', 'inputOverflow'];

/** One thing the world or a user does; `wait` lets simulated time pass. */
export type Action =
  | { kind: 'command'; command: unknown }
  | { kind: 'button'; button: SimButton }
  | { kind: 'pullKey' }
  | { kind: 'insertKey' }
  | { kind: 'walker'; mode: WalkerMode; massKg: number; pushKph: number }
  | { kind: 'inject'; fault: SimFault }
  | { kind: 'repair'; fault: SimFault }
  | { kind: 'wait'; ms: number };

/** A machine, an opening, and a short random story. */
export interface Scenario {
  drive: SimDriveKind;
  pulsesPerMeter: number;
  hasDirectionSensor: boolean;
  seed: number;
  /** Opening moves so that many stories start from a running belt: none, forward, or backward. */
  opening: 'idle' | 'forward' | 'backward';
  actions: Action[];
}

const speedArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(0.8, 1.2, 2, 3.9, 4, 4.01, 6, 12, 16, 16.1), weight: 4 },
  { arbitrary: fc.double({ min: -5, max: 30, noNaN: true }), weight: 4 },
  { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, '5', null, undefined), weight: 1 },
);

const commandArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  // A deliberate local start is what makes anything move: give it weight so stories run the belt.
  { arbitrary: fc.constant({ name: 'start', source: 'local' }), weight: 4 },
  // Well-formed moves a user makes at the machine, so stops, clears, direction changes and free belt all happen.
  {
    arbitrary: fc.constantFrom<unknown>(
      { name: 'stop', source: 'local' },
      { name: 'clearFault', source: 'local' },
      { name: 'freeBelt', source: 'local' },
      { name: 'setDirection', source: 'local', direction: 'backward' },
      { name: 'setDirection', source: 'local', direction: 'forward' },
      { name: 'slowDown', source: 'local' },
      { name: 'startProgram', source: 'local', program: 'backward-intro' },
      { name: 'startProgram', source: 'local', program: 'intervals' },
      { name: 'startProgram', source: 'remote', program: '12-3-30' },
      { name: 'pause', source: 'local' },
      { name: 'resume', source: 'local' },
      { name: 'resume', source: 'remote' },
      { name: 'skip', source: 'local' },
    ),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      name: fc.constantFrom<string>(...COMMAND_NAMES, 'launch'),
      source: fc.constantFrom('local', 'remote', 'remote', 'cloud'),
      speedKph: speedArbitrary,
      direction: fc.constantFrom<unknown>('forward', 'backward', 'sideways', undefined),
    }),
    weight: 12,
  },
  { arbitrary: fc.constantFrom<unknown>(null, undefined, 'start', 42, {}), weight: 1 },
);

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: commandArbitrary.map((command): Action => ({ kind: 'command', command })), weight: 10 },
  { arbitrary: fc.constantFrom(...SIM_BUTTONS).map((button): Action => ({ kind: 'button', button })), weight: 3 },
  { arbitrary: fc.constant<Action>({ kind: 'pullKey' }), weight: 2 },
  { arbitrary: fc.constant<Action>({ kind: 'insertKey' }), weight: 2 },
  {
    arbitrary: fc
      .record({
        mode: fc.constantFrom<WalkerMode>('off', 'forward', 'backward', 'push'),
        massKg: fc.integer({ min: 40, max: 130 }),
        pushKph: fc.constantFrom(-3, -2, -1, -0.5, 0.5, 1, 2, 3),
      })
      .map((walker): Action => ({ kind: 'walker', mode: walker.mode, massKg: walker.massKg, pushKph: walker.pushKph })),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(...BELT_FAULTS).map((fault): Action => ({ kind: 'inject', fault })), weight: 2 },
  { arbitrary: fc.constantFrom(...BELT_FAULTS).map((fault): Action => ({ kind: 'repair', fault })), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 4000 }).map((ms): Action => ({ kind: 'wait', ms })), weight: 10 },
);

export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  drive: fc.constantFrom<SimDriveKind>('mc2100', 'hbridge'),
  pulsesPerMeter: fc.constantFrom(3.28, 3.28, 20, 100),
  hasDirectionSensor: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1000000 }),
  opening: fc.constantFrom<'idle' | 'forward' | 'backward'>('idle', 'forward', 'backward'),
  actions: fc.array(actionArbitrary, { minLength: 1, maxLength: 24, size: 'medium' }),
});

/** A command the firmware handled, with the state around it. */
interface CommandRecord {
  command: unknown;
  result: CommandResult;
  before: SafetyState;
  after: SafetyState;
}

const MOVING_STATES: SafetyState[] = ['countdown', 'running', 'stopping'];
const EPSILON = 1e-9;

/** A direction's figures the checker judges by. */
interface WorldDirectionLimits {
  maxSpeedKph: number;
  accelKphPerS: number;
  decelKphPerS: number;
}

/**
 * The figures the checker judges the firmware by. They are the checker's own, written here (the
 * shipped defaults' values, so the stories exercise what users run) and handed to the firmware as
 * its configuration: the checker never reads the firmware's defaults, constants or functions, so a
 * bug there cannot move a check along with it.
 */
export interface WorldSettings {
  metersPerPulse: number;
  controlPeriodMs: number;
  countdownMs: number;
  minSpeedKph: number;
  directionDwellMs: number;
  maxDuty: number;
  forward: WorldDirectionLimits;
  backward: WorldDirectionLimits;
}

/** The world's settings for a belt sensor of `pulsesPerMeter`. */
export function worldSettings(pulsesPerMeter: number): WorldSettings {
  return {
    metersPerPulse: 1 / pulsesPerMeter,
    controlPeriodMs: 100,
    countdownMs: 3000,
    minSpeedKph: 0.8,
    directionDwellMs: 2000,
    maxDuty: 0.85,
    forward: { maxSpeedKph: 16, accelKphPerS: 1, decelKphPerS: 1.5 },
    backward: { maxSpeedKph: 4, accelKphPerS: 0.3, decelKphPerS: 0.6 },
  };
}

/**
 * How long a belt with no pulse counts as still moving, ms, worked out from the settings as the
 * README states it: no pulse for 2.5 pulse intervals at the minimum speed, and at least 1.5 s.
 */
export function standstillAfterMs(settings: WorldSettings): number {
  const pulseIntervalMs = (settings.metersPerPulse / (settings.minSpeedKph / 3.6)) * 1000;
  return Math.max(1500, 2.5 * pulseIntervalMs);
}

function isCommand(value: unknown, name: string, source: string): boolean {
  return typeof value === 'object' && value !== null && (value as Command).name === name && (value as Command).source === source;
}

/** What a person does at the machine to set the belt moving; each goes through the start rows and the countdown. */
const DELIBERATE_STARTS = ['start', 'calibrate', 'startProgram', 'resume'];

function isDeliberateLocalStart(value: unknown): boolean {
  return DELIBERATE_STARTS.some((name) => isCommand(value, name, 'local'));
}

/**
 * The firmware on a simulated treadmill, with every invariant of issue 3 item 10 checked after
 * each control tick (a checker registered after the firmware runs right after its tick), after
 * each command and at each write of the direction output. `violations` collects what broke.
 */
export class CheckedWorld {
  readonly rig: Rig;
  readonly settings: WorldSettings;
  readonly violations: string[] = [];
  private readonly commands: CommandRecord[] = [];
  /** Whether the program now running was started by an accepted local startProgram. */
  private localProgramStarted = false;
  private previousState: SafetyState;
  private previousSetpointKph = 0;
  private previousTickMs: number;
  /**
   * How far back a belt movement must be visible to the firmware when the direction switches, ms:
   * the estimator's standstill timeout plus the dwell. A belt that moved a whole pulse spacing in
   * that time crossed a mark, so a healthy sensor reported it and the switch had to wait.
   */
  private readonly interlockWindowMs: number;
  /** True belt position at each tick within the interlock window, oldest first. */
  private readonly positions: { timeMs: number; positionM: number }[] = [];
  /** Last time the belt sensor was cut or overflowing (it hides movement then), ms; -Infinity if never. */
  private sensorBlindMs = -Infinity;

  constructor(scenario: Scenario) {
    this.settings = worldSettings(scenario.pulsesPerMeter);
    this.rig = makeRig(
      { drive: scenario.drive, pulsesPerMeter: scenario.pulsesPerMeter, hasDirectionSensor: scenario.hasDirectionSensor, seed: scenario.seed, walkerMode: 'off' },
      this.settings,
    );
    this.interlockWindowMs = standstillAfterMs(this.settings) + this.settings.directionDwellMs;
    this.previousState = this.rig.firmware.status().state;
    this.previousTickMs = this.rig.scheduler.nowMs();
    this.wrapCommands();
    this.watchDirectionOutput();
    this.rig.sim.keyInput.watch(() => this.checkOutputs('key edge'));
    this.rig.scheduler.every(this.settings.controlPeriodMs, () => this.checkTick());
  }

  /** Apply one action (commands and buttons go through the firmware's own entry points). */
  apply(action: Action): void {
    const sim = this.rig.sim;
    switch (action.kind) {
      case 'command':
        this.rig.firmware.command(action.command as Command);
        break;
      case 'button':
        sim.press(action.button, 100);
        break;
      case 'pullKey':
        sim.pullKey();
        break;
      case 'insertKey':
        sim.insertKey();
        break;
      case 'walker':
        sim.setPushSpeed(action.pushKph);
        sim.setWalker(action.mode, action.massKg);
        break;
      case 'inject':
        sim.injectFault(action.fault);
        break;
      case 'repair':
        this.noteSensorBlindness();
        sim.clearFault(action.fault);
        break;
      default:
        this.rig.scheduler.advance(action.ms);
        break;
    }
  }

  private fail(what: string): void {
    const status = this.rig.firmware.status();
    this.violations.push(
      (this.rig.scheduler.nowMs() / 1000).toFixed(3) + ' s: ' + what + ' [state ' + status.state + ', fault ' + status.fault + ', duty ' + this.rig.sim.motorDuty().toFixed(3) + ', belt ' + this.rig.sim.beltSpeedKph().toFixed(2) + ' km/h]',
    );
  }

  /** Record every command, from tests and from the firmware's own button bindings (they call `this.command`). */
  private wrapCommands(): void {
    const firmware = this.rig.firmware;
    const original = firmware.command.bind(firmware);
    firmware.command = (command: Command): CommandResult => {
      const before = firmware.status().state;
      const result = original(command);
      const after = firmware.status().state;
      this.commands.push({ command, result, before, after });
      if (result.accepted && isCommand(command, 'startProgram', 'local')) this.localProgramStarted = true;
      if (firmware.programStatus().phase === 'off') this.localProgramStarted = false;
      this.checkCommand(command, before, after);
      this.checkOutputs('after ' + (isCommand(command, 'start', 'local') ? 'a local start' : 'a command'));
      return result;
    };
  }

  private checkCommand(command: unknown, before: SafetyState, after: SafetyState): void {
    const leftRest = (before === 'idle' || before === 'fault') && (MOVING_STATES.indexOf(after) >= 0 || after === 'freeBelt');
    const localStart = isDeliberateLocalStart(command);
    if (leftRest && !localStart && !isCommand(command, 'freeBelt', 'local')) {
      this.fail('left ' + before + ' for ' + after + ' on ' + JSON.stringify(command));
    }
    if (leftRest && after !== 'freeBelt' && !localStart) this.fail('moved out of ' + before + ' without a local start');
    if (before === 'fault' && after !== 'fault' && !isCommand(command, 'clearFault', 'local')) this.fail('fault cleared by ' + JSON.stringify(command));
  }

  /**
   * The direction relay may switch only with duty 0, the motor disabled and the belt still. "Still"
   * is judged on the true belt: it must not have moved a whole pulse spacing within the interlock
   * window (moving less, it crossed no mark, and no sensor of that resolution could have seen it).
   */
  private watchDirectionOutput(): void {
    const output = this.rig.sim.motorDirection;
    const write = output.write.bind(output);
    output.write = (backward: boolean) => {
      if (backward !== output.read()) {
        const sim = this.rig.sim;
        if (sim.motorDuty() > 0 || sim.motorEnabled()) this.fail('direction output switched with duty ' + sim.motorDuty() + ', enabled ' + sim.motorEnabled());
        // A sensor cut or overflowing within the window hid movement from the firmware: only the outputs are judged then.
        this.noteSensorBlindness();
        const sensorBlind = this.rig.scheduler.nowMs() - this.sensorBlindMs <= this.interlockWindowMs;
        const movedM = this.recentMovementM();
        if (!sensorBlind && movedM >= this.settings.metersPerPulse) {
          this.fail('direction output switched after the belt moved ' + movedM.toFixed(3) + ' m within ' + this.interlockWindowMs.toFixed(0) + ' ms (belt at ' + sim.beltSpeedKph().toFixed(3) + ' km/h)');
        }
      }
      write(backward);
    };
  }

  /** Span of true belt positions over the interlock window up to now, m. */
  private recentMovementM(): number {
    const nowMs = this.rig.scheduler.nowMs();
    const currentM = this.rig.sim.belt.positionM;
    let lowestM = currentM;
    let highestM = currentM;
    this.positions.forEach((sample) => {
      if (nowMs - sample.timeMs > this.interlockWindowMs) return;
      if (sample.positionM < lowestM) lowestM = sample.positionM;
      if (sample.positionM > highestM) highestM = sample.positionM;
    });
    return highestM - lowestM;
  }

  private noteSensorBlindness(): void {
    const faults = this.rig.sim.activeFaults();
    if (faults.indexOf('encoderDisconnected') >= 0 || faults.indexOf('inputOverflow') >= 0) this.sensorBlindMs = this.rig.scheduler.nowMs();
  }

  private samplePosition(nowMs: number): void {
    this.noteSensorBlindness();
    this.rig.sim.syncToNow();
    this.positions.push({ timeMs: nowMs, positionM: this.rig.sim.belt.positionM });
    while (this.positions.length > 0 && nowMs - this.positions[0].timeMs > this.interlockWindowMs) this.positions.shift();
  }

  /** Outputs that must hold at every event: no key or a latched fault means no drive. */
  private checkOutputs(when: string): void {
    const sim = this.rig.sim;
    const status = this.rig.firmware.status();
    const driven = sim.motorDuty() > 0 || sim.motorEnabled();
    if (!sim.keyInput.read() && driven) this.fail(when + ': key absent but duty ' + sim.motorDuty() + ', enabled ' + sim.motorEnabled());
    if (status.state === 'fault' && driven) this.fail(when + ': fault latched but the motor is driven');
    if (sim.motorEnabled() && MOVING_STATES.indexOf(status.state) < 0) this.fail(when + ': motor enabled in ' + status.state);
    if (sim.motorDuty() > this.settings.maxDuty + EPSILON) this.fail(when + ': duty ' + sim.motorDuty() + ' above the maximum');
  }

  private checkTick(): void {
    const status = this.rig.firmware.status();
    const nowMs = this.rig.scheduler.nowMs();
    this.samplePosition(nowMs);
    this.checkOutputs('tick');
    // The cap is worked out here, not with the firmware's own function, so a wrong cap there shows.
    const capKph = this.settings[status.direction].maxSpeedKph;
    if (status.targetSpeedKph > capKph + EPSILON) this.fail('target ' + status.targetSpeedKph + ' above the ' + status.direction + ' cap ' + capKph);
    if (status.setpointKph > capKph + EPSILON) this.fail('setpoint ' + status.setpointKph + ' above the ' + status.direction + ' cap ' + capKph);
    if (status.fault === 'controlError') this.fail('control error: the firmware threw');

    // Only a deliberate local start moves the belt out of rest; only a local clear ends a fault.
    const since = this.commands.splice(0, this.commands.length);
    const before = this.previousState;
    if ((before === 'idle' || before === 'fault') && MOVING_STATES.indexOf(status.state) >= 0) {
      const started = since.some((record) => record.result.accepted && isDeliberateLocalStart(record.command));
      // A program started at the machine may start its first segment once the direction has switched
      // (phase "starting"): that start is the deferred part of the user's own startProgram.
      const programStart = this.localProgramStarted && this.rig.firmware.programStatus().phase !== 'off';
      if (!started && !programStart) this.fail(before + ' -> ' + status.state + ' without an accepted local start');
    }
    if (before === 'fault' && status.state !== 'fault') {
      const cleared = since.some((record) => record.result.accepted && isCommand(record.command, 'clearFault', 'local'));
      if (!cleared) this.fail('fault left without a local clear');
    }

    // The setpoint ramps within the direction's limits; only cutting the motor drops it at once.
    const dtS = (nowMs - this.previousTickMs) / 1000;
    const limits = this.settings[status.direction];
    const changeKph = status.setpointKph - this.previousSetpointKph;
    if (changeKph > limits.accelKphPerS * dtS + EPSILON) this.fail('setpoint rose ' + changeKph.toFixed(4) + ' km/h in ' + dtS + ' s');
    const cut = status.setpointKph === 0 && MOVING_STATES.indexOf(status.state) < 0;
    if (-changeKph > limits.decelKphPerS * dtS + EPSILON && !cut) this.fail('setpoint fell ' + (-changeKph).toFixed(4) + ' km/h in ' + dtS + ' s');

    if (this.rig.scheduler.errors.length > 0) this.fail('errors in timers: ' + String(this.rig.scheduler.errors[0]));
    this.previousState = status.state;
    this.previousSetpointKph = status.setpointKph;
    this.previousTickMs = nowMs;
  }
}

/** Play a scenario and return the invariant violations (empty when all held). */
export function playScenario(scenario: Scenario): string[] {
  const world = new CheckedWorld(scenario);
  const firmware = world.rig.firmware;
  if (scenario.opening === 'backward') {
    firmware.command({ name: 'setDirection', source: 'local', direction: 'backward' });
    world.rig.scheduler.advance(2200);
  }
  if (scenario.opening !== 'idle') {
    firmware.command({ name: 'start', source: 'local' });
    world.rig.scheduler.advance(world.settings.countdownMs + 1000);
    world.rig.sim.setWalker(scenario.opening, 70);
  }
  scenario.actions.forEach((action) => world.apply(action));
  // Let the last action's consequences play out over a few more ticks.
  world.rig.scheduler.advance(500);
  return world.violations;
}
