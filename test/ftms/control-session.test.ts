// The control point state machine: every result code's path, and each safety rule with a test that fails when the rule is broken.

import { strict as assert } from 'node:assert';
import {
  ARMING_IDLE_LIMIT_MS,
  NO_CLIENT,
  observeTreadmill,
  onClientDisconnected,
  onLocalCommand,
  STALE_WRITE_WINDOW_MS,
} from '../../firmware/ftms/control-session';
import { FULL_LIMITS, idleView, runningView, SessionRig } from './session-rig';

/** A rig whose walker pressed Start at the machine, now running at `speedKph` with client 1 in control. */
function armedRunning(speedKph: number): SessionRig {
  const rig = new SessionRig(idleView());
  rig.view.state = 'countdown';
  onLocalCommand(rig.session, 'start', true, rig.view, rig.nowMs);
  rig.view = runningView(speedKph);
  rig.control();
  return rig;
}

describe('FTMS control point: result codes', () => {
  it('Request Control: success; again by the holder: success; by another client: control not permitted; with a parameter: invalid parameter', () => {
    const rig = new SessionRig(idleView());
    assert.equal(rig.write('00', 1).response, '800001');
    assert.equal(rig.write('00', 1).response, '800001');
    assert.equal(rig.write('00', 2).response, '800005');
    assert.equal(rig.session.controllingClientId, 1);
    assert.equal(new SessionRig(idleView()).write('0001').response, '800003');
  });

  it('op codes the machine does not support: op code not supported, with the request op code echoed', () => {
    const rig = new SessionRig(idleView());
    rig.control();
    for (const op of ['04', '05', '06', '09', '0a', '10', '80', 'ff']) {
      assert.deepEqual(rig.write(op + '0000'), { response: '80' + op + '02', command: 'none', speedKph: 0, inclinePct: 0 });
    }
  });

  it('Set Target Inclination on a machine without an incline: op code not supported (its feature bit is clear)', () => {
    const rig = new SessionRig(idleView(), Object.assign({}, FULL_LIMITS, { hasIncline: false }));
    rig.control();
    assert.equal(rig.write('031e00').response, '800302');
  });

  it('every op but Stop/Pause needs control first: control not permitted, nothing commanded', () => {
    const rig = armedRunning(3);
    rig.session.controllingClientId = NO_CLIENT;
    rig.view.state = 'stopping';
    for (const hex of ['01', '02f401', '031e00', '07']) {
      const outcome = rig.write(hex, 1);
      assert.equal(outcome.response, '80' + hex.slice(0, 2) + '05', hex);
      assert.equal(outcome.command, 'none', hex);
    }
  });

  it('malformed parameters: invalid parameter', () => {
    const rig = new SessionRig(idleView());
    rig.control();
    for (const hex of ['02f4', '02f40100', '031e', '031e0000', '0700', '0100']) assert.equal(rig.write(hex).response, '80' + hex.slice(0, 2) + '03', hex);
  });

  it('Set Target Speed: success rounds to the published 0.1 km/h (2.29 from a truncating client is 2.3, not 2.2)', () => {
    const rig = armedRunning(3);
    const outcome = rig.write('02e500');
    assert.deepEqual(outcome, { response: '800201', command: 'setSpeed', speedKph: 2.3, inclinePct: 0 });
    assert.equal(rig.write('02f401').speedKph, 5);
    assert.equal(rig.write('02f901').speedKph, 5.1, '5.05 rounds half up');
  });

  it('Set Target Speed outside the current direction\'s range: invalid parameter, never clamped', () => {
    const rig = armedRunning(3);
    assert.deepEqual(rig.write('024606'), { response: '800203', command: 'none', speedKph: 0, inclinePct: 0 }, '16.06 km/h rounds to 16.1, over the 16 cap');
    assert.equal(rig.write('024406').command, 'setSpeed', '16.04 rounds to 16.0: allowed');
    assert.equal(rig.write('024b00').speedKph, 0.8, '0.75 km/h rounds up to the 0.8 minimum: allowed');
  });

  it('Set Target Speed below the minimum: invalid parameter (0 km/h is not a stop: Stop is op 0x08)', () => {
    const rig = armedRunning(3);
    assert.equal(rig.write('020000').response, '800203');
    assert.equal(rig.write('024400').response, '800203', '0.68 rounds to 0.7, under 0.8');
  });

  it('Set Target Inclination: rounded to 0.5 %, out of range refused, success commands the deck', () => {
    const rig = armedRunning(3);
    assert.deepEqual(rig.write('031f00'), { response: '800301', command: 'setIncline', speedKph: 0, inclinePct: 3 }, '3.1 % rounds to 3.0');
    assert.equal(rig.write('032100').inclinePct, 3.5, '3.3 % rounds to 3.5');
    assert.equal(rig.write('039700').inclinePct, 15, '15.1 % rounds to the 15 % cap: allowed');
    assert.equal(rig.write('039900').response, '800303', '15.3 % rounds to 15.5, over the 15 % cap');
    assert.equal(rig.write('03fbff').response, '800303', '-0.5 %: the deck cannot go below 0');
    assert.equal(rig.write('039600').command, 'setIncline', '15.0 % allowed');
  });

  it('operation failed: start while running or counting down, stop while stopped, targets in a fault, a command the treadmill refuses', () => {
    const rig = armedRunning(3);
    assert.equal(rig.write('07').response, '800704');
    rig.view.state = 'countdown';
    assert.equal(rig.write('07').response, '800704');
    rig.view = idleView();
    assert.deepEqual(rig.write('0801'), { response: '800804', command: 'none', speedKph: 0, inclinePct: 0 });
    rig.view.state = 'fault';
    rig.view.keyPresent = true;
    assert.equal(rig.write('0802').response, '800804');
    assert.equal(rig.write('02f401').response, '800204');
    assert.equal(rig.write('031e00').response, '800304');
    const refused = armedRunning(3);
    assert.equal(refused.write('02f401', 1, false).response, '800204', 'the treadmill refused the command');
  });

  it('Reset: success, stops a moving belt, releases control, reports reset', () => {
    const rig = armedRunning(3);
    rig.statuses();
    const outcome = rig.write('01');
    assert.equal(outcome.response, '800101');
    assert.equal(outcome.command, 'stop');
    assert.equal(rig.session.controllingClientId, NO_CLIENT);
    assert.equal(rig.write('02f401').response, '800205', 'control must be requested again');
    assert.deepEqual(rig.statuses(), ['01']);
    const idle = new SessionRig(idleView());
    idle.control();
    assert.equal(idle.write('01').command, 'none', 'nothing to stop');
  });
});

describe('FTMS control point: safety rules', () => {
  it('Stop and Pause are honoured from any client, with or without control, even malformed', () => {
    const rig = armedRunning(5);
    assert.deepEqual(rig.write('0801', 7), { response: '800801', command: 'stop', speedKph: 0, inclinePct: 0 }, 'a client without control');
    rig.view = runningView(5);
    assert.equal(rig.write('0802', 7).command, 'stop', 'pause');
    rig.view = runningView(5);
    const malformed = rig.write('08', 7);
    assert.equal(malformed.command, 'stop', 'a malformed stop still stops');
    assert.equal(malformed.response, '800803', '...and says the write was malformed');
    rig.view.state = 'countdown';
    assert.equal(rig.write('0801', 7).command, 'stop', 'a countdown is cancelled');
    rig.view.state = 'freeBelt';
    assert.equal(rig.write('0801', 7).command, 'stop', 'free-belt mode ends');
  });

  it('Start/Resume without local arming: control not permitted (a connected app never starts the belt by itself)', () => {
    const rig = new SessionRig(idleView());
    rig.control();
    assert.deepEqual(rig.write('07'), { response: '800705', command: 'none', speedKph: 0, inclinePct: 0 });
  });

  it('Start/Resume after a local start in this session with the key in: the treadmill is asked to start (its countdown runs)', () => {
    const rig = armedRunning(4);
    rig.write('0802');
    rig.view.state = 'idle';
    rig.view.beltStill = true;
    assert.deepEqual(rig.write('07'), { response: '800701', command: 'start', speedKph: 0, inclinePct: 0 });
    rig.view.state = 'stopping';
    assert.equal(rig.write('07').command, 'start', 'resume during the stop ramp');
  });

  it('Start/Resume with the key out, or in a fault: control not permitted, and arming does not survive a key pull', () => {
    const rig = armedRunning(4);
    rig.view.state = 'idle';
    rig.view.keyPresent = false;
    assert.equal(rig.write('07').response, '800705');
    rig.view.keyPresent = true;
    assert.equal(rig.write('07').response, '800705', 'the key back in does not re-arm');
    const faulted = armedRunning(4);
    faulted.view.state = 'fault';
    observeTreadmill(faulted.session, faulted.view, 0);
    faulted.view = idleView();
    assert.equal(faulted.write('07').response, '800705', 'a cleared fault does not re-arm');
  });

  it('an app never restarts a belt the user stopped at the console', () => {
    for (const localStop of ['stop', 'pause'] as const) {
      const rig = armedRunning(4);
      onLocalCommand(rig.session, localStop, true, rig.view, 0);
      rig.view.state = 'stopping';
      assert.equal(rig.write('07').response, '800705', `after a console ${localStop}, while stopping`);
      rig.view = idleView();
      assert.equal(rig.write('07').response, '800705', `after a console ${localStop}, at rest`);
      onLocalCommand(rig.session, 'start', true, rig.view, 0);
      rig.view = idleView();
      assert.equal(rig.write('07').command, 'start', 'a new local start re-arms');
    }
  });

  it('a refused local command changes nothing: a refused local start does not arm', () => {
    const rig = new SessionRig(idleView());
    onLocalCommand(rig.session, 'start', false, rig.view, 0);
    rig.control();
    assert.equal(rig.write('07').response, '800705');
  });

  it('arming lapses after the belt stood idle for the limit', () => {
    const rig = armedRunning(4);
    rig.write('0801');
    rig.view.state = 'stopping';
    rig.nowMs = 1000;
    observeTreadmill(rig.session, rig.view, rig.nowMs);
    rig.view = idleView();
    rig.nowMs = 1000 + ARMING_IDLE_LIMIT_MS - 1;
    assert.equal(rig.write('07').command, 'start', 'just inside the limit');
    rig.nowMs = 1000 + ARMING_IDLE_LIMIT_MS + 1;
    assert.equal(rig.write('07').response, '800705', 'past the limit');
  });

  it('Start while the belt coasts or a direction change waits: operation failed, as the treadmill would answer', () => {
    const rig = armedRunning(4);
    rig.view = idleView();
    rig.view.beltStill = false;
    assert.equal(rig.write('07').response, '800704');
  });

  it('targets outside the current direction\'s caps are invalid parameters: 4.1 km/h is fine forward, refused backward', () => {
    const forward = armedRunning(3);
    assert.equal(forward.write('029a01').command, 'setSpeed');
    const backward = armedRunning(3);
    backward.view.direction = 'backward';
    assert.equal(backward.write('029a01').response, '800203');
    assert.equal(backward.write('029001').command, 'setSpeed', '4.0 km/h is the backward cap');
    const pending = armedRunning(3);
    pending.view.pendingDirection = 'backward';
    assert.equal(pending.write('029a01').response, '800203', 'a pending direction\'s caps apply');
  });

  it('a repeated write never changes the speed twice: the same target again commands nothing', () => {
    const rig = armedRunning(3);
    assert.equal(rig.write('02f401').command, 'setSpeed');
    rig.view.targetSpeedKph = 5;
    const again = rig.write('02f401');
    assert.equal(again.command, 'none');
    assert.equal(again.response, '800201');
  });

  it('a stale raise arriving within the window after a console slow-down is refused; a later one, or a lowering, is applied', () => {
    const rig = armedRunning(3);
    rig.write('02f401');
    rig.view.targetSpeedKph = 5;
    rig.nowMs = 10000;
    onLocalCommand(rig.session, 'speedDown', true, rig.view, rig.nowMs);
    rig.view.targetSpeedKph = 4.9;
    rig.nowMs += STALE_WRITE_WINDOW_MS - 1;
    assert.deepEqual(rig.write('02f401'), { response: '800204', command: 'none', speedKph: 5, inclinePct: 0 });
    assert.equal(rig.write('02c201').command, 'setSpeed', 'a lowering is never stale');
    rig.nowMs += 1;
    assert.equal(rig.write('02f401').command, 'setSpeed', 'after the window the raise is deliberate');
  });

  it('a disconnect loses control', () => {
    const rig = armedRunning(3);
    onClientDisconnected(rig.session, 1, rig.view, 0);
    assert.equal(rig.session.controllingClientId, NO_CLIENT);
    assert.equal(rig.write('02f401', 1).response, '800205');
    assert.equal(rig.write('00', 2).response, '800001', 'another client may take control');
  });

  it('a disconnect never accelerates the belt: a countdown the client started is stopped, a console start\'s is not', () => {
    const rig = armedRunning(3);
    rig.write('0801');
    rig.view = idleView();
    const outcome = rig.write('07', 1, true, (view) => {
      view.state = 'countdown';
    });
    assert.equal(outcome.command, 'start');
    onClientDisconnected(rig.session, 1, rig.view, 0);
    assert.equal(rig.session.command, 'stop');
    const local = new SessionRig(idleView());
    local.control();
    local.view.state = 'countdown';
    onLocalCommand(local.session, 'start', true, local.view, 0);
    onClientDisconnected(local.session, 1, local.view, 0);
    assert.equal(local.session.command, 'none');
  });

  it('a disconnect never accelerates the belt: a ramp up to the client\'s target is held at the speed reached', () => {
    const rig = armedRunning(3);
    rig.write('02e803');
    rig.view.targetSpeedKph = 10;
    rig.view.setpointKph = 5.37;
    onClientDisconnected(rig.session, 1, rig.view, 0);
    assert.equal(rig.session.command, 'setSpeed');
    assert.equal(rig.session.commandSpeedKph, 5.3, 'held on the increment, not above the speed reached');
  });

  it('a disconnect at a steady speed, or with a target set at the console, leaves the belt as it is', () => {
    const steady = armedRunning(3);
    steady.write('02f401');
    steady.view.targetSpeedKph = 5;
    steady.view.setpointKph = 5;
    onClientDisconnected(steady.session, 1, steady.view, 0);
    assert.equal(steady.session.command, 'none');
    const console = armedRunning(3);
    console.write('02f401');
    console.view.targetSpeedKph = 8;
    console.view.setpointKph = 6;
    onClientDisconnected(console.session, 1, console.view, 0);
    assert.equal(console.session.command, 'none', 'the walker\'s own speed-up is theirs');
  });

  it('a client that does not hold control disconnecting changes nothing', () => {
    const rig = armedRunning(3);
    rig.write('02e803');
    rig.view.targetSpeedKph = 10;
    rig.view.setpointKph = 4;
    onClientDisconnected(rig.session, 2, rig.view, 0);
    assert.equal(rig.session.command, 'none');
    assert.equal(rig.session.controllingClientId, 1);
  });
});

describe('FTMS machine status: every change reported once, whoever made it', () => {
  it('reports nothing for a treadmill that did not change', () => {
    assert.deepEqual(new SessionRig(idleView()).statuses(), []);
  });

  it('start, target speed and incline changes at the console, stop, pause, key pull', () => {
    const rig = new SessionRig(idleView());
    rig.view.state = 'countdown';
    assert.deepEqual(rig.statuses(), ['04']);
    rig.view.state = 'running';
    rig.view.targetSpeedKph = 3.2;
    rig.view.targetInclinePct = 6;
    assert.deepEqual(rig.statuses(), ['054001', '063c00']);
    rig.view.state = 'stopping';
    assert.deepEqual(rig.statuses(), ['0201']);
    rig.view.state = 'running';
    assert.deepEqual(rig.statuses(), ['04'], 'resumed');
    rig.control();
    rig.write('0802');
    rig.view.state = 'stopping';
    assert.deepEqual(rig.statuses(), ['0202'], 'a client\'s pause is reported as a pause');
    rig.view.state = 'running';
    rig.statuses();
    rig.view.keyPresent = false;
    rig.view.state = 'fault';
    assert.deepEqual(rig.statuses(), ['03'], 'a key pull is "stopped by safety key", not also a stop');
  });

  it('a pause asked while the belt already ramps down does not relabel a later stop', () => {
    const rig = new SessionRig(runningView(3));
    rig.control();
    rig.view.state = 'stopping';
    assert.deepEqual(rig.statuses(), ['0201']);
    assert.equal(rig.write('0802').command, 'stop');
    rig.view.state = 'running';
    assert.deepEqual(rig.statuses(), ['04']);
    rig.view.state = 'stopping';
    assert.deepEqual(rig.statuses(), ['0201']);
  });

  it('a fault other than the key while moving is reported as stopped', () => {
    const rig = new SessionRig(runningView(3));
    rig.view.state = 'fault';
    assert.deepEqual(rig.statuses(), ['0201']);
  });
});
