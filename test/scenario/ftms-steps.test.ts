// The scenario runner as an FTMS app: its steps' validation, the bytes it writes, how it judges answers, and the FTMS log's values.

import { strict as assert } from 'assert';
import { bootTreadmill } from '../../firmware/index';
import { controlPointRequestBytes, decodeControlPointResponse } from '../../sim/ftms/control-point-client';
import { bytesFromHex, hexFromBytes } from '../../sim/ftms/hex-bytes';
import { FTMS_LOG_CHARACTERISTICS, type FtmsLogCharacteristic } from '../../sim/scenario/ftms-scenario-client';
import { parseScenario } from '../../sim/scenario/parse-scenario';
import { runScenario, type ScenarioResult } from '../../sim/scenario/run-scenario';
import { decodeMachineStatus, decodeTrainingStatus, decodeTreadmillData, type Decoded } from '../ftms/ftms-client';

interface LogLine {
  atS: number;
  characteristic: FtmsLogCharacteristic;
  hex: string;
}

/** Run steps on the real firmware and simulator, keeping the FTMS log. */
function run(durationS: number, steps: unknown[], ftms?: boolean): { result: ScenarioResult; log: LogLine[] } {
  const log: LogLine[] = [];
  const scenario = parseScenario({ name: 'ftms steps', description: '', durationS, sim: { walkerMode: 'forward', walkerMassKg: 75 }, steps });
  const result = runScenario(scenario, bootTreadmill, { ftms, onFtmsValue: (atS, characteristic, hex) => log.push({ atS, characteristic, hex }) });
  return { result, log };
}

/** The problems parseScenario reports for `steps`, one line each. */
function problems(steps: unknown[]): string[] {
  try {
    parseScenario({ name: 'bad', description: '', durationS: 10, steps });
  } catch (error) {
    return (error as Error & { problems: string[] }).problems;
  }
  return [];
}

/** A connected app in control, armed by a start at the machine at 2 s, at 4 km/h from 6 s. */
const ARMED_AT_4_KPH = [
  { atS: 1, ftms: 'connect' },
  { atS: 1.5, ftms: 'requestControl' },
  { atS: 2, command: 'start' },
  { atS: 6, ftms: 'setSpeed', kph: 4 },
];

describe('scenario steps as an FTMS app', () => {
  describe('control point bytes', () => {
    it('writes each request as an app does: little-endian targets at the wire resolution, stop 1 and pause 2', () => {
      const hex = (operation: Parameters<typeof controlPointRequestBytes>[0], value: number) => hexFromBytes(controlPointRequestBytes(operation, value));
      assert.equal(hex('requestControl', 0), '00');
      assert.equal(hex('reset', 0), '01');
      assert.equal(hex('setSpeed', 2.3), '02e600');
      assert.equal(hex('setSpeed', 655.35), '02ffff');
      assert.equal(hex('setIncline', 3), '031e00');
      assert.equal(hex('setIncline', -3), '03e2ff');
      assert.equal(hex('start', 0), '07');
      assert.equal(hex('stop', 0), '0801');
      assert.equal(hex('pause', 0), '0802');
    });

    it('reads an answer strictly: 0x80, the op, a known result', () => {
      assert.deepEqual(decodeControlPointResponse(bytesFromHex('800705')), { responseOpCode: 0x80, requestOpCode: 7, resultCode: 5 });
      assert.throws(() => decodeControlPointResponse(bytesFromHex('800706')), /unknown result code/);
      assert.throws(() => decodeControlPointResponse(bytesFromHex('810701')), /not a response/);
      assert.throws(() => decodeControlPointResponse(bytesFromHex('8007')), /too short/);
      assert.throws(() => decodeControlPointResponse(bytesFromHex('80070100')), /1 extra bytes/);
    });
  });

  describe('validation names the field', () => {
    const rows: [string, unknown, RegExp][] = [
      ['unknown action', { atS: 1, ftms: 'launch' }, /^steps\[0\]\.ftms: unknown FTMS client action "launch"; expected one of requestControl, reset, setSpeed, setIncline, start, stop, pause, write, connect, disconnect$/],
      ['setSpeed without kph', { atS: 1, ftms: 'setSpeed' }, /^steps\[0\]\.kph: FTMS action "setSpeed" needs it$/],
      ['kph beyond the wire', { atS: 1, ftms: 'setSpeed', kph: 700 }, /^steps\[0\]\.kph: expected a number in 0\.\.655\.35, got 700$/],
      ['kph on another action', { atS: 1, ftms: 'start', kph: 3 }, /^steps\[0\]\.kph: not used by FTMS action "start"$/],
      ['pct beyond the wire', { atS: 1, ftms: 'setIncline', pct: -4000 }, /^steps\[0\]\.pct: expected a number in -3276\.8\.\.3276\.7, got -4000$/],
      ['hex not bytes', { atS: 1, ftms: 'write', hex: '7' }, /^steps\[0\]\.hex: expected whole bytes of hex digits/],
      ['hex not hex', { atS: 1, ftms: 'write', hex: 'zz' }, /^steps\[0\]\.hex: expected whole bytes of hex digits/],
      ['hex too long', { atS: 1, ftms: 'write', hex: '00'.repeat(21) }, /^steps\[0\]\.hex: a write carries at most 20 bytes, got 21$/],
      ['unknown result', { atS: 1, ftms: 'start', expectResult: 'refused' }, /^steps\[0\]\.expectResult: unknown control point result "refused"; expected one of success, opCodeNotSupported, invalidParameter, operationFailed, controlNotPermitted$/],
      ['result of a connect', { atS: 1, ftms: 'connect', expectResult: 'success' }, /^steps\[0\]\.expectResult: FTMS action "connect" writes nothing, so it gets no result$/],
      ['fractional client', { atS: 1, ftms: 'connect', client: 1.5 }, /^steps\[0\]\.client: expected a whole client id, got 1\.5$/],
      ['expectAccepted instead', { atS: 1, ftms: 'start', expectAccepted: false }, /^steps\[0\]\.expectAccepted: unknown field; expected one of atS, ftms, kph, pct, hex, client, expectResult, note$/],
    ];
    rows.forEach((row) => {
      it(row[0], () => {
        const found = problems([row[1]]);
        assert.equal(found.length, 1, found.join(' | '));
        assert.match(found[0], row[2]);
      });
    });

    it('keeps the bytes a step writes', () => {
      const scenario = parseScenario({ name: 'ok', description: '', durationS: 5, steps: [{ atS: 1, ftms: 'write', hex: '04E803', client: 2, expectResult: 'opCodeNotSupported' }] });
      const action = scenario.actions[0];
      assert.deepEqual([action.ftmsAction, action.ftmsRequest, action.ftmsClientId, action.expectResult], ['write', [4, 0xe8, 3], 2, 'opCodeNotSupported']);
    });
  });

  describe('judging the answers', () => {
    it('passes when each answer is what the step expects, and counts them', () => {
      const { result } = run(10, [...ARMED_AT_4_KPH, { atS: 7, ftms: 'setSpeed', kph: 30, expectResult: 'invalidParameter' }, { atS: 8, expect: { targetKph: 4 } }]);
      assert.deepEqual(result.failures, []);
      assert.equal(result.summary.ftmsWrites, 3);
      assert.equal(result.summary.ftmsWritesNotSuccessful, 1);
    });

    it('fails a result other than success when the step expects none, naming the step, the answer and the note', () => {
      const { result } = run(5, [{ atS: 1, ftms: 'connect' }, { atS: 2, ftms: 'start', note: 'forgot control' }]);
      assert.deepEqual(result.failures, [
        'steps[1] ftms start [07] (client 1) at 2.00 s: expected success, got controlNotPermitted (800705) ("forgot control"); a result other than success fails the scenario unless the step says "expectResult"',
      ]);
    });

    it('fails a success the step expected to be refused', () => {
      const { result } = run(5, [{ atS: 1, ftms: 'connect' }, { atS: 2, ftms: 'requestControl', expectResult: 'controlNotPermitted' }]);
      assert.deepEqual(result.failures, ['steps[1] ftms requestControl [00] (client 1) at 2.00 s: expected controlNotPermitted, got success (800001)']);
    });

    it('fails a write from a client that is not connected, and one after a power loss dropped the connection', () => {
      const { result } = run(12, [{ atS: 1, ftms: 'setSpeed', kph: 3 }, { atS: 2, ftms: 'connect' }, { atS: 3, powerLoss: true, offS: 1 }, { atS: 8, ftms: 'requestControl' }]);
      assert.deepEqual(result.failures, [
        'steps[0] ftms setSpeed 3 km/h [022c01] (client 1) at 1.00 s: client 1 is not connected; connect it first: {"ftms": "connect"}',
        'steps[3] ftms requestControl [00] (client 1) at 8.00 s: client 1 is not connected (its connection ended with a reset or power loss); connect it first: {"ftms": "connect"}',
      ]);
    });

    it('fails an app step while the power is off', () => {
      const { result } = run(6, [{ atS: 1, powerLoss: true, offS: 3 }, { atS: 2, ftms: 'connect' }]);
      assert.deepEqual(result.failures, ['steps[1] ftms connect (client 1) at 2.00 s: no Bluetooth: the firmware is not running (power off, hung, or its boot failed)']);
    });

    it('a second app is refused control while the first holds it', () => {
      const { result } = run(5, [{ atS: 1, ftms: 'connect' }, { atS: 1, ftms: 'connect', client: 2 }, { atS: 2, ftms: 'requestControl' }, { atS: 3, ftms: 'requestControl', client: 2, expectResult: 'controlNotPermitted' }]);
      assert.deepEqual(result.failures, []);
    });
  });

  describe('the FTMS log', () => {
    it('has no FTMS at all for a scenario without app steps, unless asked', () => {
      const steps = [{ atS: 1, command: 'start' }];
      assert.deepEqual(run(3, steps).log, []);
      const asked = run(3, steps, true).log;
      assert.deepEqual(asked.map((line) => line.characteristic), ['feature', 'speedRange', 'inclineRange', 'trainingStatus', 'machineStatus', 'trainingStatus']);
      // The values set at boot come before the scenario's time 0 (the belt is watched still first).
      assert.ok(asked[0].atS < 0, String(asked[0].atS));
    });

    it('decodes to the speeds and statuses of the session, names only the shared vectors\' characteristics, in time order', () => {
      const { result, log } = run(20, [...ARMED_AT_4_KPH, { atS: 12, ftms: 'stop' }]);
      assert.deepEqual(result.failures, []);
      log.forEach((line, index) => {
        assert.ok(FTMS_LOG_CHARACTERISTICS.indexOf(line.characteristic) >= 0, line.characteristic);
        assert.match(line.hex, /^([0-9a-f]{2})+$/);
        if (index > 0) assert.ok(line.atS >= log[index - 1].atS, 'time went back at line ' + index);
      });
      const of = (name: FtmsLogCharacteristic) => log.filter((line) => line.characteristic === name);
      assert.deepEqual(
        of('controlPointRequest').map((line) => line.hex),
        ['00', '029001', '0801'],
      );
      assert.deepEqual(
        of('controlPointResponse').map((line) => line.hex),
        ['800001', '800201', '800801'],
      );
      // Started (at the machine), the start speed, the app's 4 km/h, stopped by the user (0x02 01), then the target to 0 at rest.
      const statuses: Decoded[] = of('machineStatus').map((line) => decodeMachineStatus(bytesFromHex(line.hex)));
      assert.deepEqual(statuses.slice(0, 4), [{ opCode: 0x04 }, { opCode: 0x05, newTargetSpeedKph: 0.8 }, { opCode: 0x05, newTargetSpeedKph: 4 }, { opCode: 0x02, controlInformation: 1 }]);
      assert.deepEqual(
        of('trainingStatus').map((line) => decodeTrainingStatus(bytesFromHex(line.hex)).trainingStatusCode),
        [0x01, 0x0e, 0x0d, 0x01],
      );
      // Every Treadmill Data part decodes strictly; the last complete record before the stop shows the belt at 4 km/h.
      const records = of('treadmillData').map((line) => ({ atS: line.atS, data: decodeTreadmillData(bytesFromHex(line.hex)) }));
      assert.ok(records.length >= 20, records.length + ' parts');
      const speeds = records.filter((record) => record.data.instantaneousSpeedKph !== undefined && record.atS < 12);
      const last = speeds[speeds.length - 1].data.instantaneousSpeedKph as number;
      assert.ok(Math.abs(last - 4) <= 0.15, 'speed ' + last);
      // Data once a second while connected: none before the app connected at 1 s.
      assert.ok(records[0].atS > 1, String(records[0].atS));
    });

    it('is the same on every run', () => {
      const first = JSON.stringify(run(10, ARMED_AT_4_KPH).log);
      assert.equal(JSON.stringify(run(10, ARMED_AT_4_KPH).log), first);
    });
  });
});
