// Any byte string written to the control point: never a throw, never an unsafe change, always a response with the right op code.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { finishControlPointWrite, handleControlPointWrite, makeControlSession, NO_CLIENT, type ControlSession } from '../../firmware/ftms/control-session';
import { effectiveDirection, maxDeckInclinePctFor, maxSpeedKphFor } from '../../firmware/ftms/ftms-limits';
import type { FtmsTreadmillView } from '../../firmware/ftms/treadmill-view';
import { FULL_LIMITS } from './limits-fixture';
import { idleView, runningView } from './session-rig';

interface Scenario {
  name: string;
  view: FtmsTreadmillView;
  armed: boolean;
  inControl: boolean;
}

function scenarios(): Scenario[] {
  const backward = runningView(3);
  backward.direction = 'backward';
  backward.targetInclinePct = 4;
  const fault = idleView();
  fault.state = 'fault';
  const keyOut = runningView(5);
  keyOut.keyPresent = false;
  const countdown = idleView();
  countdown.state = 'countdown';
  return [
    { name: 'idle, not armed, in control', view: idleView(), armed: false, inControl: true },
    { name: 'idle, armed, not in control', view: idleView(), armed: true, inControl: false },
    { name: 'idle, armed, in control', view: idleView(), armed: true, inControl: true },
    { name: 'running forward, armed, in control', view: runningView(6), armed: true, inControl: true },
    { name: 'running backward, armed, in control', view: backward, armed: true, inControl: true },
    { name: 'countdown, in control', view: countdown, armed: true, inControl: true },
    { name: 'fault, in control', view: fault, armed: false, inControl: true },
    { name: 'key out, running, in control', view: keyOut, armed: true, inControl: true },
  ];
}

const WRITER = 1;

/** Puts `session` in the scenario's state (reused across writes: nothing else carries over between them). */
function prepare(session: ControlSession, scenario: Scenario): void {
  session.controllingClientId = scenario.inControl ? WRITER : NO_CLIENT;
  session.armed = scenario.armed;
  session.armedDirection = scenario.view.direction;
  session.lastActiveAtMs = 0;
  session.consoleSpeedChangeAtMs = -100000;
  session.countdownByClient = false;
}

/** One write; asserts the response and the safety of what is commanded. */
function check(session: ControlSession, scenario: Scenario, bytes: Uint8Array): void {
  prepare(session, scenario);
  const view = scenario.view;
  handleControlPointWrite(session, bytes, WRITER, view, 0);
  const command = session.command;
  const length = finishControlPointWrite(session, true, view);
  const where = `${scenario.name}: ${Buffer.from(bytes).toString('hex')}`;
  if (bytes.length === 0) {
    assert.equal(length, 0, where);
    assert.equal(command, 'none', where);
    return;
  }
  assert.equal(length, 3, where);
  assert.equal(session.response[0], 0x80, where);
  assert.equal(session.response[1], bytes[0], where);
  assert.ok(session.response[2] >= 1 && session.response[2] <= 5, where);
  const direction = effectiveDirection(view.direction, view.pendingDirection);
  if (command === 'start') {
    assert.ok(scenario.armed && scenario.inControl && view.keyPresent, `unarmed, uncontrolled or keyless start: ${where}`);
    assert.ok(view.state === 'idle' || view.state === 'stopping', where);
    assert.equal(bytes[0], 0x07, where);
  } else if (command === 'setSpeed') {
    assert.ok(scenario.inControl && bytes[0] === 0x02, where);
    const speedKph = session.commandSpeedKph;
    assert.ok(speedKph >= FULL_LIMITS.minSpeedKph && speedKph <= maxSpeedKphFor(FULL_LIMITS, direction), `speed ${speedKph} outside the caps: ${where}`);
    assert.equal(Math.round(speedKph * 100) % 10, 0, `speed ${speedKph} off the increment: ${where}`);
  } else if (command === 'setIncline') {
    assert.ok(scenario.inControl && bytes[0] === 0x03, where);
    const deckPct = session.commandInclinePct;
    assert.ok(deckPct >= 0 && deckPct <= maxDeckInclinePctFor(FULL_LIMITS, direction), `incline ${deckPct} outside the caps: ${where}`);
    assert.equal(Math.round(deckPct * 10) % 5, 0, where);
  } else if (command === 'stop') {
    assert.ok(bytes[0] === 0x08 || bytes[0] === 0x01, where);
  }
}

describe('FTMS control point: any written bytes', () => {
  for (const scenario of scenarios()) {
    it(`every string of up to 2 bytes (${scenario.name})`, () => {
      const session = makeControlSession(FULL_LIMITS, scenario.view, 0);
      check(session, scenario, new Uint8Array(0));
      const one = new Uint8Array(1);
      const two = new Uint8Array(2);
      for (let a = 0; a < 256; a++) {
        one[0] = a;
        check(session, scenario, one);
        two[0] = a;
        for (let b = 0; b < 256; b++) {
          two[1] = b;
          check(session, scenario, two);
        }
      }
    });
  }

  it('every 3-byte string of a known op code, running forward and backward', () => {
    for (const scenario of scenarios().filter((candidate) => candidate.name.startsWith('running'))) {
      const session = makeControlSession(FULL_LIMITS, scenario.view, 0);
      const three = new Uint8Array(3);
      for (const op of [0x00, 0x01, 0x02, 0x03, 0x07, 0x08]) {
        three[0] = op;
        for (let parameter = 0; parameter < 65536; parameter++) {
          three[1] = parameter & 0xff;
          three[2] = parameter >> 8;
          check(session, scenario, three);
        }
      }
    }
  });

  it('random strings of any length in every scenario', () => {
    const all = scenarios();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 40 }), fc.integer({ min: 0, max: all.length - 1 }), (bytes, index) => {
        const scenario = all[index];
        check(makeControlSession(FULL_LIMITS, scenario.view, 0), scenario, bytes);
      }),
      { numRuns: 2000 },
    );
  });
});
