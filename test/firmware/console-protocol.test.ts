// The wired console's line protocol: requests answered as the firmware would answer a person at the machine; bad lines get an error and change nothing.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { consoleReplyLine, MAX_LINE_LENGTH } from '../../firmware/console-protocol';
import { FULL_LINE_LENGTH } from '../../firmware/training-console';
import { storedRecords, type Reply } from './console-reply';
import { makeRig, type Rig } from '../closed-loop/harness';


function send(rig: Rig, request: object | string): Reply {
  return JSON.parse(consoleReplyLine(typeof request === 'string' ? request : JSON.stringify(request), rig.firmware)) as Reply;
}


/** What a bad line must leave as it was. */
function snapshot(rig: Rig): string {
  const status = rig.firmware.status();
  return JSON.stringify([status.state, status.direction, status.pendingDirection, status.targetSpeedKph, status.targetInclinePct, status.fault, rig.firmware.programStatus().phase]);
}

describe('console protocol', () => {
  it('runs a session: start (local), speed, status, stop; the id comes back', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    const started = send(rig, { id: 1, cmd: 'start' });
    assert.deepEqual(started, { ok: true, message: 'start: countdown', id: 1 });
    rig.scheduler.advance(6000);
    assert.equal(send(rig, { id: 'a', cmd: 'speed', kph: 3.2 }).ok, true);
    rig.scheduler.advance(8000);
    const status = send(rig, { id: 2, cmd: 'status' });
    assert.equal(status.ok, true);
    assert.equal(status.id, 2);
    assert.equal((status.data as { state: string }).state, 'running');
    assert.equal((status.data as { targetSpeedKph: number }).targetSpeedKph, 3.2);
    assert.ok(Math.abs((status.data as { measuredSpeedKph: number }).measuredSpeedKph - 3.2) < 0.3);
    assert.equal(send(rig, { cmd: 'stop' }).ok, true);
    rig.scheduler.advance(10000);
    assert.equal(rig.firmware.status().state, 'idle');
  });

  it('answers a refusal with the firmware\'s reason, and programs, direction and incline by name', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    assert.deepEqual(send(rig, { cmd: 'speed', kph: 3 }), { ok: false, error: 'belt not running: press start first' });
    assert.equal(send(rig, { cmd: 'direction', direction: 'backward' }).ok, true);
    rig.scheduler.advance(3000);
    assert.equal(rig.firmware.status().direction, 'backward');
    const incline = send(rig, { cmd: 'incline', pct: 2 });
    assert.equal(incline.ok, true, incline.error);
    const program = send(rig, { cmd: 'program', name: 'backward-intro' });
    assert.equal(program.ok, true, program.error);
    assert.equal((send(rig, { cmd: 'programStatus' }).data as { name: string }).name, 'backward-intro');
    assert.match(send(rig, { cmd: 'help' }).message as string, /speed kph, direction direction, incline pct/);
  });

  it('streams the status on request, with a line at each state change, until unwatch', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    const log = rig.sim.hal.log as unknown as { lines: string[] };
    const dataLines = () => log.lines.filter((line) => / data /.test(line)).map((line) => JSON.parse(line.slice(line.indexOf(' data ') + 6)) as { event: string; to?: string; state?: string });
    assert.deepEqual(send(rig, { cmd: 'watch', everyMs: 500 }), { ok: true, message: 'status every 500 ms, and each state change' });
    rig.scheduler.advance(2000);
    assert.equal(dataLines().filter((line) => line.event === 'status').length, 4);
    assert.equal(dataLines()[0].state, 'idle');
    send(rig, { cmd: 'start' });
    rig.scheduler.advance(4000);
    assert.deepEqual(
      dataLines().filter((line) => line.event === 'state').map((line) => line.to),
      ['countdown', 'running'],
    );
    assert.equal(send(rig, { cmd: 'unwatch' }).message, 'stream stopped');
    const count = dataLines().length;
    rig.scheduler.advance(3000);
    send(rig, { cmd: 'stop' });
    rig.scheduler.advance(8000);
    assert.equal(dataLines().length, count, 'nothing after unwatch');
    assert.deepEqual(send(rig, { cmd: 'watch', everyMs: 50 }), { ok: false, error: 'watch: "everyMs" must be 200-60000 ms' });
  });

  [
    { line: 'start', error: /^not JSON: / },
    { line: '[1,2]', error: /^a request is a JSON object/ },
    { line: '{"id":3}', error: /^"cmd" missing: one of status, help, start/ },
    { line: '{"cmd":"launch"}', error: /^unknown cmd "launch": one of / },
    { line: '{"cmd":"constructor"}', error: /^unknown cmd "constructor"/ },
    { line: '{"cmd":"speed","kph":"fast"}', error: /^speed: "kph" must be a number of km\/h$/ },
    { line: '{"cmd":"speed","kph":3,"kmh":4}', error: /^speed: unknown field "kmh" \(takes kph\)$/ },
    { line: '{"cmd":"start","force":true}', error: /^start: unknown field "force" \(takes none\)$/ },
    { line: '{"cmd":"direction","direction":"up"}', error: /^direction: "direction" must be "forward" or "backward"$/ },
    { line: '{"cmd":"program","name":""}', error: /^program: "name" must be/ },
    { line: 'x'.repeat(MAX_LINE_LENGTH + 1), error: /^line too long: 513 characters, at most 512$/ },
  ].forEach((testCase) => {
    it('refuses ' + JSON.stringify(testCase.line.slice(0, 40)) + ' with an error that names the problem', () => {
      const rig = makeRig({ walkerMode: 'off' }, {});
      const before = snapshot(rig);
      const reply = send(rig, testCase.line);
      assert.equal(reply.ok, false);
      assert.match(reply.error as string, testCase.error);
      assert.equal(snapshot(rig), before);
    });
  });

  it('takes at least 1000 random and malformed lines (the full edition\'s commands among them) without an exception; every bad one gets an error and changes nothing', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    const commands = ['status', 'help', 'start', 'stop', 'speed', 'direction', 'incline', 'program', 'pause', 'resume', 'skip', 'calibrate', 'clearFault', 'freeBelt', 'memory', 'settings', 'set', 'history', 'suggestion', 'programs', 'upload', 'deleteProgram', 'beltDistance', 'calibration', 'x', '', 'toString', '__proto__'];
    const value = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }));
    // Plausible values for the full edition's fields, so that the fuzz reaches past their type checks.
    const segment = fc.record({ durationS: fc.oneof(fc.integer({ min: -5, max: 4000 }), value), direction: fc.oneof(fc.constantFrom('forward', 'backward'), value), speedKph: fc.oneof(fc.double({ min: -1, max: 20, noNaN: true }), value), inclinePct: value, label: value }, { requiredKeys: [] });
    const program = fc.oneof(value, fc.record({ name: fc.oneof(fc.constantFrom('intervals', 'mine', 'a b', 'x'.repeat(30)), value), segments: fc.oneof(fc.array(segment, { maxLength: 4 }), value) }, { requiredKeys: [] }));
    const request = fc.record(
      {
        id: fc.oneof(fc.integer(), fc.string({ maxLength: 40 }), fc.constant(null)),
        cmd: fc.oneof(fc.constantFrom(...commands), value),
        kph: value,
        pct: value,
        direction: fc.oneof(fc.constantFrom('forward', 'backward'), value),
        name: fc.oneof(fc.constantFrom('mine', 'intervals', 'backward-progression-9'), value),
        field: fc.oneof(fc.constantFrom('units', 'userWeightKg', 'forwardMaxSpeedKph', 'backwardMaxSpeedKph', 'forwardMaxInclinePct', 'backwardMaxInclinePct', 'metersPerPulse'), value),
        value: fc.oneof(fc.constantFrom('kph', 'mph'), fc.double({ min: -10, max: 300, noNaN: true }), value),
        last: fc.oneof(fc.integer({ min: -1, max: 7 }), value),
        skip: fc.oneof(fc.integer({ min: -1, max: 25 }), value),
        program: program,
        rollerDiameterM: fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), value),
        pulsesPerRevolution: fc.oneof(fc.integer({ min: -1, max: 10 }), value),
        pulses: value,
        extra: value,
      },
      { requiredKeys: [] },
    );
    const line = fc.oneof(
      request.map((item) => JSON.stringify(item)),
      request.map((item) => JSON.stringify(item).slice(0, -1)),
      fc.string({ maxLength: 80 }),
      fc.string({ minLength: FULL_LINE_LENGTH - 5, maxLength: FULL_LINE_LENGTH + 50 }),
      fc.json(),
    );
    let bad = 0;
    fc.assert(
      fc.property(line, (text) => {
        const before = snapshot(rig) + storedRecords(rig);
        const replyText = rig.firmware.reply(text);
        const reply = JSON.parse(replyText) as Reply;
        assert.equal(typeof reply.ok, 'boolean');
        if (!reply.ok) {
          bad++;
          assert.ok(typeof reply.error === 'string' && reply.error.length > 0, replyText);
          assert.equal(snapshot(rig) + storedRecords(rig), before, 'a refused line changed the treadmill or its storage: ' + text.slice(0, 80) + ' -> ' + replyText);
        }
        // Bounded: a reply is one line, and even a history or program list stays short.
        assert.ok(replyText.indexOf('\n') < 0 && replyText.length < 3000, replyText.slice(0, 80));
        rig.scheduler.advance(50);
      }),
      { numRuns: 1500 },
    );
    assert.ok(bad > 500, bad + ' bad lines among 1500');
    // Not a line of text at all.
    assert.equal((JSON.parse(consoleReplyLine(42, rig.firmware)) as Reply).ok, false);
  });
});
