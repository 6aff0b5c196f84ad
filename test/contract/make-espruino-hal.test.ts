// makeEspruinoHal on a faked Espruino: outputs safe before anything else, and every port wired from the board file.

import { strict as assert } from 'assert';
import * as sinon from 'sinon';
import type { BoardProfile, OutputPinProfile } from '../../hal/espruino/board-profile';
import { BOARD as ESP32_BOARD, BOARD_HBRIDGE as ESP32_HBRIDGE_BOARD } from '../../hal/espruino/boards/esp32';
import { BOARD as JOLT_BOARD, BOARD_HBRIDGE as JOLT_HBRIDGE_BOARD } from '../../hal/espruino/boards/jolt';
import { BOARD as PICO_BOARD, BOARD_HBRIDGE as PICO_HBRIDGE_BOARD } from '../../hal/espruino/boards/pico';
import { driveOutputsSafe } from '../../hal/espruino/drive-outputs-safe';
import { EspruinoHBridgeMotor } from '../../hal/espruino/espruino-h-bridge-motor';
import { makeEspruinoHal } from '../../hal/espruino/make-hal';
import { FakeEspruino, installFakeEspruino } from './fake-espruino';

/** `board` with its motor's enable wired active low (no shipped board is; a driver module may be). */
function withActiveLowEnable(board: BoardProfile): BoardProfile {
  const motor = board.motor;
  const inverted = motor.kind === 'mc2100' ? Object.assign({}, motor, { enable: { pin: motor.enable.pin, activeLow: true } }) : Object.assign({}, motor, { enableActiveLow: true });
  return Object.assign({}, board, { name: board.name + ', enable active low', motor: inverted });
}

const SHIPPED_BOARDS: BoardProfile[] = [PICO_BOARD, PICO_HBRIDGE_BOARD, JOLT_BOARD, JOLT_HBRIDGE_BOARD, ESP32_BOARD, ESP32_HBRIDGE_BOARD];
const BOARDS: BoardProfile[] = SHIPPED_BOARDS.concat([withActiveLowEnable(PICO_BOARD), withActiveLowEnable(PICO_HBRIDGE_BOARD)]);

/** Every output pin of a board with the electrical level that means "off". */
function safeLevels(board: BoardProfile): Map<string, boolean> {
  const levels = new Map<string, boolean>();
  const output = (profile: OutputPinProfile) => levels.set(profile.pin, profile.activeLow);
  const motor = board.motor;
  if (motor.kind === 'mc2100') {
    levels.set(motor.speed.pin, false);
    output(motor.enable);
  } else {
    levels.set(motor.forwardPwmPin, false);
    levels.set(motor.backwardPwmPin, false);
    motor.enablePins.forEach((pin) => levels.set(pin, motor.enableActiveLow));
  }
  if (board.incline) {
    output(board.incline.up);
    output(board.incline.down);
  }
  if (board.beeper) levels.set(board.beeper.pin, false);
  return levels;
}

describe('makeEspruinoHal', () => {
  let fake: FakeEspruino;
  let consoleLog: sinon.SinonStub;

  beforeEach(() => {
    fake = installFakeEspruino();
    // The HAL logs to the Espruino console; keep the test output clean and inspectable.
    consoleLog = sinon.stub(console, 'log');
  });

  afterEach(() => {
    consoleLog.restore();
    fake.uninstall();
  });

  BOARDS.forEach((board) => {
    describe(board.name, () => {
      it('drives every output to its safe level before any other pin operation', () => {
        const levels = safeLevels(board);
        // Start from the worst case: every output pin driven active.
        levels.forEach((safeLevel, pin) => (fake.pin(pin).level = !safeLevel));
        makeEspruinoHal(board);
        const firstCalls = fake.calls.slice(0, levels.size);
        firstCalls.forEach((call) => {
          assert.equal(call.name, 'digitalWrite', 'a ' + call.name + ' on ' + call.pin + ' came before the safe writes');
          assert.ok(call.pin !== undefined && levels.has(call.pin), 'unexpected early write to ' + call.pin);
          assert.deepEqual(call.args, [levels.get(call.pin as string)], 'pin ' + call.pin + ' written unsafe');
        });
        assert.deepEqual(new Set(firstCalls.map((call) => call.pin)), new Set(levels.keys()), 'some output was not made safe first');
      });

      it('writes the speed input low before the enable', () => {
        makeEspruinoHal(board);
        const order = fake.calls.filter((call) => call.name === 'digitalWrite').map((call) => call.pin);
        const motor = board.motor;
        const speedPin = motor.kind === 'mc2100' ? motor.speed.pin : motor.forwardPwmPin;
        const enablePin = motor.kind === 'mc2100' ? motor.enable.pin : motor.enablePins[0];
        assert.ok(order.indexOf(speedPin) < order.indexOf(enablePin));
      });

      it('leaves the direction output alone while making outputs safe', () => {
        if (board.motor.kind !== 'mc2100') return;
        const directionPin = board.motor.direction.pin;
        makeEspruinoHal(board);
        assert.equal(
          fake.calls.some((call) => call.pin === directionPin),
          false,
        );
      });

      it('builds every port the board file describes, idle and safe', () => {
        const hal = makeEspruinoHal(board);
        assert.equal(hal.motor.speed.read(), 0);
        assert.equal(hal.motor.enable.read(), false);
        assert.equal(hal.motor.speed.frequencyHz, board.motor.kind === 'mc2100' ? board.motor.speed.frequencyHz : board.motor.pwmFrequencyHz);
        assert.equal(hal.motor instanceof EspruinoHBridgeMotor, board.motor.kind === 'hbridge');
        assert.equal(hal.incline !== undefined, board.incline !== undefined);
        assert.equal(hal.beeper !== undefined, board.beeper !== undefined);
        assert.equal(hal.beltDirectionSensor !== undefined, board.beltDirectionSensor !== undefined);
        const buttonNames = Object.keys(board.buttons).sort();
        const builtButtons = Object.keys(hal.buttons)
          .filter((name) => (hal.buttons as Record<string, unknown>)[name] !== undefined)
          .sort();
        assert.deepEqual(builtButtons, buttonNames);
        // The belt encoder is watched from the start, on its board pin.
        assert.equal(fake.watchesOn(board.beltEncoder.pin).length, 1);
      });

      it('drives the enable pin to its active level only while the enable port is on', () => {
        const motor = board.motor;
        const enablePin = motor.kind === 'mc2100' ? motor.enable.pin : motor.enablePins[0];
        const activeLow = motor.kind === 'mc2100' ? motor.enable.activeLow : motor.enableActiveLow;
        const hal = makeEspruinoHal(board);
        assert.equal(fake.pin(enablePin).level, activeLow, 'off after the build');
        hal.motor.enable.write(true);
        assert.equal(fake.pin(enablePin).level, !activeLow, 'on');
        hal.motor.enable.write(false);
        assert.equal(fake.pin(enablePin).level, activeLow, 'off again');
      });

      it('reads the safety key as removed while its switch is open', () => {
        const hal = makeEspruinoHal(board);
        // Open circuit: the pull resistor wins, high for an active-low key.
        fake.driveInput(board.safetyKey.pin, board.safetyKey.activeLow);
        assert.equal(hal.safetyKey.read(), false);
        fake.driveInput(board.safetyKey.pin, !board.safetyKey.activeLow);
        assert.equal(hal.safetyKey.read(), true);
      });
    });
  });

  it('logs the board name at the end of the build', () => {
    makeEspruinoHal(ESP32_BOARD);
    assert.deepEqual(consoleLog.args, [['info: hal: ESP32 + MC-2100']]);
  });

  it('reports interpreter memory without a garbage-collection pass', () => {
    const hal = makeEspruinoHal(PICO_BOARD);
    fake.memoryInfo = { free: 3000, usage: 2100, total: 5100, blocksize: 12 };
    assert.deepEqual(hal.memory && hal.memory(), { usedVariables: 2100, totalVariables: 5100, bytesPerVariable: 12 });
    const memoryCall = fake.calls.filter((call) => call.name === 'process.memory')[0];
    assert.deepEqual(memoryCall.args, [false]);
  });

  it('stores records through the built-in Storage module', () => {
    const hal = makeEspruinoHal(PICO_BOARD);
    assert.equal(hal.storage.write('settings', '{}'), true);
    assert.equal(fake.files.get('settings'), '{}');
  });

  it('logs a failing timer callback through the HAL log and keeps the timer', () => {
    const hal = makeEspruinoHal(PICO_BOARD);
    let calls = 0;
    hal.scheduler.every(10, () => {
      calls++;
      throw new Error('boom');
    });
    fake.clock.tick(30);
    const lines = consoleLog.args.map((args) => String(args[0]));
    assert.equal(calls, 3);
    assert.equal(lines.filter((line) => line.indexOf('error: timer callback failed: Error: boom') === 0).length, 3);
  });

  it('still makes the other outputs safe when one output names a missing pin, then throws', () => {
    const broken: BoardProfile = {
      name: 'broken',
      edition: 'compact',
      controlPeriodMs: 100,
      motor: { kind: 'mc2100', speed: { pin: 'Q1', frequencyHz: 20, softwarePwm: false }, enable: { pin: 'B5', activeLow: false }, direction: { pin: 'B3', activeLow: false } },
      safetyKey: { pin: 'B10', activeLow: true, pull: 'up', debounceMs: 10 },
      beltEncoder: { pin: 'A0', activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 },
      buttons: {},
      beeper: { pin: 'B8' },
    };
    fake.pin('B5').level = true;
    fake.pin('B8').level = true;
    assert.throws(() => driveOutputsSafe(broken), /Q1/);
    // With two bad pins the first is reported, and the rest are still made safe.
    const twoBroken: BoardProfile = Object.assign({}, broken, { beeper: { pin: 'Q9' } });
    fake.pin('B5').level = true;
    assert.throws(() => driveOutputsSafe(twoBroken), (error: Error) => /Q1/.test(String(error)) && !/Q9/.test(String(error)));
    assert.equal(fake.pin('B5').level, false);
    assert.equal(fake.pin('B8').level, false);
  });
});
