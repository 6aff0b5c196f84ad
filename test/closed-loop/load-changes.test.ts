// A walker stepping onto or off a running belt, and a start with nobody on: no fault, and the belt comes back to its target.

import assert from 'node:assert/strict';
import type { Direction } from '../../firmware/command';
import type { SimDriveKind } from '../../sim/sim-treadmill';
import { DEFAULT_CONFIG } from '../../firmware/config';
import { boardsUnderTest, timingConfig, timingLabel, type TimedBoardName } from './board-timings';
import { caseName, measureCase, measureLoadChange, SETTLE_TOLERANCE_KPH, startRig, type SpeedCase } from './speed-measurement';

/*
 * These are not among the numeric targets, but they are normal use: people start the
 * belt standing on the side rails and step on, and step off at the end. The duty map assumes a
 * walker, so an empty belt needs less duty (an H-bridge about 0.09 less: 1.9 km/h of speed) and
 * the closed loop must find it.
 *
 * Not covered here, because the controller cannot help it: a walker stepping off a running
 * H-bridge belt with one pulse per foot. The empty belt speeds up by about 1.8 km/h within half a
 * second, while the sensor gives its first reading of the new speed only a pulse or two later
 * (0.4-1.4 s at walking pace); the overspeed rule (above the setpoint plus 0.88 km/h for
 * 300 ms at 0.8 km/h) trips on that single reading. That case needs either a finer encoder or an
 * overspeed window of at least one pulse interval (reported to the lead). (Stepping on is
 * handled: the controller starts without the walker's share of the duty map and gives it back as
 * overdue pulses prove the belt held back; the belt stands under the walker for a second or two.
 * The start itself is covered below for every machine.)
 */

/**
 * Highest true belt speed a start with nobody on may reach, above the start speed, km/h: half
 * the overspeed rule's margin at the start speed (0.8 km/h + 10 %). The duty map assumes a
 * walker; on a direct drive the empty belt would run at about 2.8 km/h on it.
 */
const EMPTY_START_PEAK_ABOVE_KPH = 0.4;
/** How long after the countdown an empty start is watched, ms. */
const EMPTY_START_WATCH_MS = 10000;

/** Longest time allowed for the belt to come back within tolerance after the load changes, ms. */
const RECOVER_LIMIT_MS = 6000;
/** Largest stride-averaged excursion from the target a load change may cause, km/h. */
const EXCURSION_LIMIT_KPH = 1;

const MACHINES: { drive: SimDriveKind; pulsesPerMeter: number }[] = [
  { drive: 'mc2100', pulsesPerMeter: 3.28 },
  { drive: 'mc2100', pulsesPerMeter: 100 },
  { drive: 'hbridge', pulsesPerMeter: 100 },
];
const RUNS: { direction: Direction; speedKph: number }[] = [
  { direction: 'forward', speedKph: 0.8 },
  { direction: 'forward', speedKph: 4 },
  { direction: 'backward', speedKph: 0.8 },
  { direction: 'backward', speedKph: 3 },
];

/** Every test below runs at each board's control period and tick time (./board-timings.ts). */
function describeLoadChanges(board: TimedBoardName): void {
  const tickMs = timingConfig(board).controlPeriodMs as number;
  describe('a start with nobody on the belt at ' + timingLabel(board) + ' (default configuration)', () => {
    const machines: { drive: SimDriveKind; pulsesPerMeter: number }[] = [
      { drive: 'mc2100', pulsesPerMeter: 3.28 },
      { drive: 'mc2100', pulsesPerMeter: 100 },
      { drive: 'hbridge', pulsesPerMeter: 3.28 },
      { drive: 'hbridge', pulsesPerMeter: 100 },
    ];
    machines.forEach((machine, machineIndex) => {
      (['forward', 'backward'] as Direction[]).forEach((direction, directionIndex) => {
        it(machine.drive + ' ' + machine.pulsesPerMeter + '/m ' + direction + ': the belt never runs far above the start speed', () => {
          const speedCase: SpeedCase = { drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, direction, fromKph: 0, toKph: DEFAULT_CONFIG.startSpeedKph, seed: 120 + machineIndex * 2 + directionIndex, unloaded: true, board };
          const rig = startRig(speedCase);
          while (rig.firmware.status().state === 'countdown') rig.scheduler.advance(tickMs);
          assert.equal(rig.firmware.status().state, 'running');
          let peakKph = 0;
          for (let elapsedMs = 0; elapsedMs < EMPTY_START_WATCH_MS; elapsedMs += 5) {
            rig.scheduler.advance(5);
            peakKph = Math.max(peakKph, Math.abs(rig.sim.beltSpeedKph()));
          }
          assert.equal(rig.firmware.status().fault, null);
          assert.ok(peakKph <= DEFAULT_CONFIG.startSpeedKph + EMPTY_START_PEAK_ABOVE_KPH, 'peak ' + peakKph.toFixed(2) + ' km/h');
          assert.ok(Math.abs(Math.abs(rig.sim.beltSpeedKph()) - DEFAULT_CONFIG.startSpeedKph) <= 0.3, 'running at ' + rig.sim.beltSpeedKph().toFixed(2) + ' km/h');
        });
      });
    });
  });

  describe('closed-loop load changes at ' + timingLabel(board) + ' (default configuration)', () => {
    MACHINES.forEach((machine, machineIndex) => {
      RUNS.forEach((run, runIndex) => {
        [true, false].forEach((startsUnloaded) => {
          const speedCase: SpeedCase = {
            drive: machine.drive,
            pulsesPerMeter: machine.pulsesPerMeter,
            direction: run.direction,
            fromKph: 0,
            toKph: run.speedKph,
            seed: 60 + machineIndex * 10 + runIndex,
            unloaded: startsUnloaded,
            board,
          };
          const change = startsUnloaded ? 'walker steps on' : 'walker steps off';
          it(caseName(speedCase) + ': ' + change, () => {
            const figures = measureLoadChange(speedCase);
            const summary = 'worst ' + figures.worstDeviationKph.toFixed(3) + ' km/h, back within ' + SETTLE_TOLERANCE_KPH + ' km/h after ' + figures.recoverMs + ' ms';
            assert.equal(figures.fault, null, 'no fault: ' + summary);
            assert.ok(Math.abs(figures.worstDeviationKph) <= EXCURSION_LIMIT_KPH, summary);
            assert.ok(figures.recoverMs >= 0 && figures.recoverMs <= RECOVER_LIMIT_MS, summary);
          });
        });
      });
      it(machine.drive + ' ' + machine.pulsesPerMeter + '/m: a start with nobody on reaches the start speed without a fault', () => {
        const figures = measureCase({ drive: machine.drive, pulsesPerMeter: machine.pulsesPerMeter, direction: 'forward', fromKph: 0, toKph: 0.8, seed: 90 + machineIndex, unloaded: true, board });
        assert.equal(figures.fault, null);
        assert.equal(figures.finalState, 'running');
        assert.ok(figures.settleMs >= 0 && figures.settleMs <= RECOVER_LIMIT_MS, 'settled after ' + figures.settleMs + ' ms');
        assert.ok(Math.abs(figures.meanErrorKph) <= SETTLE_TOLERANCE_KPH, 'mean error ' + figures.meanErrorKph.toFixed(3));
      });
    });
  });
}

boardsUnderTest().forEach(describeLoadChanges);
