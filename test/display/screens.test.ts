// The console's screens, line for line at 16x2, 20x4 and 21x8: every state, the units, the direction mark, paging on two rows.

import assert from 'node:assert/strict';
import { drawScreen, PAGE_MS, type ScreenFacts } from '../../firmware/display/screens';
import { clockText, distanceText, pairText, wrapText } from '../../firmware/display/screen-text';
import type { HistoryEntry } from '../../firmware/persistence/session-history';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import { factsWith, programWith, statusWith } from './screen-status';

function screen(status: TreadmillStatus, facts: ScreenFacts, columns: number, rows: number): string[] {
  const lines: string[] = [];
  drawScreen(status, facts, columns, rows, lines);
  lines.forEach((line, row) => assert.equal(line.length, columns, 'row ' + row + ' is exactly ' + columns + ' characters: "' + line + '"'));
  assert.equal(lines.length, rows);
  return lines.map((line) => line.replace(/\s+$/, ''));
}

const LAST_SESSION: HistoryEntry = { session: 3, direction: 'backward', durationS: 300, forwardDistanceM: 0, backwardDistanceM: 70, averageSpeedKph: 0.8, maxSpeedKph: 0.9, slowDownCount: 0, stopReason: 'completed', peakInclinePct: 0 };
const SUGGESTION = { durationMin: 6, speedKph: 0.8, inclinePct: 0, reason: '', basedOnSession: 3 };
const RUNNING_BACKWARD = statusWith({ state: 'running', direction: 'backward', setpointKph: 3.2, measuredSpeedKph: 3.05, inclinePct: 2, metricsChanges: { elapsedMs: 754000, distanceM: 850, energyKcal: 45.4, currentMet: 4.12, elevationGainM: 12.4 } });

describe('screens', () => {
  describe('idle', () => {
    it('20x4: ready with the units, the direction, the last session and the suggested next backward session', () => {
      assert.deepEqual(screen(statusWith({}), factsWith({ lastSession: LAST_SESSION, suggestion: SUGGESTION }), 20, 4), ['Ready           km/h', '> Forward', 'Last 5:00      < 0.8', 'Next 6 min     < 0.8']);
    });

    it('16x2: the headline, then each detail for PAGE_MS in turn', () => {
      const facts = factsWith({ lastSession: LAST_SESSION, suggestion: SUGGESTION });
      const pages = [0, 1, 2, 3, 4].map((page) => screen(statusWith({ timeMs: page * PAGE_MS + 10 }), facts, 16, 2));
      assert.deepEqual(pages.map((lines) => lines[0]), ['Ready       km/h', 'Ready       km/h', 'Ready       km/h', 'Ready       km/h', 'Ready       km/h']);
      assert.deepEqual(pages.map((lines) => lines[1]), ['> Forward', 'Last 5:00  < 0.8', 'Next 6 min < 0.8', 'Press Start', '> Forward']);
    });

    it('key out: "Insert key", no "Press Start"; mph; the pending direction is the one shown', () => {
      const status = statusWith({ keyPresent: false, direction: 'forward', pendingDirection: 'backward' });
      assert.deepEqual(screen(status, factsWith({ units: 'mph' }), 20, 4), ['Insert key       mph', '< Backward', '', '']);
      assert.deepEqual(screen(status, factsWith({ units: 'mph' }), 21, 8).slice(0, 3), ['Insert key        mph', '< Backward', '']);
    });

    it('a belt still coasting is said first (a start waits for it)', () => {
      assert.deepEqual(screen(statusWith({ beltStill: false }), factsWith({}), 20, 4), ['Ready           km/h', 'Belt still moving', '> Forward', 'Press Start']);
    });

    it('a program chosen with the Program key: "Press Start" and the program first; long names shortened, cut last', () => {
      const chosen = (name: string) => factsWith({ program: programWith({ name: '', phase: 'off', chosen: name }), lastSession: LAST_SESSION, suggestion: SUGGESTION });
      assert.deepEqual(screen(statusWith({}), chosen('12-3-30'), 20, 4), ['Press Start     km/h', 'Program 12-3-30', '> Forward', 'Last 5:00      < 0.8']);
      assert.deepEqual(screen(statusWith({}), chosen('backward-progression-3'), 20, 4)[1], 'Backward stage 3');
      assert.deepEqual(screen(statusWith({}), chosen('backward-progression'), 16, 2)[1], 'Next backward');
      assert.deepEqual(screen(statusWith({}), chosen('backward-intro'), 16, 2), ['Press Start km/h', 'backward-intro']);
      assert.deepEqual(screen(statusWith({ keyPresent: false }), chosen('intervals'), 20, 4).slice(0, 2), ['Insert key      km/h', 'Program intervals']);
      assert.deepEqual(screen(statusWith({}), chosen(''), 20, 4)[0], 'Ready           km/h', 'none chosen: the plain idle screen');
    });

    it('the last session and the suggestion in mph', () => {
      const facts = factsWith({ units: 'mph', lastSession: Object.assign({}, LAST_SESSION, { averageSpeedKph: 3.2187, durationS: 3725 }), suggestion: SUGGESTION });
      assert.deepEqual(screen(statusWith({}), facts, 20, 4).slice(2), ['Last 1:02:05   < 2.0', 'Next 6 min     < 0.5']);
    });
  });

  describe('countdown', () => {
    it('the seconds left, rounded up, with the direction and the safety reminders', () => {
      const status = statusWith({ state: 'countdown', countdownRemainingMs: 2400, direction: 'backward' });
      assert.deepEqual(screen(status, factsWith({}), 20, 4), ['Start in 3 s       <', '< Backward', 'Hold the rails', 'Clip the key on']);
      assert.deepEqual(screen(status, factsWith({}), 16, 2), ['Start in 3 s   <', '< Backward']);
    });
  });

  describe('running', () => {
    it('20x4: the setpoint with the backward mark and the incline, then time, distance, energy', () => {
      assert.deepEqual(screen(RUNNING_BACKWARD, factsWith({}), 20, 4), ['< 3.2 km/h      2.0%', 'Time           12:34', 'Distance     0.85 km', 'Energy       45 kcal']);
    });

    it('forward shows ">"; mph converts the speed and the distance', () => {
      const status = statusWith({ state: 'running', setpointKph: 4.828, inclinePct: 12, metricsChanges: { elapsedMs: 3723000, distanceM: 16093.44, energyKcal: 304 } });
      assert.deepEqual(screen(status, factsWith({ units: 'mph' }), 20, 4), ['> 3.0 mph      12.0%', 'Time         1:02:03', 'Distance     10.0 mi', 'Energy      304 kcal']);
      assert.deepEqual(screen(status, factsWith({ units: 'mph' }), 16, 2)[0], '> 3.0mph   12.0%');
    });

    it('16x2: time, distance and energy in turn on the second row', () => {
      const rows = [0, 1, 2].map((page) => screen(Object.assign({}, RUNNING_BACKWARD, { timeMs: page * PAGE_MS }), factsWith({}), 16, 2));
      assert.deepEqual(rows, [
        ['< 3.2km/h   2.0%', 'Time       12:34'],
        ['< 3.2km/h   2.0%', 'Distance 0.85 km'],
        ['< 3.2km/h   2.0%', 'Energy   45 kcal'],
      ]);
    });

    it('21x8: MET and climb as well', () => {
      assert.deepEqual(screen(RUNNING_BACKWARD, factsWith({}), 21, 8), ['< 3.2 km/h       2.0%', 'Time            12:34', 'Distance      0.85 km', 'Energy        45 kcal', 'MET               4.1', 'Climb            12 m', '', '']);
    });
  });

  describe('program', () => {
    it('20x4: the segment with its time left, the next segment, the session time', () => {
      const status = statusWith({ state: 'running', setpointKph: 8, metricsChanges: { elapsedMs: 300000, distanceM: 500 } });
      assert.deepEqual(screen(status, factsWith({ program: programWith({}) }), 20, 4), ['> 8.0 km/h      0.0%', '2/12 fast 1/5   0:42', 'Next easy 1/5  > 5.0', 'Time            5:00']);
    });

    it('the next segment backward carries its mark; the last segment says so', () => {
      const status = statusWith({ state: 'running', setpointKph: 3.2 });
      assert.equal(screen(status, factsWith({ program: programWith({ nextDirection: 'backward', nextLabel: 'backward', nextSpeedKph: 1.6 }) }), 20, 4)[2], 'Next backward  < 1.6');
      assert.deepEqual(screen(status, factsWith({ program: programWith({ segmentIndex: 11, label: 'cool-down', nextDirection: null, nextLabel: '', segmentRemainingMs: 61000 }) }), 20, 4).slice(1, 3), ['12/12 cool-down 1:01', 'Last segment']);
    });

    it('paused, or waiting for a start after turning round: the belt is idle and the program waits', () => {
      assert.deepEqual(screen(statusWith({}), factsWith({ program: programWith({ phase: 'paused' }) }), 20, 4), ['Paused          km/h', '2/12 fast 1/5   0:42', 'Next easy 1/5  > 5.0', '> Forward']);
      assert.equal(screen(statusWith({}), factsWith({ program: programWith({ phase: 'awaitingStart' }) }), 20, 4)[0], 'Press Start     km/h');
    });

    it('a program that is off leaves the plain screens', () => {
      assert.deepEqual(screen(RUNNING_BACKWARD, factsWith({ program: programWith({ phase: 'off' }) }), 20, 4), screen(RUNNING_BACKWARD, factsWith({}), 20, 4));
    });
  });

  describe('stopping and free belt', () => {
    it('stopping: the ramping setpoint, the session so far', () => {
      const status = statusWith({ state: 'stopping', setpointKph: 1.5, metricsChanges: { elapsedMs: 60000 } });
      assert.deepEqual(screen(status, factsWith({}), 20, 4), ['Stopping  > 1.5 km/h', 'Time            1:00', 'Distance     0.00 km', 'Energy        0 kcal']);
      assert.deepEqual(screen(status, factsWith({}), 16, 2), ['Stopping   > 1.5', 'Time        1:00']);
    });

    it('free belt: the measured speed (the walker drives the belt)', () => {
      assert.equal(screen(statusWith({ state: 'freeBelt', measuredSpeedKph: 2.1, setpointKph: 0, direction: 'backward' }), factsWith({}), 20, 4)[0], 'Free belt < 2.1 km/h');
    });
  });

  describe('fault: what happened and how to clear it here', () => {
    it('key pulled, key out: insert the key, then hold Stop 2 s', () => {
      const status = statusWith({ state: 'fault', fault: 'keyRemoved', keyPresent: false, beltStill: false });
      assert.deepEqual(screen(status, factsWith({}), 20, 4), ['Fault: Key pulled', 'Insert the key', 'and hold Stop 2 s', 'Motor off, latched']);
      assert.deepEqual(screen(status, factsWith({}), 16, 2), ['Key pulled', 'Insert the key']);
    });

    it('key in, belt still coasting: wait', () => {
      assert.deepEqual(screen(statusWith({ state: 'fault', fault: 'encoderLoss', beltStill: false }), factsWith({}), 20, 4).slice(0, 3), ['Fault: No belt pulse', 'Wait: belt moving', 'then hold Stop 2 s']);
    });

    it('key in, belt still: hold Stop 2 s; a tall display adds the whole message', () => {
      assert.deepEqual(screen(statusWith({ state: 'fault', fault: 'overspeed' }), factsWith({}), 21, 8), ['Fault: Belt too fast', 'Hold Stop 2 s', 'to clear', 'Motor off, latched', 'belt faster than', 'commanded: motor cut', '', '']);
    });

    it('lost edges clear only by a restart', () => {
      assert.deepEqual(screen(statusWith({ state: 'fault', fault: 'lostEdges' }), factsWith({}), 20, 4).slice(1, 3), ['Restart the', 'treadmill to clear']);
    });
  });

  describe('text pieces', () => {
    it('clock, distance, pairs that do not fit, wrapping', () => {
      assert.deepEqual([clockText(0), clockText(59999), clockText(60000), clockText(3599000), clockText(3600000), clockText(-5)], ['0:00', '0:59', '1:00', '59:59', '1:00:00', '0:00']);
      assert.deepEqual([distanceText(9994, 'kph'), distanceText(10000, 'kph'), distanceText(1609.344, 'mph')], ['9.99 km', '10.0 km', '1.00 mi']);
      assert.equal(pairText('Distance', '12.34 km', 12), 'Dis 12.34 km');
      assert.equal(pairText('x', 'a figure too long', 8), 'a figure');
      assert.deepEqual(wrapText('belt sensor lost: no pulses', 10), ['belt', 'sensor', 'lost: no', 'pulses']);
    });
  });
});
