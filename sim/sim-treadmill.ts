// The simulated treadmill: physics models wired to sim ports, stepped by the deterministic scheduler.

import type { TimerHandle } from '../hal/scheduler';
import type { MemoryReport, TreadmillHal } from '../hal/treadmill-hal';
import { Belt } from './models/belt';
import type { BeltDrive } from './models/belt-drive';
import { BeltEncoder, DEFAULT_BELT_ENCODER_OPTIONS } from './models/belt-encoder';
import { DcMotorDrive } from './models/dc-motor-drive';
import { DEFAULT_INCLINE_OPTIONS, InclineActuator } from './models/incline-actuator';
import type { InclineOptions, InclineSensorKind } from './models/incline-actuator';
import { Mc2100Drive } from './models/mc2100-drive';
import { DEFAULT_SAFETY_KEY_OPTIONS, SafetyKey } from './models/safety-key';
import { KPH_PER_MPS } from './models/units';
import { Walker } from './models/walker';
import type { WalkerMode } from './models/walker';
import { SimAnalogIn } from './ports/sim-analog-in';
import { SimBeeper } from './ports/sim-beeper';
import { SimDigitalIn } from './ports/sim-digital-in';
import { SimDigitalOut } from './ports/sim-digital-out';
import { SimLog } from './ports/sim-log';
import { SimPulseCounter } from './ports/sim-pulse-counter';
import { SimPwmOut } from './ports/sim-pwm-out';
import { SimStorage } from './ports/sim-storage';
import { SimTextDisplay } from './ports/sim-text-display';
import { SimWatchdog } from './ports/sim-watchdog';
import { deriveRandom } from './random';
import type { SimScheduler } from './sim-scheduler';

export type { WalkerMode } from './models/walker';
export type { InclineSensorKind } from './models/incline-actuator';

/** Which power stage drives the belt motor. */
export type SimDriveKind = 'mc2100' | 'hbridge';

/** Faults the simulator can inject (each maps to an entry of the firmware's fault catalogue). */
export type SimFault =
  | 'encoderDisconnected'
  | 'encoderNoise'
  | 'beltJammed'
  | 'driverRunaway'
  | 'directionRelayStuck'
  | 'keyBounce'
  | 'inputOverflow'
  | 'inclineStuck'
  | 'inclineRunaway';

/**
 * How an injected fault behaves; each field belongs to one fault, and an absent field takes the
 * model's default (so a fault injected without settings behaves as it always did).
 */
export interface SimFaultSettings {
  /** keyBounce: extra open-and-close pairs of the contact at every insert and remove (default 1 to 3, at random). */
  bounces?: number;
  /** keyBounce: every edge of one insert or remove falls within this time of the first, ms (default 4). */
  bounceMs?: number;
  /** encoderNoise: spurious pulses at random times, per second (default 2). */
  rateHz?: number;
  /** encoderNoise: chance that a real pulse is followed by a glitch pulse, 0..1 (default 0.5). */
  glitchProbability?: number;
}

/** Console buttons the simulator provides (all of them). */
export type SimButton = 'start' | 'stop' | 'speedUp' | 'speedDown' | 'direction' | 'slowDown' | 'inclineUp' | 'inclineDown';

/** Every `SimFault`, for loops in tests and user interfaces. */
export const SIM_FAULTS: SimFault[] = [
  'encoderDisconnected',
  'encoderNoise',
  'beltJammed',
  'driverRunaway',
  'directionRelayStuck',
  'keyBounce',
  'inputOverflow',
  'inclineStuck',
  'inclineRunaway',
];

/** Every `SimButton`. */
export const SIM_BUTTONS: SimButton[] = ['start', 'stop', 'speedUp', 'speedDown', 'direction', 'slowDown', 'inclineUp', 'inclineDown'];

/**
 * The full edition's extra keys, which the simulated console has as well: the Program key and
 * three quick-speed keys (firmware/extra-keys.ts). Kept apart from `SimButton`, the scenario
 * files' button names, which do not name them yet.
 */
export type SimExtraKey = 'program' | 'quick1' | 'quick2' | 'quick3';

/** Every `SimExtraKey`. */
export const SIM_EXTRA_KEYS: SimExtraKey[] = ['program', 'quick1', 'quick2', 'quick3'];

/** How the simulated treadmill is built. */
export interface SimTreadmillOptions {
  /** Seed of every noise source; the same seed gives the same run. */
  seed: number;
  drive: SimDriveKind;
  /** Belt sensor pulses per metre (3.28 is one per foot). */
  pulsesPerMeter: number;
  /** Physics step, ms (5 by default). */
  physicsStepMs: number;
  walkerMassKg: number;
  walkerMode: WalkerMode;
  /** Walker footfalls per second, both feet counted. */
  footfallHz: number;
  /** Push mode: the belt speed the walker drives a free belt at, km/h, signed like `beltSpeedKph`. */
  pushSpeedKph: number;
  /** Whether the safety key is in at power-up. */
  keyPresent: boolean;
  hasIncline: boolean;
  /** Whether the belt sensor has a direction channel (`hal.beltDirectionSensor`). */
  hasDirectionSensor: boolean;
  /** Belt sensor glitch filter, ms; by default 2 ms, less for fine encoders so real pulses pass at 20 km/h. */
  encoderGlitchFilterMs?: number;
  /** Incline position sensor (default 'pulses', counted like the belt sensor). */
  inclineSensor?: InclineSensorKind;
  /** Incline pulse sensor: pulses per percent of grade (default: the incline model's 10). */
  inclinePulsesPerPct?: number;
  /**
   * Incline potentiometer: its reading at 0 % and at `inclineAnalogSpanPct`, fractions of the
   * reference, as a machine file calibrates it (defaults: the incline model's 0.1 at 0 % and 0.9 at 15 %).
   */
  inclineAnalogAtZero?: number;
  inclineAnalogAtSpan?: number;
  inclineAnalogSpanPct?: number;
  /** Belt, rollers, motor and flywheel reflected to the belt, kg (default: the belt model's 75). */
  beltMassKg?: number;
  /**
   * Where the belt stands at power-up, m along it past a sensor mark (default 0: on a mark, so a
   * forward start travels a whole pulse before its first one, and a backward start crosses the
   * mark at once). The firmware cannot know it; tests vary it.
   */
  beltStartPositionM?: number;
  /**
   * Time from the firmware writing a motor or incline output (speed PWM, enable, direction, lift
   * up/down) to the physics seeing it, ms (default 0). Models a board whose control tick takes
   * its measured tick time and writes its outputs at its end (hal/espruino/boards/board-timing.ts
   * `tickMs`; composition roots pass it in); a key edge's own event may wait behind a running
   * tick as long, so its writes are delayed alike. Reading an output back still returns what was
   * last written. Deterministic: every write is applied by the scheduler, in write order.
   */
  outputDelayMs?: number;
}

/** The defaults: an MC-2100 treadmill with a one-pulse-per-foot reed sensor, incline, key in, nobody on. */
export const DEFAULT_SIM_OPTIONS: SimTreadmillOptions = {
  seed: 1,
  drive: 'mc2100',
  pulsesPerMeter: 3.28,
  physicsStepMs: 5,
  walkerMassKg: 70,
  walkerMode: 'off',
  footfallHz: 1.8,
  pushSpeedKph: 2,
  keyPresent: true,
  hasIncline: true,
  hasDirectionSensor: false,
};

/** Top belt speed the default encoder glitch filter must still pass, m/s (20 km/h, the hard cap). */
const FASTEST_BELT_MPS = 20 / KPH_PER_MPS;
const DEFAULT_GLITCH_FILTER_MS = 2;
const INCLINE_GLITCH_FILTER_MS = 2;

function defaultGlitchFilterMs(pulsesPerMeter: number): number {
  const halfShortestPeriodMs = 500 / (pulsesPerMeter * FASTEST_BELT_MPS);
  return halfShortestPeriodMs < DEFAULT_GLITCH_FILTER_MS ? halfShortestPeriodMs : DEFAULT_GLITCH_FILTER_MS;
}

/**
 * The incline sensor's scale the simulated treadmill has, in the firmware's terms (pulses per
 * percent; potentiometer reading at 0 % and at a span): the options' values, else the incline
 * model's own. The simulator tells the firmware these (sim/scenario/sim-session.ts), as a
 * machine file tells the device.
 */
export function simInclineScale(options: SimTreadmillOptions): { pulsesPerPct: number; analogAtZero: number; analogAtSpan: number; analogSpanPct: number } {
  const model = DEFAULT_INCLINE_OPTIONS;
  return {
    pulsesPerPct: options.inclinePulsesPerPct !== undefined ? options.inclinePulsesPerPct : model.pulsesPerPct,
    analogAtZero: options.inclineAnalogAtZero !== undefined ? options.inclineAnalogAtZero : model.analogAtMin,
    analogAtSpan: options.inclineAnalogAtSpan !== undefined ? options.inclineAnalogAtSpan : model.analogAtMax,
    analogSpanPct: options.inclineAnalogSpanPct !== undefined ? options.inclineAnalogSpanPct : model.maxPct - model.minPct,
  };
}

/**
 * The incline model's sensor scale from the options: pulses per percent, and the potentiometer's
 * line through (0 %, at zero) and (span, at span), read at the model's end stops.
 */
function inclineModelOptions(options: SimTreadmillOptions): Partial<InclineOptions> {
  const model: Partial<InclineOptions> = {};
  if (options.inclinePulsesPerPct !== undefined) model.pulsesPerPct = options.inclinePulsesPerPct;
  if (options.inclineAnalogAtZero === undefined && options.inclineAnalogAtSpan === undefined && options.inclineAnalogSpanPct === undefined) return model;
  const scale = simInclineScale(options);
  model.analogAtMin = scale.analogAtZero + ((scale.analogAtSpan - scale.analogAtZero) * DEFAULT_INCLINE_OPTIONS.minPct) / scale.analogSpanPct;
  model.analogAtMax = scale.analogAtZero + ((scale.analogAtSpan - scale.analogAtZero) * DEFAULT_INCLINE_OPTIONS.maxPct) / scale.analogSpanPct;
  return model;
}

/** The simulator's console buttons, one input each. */
export type SimButtonInputs = { [button in SimButton | SimExtraKey]: SimDigitalIn };

/**
 * The simulator's memory port: fixed figures (an ESP32's variable count, a board's 13 bytes a
 * variable), marked as such. Node's heap says nothing of an interpreter's variables; the device
 * check measures them on the real interpreter (README, "Device check").
 */
function simulatedMemory(): MemoryReport {
  return { usedVariables: 6000, totalVariables: 16383, bytesPerVariable: 13, note: 'simulated: fixed figures, not measured' };
}

/**
 * The simulated treadmill: the world the firmware runs against. `hal` holds the sim ports; the
 * physics models read the outputs the firmware wrote (`outputDelayMs` after the write) once per
 * physics step and feed the inputs. Time comes only from the `SimScheduler`. Test and UI code drive the world with the
 * methods below; the firmware sees only `hal`.
 *
 * Build it with `createSimTreadmill`, which also starts the physics.
 */
export class SimTreadmill {
  readonly hal: TreadmillHal;
  readonly options: SimTreadmillOptions;
  readonly scheduler: SimScheduler;
  readonly log: SimLog;
  readonly storage: SimStorage;
  readonly watchdog: SimWatchdog;
  readonly beeper: SimBeeper;
  readonly display: SimTextDisplay;

  // Models, open to tests and trace writers.
  readonly belt: Belt;
  readonly drive: BeltDrive;
  readonly walker: Walker;
  readonly encoder: BeltEncoder;
  readonly safetyKey: SafetyKey;
  readonly incline: InclineActuator | null;

  // Ports, by their concrete types.
  readonly motorSpeed: SimPwmOut;
  readonly motorEnable: SimDigitalOut;
  readonly motorDirection: SimDigitalOut;
  readonly keyInput: SimDigitalIn;
  readonly encoderCounter: SimPulseCounter;
  readonly directionSensor: SimDigitalIn | null;
  readonly inclineUp: SimDigitalOut | null;
  readonly inclineDown: SimDigitalOut | null;
  readonly inclineCounter: SimPulseCounter | null;
  readonly inclineAnalog: SimAnalogIn | null;
  readonly inclineLowerLimit: SimDigitalIn | null;
  readonly buttons: SimButtonInputs;

  /** Physics steps run so far. */
  physicsStepCount = 0;
  /** End time of the latest physics step, ms. */
  private integratedToMs = 0;
  private syncing = false;
  private physicsTimer: TimerHandle | null = null;
  private readonly activeFaultList: SimFault[] = [];

  /** Prefer `createSimTreadmill`. `storage` lets a new world keep an old one's flash (power cycle). */
  constructor(scheduler: SimScheduler, options: SimTreadmillOptions, storage?: SimStorage) {
    this.scheduler = scheduler;
    this.options = options;
    const seed = options.seed;
    this.log = new SimLog(scheduler);
    this.storage = storage === undefined ? new SimStorage() : storage;
    this.watchdog = new SimWatchdog(scheduler);
    this.beeper = new SimBeeper(scheduler);
    this.display = new SimTextDisplay(20, 4);

    const delayMs = options.outputDelayMs === undefined ? 0 : options.outputDelayMs;
    const delay = delayMs > 0 ? { scheduler: scheduler, delayMs: delayMs } : undefined;
    this.motorSpeed = new SimPwmOut(options.drive === 'mc2100' ? 20 : 1000, delay);
    this.motorEnable = new SimDigitalOut(delay);
    this.motorDirection = new SimDigitalOut(delay);
    this.keyInput = new SimDigitalIn(scheduler, options.keyPresent);
    const glitchFilterMs = options.encoderGlitchFilterMs === undefined ? defaultGlitchFilterMs(options.pulsesPerMeter) : options.encoderGlitchFilterMs;
    this.encoderCounter = new SimPulseCounter({ glitchFilterMs: glitchFilterMs }, scheduler);
    this.directionSensor = options.hasDirectionSensor ? new SimDigitalIn(scheduler, false) : null;
    this.buttons = {
      start: new SimDigitalIn(scheduler, false),
      stop: new SimDigitalIn(scheduler, false),
      speedUp: new SimDigitalIn(scheduler, false),
      speedDown: new SimDigitalIn(scheduler, false),
      direction: new SimDigitalIn(scheduler, false),
      slowDown: new SimDigitalIn(scheduler, false),
      inclineUp: new SimDigitalIn(scheduler, false),
      inclineDown: new SimDigitalIn(scheduler, false),
      program: new SimDigitalIn(scheduler, false),
      quick1: new SimDigitalIn(scheduler, false),
      quick2: new SimDigitalIn(scheduler, false),
      quick3: new SimDigitalIn(scheduler, false),
    };

    this.belt = options.beltMassKg === undefined ? new Belt() : new Belt({ effectiveMassKg: options.beltMassKg });
    if (options.beltStartPositionM !== undefined) this.belt.positionM = options.beltStartPositionM;
    this.drive = options.drive === 'mc2100' ? new Mc2100Drive() : new DcMotorDrive();
    this.walker = new Walker(deriveRandom(seed, 0), options.walkerMode, options.walkerMassKg, options.footfallHz, options.pushSpeedKph);
    this.encoder = new BeltEncoder(deriveRandom(seed, 1), this.encoderCounter, this.directionSensor, { pulsesPerMeter: options.pulsesPerMeter });
    this.safetyKey = new SafetyKey(deriveRandom(seed, 2), this.keyInput, options.keyPresent);

    if (options.hasIncline) {
      const analog = options.inclineSensor === 'analog';
      this.inclineUp = new SimDigitalOut(delay);
      this.inclineDown = new SimDigitalOut(delay);
      this.inclineCounter = analog ? null : new SimPulseCounter({ glitchFilterMs: INCLINE_GLITCH_FILTER_MS });
      this.inclineLowerLimit = new SimDigitalIn(scheduler, true);
      this.incline = new InclineActuator(deriveRandom(seed, 3), this.inclineCounter, this.inclineLowerLimit, 0, inclineModelOptions(options));
      this.inclineAnalog = analog ? new SimAnalogIn(this.incline.analogValue) : null;
    } else {
      this.inclineUp = null;
      this.inclineDown = null;
      this.inclineCounter = null;
      this.inclineLowerLimit = null;
      this.incline = null;
      this.inclineAnalog = null;
    }

    const hal: TreadmillHal = {
      clock: scheduler,
      scheduler: scheduler,
      watchdog: this.watchdog,
      storage: this.storage,
      log: this.log,
      motor: { speed: this.motorSpeed, enable: this.motorEnable, direction: this.motorDirection },
      safetyKey: this.keyInput,
      beltEncoder: this.encoderCounter,
      buttons: this.buttons,
      display: this.display,
      beeper: this.beeper,
      memory: simulatedMemory,
    };
    if (this.directionSensor !== null) hal.beltDirectionSensor = this.directionSensor;
    if (this.inclineUp !== null && this.inclineDown !== null && this.inclineLowerLimit !== null) {
      hal.incline = {
        up: this.inclineUp,
        down: this.inclineDown,
        position: this.inclineAnalog !== null ? { kind: 'analog', input: this.inclineAnalog } : { kind: 'pulses', counter: this.inclineCounter as SimPulseCounter },
        lowerLimit: this.inclineLowerLimit,
      };
    }
    this.hal = hal;

    // Bring the world up to now whenever the firmware reads a sensor or writes an output, so the
    // result does not depend on whether its tick or the physics timer runs first at a shared time.
    const sync = () => {
      this.syncToNow();
    };
    this.motorSpeed.line.syncWorld = sync;
    this.motorEnable.line.syncWorld = sync;
    this.motorDirection.line.syncWorld = sync;
    this.encoderCounter.syncWorld = sync;
    if (this.inclineUp !== null) this.inclineUp.line.syncWorld = sync;
    if (this.inclineDown !== null) this.inclineDown.line.syncWorld = sync;
    if (this.inclineCounter !== null) this.inclineCounter.syncWorld = sync;
    if (this.inclineAnalog !== null) this.inclineAnalog.syncWorld = sync;
  }

  /**
   * Register the physics on the scheduler (`every(physicsStepMs)`). Register it before the
   * firmware's tick; in any case every port access first integrates the physics up to now, so at
   * a shared time the firmware always sees the world after the physics step due then, and its
   * writes apply from the next step. Does nothing when already running.
   */
  startPhysics(): void {
    if (this.physicsTimer !== null) return;
    this.integratedToMs = this.scheduler.nowMs();
    this.physicsTimer = this.scheduler.every(this.options.physicsStepMs, () => {
      this.syncToNow();
    });
  }

  /** Stop the physics (the world freezes; the firmware's timers keep running). */
  stopPhysics(): void {
    if (this.physicsTimer === null) return;
    this.physicsTimer.cancel();
    this.physicsTimer = null;
  }

  /**
   * Run every physics step due at or before the scheduler's time that has not run yet (none when
   * the physics is stopped). Called by the physics timer and by the ports before each access.
   */
  syncToNow(): void {
    if (this.physicsTimer === null || this.syncing) return;
    const nowMs = this.scheduler.nowMs();
    const stepMs = this.options.physicsStepMs;
    this.syncing = true;
    try {
      while (this.integratedToMs + stepMs <= nowMs) {
        // Accumulated the same way as the scheduler's own interval times, so they agree exactly.
        this.integratedToMs += stepMs;
        this.step(this.integratedToMs);
      }
    } catch (error) {
      this.syncing = false;
      throw error;
    }
    this.syncing = false;
  }

  /**
   * One physics step ending at `nowMs`: the drive and walker push, the belt moves, the sensors
   * report, the incline moves. Allocates nothing (apart from the rare direction or limit edge).
   */
  private step(nowMs: number): void {
    const dtMs = this.options.physicsStepMs;
    const belt = this.belt;
    const driveForceN = this.drive.update(this.motorSpeed.line.applied(), this.motorEnable.line.applied(), this.motorDirection.line.applied(), belt.speedMps, dtMs);
    const walkerForceN = this.walker.forceN(belt, dtMs);
    const fromPositionM = belt.positionM;
    belt.update(driveForceN + walkerForceN, this.walker.loadKg(), dtMs);
    this.encoder.update(fromPositionM, belt.positionM, nowMs - dtMs, dtMs);
    const incline = this.incline;
    if (incline !== null && this.inclineUp !== null && this.inclineDown !== null) {
      incline.update(this.inclineUp.line.applied(), this.inclineDown.line.applied(), nowMs, dtMs);
      if (this.inclineAnalog !== null) this.inclineAnalog.value = incline.analogValue;
    }
    this.physicsStepCount++;
  }

  // The truth getters integrate up to now first, so a sampler at a tick's time sees that step.

  /** True signed belt speed, km/h: positive forward, negative backward. */
  beltSpeedKph(): number {
    this.syncToNow();
    return this.belt.speedMps * KPH_PER_MPS;
  }

  /** True belt travel in either direction, m; only grows. */
  beltDistanceM(): number {
    this.syncToNow();
    return this.belt.distanceM;
  }

  /** True incline, percent grade (0 without an incline). */
  inclinePct(): number {
    this.syncToNow();
    return this.incline === null ? 0 : this.incline.positionPct;
  }

  /** Duty the firmware last wrote to the motor speed output. */
  motorDuty(): number {
    return this.motorSpeed.read();
  }

  /** Motor enable as the firmware last wrote it. */
  motorEnabled(): boolean {
    return this.motorEnable.read();
  }

  /** Direction output as the firmware last wrote it (`true` is backward; the relay may be stuck elsewhere). */
  directionBackward(): boolean {
    return this.motorDirection.read();
  }

  /** Physical key state (the input's watchers learn of a change through the scheduler). */
  keyPresent(): boolean {
    return this.safetyKey.present;
  }

  /** Pull the key; its edges reach watchers from the scheduler, after the callbacks already due now. */
  pullKey(): void {
    this.safetyKey.remove(this.scheduler.nowMs());
  }

  /** Put the key back; delivered like `pullKey`. */
  insertKey(): void {
    this.safetyKey.insert(this.scheduler.nowMs());
  }

  /** Press `button` now and release it `holdMs` later; both edges go through the scheduler. */
  press(button: SimButton | SimExtraKey, holdMs: number): void {
    const input = this.buttons[button];
    const nowMs = this.scheduler.nowMs();
    input.queueEdge(true, nowMs);
    input.queueEdge(false, nowMs + holdMs);
  }

  // Changes to the world also integrate up to now first: they take effect from the next step.

  /** Put a walker on the belt (or take them off with 'off'). */
  setWalker(mode: WalkerMode, massKg: number): void {
    this.syncToNow();
    this.walker.mode = mode;
    this.walker.massKg = massKg;
  }

  /** Push mode: the belt speed the walker aims for, km/h, signed like `beltSpeedKph`. */
  setPushSpeed(speedKph: number): void {
    this.syncToNow();
    this.walker.pushSpeedMps = speedKph / KPH_PER_MPS;
  }

  /** Switch a fault on, with its `settings` (key bounce, encoder noise) or the model's defaults. Incline faults need an incline. */
  injectFault(fault: SimFault, settings?: SimFaultSettings): void {
    this.syncToNow();
    this.configureFault(fault, settings || {});
    this.setFault(fault, true);
    if (this.activeFaultList.indexOf(fault) < 0) this.activeFaultList.push(fault);
  }

  /** Switch a fault off (an overflow flag already raised in the counter stays, as on the device). */
  clearFault(fault: SimFault): void {
    this.syncToNow();
    this.setFault(fault, false);
    const index = this.activeFaultList.indexOf(fault);
    if (index >= 0) this.activeFaultList.splice(index, 1);
  }

  /** Faults switched on now, in the order they were injected. */
  activeFaults(): SimFault[] {
    return this.activeFaultList.slice();
  }

  /**
   * Simulate the board side of a reset (watchdog, power glitch): outputs return to their power-on
   * level, watches are dropped, the watchdog is disarmed. The composition root must also stop the
   * old firmware's timers and boot a new firmware on this `hal`. The physical world (belt speed,
   * key, faults) carries on.
   */
  powerOnReset(): void {
    // The pins fall at once: writes of the old firmware still on their way (`outputDelayMs`) never happen.
    this.motorSpeed.line.reset(0);
    this.motorEnable.line.reset(false);
    this.motorDirection.line.reset(false);
    if (this.inclineUp !== null) this.inclineUp.line.reset(false);
    if (this.inclineDown !== null) this.inclineDown.line.reset(false);
    this.keyInput.clearWatchers();
    if (this.directionSensor !== null) this.directionSensor.clearWatchers();
    if (this.inclineLowerLimit !== null) this.inclineLowerLimit.clearWatchers();
    const buttons = this.buttons;
    SIM_BUTTONS.forEach(function (button) {
      buttons[button].clearWatchers();
    });
    SIM_EXTRA_KEYS.forEach(function (button) {
      buttons[button].clearWatchers();
    });
    this.watchdog.disarm();
  }

  /** Set the key bounce's and the encoder noise's parameters (the model's defaults where `settings` says nothing). */
  private configureFault(fault: SimFault, settings: SimFaultSettings): void {
    if (fault === 'keyBounce') {
      const key = this.safetyKey.options;
      key.minBouncePairs = settings.bounces !== undefined ? settings.bounces : DEFAULT_SAFETY_KEY_OPTIONS.minBouncePairs;
      key.maxBouncePairs = settings.bounces !== undefined ? settings.bounces : DEFAULT_SAFETY_KEY_OPTIONS.maxBouncePairs;
      key.bounceSpanMs = settings.bounceMs !== undefined ? settings.bounceMs : DEFAULT_SAFETY_KEY_OPTIONS.bounceSpanMs;
    } else if (fault === 'encoderNoise') {
      const encoder = this.encoder.options;
      encoder.spuriousRateHz = settings.rateHz !== undefined ? settings.rateHz : DEFAULT_BELT_ENCODER_OPTIONS.spuriousRateHz;
      encoder.glitchProbability = settings.glitchProbability !== undefined ? settings.glitchProbability : DEFAULT_BELT_ENCODER_OPTIONS.glitchProbability;
    }
  }

  private requireIncline(fault: SimFault): InclineActuator {
    if (this.incline === null) throw new Error('SimTreadmill: fault ' + fault + ' needs an incline (hasIncline is false)');
    return this.incline;
  }

  private setFault(fault: SimFault, active: boolean): void {
    switch (fault) {
      case 'encoderDisconnected':
        this.encoder.disconnected = active;
        break;
      case 'encoderNoise':
        this.encoder.noisy = active;
        break;
      case 'beltJammed':
        this.belt.jammed = active;
        break;
      case 'driverRunaway':
        this.drive.runaway = active;
        break;
      case 'directionRelayStuck':
        this.drive.directionStuck = active;
        break;
      case 'keyBounce':
        this.safetyKey.bounce = active;
        break;
      case 'inputOverflow':
        this.encoder.overflowing = active;
        break;
      case 'inclineStuck':
        this.requireIncline(fault).stuck = active;
        break;
      case 'inclineRunaway':
        this.requireIncline(fault).runaway = active;
        break;
      default:
        throw new Error('SimTreadmill: unknown fault ' + fault);
    }
  }
}

/**
 * Build the simulated treadmill on `scheduler` and start its physics (`every(physicsStepMs)`),
 * so call it before booting the firmware. Pass an old world's `storage` to simulate a power
 * cycle: a fresh world and a fresh firmware that find the same flash.
 */
export function createSimTreadmill(scheduler: SimScheduler, options: SimTreadmillOptions, storage?: SimStorage): SimTreadmill {
  const treadmill = new SimTreadmill(scheduler, options, storage);
  treadmill.startPhysics();
  return treadmill;
}
