// The self-test's built-in scenarios: short sessions of the core firmware on the simulated treadmill, written as checks.

import { DEFAULT_CONFIG, type TreadmillConfig } from '../../firmware/config';
import { CORE_FEATURES } from '../../firmware/core-edition';
import type { Command } from '../../firmware/command';
import { Treadmill } from '../../firmware/treadmill';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import { SimScheduler } from '../sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill, type SimTreadmillOptions } from '../sim-treadmill';

/*
 * Why checks in code and not scenario files run by sim/scenario: the self-test must load on a
 * Pico's 5100 variables, and the general scenario parser and runner alone would take a third of
 * them. These are the same sessions as the scenario format would describe, with the same
 * simulator core and the same firmware; test/scenario/selftest-checks.test.ts shows each one can fail.
 */

/** One self-test session: the firmware, its simulated treadmill, and what went wrong so far. */
export interface SelftestRig {
  readonly scheduler: SimScheduler;
  readonly sim: SimTreadmill;
  readonly firmware: Treadmill;
  readonly status: TreadmillStatus;
  readonly failures: string[];
  /** The rig's time 0, on the simulator's clock: the first whole second after the belt read still at power-up. */
  readonly originMs: number;
}

/** A built-in scenario: its name and the session it runs on a fresh rig. */
export interface SelftestCheck {
  name: string;
  run: (rig: SelftestRig) => void;
}

/** Belt sensor of the self-test: 100 pulses per metre (0.01 m per pulse), fine enough for a few seconds' runs. */
const PULSES_PER_METER = 100;

/**
 * The configuration the self-test boots with: the defaults with the sensor's pulse length. Built
 * without the configuration checker (not in the core bundle); the tests show it equals what
 * `resolveConfig` makes of the same override.
 */
export function selftestConfig(): TreadmillConfig {
  const config = JSON.parse(JSON.stringify(DEFAULT_CONFIG)) as TreadmillConfig;
  config.metersPerPulse = 1 / PULSES_PER_METER;
  return config;
}

/** A 70 kg walker on an MC-2100 treadmill without incline, key in, the firmware booted. */
export function makeSelftestRig(): SelftestRig {
  const scheduler = new SimScheduler();
  const options: SimTreadmillOptions = Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'forward', pulsesPerMeter: PULSES_PER_METER, hasIncline: false });
  const sim = createSimTreadmill(scheduler, options);
  const firmware = new Treadmill(sim.hal, selftestConfig(), CORE_FEATURES);
  firmware.boot();
  // A start waits until the firmware has watched the belt stand still since power-up: the checks
  // count their time from a whole second after that (a control tick at any period that divides it).
  while (!firmware.status().beltStill && scheduler.nowMs() < 10000) scheduler.advance(10);
  const originMs = Math.ceil(scheduler.nowMs() / 1000) * 1000;
  scheduler.runUntil(originMs);
  return { scheduler: scheduler, sim: sim, firmware: firmware, status: firmware.status(), failures: [], originMs: originMs };
}

/** The world as a failure message shows it. */
function describe(rig: SelftestRig): string {
  const status = rig.status;
  return (
    'state ' + status.state + (status.fault ? ' (' + status.fault + ')' : '') + ', ' + status.direction + ', duty ' + status.duty.toFixed(3) +
    ', motor ' + (rig.sim.motorEnabled() ? 'on' : 'off') + ', measured ' + status.measuredSpeedKph.toFixed(2) + ' km/h, belt ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h'
  );
}

function fail(rig: SelftestRig, what: string): void {
  rig.failures.push('at ' + ((rig.scheduler.nowMs() - rig.originMs) / 1000).toFixed(3) + ' s: expected ' + what + '; ' + describe(rig));
}

/** Run the world to `timeMs` of the rig's time. */
function runTo(rig: SelftestRig, timeMs: number): void {
  rig.scheduler.runUntil(rig.originMs + timeMs);
}

/** At `timeMs`, send a local command and check it is accepted or refused as expected. */
function commandAt(rig: SelftestRig, timeMs: number, command: Command, expectAccepted: boolean): void {
  runTo(rig, timeMs);
  const result = rig.firmware.command(command);
  if (result.accepted !== expectAccepted) fail(rig, command.name + (expectAccepted ? ' accepted' : ' refused') + ' (firmware said: ' + result.message + ')');
}

/** How often `within` and `throughout` look, ms of simulated time: the physics step, so no state goes unseen. */
const LOOK_EVERY_MS = 5;

/** `holds` is true at some moment from `fromMs` to `byMs` (checked every LOOK_EVERY_MS). */
function within(rig: SelftestRig, fromMs: number, byMs: number, holds: () => boolean, what: string): void {
  let timeMs = fromMs;
  runTo(rig, timeMs);
  while (!holds()) {
    if (timeMs >= byMs) {
      fail(rig, what + ' by ' + byMs / 1000 + ' s');
      return;
    }
    timeMs = Math.min(byMs, timeMs + LOOK_EVERY_MS);
    runTo(rig, timeMs);
  }
}

/** `holds` is true at every look from `fromMs` to `toMs` (both ends included). */
function throughout(rig: SelftestRig, fromMs: number, toMs: number, holds: () => boolean, what: string): void {
  let timeMs = fromMs;
  while (timeMs <= toMs) {
    runTo(rig, timeMs);
    if (!holds()) {
      fail(rig, what + ' throughout ' + fromMs / 1000 + '-' + toMs / 1000 + ' s');
      return;
    }
    if (timeMs === toMs) return;
    timeMs = Math.min(toMs, timeMs + LOOK_EVERY_MS);
  }
}

function near(valueKph: number, targetKph: number, toleranceKph: number): boolean {
  return Math.abs(valueKph - targetKph) <= toleranceKph;
}

function motorOff(rig: SelftestRig): boolean {
  return rig.sim.motorDuty() === 0 && !rig.sim.motorEnabled();
}

const START: Command = { name: 'start', source: 'local' };

/** The three sessions every board must pass before a motor is wired to it. */
export const SELFTEST_CHECKS: SelftestCheck[] = [
  {
    name: 'countdown, then closed-loop start at 0.8 km/h',
    run: (rig) => {
      throughout(rig, 0, 1000, () => rig.status.state === 'idle' && motorOff(rig), 'safe idle at power-up');
      commandAt(rig, 1000, START, true);
      throughout(rig, 1020, 3980, () => rig.status.state === 'countdown' && motorOff(rig), 'countdown with the motor off');
      within(rig, 4000, 4100, () => rig.status.state === 'running' && rig.sim.motorEnabled(), 'running with the motor on');
      within(rig, 7000, 9000, () => near(rig.status.measuredSpeedKph, 0.8, 0.15) && near(rig.sim.beltSpeedKph(), 0.8, 0.15), 'measured and belt speed 0.8 +/- 0.15 km/h');
      commandAt(rig, 10000, { name: 'stop', source: 'local' }, true);
      within(rig, 10000, 12000, () => rig.status.state === 'idle' && motorOff(rig), 'idle with the motor off after stop');
    },
  },
  {
    name: 'safety key cuts the motor in its own event',
    run: (rig) => {
      commandAt(rig, 500, START, true);
      within(rig, 6000, 7000, () => rig.status.state === 'running' && near(rig.status.measuredSpeedKph, 0.8, 0.2), 'running at 0.8 km/h');
      // Pulled between two control ticks (7000 and 7100 ms at the default period). The key's edge reaches the
      // firmware through the scheduler at 7005 ms; the check is queued behind it at the same
      // moment, so no control tick can have run in between.
      rig.scheduler.at(rig.originMs + 7005, () => {
        rig.sim.pullKey();
        rig.scheduler.at(rig.originMs + 7005, () => {
          if (!motorOff(rig) || rig.status.state !== 'fault' || rig.status.fault !== 'keyRemoved') fail(rig, 'duty 0, motor disabled and keyRemoved latched in the key event');
        });
      });
      runTo(rig, 9000);
      rig.sim.insertKey();
      throughout(rig, 9001, 11000, () => rig.status.state === 'fault' && motorOff(rig) && near(rig.sim.beltSpeedKph(), 0, 0.05), 'the fault held and the belt still after the key is back');
      commandAt(rig, 11000, START, false);
      commandAt(rig, 11500, { name: 'clearFault', source: 'local' }, true);
      within(rig, 11500, 12000, () => rig.status.state === 'idle' && rig.status.fault === null && motorOff(rig), 'idle, no fault');
    },
  },
  {
    name: 'direction change stops, dwells at standstill, then waits for start',
    run: (rig) => {
      commandAt(rig, 500, START, true);
      let relayMovedUnderPower = false;
      let wasBackward = rig.sim.directionBackward();
      rig.scheduler.every(LOOK_EVERY_MS, () => {
        const backward = rig.sim.directionBackward();
        if (backward !== wasBackward && (rig.sim.motorDuty() > 0 || rig.sim.motorEnabled() || !near(rig.sim.beltSpeedKph(), 0, 0.01))) relayMovedUnderPower = true;
        wasBackward = backward;
      });
      commandAt(rig, 6000, { name: 'setDirection', source: 'local', direction: 'backward' }, true);
      within(rig, 6000, 6100, () => rig.status.state === 'stopping' && rig.status.direction === 'forward', 'a controlled stop, still forward');
      within(rig, 6000, 9000, () => rig.status.state === 'idle' && rig.status.direction === 'forward' && motorOff(rig), 'idle, forward, motor off');
      within(rig, 9000, 14000, () => rig.status.direction === 'backward' && motorOff(rig) && near(rig.sim.beltSpeedKph(), 0, 0.01), 'backward selected at standstill');
      throughout(rig, 14000, 16000, () => rig.status.state === 'idle' && rig.status.direction === 'backward' && motorOff(rig), 'waiting for start');
      commandAt(rig, 16000, START, true);
      within(rig, 19500, 20000, () => rig.status.state === 'running' && near(rig.sim.beltSpeedKph(), -0.3, 0.3), 'running backward');
      if (relayMovedUnderPower) fail(rig, 'the direction output to move only with duty 0, motor off and the belt still');
    },
  },
];
