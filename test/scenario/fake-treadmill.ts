// A small fake treadmill and fake firmware for testing the scenario runner without the real physics or control loop.

import type { Command, CommandResult } from '../../firmware/command';
import { makeSessionMetrics } from '../../firmware/core/session-metrics';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import type { PulseReading } from '../../hal/pulse-counter';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { SimDigitalIn } from '../../sim/ports/sim-digital-in';
import { SimDigitalOut } from '../../sim/ports/sim-digital-out';
import { SimLog } from '../../sim/ports/sim-log';
import { SimPwmOut } from '../../sim/ports/sim-pwm-out';
import { SimStorage } from '../../sim/ports/sim-storage';
import { SimWatchdog } from '../../sim/ports/sim-watchdog';
import type { SimScheduler } from '../../sim/sim-scheduler';
import type { SimButton, SimFault, SimFaultSettings, SimTreadmillOptions, WalkerMode } from '../../sim/sim-treadmill';
import type { ScenarioFirmware, ScenarioSim } from '../../sim/scenario/sim-session';

/** Full-scale belt speed of the fake drive at duty 1, km/h. */
export const FAKE_FULL_SCALE_KPH = 20;
/** The fake belt follows the drive at this rate, km/h per second. */
export const FAKE_BELT_ACCEL_KPH_PER_S = 2;

export const FAKE_SIM_OPTIONS: SimTreadmillOptions = {
  seed: 7,
  drive: 'mc2100',
  pulsesPerMeter: 3.28,
  physicsStepMs: 10,
  walkerMassKg: 70,
  walkerMode: 'off',
  footfallHz: 1.6,
  pushSpeedKph: 2,
  keyPresent: true,
  hasIncline: false,
  hasDirectionSensor: false,
};

/** A treadmill whose belt moves toward duty x 20 km/h at 2 km/h/s, with real sim ports around it. */
export class FakeSim implements ScenarioSim {
  readonly hal: TreadmillHal;
  readonly watchdog: SimWatchdog;
  readonly storage: SimStorage;
  readonly log: SimLog;
  readonly options: SimTreadmillOptions;
  readonly presses: string[] = [];
  readonly walkerCalls: string[] = [];
  readonly faults: SimFault[] = [];
  /** The settings each injected fault came with, as "fault:JSON". */
  readonly faultSettings: string[] = [];
  private readonly scheduler: SimScheduler;
  /** The fake console has two buttons: start and stop. */
  private readonly buttonInputs: { [button: string]: SimDigitalIn };
  private readonly speed = new SimPwmOut(20);
  private readonly enable = new SimDigitalOut();
  private readonly direction = new SimDigitalOut();
  private readonly key: SimDigitalIn;
  private keyIn: boolean;
  private speedKph = 0;
  private distanceM = 0;

  constructor(scheduler: SimScheduler, options: SimTreadmillOptions) {
    this.scheduler = scheduler;
    this.options = options;
    this.keyIn = options.keyPresent;
    this.key = new SimDigitalIn(scheduler, options.keyPresent);
    this.watchdog = new SimWatchdog(scheduler);
    this.storage = new SimStorage();
    this.log = new SimLog(scheduler);
    this.buttonInputs = { start: new SimDigitalIn(scheduler, false), stop: new SimDigitalIn(scheduler, false) };
    const counter = {
      read: (into: PulseReading) => {
        into.count = Math.floor(this.distanceM * options.pulsesPerMeter);
        into.lastPulseMs = -1;
        into.rejectedCount = 0;
        into.overflowed = false;
      },
    };
    this.hal = {
      clock: scheduler,
      scheduler,
      watchdog: this.watchdog,
      storage: this.storage,
      log: this.log,
      motor: { speed: this.speed, enable: this.enable, direction: this.direction },
      safetyKey: this.key,
      beltEncoder: counter,
      buttons: { start: this.buttonInputs.start, stop: this.buttonInputs.stop },
    };
    scheduler.every(options.physicsStepMs, () => this.step(options.physicsStepMs));
  }

  beltSpeedKph(): number {
    return this.speedKph;
  }
  beltDistanceM(): number {
    return this.distanceM;
  }
  inclinePct(): number {
    return 0;
  }
  motorDuty(): number {
    return this.speed.read();
  }
  motorEnabled(): boolean {
    return this.enable.read();
  }
  directionBackward(): boolean {
    return this.direction.read();
  }
  keyPresent(): boolean {
    return this.keyIn;
  }
  pullKey(): void {
    this.keyIn = false;
    this.key.queueEdge(false, this.scheduler.nowMs());
  }
  insertKey(): void {
    this.keyIn = true;
    this.key.queueEdge(true, this.scheduler.nowMs());
  }
  press(button: SimButton, holdMs: number): void {
    this.presses.push(button + ':' + holdMs);
    const input = this.buttonInputs[button];
    if (!input) return;
    input.queueEdge(true, this.scheduler.nowMs());
    input.queueEdge(false, this.scheduler.nowMs() + holdMs);
  }
  setWalker(mode: WalkerMode, massKg: number): void {
    this.walkerCalls.push(mode + ':' + massKg);
  }
  /** The board's reset: outputs off, the old firmware's watches gone (the belt carries on). */
  powerOnReset(): void {
    this.speed.write(0);
    this.enable.write(false);
    this.direction.write(false);
    this.key.clearWatchers();
    this.buttonInputs.start.clearWatchers();
    this.buttonInputs.stop.clearWatchers();
    this.watchdog.disarm();
  }
  injectFault(fault: SimFault, settings?: SimFaultSettings): void {
    this.faults.push(fault);
    this.faultSettings.push(fault + ':' + JSON.stringify(settings || {}));
  }
  clearFault(fault: SimFault): void {
    this.faults.splice(this.faults.indexOf(fault), 1);
  }

  private step(dtMs: number): void {
    const sign = this.direction.read() ? -1 : 1;
    const targetKph = this.enable.read() ? sign * this.speed.read() * FAKE_FULL_SCALE_KPH : 0;
    const maxChange = (FAKE_BELT_ACCEL_KPH_PER_S * dtMs) / 1000;
    const change = Math.max(-maxChange, Math.min(maxChange, targetKph - this.speedKph));
    this.speedKph += change;
    if (Math.abs(this.speedKph) < 1e-9) this.speedKph = 0;
    this.distanceM += (this.speedKph / 3.6) * (dtMs / 1000);
  }
}

/** Every fake made by the factory below, in order, so tests can inspect replaced ones. */
export function makeFakeSimFactory(): { sims: FakeSim[]; create: (scheduler: SimScheduler, options: SimTreadmillOptions) => FakeSim } {
  const sims: FakeSim[] = [];
  return {
    sims,
    create: (scheduler: SimScheduler, options: SimTreadmillOptions) => {
      const sim = new FakeSim(scheduler, options);
      sims.push(sim);
      return sim;
    },
  };
}

/** The fake firmware's control period unless its config sets one, ms (the runner tests' figures assume it). */
export const FAKE_CONTROL_PERIOD_MS = 20;

/**
 * Configuration of the fake firmware: `bugSwitchDirectionWhileRunning` moves the relay under a
 * running belt; `bugThrowInTickAtMs` throws out of the tick at that time; any other key is refused.
 */
interface FakeConfig {
  controlPeriodMs?: number;
  bugSwitchDirectionWhileRunning?: boolean;
  bugThrowInTickAtMs?: number;
}

/**
 * A fake firmware: start runs at 0.8 km/h at once (no countdown), duty = setpoint / 20, the key
 * latches keyRemoved, setDirection switches the relay only when idle (unless configured buggy).
 */
export class FakeFirmware implements ScenarioFirmware {
  private readonly hal: TreadmillHal;
  private readonly config: FakeConfig;
  private readonly current: TreadmillStatus;
  private timer: { cancel(): void } | null;
  private halted = false;

  constructor(hal: TreadmillHal, config: FakeConfig) {
    this.hal = hal;
    this.config = config;
    hal.motor.speed.write(0);
    hal.motor.enable.write(false);
    this.current = {
      state: 'idle',
      direction: hal.motor.direction.read() ? 'backward' : 'forward',
      pendingDirection: null,
      targetSpeedKph: 0,
      setpointKph: 0,
      measuredSpeedKph: 0,
      beltStill: true,
      duty: 0,
      motorEnabled: false,
      keyPresent: hal.safetyKey.read(),
      fault: null,
      countdownRemainingMs: 0,
      reason: 'boot',
      distanceM: 0,
      inclinePct: 0,
      targetInclinePct: 0,
      timeMs: 0,
      metrics: makeSessionMetrics(),
    };
    hal.watchdog.enable(1000);
    if (hal.storage.read('fake.marker') !== undefined) hal.log.warn('boot: marker found');
    hal.log.info('boot: safe idle');
    hal.safetyKey.watch((edge) => {
      if (this.halted || edge.active) return;
      this.setFault();
      hal.log.warn('key removed');
    });
    // Like firmware/button-bindings.ts: a press's watch callback returns the firmware's answer.
    const bind = (input: TreadmillHal['buttons']['start'], name: 'start' | 'stop') => {
      if (input) input.watch((edge) => (edge.active ? this.command({ name, source: 'local' }) : undefined));
    };
    bind(hal.buttons.start, 'start');
    bind(hal.buttons.stop, 'stop');
    this.timer = hal.scheduler.every(config.controlPeriodMs || FAKE_CONTROL_PERIOD_MS, (nowMs) => this.tick(nowMs));
  }

  command(command: Command): CommandResult {
    const status = this.current;
    if (command.name === 'start') {
      if (command.source !== 'local' || status.state !== 'idle' || !this.hal.safetyKey.read()) return { accepted: false, message: 'cannot start' };
      status.state = 'running';
      status.targetSpeedKph = 0.8;
      this.hal.storage.write('fake.marker', '1');
      return { accepted: true, message: 'started' };
    }
    if (command.name === 'setSpeed' && status.state === 'running') {
      status.targetSpeedKph = command.speedKph as number;
      return { accepted: true, message: '' };
    }
    if (command.name === 'stop') {
      status.state = 'idle';
      status.targetSpeedKph = 0;
      this.writeOutputs();
      return { accepted: true, message: 'stopped' };
    }
    if (command.name === 'setDirection') {
      if (status.state !== 'idle' && !this.config.bugSwitchDirectionWhileRunning) return { accepted: false, message: 'not at standstill' };
      status.direction = command.direction as 'forward' | 'backward';
      this.hal.motor.direction.write(status.direction === 'backward');
      return { accepted: true, message: 'direction set' };
    }
    if (command.name === 'clearFault' && status.state === 'fault' && command.source === 'local' && this.hal.safetyKey.read()) {
      status.state = 'idle';
      status.fault = null;
      return { accepted: true, message: 'cleared' };
    }
    return { accepted: false, message: 'refused ' + command.name };
  }

  status(): TreadmillStatus {
    return this.current;
  }

  halt(): void {
    this.halted = true;
    if (this.timer) this.timer.cancel();
    this.timer = null;
  }

  private setFault(): void {
    this.current.state = 'fault';
    this.current.fault = 'keyRemoved';
    this.current.targetSpeedKph = 0;
    this.writeOutputs();
  }

  private tick(nowMs: number): void {
    if (this.config.bugThrowInTickAtMs === nowMs) throw new Error('fake tick bug');
    const status = this.current;
    status.setpointKph = status.state === 'running' ? status.targetSpeedKph : 0;
    status.measuredSpeedKph = status.setpointKph;
    status.timeMs = nowMs;
    this.writeOutputs();
    this.hal.watchdog.kick();
  }

  private writeOutputs(): void {
    const status = this.current;
    const running = status.state === 'running';
    status.duty = running ? status.setpointKph / FAKE_FULL_SCALE_KPH : 0;
    status.motorEnabled = running;
    if (running) {
      this.hal.motor.enable.write(true);
      this.hal.motor.speed.write(status.duty);
    } else {
      this.hal.motor.speed.write(0);
      this.hal.motor.enable.write(false);
    }
  }
}

/** Boots the fake firmware; refuses unknown config keys like the real one, and (a planted bug) throws when storage holds `fake.crash`. */
export function bootFakeFirmware(hal: TreadmillHal, overrides: object): FakeFirmware {
  const allowed = ['drive', 'controlPeriodMs', 'bugSwitchDirectionWhileRunning', 'bugThrowInTickAtMs'];
  Object.keys(overrides).forEach((key) => {
    if (allowed.indexOf(key) < 0) throw new Error('config: unknown setting "' + key + '"');
  });
  if (hal.storage.read('fake.crash') !== undefined) throw new Error('fake: cannot parse fake.crash');
  return new FakeFirmware(hal, overrides as FakeConfig);
}
