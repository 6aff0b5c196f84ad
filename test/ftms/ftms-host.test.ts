// Whole sessions over FTMS on the simulated treadmill: what an app reads, writes and is told, through the firmware's safety rules.

import assert from 'node:assert/strict';
import { advance, local, selectDirection, setSpeed, startAndRun } from '../faults/fault-rig';
import { bytesFromHex } from '../../sim/ftms/hex-bytes';
import { decodeFeature, decodeInclineRange, decodeSpeedRange, decodeTreadmillData } from './ftms-client';
import { FtmsClient, latestTreadmillData, machineStatuses, makeFtmsRig, trainingStatus, type FtmsRig } from './ftms-sim-rig';

/** Run until the state is `state`, at most `limitMs`; returns the time it took. */
function runUntilState(rig: FtmsRig, state: string, limitMs: number): number {
  const startMs = rig.scheduler.nowMs();
  while (rig.firmware.status().state !== state) {
    if (rig.scheduler.nowMs() - startMs > limitMs) assert.fail('never reached ' + state + ' (still ' + rig.firmware.status().state + ')');
    advance(rig, 50);
  }
  return rig.scheduler.nowMs() - startMs;
}

/** A rig with client 1 connected and in control. */
function controlled(): { rig: FtmsRig; client: FtmsClient } {
  const rig = makeFtmsRig();
  const client = new FtmsClient(rig);
  client.connect();
  client.expect('00', '800001');
  return { rig, client };
}

/** Armed by a start at the machine, then paused by the app and back at rest: ready for a remote start. */
function armedAndPaused(): { rig: FtmsRig; client: FtmsClient } {
  const made = controlled();
  startAndRun(made.rig);
  advance(made.rig, 2000);
  made.client.expect('0802', '800801');
  runUntilState(made.rig, 'idle', 10000);
  // The belt must have been seen still before a start from idle.
  advance(made.rig, 4000);
  return made;
}

describe('FTMS host on the simulated treadmill', () => {
  it('serves the feature, the current ranges and the training status from boot, before any client connects', () => {
    const rig = makeFtmsRig();
    const client = new FtmsClient(rig);
    assert.deepEqual(decodeFeature(bytesFromHex(client.read('feature'))), { machineFeatures: 0x3a1d, targetSettingFeatures: 0x03 });
    assert.deepEqual(decodeSpeedRange(bytesFromHex(client.read('speedRange'))), { minimumSpeedKph: 0.8, maximumSpeedKph: 16, minimumIncrementKph: 0.1 });
    assert.deepEqual(decodeInclineRange(bytesFromHex(client.read('inclineRange'))), { minimumInclinationPct: 0, maximumInclinationPct: 15, minimumIncrementPct: 0.5 });
    assert.deepEqual(trainingStatus(client), { flags: 0, trainingStatusCode: 0x01 });
    advance(rig, 3000);
    assert.equal(rig.link.sent('treadmillData').length, 0, 'no data while nobody is connected');
  });

  it('sends Treadmill Data once a second while a client is connected, every part decodable, with the belt speed', () => {
    const { rig, client } = controlled();
    startAndRun(rig);
    client.skip();
    advance(rig, 5000);
    const parts = client.since('treadmillData');
    // A 27-byte record in two 20-byte notifications each second.
    assert.equal(parts.length, 10);
    parts.forEach((hex) => assert.ok(hex.length / 2 <= 20, hex));
    const record = latestTreadmillData(rig);
    assert.ok(Math.abs((record.instantaneousSpeedKph as number) - rig.sim.beltSpeedKph()) < 0.15, 'speed ' + record.instantaneousSpeedKph);
    assert.ok((record.elapsedTimeS as number) >= 4, 'elapsed ' + record.elapsedTimeS);
    client.disconnect();
    client.skip();
    advance(rig, 3000);
    assert.deepEqual(client.since('treadmillData'), [], 'data stops with the last client');
  });

  it('refuses Start before a local arming (control not permitted), and the belt never moves', () => {
    const { rig, client } = controlled();
    advance(rig, 4000);
    client.expect('07', '800705');
    advance(rig, 5000);
    assert.equal(rig.firmware.status().state, 'idle');
    assert.equal(rig.sim.beltDistanceM(), 0);
    // Without control first: control not permitted as well.
    const other = new FtmsClient(rig, 2);
    other.connect();
    other.expect('07', '800705');
  });

  it('armed at the machine: the app sets speed (rounded to the increment) and incline, pauses and restarts through the countdown', () => {
    const { rig, client } = controlled();
    client.skip();
    startAndRun(rig);
    // Started, and the target the start set (the start speed).
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x04 }, { opCode: 0x05, newTargetSpeedKph: 0.8 }]);
    assert.deepEqual(trainingStatus(client), { flags: 0, trainingStatusCode: 0x0d });
    advance(rig, 1000);
    // 2.29 km/h from a client that truncates 2.3: rounded to the 0.1 km/h increment.
    client.expect('02e500', '800201');
    assert.equal(rig.firmware.status().targetSpeedKph, 2.3);
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x05, newTargetSpeedKph: 2.3 }]);
    advance(rig, 4000);
    assert.ok(Math.abs(rig.sim.beltSpeedKph() - 2.3) < 0.15, 'belt ' + rig.sim.beltSpeedKph());
    // Outside the forward range: invalid parameter, nothing changes.
    client.expect('02d007', '800203');
    client.expect('024600', '800203');
    assert.equal(rig.firmware.status().targetSpeedKph, 2.3);
    // Incline 3 %: the deck's target follows.
    client.expect('031e00', '800301');
    assert.equal(rig.firmware.status().targetInclinePct, 3);
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x06, newTargetInclinationPct: 3 }]);
    client.expect('03a000', '800303');
    // Pause: stopped and reported as paused; the session stays armed.
    client.expect('0802', '800801');
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x02, controlInformation: 0x02 }]);
    runUntilState(rig, 'idle', 10000);
    advance(rig, 4000);
    client.expect('07', '800701');
    assert.equal(rig.firmware.status().state, 'countdown');
    assert.deepEqual(trainingStatus(client), { flags: 0, trainingStatusCode: 0x0e });
    const countdownMs = runUntilState(rig, 'running', 5000);
    assert.ok(countdownMs >= 2900, 'countdown of ' + countdownMs + ' ms');
    // The target went to 0 at rest, then the start and the start speed.
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x05, newTargetSpeedKph: 0 }, { opCode: 0x04 }, { opCode: 0x05, newTargetSpeedKph: 0.8 }]);
    // Start while running: operation failed.
    client.expect('07', '800704');
    client.expect('0801', '800801');
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x02, controlInformation: 0x01 }]);
    runUntilState(rig, 'idle', 10000);
    client.expect('0801', '800804');
  });

  it('an app never restarts a belt stopped at the machine: a console stop disarms', () => {
    const { rig, client } = controlled();
    startAndRun(rig);
    advance(rig, 2000);
    local(rig, 'stop');
    runUntilState(rig, 'idle', 10000);
    advance(rig, 4000);
    client.expect('07', '800705');
    advance(rig, 4000);
    assert.equal(rig.firmware.status().state, 'idle');
  });

  it('remote starts pass the safety table only through the control point: a direct remote start is refused while armed', () => {
    const { rig } = armedAndPaused();
    const result = rig.firmware.command({ name: 'start', source: 'remote' });
    assert.equal(result.accepted, false);
    assert.match(result.message, /remote start refused/);
    assert.equal(rig.firmware.status().state, 'idle');
  });

  it('reports console changes to the app: speed, stop, start', () => {
    const { rig, client } = controlled();
    startAndRun(rig);
    advance(rig, 1000);
    client.skip();
    setSpeed(rig, 3);
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x05, newTargetSpeedKph: 3 }]);
    // A raise chosen before the app could see the console's change is stale: operation failed.
    client.expect('025e01', '800204');
    assert.equal(rig.firmware.status().targetSpeedKph, 3);
    // The current target again is a success that changes nothing.
    client.expect('022c01', '800201');
    assert.deepEqual(client.since('machineStatus'), []);
    advance(rig, 2500);
    // A raise after the window is deliberate; sent twice, it changes the speed once.
    client.expect('025e01', '800201');
    client.expect('025e01', '800201');
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x05, newTargetSpeedKph: 3.5 }]);
    assert.equal(rig.firmware.status().targetSpeedKph, 3.5);
  });

  it('a key pull while the app controls the belt: "stopped by safety key", motor cut, and no remote start after', () => {
    const { rig, client } = controlled();
    startAndRun(rig);
    advance(rig, 2000);
    client.skip();
    rig.sim.pullKey();
    advance(rig, 200);
    assert.equal(rig.firmware.status().state, 'fault');
    assert.equal(rig.sim.motorEnable.read(), false);
    // The key pull alone, not as a stop by the user; then the target the fault cleared.
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x03 }, { opCode: 0x05, newTargetSpeedKph: 0 }]);
    assert.deepEqual(trainingStatus(client), { flags: 0, trainingStatusCode: 0x01 });
    rig.sim.insertKey();
    advance(rig, 500);
    client.expect('07', '800705');
    advance(rig, 4000);
    local(rig, 'clearFault');
    advance(rig, 4000);
    client.expect('07', '800705');
    assert.equal(rig.firmware.status().state, 'idle');
  });

  it('a disconnect mid-ramp loses control and holds the belt at the speed reached: it never accelerates', () => {
    const { rig, client } = controlled();
    startAndRun(rig);
    advance(rig, 2000);
    client.expect('025802', '800201');
    advance(rig, 1500);
    const reachedKph = rig.firmware.status().setpointKph;
    assert.ok(reachedKph > 0.9 && reachedKph < 5, 'setpoint ' + reachedKph);
    client.disconnect();
    const heldKph = rig.firmware.status().targetSpeedKph;
    assert.ok(heldKph <= reachedKph + 1e-9 && heldKph >= reachedKph - 0.1, 'held at ' + heldKph + ', reached ' + reachedKph);
    let maxBeltKph = 0;
    for (let elapsedMs = 0; elapsedMs < 8000; elapsedMs += 100) {
      advance(rig, 100);
      maxBeltKph = Math.max(maxBeltKph, rig.sim.beltSpeedKph());
    }
    assert.ok(maxBeltKph < heldKph + 0.3, 'belt reached ' + maxBeltKph.toFixed(2) + ' km/h after holding at ' + heldKph);
    assert.equal(rig.firmware.status().state, 'running');
    // Control is gone: the same client back must ask again; another may take it.
    const other = new FtmsClient(rig, 2);
    other.connect();
    other.expect('00', '800001');
  });

  it('a disconnect during a countdown the app started cancels it', () => {
    const { rig, client } = armedAndPaused();
    client.expect('07', '800701');
    advance(rig, 1000);
    client.disconnect();
    assert.equal(rig.firmware.status().state, 'idle');
    advance(rig, 5000);
    assert.equal(rig.firmware.status().state, 'idle');
  });

  it('backward: the ranges, the incline sign, the status text and the caps a backward walker gets', () => {
    const { rig, client } = controlled();
    selectDirection(rig, 'backward');
    assert.deepEqual(decodeSpeedRange(bytesFromHex(client.read('speedRange'))), { minimumSpeedKph: 0.8, maximumSpeedKph: 4, minimumIncrementKph: 0.1 });
    assert.deepEqual(decodeInclineRange(bytesFromHex(client.read('inclineRange'))), { minimumInclinationPct: -10, maximumInclinationPct: 0, minimumIncrementPct: 0.5 });
    assert.deepEqual(trainingStatus(client), { flags: 1, trainingStatusCode: 0x01, text: 'Walking backward' });
    advance(rig, 4000);
    startAndRun(rig);
    assert.deepEqual(trainingStatus(client), { flags: 1, trainingStatusCode: 0x0d, text: 'Walking backward' });
    advance(rig, 1000);
    client.expect('02c201', '800203');
    client.expect('02c800', '800201');
    // A positive target is uphill for the walker: outside the backward range.
    client.expect('031e00', '800303');
    client.skip();
    client.expect('03e2ff', '800301');
    assert.equal(rig.firmware.status().targetInclinePct, 3);
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x06, newTargetInclinationPct: -3 }]);
    advance(rig, 30000);
    const record = latestTreadmillData(rig);
    assert.ok((record.inclinationPct as number) < -2.5, 'inclination ' + record.inclinationPct);
    assert.ok((record.instantaneousSpeedKph as number) > 1.8, 'speed is the magnitude: ' + record.instantaneousSpeedKph);
    assert.ok((record.negativeElevationGainM as number) > 0 && record.positiveElevationGainM === 0, JSON.stringify(record));
  });

  it('a Reset releases control and disarms: the app must ask again, and a start is refused', () => {
    const { rig, client } = armedAndPaused();
    client.skip();
    client.expect('01', '800101');
    assert.deepEqual(machineStatuses(client.since('machineStatus')), [{ opCode: 0x01 }]);
    client.expect('07', '800705');
    client.expect('00', '800001');
    client.expect('07', '800705');
    assert.equal(rig.firmware.status().state, 'idle');
  });

  it('every value the host sends decodes with the independent client', () => {
    const { rig } = controlled();
    startAndRun(rig);
    advance(rig, 3000);
    rig.link.events.filter((event) => event.kind === 'send' && event.characteristic === 'treadmillData').forEach((event) => {
      assert.doesNotThrow(() => decodeTreadmillData(event.bytes));
    });
    assert.ok(rig.link.sent('treadmillData').length >= 4);
  });
});
