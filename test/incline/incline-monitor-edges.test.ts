// The incline runaway checks at the exact edges of their rules, with the test's own settings: a margin reached is not a trip, a margin passed is.

import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, type InclineSettings } from '../../firmware/config';
import { checkIncline, INCLINE_TROUBLE_MESSAGES, makeInclineMonitorInputs, makeInclineMonitorState, type InclineMonitorInputs, type InclineMonitorState } from '../../firmware/core/incline-monitor';
import { makeInclinePositionEstimate, type InclinePositionEstimate } from '../../firmware/core/incline-position';

/** The test's own limits, exact in binary floating point (the others are the defaults, unused here). */
const SETTINGS: InclineSettings = Object.assign({}, DEFAULT_CONFIG.incline, { endStopMarginPct: 0.5, coastMs: 400, uncommandedPct: 0.25, stuckProgressPct: 0.125, stuckWindowMs: 1000 });

interface Lift {
  state: InclineMonitorState;
  position: InclinePositionEstimate;
  inputs: InclineMonitorInputs;
}

function lift(kind: 'pulses' | 'analog', atPct: number): Lift {
  const position = makeInclinePositionEstimate(kind);
  position.homed = true;
  position.positionPct = atPct;
  const inputs = makeInclineMonitorInputs();
  inputs.maxPct = 15;
  return { state: makeInclineMonitorState(), position, inputs };
}

/** One check at `nowMs` with the lift at `atPct` doing `motion`. */
function check(run: Lift, nowMs: number, atPct: number, motion: 'up' | 'down' | 'stopped'): string {
  run.inputs.nowMs = nowMs;
  run.inputs.motion = motion;
  run.position.positionPct = atPct;
  return checkIncline(run.state, run.position, run.inputs, SETTINGS);
}

describe('incline monitor at the edges of its rules (the test\'s own settings)', () => {
  it('past an end stop only beyond the margin, at either end, and only for a known position', () => {
    assert.equal(check(lift('analog', 0), 0, -0.5, 'stopped'), 'none');
    assert.equal(check(lift('analog', 0), 0, -0.51, 'stopped'), 'pastEndStop');
    assert.equal(check(lift('analog', 0), 0, 15.5, 'stopped'), 'none');
    assert.equal(check(lift('analog', 0), 0, 15.51, 'stopped'), 'pastEndStop');
    const unknown = lift('pulses', 0);
    unknown.position.homed = false;
    assert.equal(check(unknown, 0, 16, 'stopped'), 'none');
  });

  it('uncommanded: the rest point is taken once the coast time has passed; moving exactly the margin is not a trip, beyond it is (both ways)', () => {
    [0.25, -0.25].forEach((marginPct) => {
      const run = lift('analog', 5);
      run.inputs.stoppedAtMs = 1000;
      // Coasting: a lift still settling is not judged, and no rest point is kept from then.
      assert.equal(check(run, 1399, 5 + 4 * marginPct, 'stopped'), 'none');
      assert.equal(check(run, 1400, 5, 'stopped'), 'none');
      assert.equal(check(run, 1500, 5 + marginPct, 'stopped'), 'none');
      assert.equal(check(run, 1600, 5 + marginPct * 1.01, 'stopped'), 'uncommanded', 'moved ' + marginPct * 1.01);
    });
  });

  it('wrong way: against the output by exactly the margin is not a trip, beyond it is', () => {
    const up = lift('analog', 5);
    check(up, 0, 5, 'up');
    assert.equal(check(up, 100, 4.75, 'up'), 'none');
    assert.equal(check(up, 200, 4.74, 'up'), 'wrongWay');
    const down = lift('analog', 5);
    check(down, 0, 5, 'down');
    assert.equal(check(down, 100, 5.25, 'down'), 'none');
    assert.equal(check(down, 200, 5.26, 'down'), 'wrongWay');
  });

  it('stuck: less than the progress margin for exactly the window trips; the margin itself is progress; never while homing', () => {
    const run = lift('analog', 5);
    check(run, 0, 5, 'up');
    assert.equal(check(run, 500, 5.1, 'up'), 'none');
    assert.equal(check(run, 999, 5.1, 'up'), 'none');
    assert.equal(check(run, 1000, 5.1, 'up'), 'stuck');
    const progressing = lift('analog', 5);
    check(progressing, 0, 5, 'down');
    assert.equal(check(progressing, 900, 4.875, 'down'), 'none');
    assert.equal(check(progressing, 1800, 4.875, 'down'), 'none', 'the window restarts at the progress');
    const rising = lift('analog', 5);
    check(rising, 0, 5, 'up');
    assert.equal(check(rising, 900, 5.125, 'up'), 'none');
    assert.equal(check(rising, 1800, 5.125, 'up'), 'none', 'the window restarts at the progress');
    const homing = lift('analog', 5);
    homing.inputs.homing = true;
    check(homing, 0, 5, 'down');
    assert.equal(check(homing, 5000, 5, 'down'), 'none');
  });

  it('a pulse sensor: any new pulse is movement, whatever the position says', () => {
    const run = lift('pulses', 5);
    check(run, 0, 5, 'up');
    run.position.newPulses = 1;
    assert.equal(check(run, 900, 5, 'up'), 'none');
    run.position.newPulses = 0;
    assert.equal(check(run, 1800, 5, 'up'), 'none');
    assert.equal(check(run, 1900, 5, 'up'), 'stuck');
  });

  it('a move forgets the old resting point: the next rest is judged from where the lift stopped, even with no check inside the coast time', () => {
    const run = lift('analog', 5);
    run.inputs.stoppedAtMs = 0;
    assert.equal(check(run, 1000, 5, 'stopped'), 'none', 'resting point taken at 5 %');
    assert.equal(check(run, 1100, 5, 'up'), 'none');
    assert.equal(check(run, 6000, 8, 'up'), 'none', 'a commanded move of 3 %');
    // The outputs went off at 6000 ms; the next check comes only after the coast time (a long
    // tick, or checks skipped meanwhile): 8 % is the new resting point, not a move of 3 % from 5 %.
    run.inputs.stoppedAtMs = 6000;
    assert.equal(check(run, 6000 + SETTINGS.coastMs, 8, 'stopped'), 'none');
    assert.equal(check(run, 6000 + SETTINGS.coastMs + 100, 8, 'stopped'), 'none');
    assert.equal(check(run, 6000 + SETTINGS.coastMs + 200, 8.5, 'stopped'), 'uncommanded', 'and a drift from there still trips');
  });

  it('names each trouble for the log', () => {
    assert.deepEqual(INCLINE_TROUBLE_MESSAGES, {
      none: 'incline healthy',
      uncommanded: 'incline moving with both outputs off',
      wrongWay: 'incline moving against its output',
      stuck: 'incline driven but not moving',
      pastEndStop: 'incline past its end stop',
    });
  });
});
