// The machine file: the shipped one is valid, every problem names its field, and it gives the firmware only what it sets.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, HARD_CAPS } from '../../firmware/config';
import { DEFAULT_BOARD } from '../../scripts/boards';
import { ROOT } from '../../scripts/device-bundles';
import { machineConfigOverrides, machinePlant, parseMachineDescription, readMachineFile } from '../../scripts/machine-description';

const BELT = { beltDistance: { metersPerPulse: 0.3048 } };

function machineWith(fields: object): object {
  return Object.assign({}, BELT, fields);
}

describe('machine description', () => {
  it('a file naming only the belt distance is the reference machine on the default board', () => {
    const machine = parseMachineDescription(BELT);
    assert.equal(machine.board, DEFAULT_BOARD);
    assert.equal(machine.drive, 'mc2100');
    assert.equal(machine.metersPerPulse, DEFAULT_CONFIG.metersPerPulse);
    assert.equal(machine.boardFromFile, false);
  });

  it('the project\'s machine.json is a valid machine file', () => {
    assert.doesNotThrow(() => readMachineFile(join(ROOT, 'machine.json')));
  });

  it('takes the belt distance in any of the three forms the setBeltDistance command takes', () => {
    assert.equal(parseMachineDescription({ beltDistance: { metersPerPulse: 0.5 } }).metersPerPulse, 0.5);
    assert.ok(Math.abs(parseMachineDescription({ beltDistance: { rollerDiameterM: 0.05, pulsesPerRevolution: 2 } }).metersPerPulse - (Math.PI * 0.05) / 2) < 1e-12);
    assert.equal(parseMachineDescription({ beltDistance: { beltLengthM: 2.8, revolutions: 10, pulses: 280 } }).metersPerPulse, 0.1);
  });

  it('gives the firmware only what the file sets', () => {
    assert.deepEqual(machineConfigOverrides(parseMachineDescription(machineWith({ board: 'pico' }))), { metersPerPulse: 0.3048 });
    const full = parseMachineDescription(
      machineWith({
        board: 'pico',
        drive: 'hbridge',
        incline: { sensor: 'pulses', pulsesPerPct: 12 },
        forward: { maxSpeedKph: 12 },
        backward: { maxInclinePct: 5 },
        dutyMap: [{ speedKph: 0, duty: 0 }, { speedKph: 12, duty: 0.7 }],
      }),
    );
    assert.deepEqual(machineConfigOverrides(full), {
      metersPerPulse: 0.3048,
      incline: { pulsesPerPct: 12 },
      forward: { maxSpeedKph: 12 },
      backward: { maxInclinePct: 5 },
      dutyMap: [{ speedKph: 0, duty: 0 }, { speedKph: 12, duty: 0.7 }],
    });
    assert.deepEqual(machinePlant(full), { drive: 'hbridge', pulsesPerMeter: 1 / 0.3048, hasIncline: true, inclineSensor: 'pulses', inclinePulsesPerPct: 12 });
  });

  it('quick speeds go to the firmware as the file gives them (the simulator\'s console too)', () => {
    const machine = parseMachineDescription(machineWith({ quickSpeedsKph: [2, 3.5, 16] }));
    assert.deepEqual(machineConfigOverrides(machine), { metersPerPulse: 0.3048, quickSpeedsKph: [2, 3.5, 16] });
    assert.equal(parseMachineDescription(BELT).quickSpeedsKph, null);
  });

  it('a machine without an incline is a plant without one', () => {
    assert.deepEqual(machinePlant(parseMachineDescription(machineWith({ board: 'jolt', incline: { sensor: 'none' } }))), { drive: 'mc2100', pulsesPerMeter: 1 / 0.3048, hasIncline: false });
  });

  const problems: { what: string; json: object; message: RegExp }[] = [
    { what: 'no belt distance', json: { board: 'pico' }, message: /^beltDistance is required/ },
    { what: 'a belt distance out of range', json: { beltDistance: { metersPerPulse: 5 } }, message: /^beltDistance\.metersPerPulse must be between 0\.0005 and 2 m \(got 5\)/ },
    { what: 'a belt distance as text', json: { beltDistance: { metersPerPulse: '0.3' } }, message: /^beltDistance\.metersPerPulse must be a number \(got "0\.3"\)/ },
    { what: 'two belt distance forms mixed', json: { beltDistance: { metersPerPulse: 0.3, pulses: 3 } }, message: /^beltDistance must hold exactly one of/ },
    { what: 'a roller in millimetres', json: { beltDistance: { rollerDiameterM: 50, pulsesPerRevolution: 1 } }, message: /^beltDistance: roller diameter must be in metres/ },
    { what: 'a misspelt field', json: machineWith({ bord: 'pico' }), message: /^bord is not a machine field; allowed here: board, drive/ },
    { what: 'a dropped board', json: machineWith({ board: 'mdbt42q' }), message: /^board: .*MDBT42Q is no longer supported.*2950 variables.*README/ },
    { what: 'an unknown board', json: machineWith({ board: 'uno' }), message: /^board: unknown board "uno"; choose one of esp32, jolt, pico/ },
    { what: 'an unknown drive', json: machineWith({ drive: 'vfd' }), message: /^drive: unknown drive "vfd"; choose one of mc2100, hbridge/ },
    { what: 'a forward cap above the hard cap', json: machineWith({ forward: { maxSpeedKph: 25 } }), message: new RegExp('^forward\\.maxSpeedKph must be within 0\\.8\\.\\.' + HARD_CAPS.forwardMaxSpeedKph + ', got 25') },
    { what: 'a backward incline cap above the hard cap', json: machineWith({ backward: { maxInclinePct: 12 } }), message: /^backward\.maxInclinePct must be within 0\.\.10, got 12/ },
    { what: 'a cap the file does not know', json: machineWith({ forward: { accelKphPerS: 2 } }), message: /^forward\.accelKphPerS is not a machine field; allowed here: maxSpeedKph, maxInclinePct/ },
    { what: 'a falling duty map', json: machineWith({ dutyMap: [{ speedKph: 0, duty: 0.3 }, { speedKph: 4, duty: 0.2 }] }), message: /^dutyMap must rise monotonically/ },
    { what: 'a duty map point without its duty', json: machineWith({ dutyMap: [{ speedKph: 0, duty: 0 }, { speedKph: 4 }] }), message: /^dutyMap\[1\]\.duty must be a number \(got nothing\)/ },
    { what: 'an incline sensor the board does not read', json: machineWith({ board: 'esp32', incline: { sensor: 'pulses' } }), message: /^incline\.sensor is "pulses", but the esp32 board reads the incline from a potentiometer/ },
    { what: 'a calibration of the other sensor', json: machineWith({ board: 'pico', incline: { sensor: 'pulses', analogAtZero: 0.1 } }), message: /^incline\.analogAtZero does not apply to a "pulses" incline sensor/ },
    { what: 'a potentiometer span too small', json: machineWith({ incline: { sensor: 'analog', analogAtZero: 0.5, analogAtSpan: 0.52 } }), message: /^incline\.analogAtSpan must differ from/ },
    { what: 'no sensor kind', json: machineWith({ incline: { pulsesPerPct: 10 } }), message: /^incline\.sensor must be "pulses", "analog" or "none"/ },
    { what: 'quick speeds not in an array', json: machineWith({ quickSpeedsKph: 3 }), message: /^quickSpeedsKph must be an array of at most 3 speeds in km\/h/ },
    { what: 'four quick speeds', json: machineWith({ quickSpeedsKph: [2, 3, 4, 5] }), message: /^quickSpeedsKph holds at most 3 speeds, one per quick key \(got 4\)/ },
    { what: 'a quick speed as text', json: machineWith({ quickSpeedsKph: [2, '3'] }), message: /^quickSpeedsKph\[1\] must be a number \(got "3"\)/ },
    { what: 'a quick speed above the hard cap', json: machineWith({ quickSpeedsKph: [2, 25] }), message: new RegExp('^quickSpeedsKph\\[1\\] must be within 0\\.8\\.\\.' + HARD_CAPS.forwardMaxSpeedKph + ', got 25') },
    { what: 'a quick speed below the slowest running speed', json: machineWith({ quickSpeedsKph: [0.5] }), message: /^quickSpeedsKph\[0\] must be within 0\.8\.\.20, got 0\.5/ },
    { what: 'quick speeds on the Pico, whose edition has no quick keys', json: machineWith({ board: 'pico', quickSpeedsKph: [2] }), message: /^quickSpeedsKph: the pico board runs the compact edition, which has no quick-speed keys/ },
  ];
  problems.forEach((row) => {
    it('refuses ' + row.what + ', naming the field', () => {
      assert.throws(() => parseMachineDescription(row.json), (error: Error) => {
        assert.match(error.message, row.message);
        return true;
      });
    });
  });

  describe('read from a file', () => {
    let folder = '';
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'retrotread-machine-'));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('names the file before the field, and says when it is not JSON', () => {
      const path = join(folder, 'mine.json');
      writeFileSync(path, JSON.stringify({ beltDistance: { metersPerPulse: 0 } }));
      const message = (run: () => unknown) => {
        try {
          run();
        } catch (error) {
          return (error as Error).message;
        }
        return 'no error';
      };
      assert.equal(message(() => readMachineFile(path)).indexOf(path + ': beltDistance.metersPerPulse must be between'), 0);
      writeFileSync(path, '{ "board": "pico", }');
      assert.match(message(() => readMachineFile(path)), /mine\.json: not valid JSON/);
      assert.match(message(() => readMachineFile(join(folder, 'absent.json'))), /absent\.json: cannot read the machine file/);
    });
  });
});
