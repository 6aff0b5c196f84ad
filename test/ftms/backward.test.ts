// Backward walking over FTMS (speed magnitude, the walker's inclination sign, ranges, training status text, no remote direction change) and the record filled from the status.

import { strict as assert } from 'node:assert';
import { makeSessionMetrics } from '../../firmware/core/session-metrics';
import { onLocalCommand } from '../../firmware/ftms/control-session';
import { encodeCurrentInclineRange, encodeCurrentSpeedRange } from '../../firmware/ftms/ranges';
import { encodeTrainingStatus } from '../../firmware/ftms/training-status';
import {
  ELEVATION_GAIN_PRESENT,
  encodeTreadmillData,
  INCLINATION_PRESENT,
  makeTreadmillDataValues,
  MAX_PARTS,
  partLength,
  planTreadmillData,
  recordFieldFlags,
  REMAINING_TIME_PRESENT,
} from '../../firmware/ftms/treadmill-data';
import { fillTreadmillDataValues, makeElevationSplit } from '../../firmware/ftms/treadmill-data-values';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import { decodeInclineRange, decodeSpeedRange, decodeTrainingStatus, decodeTreadmillData } from './ftms-client';
import { hexFromBytes } from '../../sim/ftms/hex-bytes';
import { FULL_LIMITS } from './limits-fixture';
import { idleView, runningView, SessionRig } from './session-rig';

function status(direction: 'forward' | 'backward', speedKph: number, deckPct: number): TreadmillStatus {
  const metrics = makeSessionMetrics();
  metrics.elapsedMs = 60000;
  return {
    state: 'running', direction, pendingDirection: null, targetSpeedKph: speedKph, setpointKph: speedKph, measuredSpeedKph: speedKph,
    beltStill: false, duty: 0.3, motorEnabled: true, keyPresent: true, fault: null, countdownRemainingMs: 0, reason: '', distanceM: 0,
    inclinePct: deckPct, targetInclinePct: deckPct, timeMs: 0, metrics,
  };
}

const out = new Uint8Array(32);

describe('FTMS backward walking', () => {
  it('the speed field is the belt speed\'s magnitude', () => {
    const values = makeTreadmillDataValues();
    fillTreadmillDataValues(status('backward', 2.4, 0), 70, makeElevationSplit(), values);
    assert.equal(decodeTreadmillData(out.slice(0, encodeTreadmillData(0, values, out))).instantaneousSpeedKph, 2.4);
    fillTreadmillDataValues(status('backward', -2.4, 0), 70, makeElevationSplit(), values);
    assert.equal(values.instantaneousSpeedKph, 2.4, 'even if a caller hands a signed speed');
  });

  it('a backward walker on a raised deck sees a decline (the walker\'s point of view); a forward walker the same deck as an incline', () => {
    const values = makeTreadmillDataValues();
    fillTreadmillDataValues(status('backward', 3, 5), 70, makeElevationSplit(), values);
    const backward = decodeTreadmillData(out.slice(0, encodeTreadmillData(INCLINATION_PRESENT, values, out)));
    assert.equal(backward.inclinationPct, -5);
    assert.equal(backward.rampAngleDeg, -2.9);
    fillTreadmillDataValues(status('forward', 3, 5), 70, makeElevationSplit(), values);
    const forward = decodeTreadmillData(out.slice(0, encodeTreadmillData(INCLINATION_PRESENT, values, out)));
    assert.equal(forward.inclinationPct, 5);
    assert.equal(forward.rampAngleDeg, 2.9);
  });

  it('elevation walked backward on a raised deck counts as descent, forward as ascent, and restarts with a new session', () => {
    const split = makeElevationSplit();
    const values = makeTreadmillDataValues();
    const forward = status('forward', 3, 5);
    forward.metrics.elevationGainM = 4;
    fillTreadmillDataValues(forward, 70, split, values);
    const backward = status('backward', 3, 5);
    backward.metrics.elevationGainM = 10;
    fillTreadmillDataValues(backward, 70, split, values);
    assert.equal(values.positiveElevationGainM, 4);
    assert.equal(values.negativeElevationGainM, 6);
    const next = status('forward', 3, 5);
    next.metrics.elevationGainM = 1;
    fillTreadmillDataValues(next, 70, split, values);
    assert.deepEqual([values.positiveElevationGainM, values.negativeElevationGainM], [1, 0]);
  });

  it('ranges follow the direction: backward speed up to its 4.0 km/h cap, inclination from -10 % to 0 %', () => {
    assert.deepEqual(decodeSpeedRange(out.slice(0, encodeCurrentSpeedRange(FULL_LIMITS, 'backward', out))), { minimumSpeedKph: 0.8, maximumSpeedKph: 4, minimumIncrementKph: 0.1 });
    assert.deepEqual(decodeSpeedRange(out.slice(0, encodeCurrentSpeedRange(FULL_LIMITS, 'forward', out))), { minimumSpeedKph: 0.8, maximumSpeedKph: 16, minimumIncrementKph: 0.1 });
    assert.deepEqual(decodeInclineRange(out.slice(0, encodeCurrentInclineRange(FULL_LIMITS, 'backward', out))), { minimumInclinationPct: -10, maximumInclinationPct: 0, minimumIncrementPct: 0.5 });
    assert.deepEqual(decodeInclineRange(out.slice(0, encodeCurrentInclineRange(FULL_LIMITS, 'forward', out))), { minimumInclinationPct: 0, maximumInclinationPct: 15, minimumIncrementPct: 0.5 });
  });

  it('a backward target inclination is the walker\'s: -3 % raises the deck to 3 %, +3 % (a deck below level) is an invalid parameter', () => {
    const rig = new SessionRig(runningView(2));
    rig.view.direction = 'backward';
    rig.control();
    assert.deepEqual(rig.write('03e2ff'), { response: '800301', command: 'setIncline', speedKph: 0, inclinePct: 3 });
    assert.equal(rig.write('031e00').response, '800303');
    assert.equal(rig.write('039cff').inclinePct, 10, '-10.0 % is the backward deck cap: allowed');
    assert.equal(rig.write('0397ff').response, '800303', '-10.5 % is past it');
  });

  it('the machine status reports a backward target incline with the walker\'s sign', () => {
    const rig = new SessionRig(runningView(2));
    rig.view.direction = 'backward';
    rig.view.targetInclinePct = 6;
    assert.deepEqual(rig.statuses(), ['06c4ff']);
  });

  it('Training Status says "Walking backward" while backward is selected, nothing extra forward', () => {
    let length = encodeTrainingStatus('running', 'backward', out);
    assert.deepEqual(decodeTrainingStatus(out.slice(0, length)), { flags: 1, trainingStatusCode: 0x0d, text: 'Walking backward' });
    length = encodeTrainingStatus('idle', 'backward', out);
    assert.equal(decodeTrainingStatus(out.slice(0, length)).text, 'Walking backward');
    assert.equal(hexFromBytes(out, encodeTrainingStatus('running', 'forward', out)), '000d');
  });

  it('no remote direction change: a direction changed at the machine disarms, so an app cannot start the belt in the new direction', () => {
    const rig = new SessionRig(idleView());
    onLocalCommand(rig.session, 'start', true, rig.view, 0);
    rig.control();
    rig.view.pendingDirection = 'backward';
    onLocalCommand(rig.session, 'setDirection', true, rig.view, 0);
    rig.view.pendingDirection = null;
    rig.view.direction = 'backward';
    assert.equal(rig.write('07').response, '800705');
  });

  it('no remote direction change: arming is for the direction it was made in', () => {
    const rig = new SessionRig(idleView());
    onLocalCommand(rig.session, 'start', true, rig.view, 0);
    rig.control();
    rig.view.direction = 'backward';
    assert.equal(rig.write('07').response, '800705');
  });
});

describe('FTMS Treadmill Data from the status', () => {
  it('energy is not available before a session, and per hour is 60 times per minute from the current MET', () => {
    const values = makeTreadmillDataValues();
    const before = status('forward', 0, 0);
    before.metrics.elapsedMs = 0;
    fillTreadmillDataValues(before, 70, makeElevationSplit(), values);
    assert.deepEqual([values.totalEnergyKcal, values.energyPerHourKcal, values.energyPerMinuteKcal], [null, null, null]);
    const walking = status('forward', 4, 0);
    walking.metrics.currentMet = 3;
    walking.metrics.energyKcal = 12.4;
    fillTreadmillDataValues(walking, 70, makeElevationSplit(), values);
    // 3 MET = 10.5 ml/kg/min; x 70 kg / 1000 x 5 kcal/l = 3.675 kcal/min.
    assert.equal(values.energyPerMinuteKcal, 3.675);
    assert.equal(values.energyPerHourKcal, 220.5);
    assert.equal(values.totalEnergyKcal, 12.4);
  });

  it('elapsed time counts whole seconds, remaining time rounds up (a program\'s last half second still shows 1 s)', () => {
    const values = makeTreadmillDataValues();
    const running = status('forward', 4, 0);
    running.metrics.elapsedMs = 61999;
    running.metrics.remainingMs = 500;
    fillTreadmillDataValues(running, 70, makeElevationSplit(), values);
    assert.deepEqual([values.elapsedTimeS, values.remainingTimeS], [61, 1]);
  });

  it('a machine without an incline claims no inclination and sends its whole record in one 20-byte notification', () => {
    const limits = Object.assign({}, FULL_LIMITS, { hasIncline: false });
    const flags = recordFieldFlags(limits) | REMAINING_TIME_PRESENT;
    assert.equal(flags & (INCLINATION_PRESENT | ELEVATION_GAIN_PRESENT), 0);
    const parts = new Uint16Array(MAX_PARTS);
    assert.equal(planTreadmillData(flags, 20, parts), 1);
    assert.equal(parts[0], flags);
    assert.equal(partLength(flags), 19);
  });
});
