// Each board's firmware edition fits its flash, holds what it should, and (names shortened) runs on a faked Espruino.

import assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { BoardProfile } from '../../hal/espruino/board-profile';
import { BOARD_PROFILES, bundleFirmware, ROOT, savedCodeBytes, type BoardName } from '../../scripts/device-bundles';
import { reservedPropertyNames } from '../../scripts/property-mangling';
import { installFakeEspruino, type FakeEspruino } from '../contract/fake-espruino';
import { CALIBRATION_START_MESSAGE } from '../../firmware/calibration-control';

const BOARDS: { board: BoardName; edition: string }[] = [
  { board: 'pico', edition: 'compact' },
  { board: 'mdbt42q', edition: 'core' },
  { board: 'esp32', edition: 'full' },
];

/** Text only the incline driver's code holds, and text only the training features' code holds. */
const INCLINE_MARK = 'incline still homing: start backward';
const TRAINING_MARK = CALIBRATION_START_MESSAGE.slice(0, 40);

/** Drive every input of `board` to its idle level (key in, buttons released), as the wiring would. */
function idleInputs(fake: FakeEspruino, board: BoardProfile): void {
  fake.driveInput(board.safetyKey.pin, !board.safetyKey.activeLow);
  Object.keys(board.buttons).forEach((name) => {
    const button = (board.buttons as { [name: string]: { pin: string; activeLow: boolean } | undefined })[name];
    if (button) fake.driveInput(button.pin, button.activeLow);
  });
}

describe('firmware editions', function () {
  this.timeout(20000);

  BOARDS.forEach((row) => {
    it(row.board + ': the ' + row.edition + ' edition fits the board\'s saved-code area and holds just its parts', async () => {
      const firmware = await bundleFirmware(row.board, 'mc2100');
      assert.equal(firmware.edition, row.edition);
      assert.ok(Buffer.byteLength(firmware.text) <= savedCodeBytes(row.board), firmware.text.length + ' bytes');
      assert.equal(firmware.text.indexOf(INCLINE_MARK) >= 0, row.edition !== 'core', 'incline driver present only outside the core edition');
      assert.equal(firmware.text.indexOf(TRAINING_MARK) >= 0, row.edition === 'full', 'training features present only in the full edition');
    });
  });

  describe('a shortened-name bundle on a faked Espruino', () => {
    let fake: FakeEspruino;
    let consoleLog: sinon.SinonStub;

    beforeEach(() => {
      fake = installFakeEspruino();
      consoleLog = sinon.stub(console, 'log');
    });

    afterEach(() => {
      consoleLog.restore();
      fake.uninstall();
    });

    (['pico', 'mdbt42q'] as BoardName[]).forEach((boardName) => {
      it(boardName + ': boots safe, starts after the countdown, and the key cuts the motor in its own event', async () => {
        const board = BOARD_PROFILES[boardName].mc2100;
        if (board.motor.kind !== 'mc2100') throw new Error('expected an MC-2100 profile');
        const speedPin = board.motor.speed.pin;
        const enablePin = board.motor.enable.pin;
        const firmware = await bundleFirmware(boardName, 'mc2100');
        // The device runs the bundle as its whole program: run it the same way, on the fake globals.
        new Function(firmware.text)();
        idleInputs(fake, board);
        const pwmDuty = () => (fake.pin(speedPin).pwm ? (fake.pin(speedPin).pwm as { duty: number }).duty : 0);
        assert.equal(pwmDuty(), 0);
        assert.equal(fake.pin(enablePin).level, board.motor.enable.activeLow, 'enable off at boot');
        fake.clock.tick(500);
        const start = board.buttons.start as { pin: string; activeLow: boolean };
        fake.driveInput(start.pin, !start.activeLow);
        fake.clock.tick(100);
        fake.driveInput(start.pin, start.activeLow);
        fake.clock.tick(2800);
        assert.equal(pwmDuty(), 0, 'motor off during the countdown');
        fake.clock.tick(400);
        assert.ok(pwmDuty() > 0, 'running: the controller drives the motor; log: ' + consoleLog.getCalls().map((call) => String(call.args[0])).join(' | '));
        assert.equal(fake.pin(enablePin).level, !board.motor.enable.activeLow, 'enable on while running');
        fake.driveInput(board.safetyKey.pin, board.safetyKey.activeLow);
        // The watch callback runs from the event queue at the same moment, before any tick.
        fake.clock.tick(0);
        assert.equal(pwmDuty(), 0, 'duty 0 in the key event');
        assert.equal(fake.pin(enablePin).level, board.motor.enable.activeLow, 'enable off in the key event');
        const logged = consoleLog.getCalls().map((call) => String(call.args[0])).join('\n');
        assert.match(logged, /keyRemoved|key removed/i);
      });
    });
  });

  describe('names that must survive shortening', () => {
    const externalReserved = reservedPropertyNames(ROOT, true);
    const bundleReserved = reservedPropertyNames(ROOT, false);

    it('keeps the language\'s and Espruino\'s names, and every string literal, in both modes', () => {
      ['push', 'toFixed', 'prototype', 'length', 'kickWatchdog', 'debounce', 'edge', 'repeat', 'freq', 'running', 'backward'].forEach((name) => {
        assert.ok(externalReserved.has(name), name);
        assert.ok(bundleReserved.has(name), name);
      });
    });

    it('keeps configuration, command, status and stored-record names only where they leave the bundle', () => {
      ['maxSpeedKph', 'accelKphPerS', 'metersPerPulse', 'speedKph', 'measuredSpeedKph'].forEach((name) => assert.ok(externalReserved.has(name), name));
      assert.ok(!bundleReserved.has('accelKphPerS'), 'the self-test may shorten a configuration name');
    });

    it('shortens a name only one bundle uses', () => {
      assert.ok(!externalReserved.has('estimatorSettings'));
    });
  });
});
