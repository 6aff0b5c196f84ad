// The full edition's console commands (settings, history, suggestion, programs, calibration, belt distance, memory): accepted, refused naming the problem, nothing changed on refusal.

import assert from 'node:assert/strict';
import { bootCompactTreadmill } from '../../firmware/compact-edition';
import { MAX_STORED_PROGRAMS, FULL_LINE_LENGTH } from '../../firmware/training-console';
import { loadSettings } from '../../firmware/persistence/settings-record';
import { HISTORY_LENGTH, writeHistoryEntry, type HistoryEntry } from '../../firmware/persistence/session-history';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS } from '../../sim/sim-treadmill';
import { storedRecords, type Reply } from './console-reply';
import { makeRig, waitForBeltStill, type Rig } from '../closed-loop/harness';


function send(rig: Rig, request: object | string): Reply {
  const line = rig.firmware.reply(typeof request === 'string' ? request : JSON.stringify(request));
  assert.ok(line.indexOf('\n') < 0, 'one line');
  return JSON.parse(line) as Reply;
}


function refusedWithNothingChanged(rig: Rig, request: object | string, error: RegExp): void {
  const before = storedRecords(rig);
  const state = JSON.stringify(rig.firmware.status());
  const reply = send(rig, request);
  assert.equal(reply.ok, false, JSON.stringify(reply));
  assert.match(reply.error as string, error);
  assert.equal(storedRecords(rig), before, 'a refusal wrote to storage');
  assert.equal(JSON.stringify(rig.firmware.status()), state, 'a refusal changed the treadmill');
}

const TURN_ROUND = {
  name: 'turn-round',
  segments: [
    { durationS: 120, direction: 'forward', speedKph: 3.5, label: 'warm-up' },
    { durationS: 300, direction: 'backward', speedKph: 1.6, inclinePct: 2, label: 'backward' },
  ],
};

function entry(session: number, direction: 'forward' | 'backward', stopReason: string): HistoryEntry {
  return { session, direction, durationS: 300 + session, forwardDistanceM: direction === 'forward' ? 250.123456 : 0, backwardDistanceM: direction === 'backward' ? 70.98765 : 0, averageSpeedKph: 0.84321, maxSpeedKph: 0.9, slowDownCount: 0, stopReason, peakInclinePct: 0 };
}

describe('console protocol: the full edition\'s commands', () => {
  it('settings lists the stored and the running values; set stores a field through the settings check', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    const read = send(rig, { cmd: 'settings' });
    assert.equal(read.ok, true);
    assert.deepEqual((read.data as { stored: object }).stored, { units: 'kph', userWeightKg: null, forwardMaxSpeedKph: null, backwardMaxSpeedKph: null, forwardMaxInclinePct: null, backwardMaxInclinePct: null });
    assert.equal((read.data as { running: { backwardMaxSpeedKph: number } }).running.backwardMaxSpeedKph, 4);
    const set = send(rig, { id: 7, cmd: 'set', field: 'userWeightKg', value: 82 });
    assert.equal(set.ok, true, set.error);
    assert.equal(set.id, 7);
    assert.match(set.message as string, /^userWeightKg set; settings saved/);
    assert.equal(send(rig, { cmd: 'set', field: 'units', value: 'mph' }).ok, true);
    assert.equal(send(rig, { cmd: 'set', field: 'backwardMaxSpeedKph', value: 3 }).ok, true);
    const stored = loadSettings(rig.sim.storage, rig.sim.hal.log);
    assert.equal(stored.userWeightKg, 82);
    assert.equal(stored.units, 'mph');
    assert.equal(stored.backwardMaxSpeedKph, 3);
    // null clears a field: the configuration's value applies again.
    assert.equal(send(rig, { cmd: 'set', field: 'userWeightKg', value: null }).ok, true);
    assert.equal(loadSettings(rig.sim.storage, rig.sim.hal.log).userWeightKg, null);
  });

  [
    { request: { cmd: 'set', field: 'backwardMaxSpeedKph', value: 9 }, error: /^set: settings refused: backwardMaxSpeedKph .*6\.4/ },
    { request: { cmd: 'set', field: 'userWeightKg', value: 5 }, error: /^set: settings refused: userWeightKg / },
    { request: { cmd: 'set', field: 'userWeightKg', value: '80' }, error: /^set: settings refused: userWeightKg / },
    { request: { cmd: 'set', field: 'units', value: 'knots' }, error: /^set: settings refused: units must be "kph" or "mph"$/ },
    { request: { cmd: 'set', field: 'forwardMaxInclinePct', value: -1 }, error: /^set: settings refused: forwardMaxInclinePct / },
    { request: { cmd: 'set', field: 'metersPerPulse', value: 1 }, error: /^set: "field" must be one of units, userWeightKg, / },
    { request: { cmd: 'set', field: 'units' }, error: /^set: "value" missing/ },
    { request: { cmd: 'set', field: 'units', value: 'mph', extra: 1 }, error: /^set: unknown field "extra" \(takes field, value\)$/ },
  ].forEach((testCase) => {
    it('refuses ' + JSON.stringify(testCase.request) + ' naming the field, and stores nothing', () => {
      const rig = makeRig({ walkerMode: 'off' }, {});
      assert.equal(send(rig, { cmd: 'set', field: 'userWeightKg', value: 75 }).ok, true);
      refusedWithNothingChanged(rig, testCase.request, testCase.error);
      assert.equal(loadSettings(rig.sim.storage, rig.sim.hal.log).userWeightKg, 75);
    });
  });

  it('history gives the last sessions oldest first, at most a page a reply, older ones by skip', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    assert.deepEqual(send(rig, { cmd: 'history' }).data, { total: 0, sessions: [] });
    for (let session = 1; session <= 8; session++) writeHistoryEntry(rig.sim.storage, entry(session, session % 2 === 0 ? 'backward' : 'forward', 'user'));
    const page = send(rig, { cmd: 'history' });
    const sessions = (page.data as { sessions: HistoryEntry[] }).sessions;
    assert.deepEqual(sessions.map((item) => item.session), [4, 5, 6, 7, 8]);
    assert.equal(sessions[4].averageSpeedKph, 0.84, 'figures rounded for the line');
    assert.equal(page.message, '5 of 8 stored sessions, oldest first; 3 older: skip 5');
    const older = send(rig, { cmd: 'history', last: 5, skip: 5 });
    assert.deepEqual((older.data as { sessions: HistoryEntry[] }).sessions.map((item) => item.session), [1, 2, 3]);
    assert.deepEqual((send(rig, { cmd: 'history', last: 1 }).data as { sessions: HistoryEntry[] }).sessions.map((item) => item.session), [8]);
    assert.deepEqual((send(rig, { cmd: 'history', skip: HISTORY_LENGTH }).data as { sessions: HistoryEntry[] }).sessions, []);
    refusedWithNothingChanged(rig, { cmd: 'history', last: 6 }, /^history: "last" must be a whole number 1-5$/);
    refusedWithNothingChanged(rig, { cmd: 'history', last: 1.5 }, /^history: "last" must be a whole number 1-5$/);
    refusedWithNothingChanged(rig, { cmd: 'history', skip: -1 }, /^history: "skip" must be a whole number 0-20$/);
    // A full history (20 sessions of the longest figures) still fits a bounded line.
    for (let session = 9; session <= 40; session++) writeHistoryEntry(rig.sim.storage, entry(session * 1000000, 'backward', 'fault:encoderLoss'));
    assert.ok(rig.firmware.reply('{"cmd":"history"}').length < 2000);
  });

  it('suggestion proposes the next backward session from the stored history', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    const first = send(rig, { cmd: 'suggestion' });
    assert.equal(first.ok, true);
    assert.deepEqual([(first.data as { durationMin: number }).durationMin, (first.data as { speedKph: number }).speedKph, (first.data as { basedOnSession: unknown }).basedOnSession], [5, 0.8, null]);
    writeHistoryEntry(rig.sim.storage, entry(1, 'backward', 'completed'));
    const next = send(rig, { cmd: 'suggestion' });
    assert.equal((next.data as { durationMin: number }).durationMin, 6);
    assert.equal((next.data as { basedOnSession: number }).basedOnSession, 1);
    refusedWithNothingChanged(rig, { cmd: 'suggestion', last: 1 }, /^suggestion: unknown field "last" \(takes none\)$/);
  });

  it('uploads a custom program checked as the firmware checks it, lists it, runs it by name and deletes it', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    const listed = send(rig, { cmd: 'programs' });
    assert.ok((listed.data as { builtin: string[] }).builtin.indexOf('backward-progression-8') >= 0);
    assert.deepEqual((listed.data as { stored: string[] }).stored, []);
    const upload = send(rig, { cmd: 'upload', program: TURN_ROUND });
    assert.equal(upload.ok, true, upload.error);
    assert.equal(upload.message, 'program turn-round saved; run it as program turn-round');
    assert.deepEqual((send(rig, { cmd: 'programs' }).data as { stored: string[] }).stored, ['turn-round']);
    const run = send(rig, { cmd: 'program', name: 'turn-round' });
    assert.equal(run.ok, true, run.error);
    assert.equal(rig.firmware.programStatus().name, 'turn-round');
    assert.equal(send(rig, { cmd: 'stop' }).ok, true);
    const deleted = send(rig, { cmd: 'deleteProgram', name: 'turn-round' });
    assert.deepEqual(deleted, { ok: true, message: 'program turn-round deleted' });
    assert.deepEqual((send(rig, { cmd: 'programs' }).data as { stored: string[] }).stored, []);
    assert.equal(rig.sim.storage.read('rt.p.turn-round'), undefined);
  });

  const tooFast = { name: 'too-fast', segments: [{ durationS: 60, direction: 'backward', speedKph: 5 }] };
  [
    { request: { cmd: 'upload', program: tooFast }, error: /^upload: segments\[0\]\.speedKph: 5 is above the backward cap of 4\.0 km\/h$/ },
    { request: { cmd: 'upload', program: { name: 'x', segments: [] } }, error: /^upload: segments: expected a non-empty list/ },
    { request: { cmd: 'upload', program: { name: 'x', segments: [{ durationS: 0, direction: 'forward', speedKph: 2 }] } }, error: /^upload: segments\[0\]\.durationS: 0 is outside 1\.\.3600 s$/ },
    { request: { cmd: 'upload', program: { name: 'intervals', segments: TURN_ROUND.segments } }, error: /^upload: name "intervals" is a built-in program's/ },
    { request: { cmd: 'upload', program: { name: 'has space', segments: TURN_ROUND.segments } }, error: /^upload: program refused: a program name may hold only letters/ },
    { request: { cmd: 'upload', program: 42 }, error: /^upload: program: expected an object/ },
    { request: { cmd: 'upload' }, error: /^upload: "program" missing/ },
    { request: { cmd: 'deleteProgram', name: 'intervals' }, error: /^deleteProgram: "intervals" is built in/ },
    { request: { cmd: 'deleteProgram', name: 'nothing-here' }, error: /^deleteProgram: no stored program called "nothing-here"$/ },
    { request: { cmd: 'deleteProgram', name: 7 }, error: /^deleteProgram: "name" must be a stored program's name$/ },
  ].forEach((testCase) => {
    it('refuses ' + JSON.stringify(testCase.request).slice(0, 70) + ' naming the problem, and stores nothing', () => {
      const rig = makeRig({ walkerMode: 'off' }, {});
      assert.equal(send(rig, { cmd: 'upload', program: TURN_ROUND }).ok, true);
      refusedWithNothingChanged(rig, testCase.request, testCase.error);
      assert.deepEqual((send(rig, { cmd: 'programs' }).data as { stored: string[] }).stored, ['turn-round']);
    });
  });

  it('keeps at most MAX_STORED_PROGRAMS programs, and takes a line long enough for a 40-segment program', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    for (let index = 0; index < MAX_STORED_PROGRAMS; index++) assert.equal(send(rig, { cmd: 'upload', program: { name: 'p' + index, segments: TURN_ROUND.segments } }).ok, true);
    refusedWithNothingChanged(rig, { cmd: 'upload', program: { name: 'one-more', segments: TURN_ROUND.segments } }, /^upload: 16 programs stored, the most kept: delete one first$/);
    // Replacing a stored one is still allowed.
    assert.equal(send(rig, { cmd: 'upload', program: { name: 'p0', segments: TURN_ROUND.segments.slice(0, 1) } }).ok, true);
    assert.equal(send(rig, { cmd: 'deleteProgram', name: 'p1' }).ok, true);
    const segments = [];
    for (let index = 0; index < 40; index++) segments.push({ durationS: 60, direction: 'forward', speedKph: 3 + (index % 5) / 10, label: 'segment ' + index });
    const line = JSON.stringify({ cmd: 'upload', program: { name: 'long-one', segments } });
    assert.ok(line.length > 512 && line.length <= FULL_LINE_LENGTH, String(line.length));
    const reply = send(rig, line);
    assert.equal(reply.ok, true, reply.error);
    refusedWithNothingChanged(rig, 'x'.repeat(FULL_LINE_LENGTH + 1), /^line too long: 4097 characters, at most 4096$/);
  });

  it('beltDistance stores the belt travel per pulse as setBeltDistance does; calibration reports it', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    const before = send(rig, { cmd: 'calibration' });
    assert.equal(before.message, 'no calibration run since start-up');
    assert.deepEqual((before.data as { stored: object }).stored, { metersPerPulse: null, dutyMap: null });
    const set = send(rig, { cmd: 'beltDistance', beltLengthM: 2.8, revolutions: 10, pulses: 280 });
    assert.equal(set.ok, true, set.error);
    assert.match(set.message as string, /^belt distance 0\.10000 m per pulse stored; it takes effect at the next power-up$/);
    const after = send(rig, { cmd: 'calibration' });
    assert.equal((after.data as { stored: { metersPerPulse: number } }).stored.metersPerPulse, 0.1);
    assert.equal((after.data as { calibrating: boolean }).calibrating, false);
    refusedWithNothingChanged(rig, { cmd: 'beltDistance', beltLengthM: 2.8, revolutions: 10 }, /^setBeltDistance refused: /);
    refusedWithNothingChanged(rig, { cmd: 'beltDistance', rollerDiameterM: '5cm', pulsesPerRevolution: 1 }, /^beltDistance: "rollerDiameterM" must be a number$/);
    refusedWithNothingChanged(rig, { cmd: 'beltDistance' }, /^setBeltDistance needs beltDistance with /);
    refusedWithNothingChanged(rig, { cmd: 'beltDistance', rollerDiameterM: 0.05, pulsesPerRevolution: 1, metres: 3 }, /^beltDistance: unknown field "metres"/);
    // Only with the belt stopped.
    assert.equal(send(rig, { cmd: 'start' }).ok, true);
    rig.scheduler.advance(5000);
    refusedWithNothingChanged(rig, { cmd: 'beltDistance', rollerDiameterM: 0.05, pulsesPerRevolution: 1 }, /^set the belt distance with the belt stopped$/);
  });

  it('memory reports the simulator\'s fixed figures and says they are not measured; a board without the port says so', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    const memory = send(rig, { cmd: 'memory' });
    assert.equal(memory.ok, true);
    assert.equal((memory.data as { totalVariables: number }).totalVariables, 16383);
    assert.match((memory.data as { note: string }).note, /^simulated: fixed figures/);
    const bare = makeRig({ walkerMode: 'off' }, {}, (hal) => {
      delete hal.memory;
    });
    assert.deepEqual(send(bare, { cmd: 'memory' }), { ok: false, error: 'memory: this board does not report it' });
  });

  it('help lists the full edition\'s commands with their fields', () => {
    const rig = makeRig({ walkerMode: 'off' }, {});
    assert.match(send(rig, { cmd: 'help' }).message as string, /memory, settings, set field value, history last skip, suggestion, programs, upload program, deleteProgram name, beltDistance rollerDiameterM /);
  });

  it('the compact edition answers each of them "not in this edition" and changes nothing', () => {
    const scheduler = new SimScheduler();
    const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, { walkerMode: 'off' }));
    const firmware = bootCompactTreadmill(sim.hal, { drive: sim.options.drive });
    waitForBeltStill(scheduler, firmware);
    const rig: Rig = { scheduler, sim, firmware };
    ['settings', 'set', 'history', 'suggestion', 'programs', 'upload', 'deleteProgram', 'beltDistance', 'calibration'].forEach((cmd) => {
      refusedWithNothingChanged(rig, { cmd: cmd, field: 'units', value: 'mph' }, new RegExp('^' + cmd + ': not in this edition$'));
    });
    assert.equal(send(rig, { cmd: 'memory' }).ok, true, 'memory is in every edition');
    refusedWithNothingChanged(rig, 'x'.repeat(513), /^line too long: 513 characters, at most 512$/);
  });
});
