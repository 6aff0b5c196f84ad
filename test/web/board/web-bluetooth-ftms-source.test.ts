// The web console's board over Web Bluetooth (FTMS), in Node: a fake GATT device playing the shared vectors' bytes.

import assert from 'node:assert/strict';
import { encodeTrainingStatus } from '../../../firmware/ftms/training-status';
import { SimScheduler } from '../../../sim/sim-scheduler';
import { bytesFromHex } from '../../../sim/ftms/hex-bytes';
import type { BoardSource } from '../../../web/board/board-source';
import { FTMS_CHARACTERISTICS, FTMS_SERVICE, NUS_SERVICE } from '../../../web/board/ftms-gatt-uuids';
import { CONTROL_ANSWER_TIMEOUT_MS, connectFtmsSource, FTMS_STALE_AFTER_MS } from '../../../web/board/web-bluetooth-ftms-source';
import vectors from '../../ftms/ftms-vectors.json';
import { runFor, settle, timersOn } from './board-test-time';
import { FakeCharacteristic, FakeDevice, fakeBluetooth } from './fake-gatt';

interface VectorCase {
  name: string;
  characteristic: string;
  hex: string;
  values: { [key: string]: unknown };
}

const CASES = vectors.cases as VectorCase[];

function vector(characteristic: string, nameContains: string): VectorCase {
  const found = CASES.find((item) => item.characteristic === characteristic && item.name.indexOf(nameContains) >= 0);
  if (found === undefined) throw new Error('no vector ' + characteristic + ' ' + nameContains);
  return found;
}

function bytes(characteristic: string, nameContains: string): Uint8Array {
  return bytesFromHex(vector(characteristic, nameContains).hex);
}

function hexOf(written: Uint8Array[]): string[] {
  return written.map((value) => Buffer.from(value).toString('hex'));
}

interface Rig {
  scheduler: SimScheduler;
  device: FakeDevice;
  chars: { [name: string]: FakeCharacteristic };
  source: BoardSource;
  bluetooth: ReturnType<typeof fakeBluetooth>;
}

/**
 * A treadmill that answers each control point write with `answers[opCode]` (a result code;
 * success when absent, no answer when 0), on the next turn, as an indication.
 */
async function connected(answers?: { [opCode: number]: number }): Promise<Rig> {
  const chars: { [name: string]: FakeCharacteristic } = {};
  const table: { [uuid: string]: FakeCharacteristic } = {};
  Object.keys(FTMS_CHARACTERISTICS).forEach((name) => {
    chars[name] = new FakeCharacteristic();
    table[String((FTMS_CHARACTERISTICS as { [name: string]: number })[name])] = chars[name];
  });
  chars.feature.readBytes = bytes('feature', 'retrotread');
  chars.trainingStatus.readBytes = bytes('trainingStatus', 'idle');
  const controlPoint = chars.controlPoint;
  controlPoint.onWrite = (written: Uint8Array) => {
    const result = answers && answers[written[0]] !== undefined ? answers[written[0]] : 1;
    if (result !== 0) setImmediate(() => controlPoint.emit(new Uint8Array([0x80, written[0], result])));
  };
  const device = new FakeDevice('retrotread', { [String(FTMS_SERVICE)]: table });
  const scheduler = new SimScheduler();
  const bluetooth = fakeBluetooth(device);
  const pending = connectFtmsSource(bluetooth, timersOn(scheduler));
  await settle();
  return { scheduler: scheduler, device: device, chars: chars, source: await pending, bluetooth: bluetooth };
}

describe('web console: a board over Web Bluetooth (FTMS)', () => {
  it('looks for the service by the Bluetooth SIG\'s 16-bit UUIDs (the table the board\'s link serves too)', () => {
    assert.equal(FTMS_SERVICE, 0x1826);
    assert.deepEqual(FTMS_CHARACTERISTICS, { feature: 0x2acc, treadmillData: 0x2acd, trainingStatus: 0x2ad3, speedRange: 0x2ad4, inclineRange: 0x2ad5, controlPoint: 0x2ad9, machineStatus: 0x2ada });
  });

  it('asks for FTMS treadmills (and the UART), reads and subscribes on connect, and writes nothing', async () => {
    const rig = await connected();
    assert.deepEqual(rig.bluetooth.requests, [{ filters: [{ services: [0x1826] }], optionalServices: [NUS_SERVICE] }]);
    assert.equal(rig.source.connected(), true);
    ['treadmillData', 'trainingStatus', 'machineStatus', 'controlPoint'].forEach((name) => assert.equal(rig.chars[name].subscribed, true, name));
    assert.deepEqual(rig.chars.controlPoint.written, []);
    // The vector's feature: speed and inclination targets; FTMS has no op for the rest.
    assert.equal(rig.source.supports('setSpeed'), true);
    assert.equal(rig.source.supports('setIncline'), true);
    assert.equal(rig.source.supports('start'), true);
    assert.equal(rig.source.supports('stop'), true);
    ['clearFault', 'speedUp', 'speedDown', 'setDirection', 'slowDown', 'freeBelt', 'startProgram', 'calibrate'].forEach((name) => assert.equal(rig.source.supports(name as 'start'), false, name));
    assert.equal(rig.source.status().state, null, 'nothing shown before the first Treadmill Data');
  });

  it('has no incline target when the feature does not claim it', async () => {
    const rig = await connected();
    const feature = new Uint8Array(bytes('feature', 'retrotread'));
    feature[4] = 0x01;
    rig.chars.feature.readBytes = feature;
    const again = await connectFtmsSource(fakeBluetooth(rig.device), timersOn(rig.scheduler));
    assert.equal(again.supports('setIncline'), false);
    again.command('setIncline', { inclinePct: 2 });
    assert.match(again.lastAnswer, /^setIncline: not available over FTMS/);
  });

  it('shows each single Treadmill Data record of the vectors with its values', async () => {
    const rig = await connected();
    CASES.filter((item) => item.characteristic === 'treadmillData' && item.values.moreData === false && item.name.indexOf('split') < 0).forEach((item) => {
      rig.chars.treadmillData.emit(bytesFromHex(item.hex));
      const status = rig.source.status();
      const values = item.values;
      assert.equal(status.measuredSpeedKph, values.instantaneousSpeedKph, item.name);
      assert.equal(status.inclinePct, values.inclinationPct === undefined ? null : values.inclinationPct, item.name);
      assert.equal(status.elapsedMs, values.elapsedTimeS === undefined ? null : (values.elapsedTimeS as number) * 1000, item.name);
      assert.equal(status.energyKcal, values.totalEnergyKcal === undefined ? null : values.totalEnergyKcal, item.name);
      assert.equal(status.totalDistanceM, values.totalDistanceM === undefined ? null : values.totalDistanceM, item.name);
      assert.equal(status.state, 'idle');
      assert.equal(status.direction, 'forward');
      assert.equal(status.keyPresent, null, 'FTMS cannot tell the key');
      assert.equal(status.beltKph, null);
    });
    assert.equal(rig.source.series.timeS.length, 6);
  });

  it('joins a split record: the first part alone changes nothing, the last completes it', async () => {
    const rig = await connected();
    rig.chars.treadmillData.emit(bytes('treadmillData', 'walking'));
    rig.chars.treadmillData.emit(bytes('treadmillData', 'split record 1/2'));
    assert.equal(rig.source.status().measuredSpeedKph, 3.2);
    assert.equal(rig.source.status().totalDistanceM, 1234);
    rig.chars.treadmillData.emit(bytes('treadmillData', 'split record 2/2'));
    const status = rig.source.status();
    const first = vector('treadmillData', 'split record 1/2').values;
    const last = vector('treadmillData', 'split record 2/2').values;
    assert.equal(status.measuredSpeedKph, last.instantaneousSpeedKph);
    assert.equal(status.energyKcal, last.totalEnergyKcal);
    assert.equal(status.totalDistanceM, first.totalDistanceM);
    assert.equal(status.inclinePct, first.inclinationPct);
    assert.equal(status.elapsedMs, (last.elapsedTimeS as number) * 1000);
  });

  it('reads state and direction from Training Status, and shows a backward walker\'s grade as the deck\'s', async () => {
    const rig = await connected();
    rig.chars.trainingStatus.emit(bytes('trainingStatus', 'manual mode'));
    rig.chars.treadmillData.emit(bytes('treadmillData', 'incline with ramp angle'));
    assert.equal(rig.source.status().state, 'running');
    const backward = new Uint8Array(32);
    const length = encodeTrainingStatus('running', 'backward', backward);
    rig.chars.trainingStatus.emit(backward.subarray(0, length));
    assert.equal(rig.source.status().direction, 'backward');
    assert.equal(rig.source.status().inclinePct, -2.5);
    rig.chars.machineStatus.emit(bytes('machineStatus', 'target incline'));
    assert.equal(rig.source.status().targetInclinePct, -6);
    rig.chars.machineStatus.emit(bytes('machineStatus', 'target speed'));
    assert.equal(rig.source.status().targetSpeedKph, 8);
    rig.chars.machineStatus.emit(bytes('machineStatus', 'stopped by the user'));
    assert.equal(rig.source.status().reason, 'stopped');
    // A backward incline target goes out as the walker's grade: deck 3 % is -3 %.
    rig.source.command('setIncline', { inclinePct: 3 });
    await settle();
    assert.deepEqual(hexOf(rig.chars.controlPoint.written), ['00', '03e2ff']);
  });

  it('requests control on the first command, then writes the vectors\' bytes, one at a time, and shows each answer', async () => {
    const rig = await connected({ 0x07: 4 });
    rig.source.command('setSpeed', { speedKph: 5 });
    assert.match(rig.source.lastAnswer, /waiting/);
    rig.source.command('stop');
    assert.match(rig.source.lastAnswer, /^stop: not sent: still waiting for the treadmill's answer to setSpeed \(nothing is queued\)/);
    await settle();
    assert.equal(rig.source.lastAnswer, 'setSpeed: ok');
    rig.source.command('start');
    await settle();
    assert.match(rig.source.lastAnswer, /^start: refused: operation failed/);
    rig.source.command('pause');
    await settle();
    rig.source.command('stop');
    await settle();
    assert.equal(rig.source.lastAnswer, 'stop: ok');
    const expected = [vector('controlPointRequest', 'request control').hex, vector('controlPointRequest', 'set target speed 5.00').hex, vector('controlPointRequest', 'start or resume').hex, vector('controlPointRequest', 'pause').hex, vector('controlPointRequest', 'controlPointRequest stop').hex];
    assert.deepEqual(hexOf(rig.chars.controlPoint.written), expected);
  });

  it('says plainly when the treadmill refuses control (a start needs a start at the machine first), and sends the start no further', async () => {
    const rig = await connected({ 0x00: 5 });
    rig.source.command('start');
    await settle();
    assert.match(rig.source.lastAnswer, /^start: refused: control not permitted \(an app may start the belt only after a start at the machine with the key in/);
    assert.deepEqual(hexOf(rig.chars.controlPoint.written), ['00']);
    // Stop needs no control: the firmware honours it from anyone.
    rig.source.command('stop');
    await settle();
    assert.deepEqual(hexOf(rig.chars.controlPoint.written), ['00', '0801']);
    assert.equal(rig.source.lastAnswer, 'stop: ok');
  });

  it('gives up on a write the treadmill does not answer', async () => {
    const rig = await connected({ 0x08: 0 });
    rig.source.command('stop');
    await runFor(rig, CONTROL_ANSWER_TIMEOUT_MS + 100);
    assert.equal(rig.source.lastAnswer, 'stop: no answer from the treadmill within 3 s');
    rig.source.command('stop');
    assert.match(rig.source.lastAnswer, /waiting for the treadmill$/, 'no longer busy');
  });

  it('shows a lost link as unknown figures and refuses commands without queuing them', async () => {
    const rig = await connected();
    rig.chars.treadmillData.emit(bytes('treadmillData', 'walking'));
    const lost: string[] = [];
    rig.source.onLost((reason) => lost.push(reason));
    rig.device.drop();
    assert.equal(rig.source.connected(), false);
    assert.equal(lost.length, 1);
    assert.equal(rig.source.status().measuredSpeedKph, null);
    assert.equal(rig.source.status().state, null);
    assert.match(rig.source.lastAnswer, /link lost .*does not stop the belt/);
    rig.source.command('start');
    rig.source.command('setSpeed', { speedKph: 4 });
    await settle();
    assert.match(rig.source.lastAnswer, /^setSpeed: not sent: the board is not connected/);
    assert.deepEqual(rig.chars.controlPoint.written, []);
    // Late values after the loss are not believed.
    rig.chars.treadmillData.emit(bytes('treadmillData', 'walking'));
    assert.equal(rig.source.status().measuredSpeedKph, null);
  });

  it('goes to unknown figures when Treadmill Data stops coming', async () => {
    const rig = await connected();
    rig.chars.treadmillData.emit(bytes('treadmillData', 'walking'));
    await runFor(rig, FTMS_STALE_AFTER_MS - 200);
    assert.equal(rig.source.status().measuredSpeedKph, 3.2);
    await runFor(rig, 400);
    assert.equal(rig.source.status().measuredSpeedKph, null);
  });

  it('ignores a malformed value and says so in the log', async () => {
    const rig = await connected();
    rig.chars.treadmillData.emit(bytes('treadmillData', 'walking'));
    rig.chars.treadmillData.emit(bytesFromHex('0020' + '0000'));
    assert.equal(rig.source.status().measuredSpeedKph, 3.2);
    assert.ok(rig.source.logLines.some((line) => /malformed value ignored: reserved flag bits set/.test(line)));
  });
});
