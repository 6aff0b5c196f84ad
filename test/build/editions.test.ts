// Each board's firmware, built as build, flash and preview build it (in a child process, no fakes), fits, holds its parts, boots on a faked Espruino, and is what the flash stores.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sinon from 'sinon';
import { CALIBRATION_START_MESSAGE } from '../../firmware/calibration-control';
import { DEFAULT_CONFIG } from '../../firmware/config';
import type { BoardProfile } from '../../hal/espruino/board-profile';
import { BOARD_JSON, BOARD_PROFILES, type BoardName } from '../../scripts/boards';
import { flashArguments } from '../../scripts/build-options';
import { ROOT } from '../../scripts/device-bundles';
import { reservedPropertyNames } from '../../scripts/property-mangling';
import { detokenise, tokenValues } from '../../scripts/pretokenised';
import { storedFilesOfUpload } from '../../scripts/upload-text';
import { installFakeEspruino, type FakeEspruino } from '../contract/fake-espruino';
import { FakeNrf } from '../contract/fake-nrf';
import { BACKWARD_TEXT } from '../../firmware/ftms/training-status';
import { buildInChildren, type ChildBuild } from './build-targets';

const BOARDS: { board: BoardName; edition: string }[] = [
  { board: 'pico', edition: 'compact' },
  { board: 'jolt', edition: 'full' },
  { board: 'esp32', edition: 'full' },
];

/** Text only the incline driver's code holds, and text only the training features' code holds. */
const INCLINE_MARK = 'incline still homing: start backward';
const TRAINING_MARK = CALIBRATION_START_MESSAGE.slice(0, 40);
/** Text only the FTMS code holds (the backward Training Status). */
const FTMS_MARK = BACKWARD_TEXT;

/** The reference machine (as machine.json ships), so the tests do not depend on the user's own file. */
const REFERENCE_MACHINE = { board: 'esp32', drive: 'mc2100', beltDistance: { metersPerPulse: 0.3048 } };

/** A Pico machine without an incline, its belt distance given by the roller (pi x 0.05 m per pulse). */
const BARE_PICO_MACHINE = {
  board: 'pico',
  drive: 'mc2100',
  beltDistance: { rollerDiameterM: 0.05, pulsesPerRevolution: 1 },
  incline: { sensor: 'none' },
  forward: { maxSpeedKph: 10 },
};

/** Drive every input of `board` to its idle level (key in, buttons released, incline at 0 %), as the wiring would. */
function idleInputs(fake: FakeEspruino, board: BoardProfile): void {
  fake.driveInput(board.safetyKey.pin, !board.safetyKey.activeLow);
  Object.keys(board.buttons).forEach((name) => {
    const button = (board.buttons as { [name: string]: { pin: string; activeLow: boolean } | undefined })[name];
    if (button) fake.driveInput(button.pin, button.activeLow);
  });
  if (board.incline && board.incline.position.kind === 'analog') fake.pin(board.incline.position.pin).analogValue = DEFAULT_CONFIG.incline.analogAtZero;
}

/** The MC-2100 profile's speed and enable pins. */
function motorPins(board: BoardProfile): { speed: string; enable: string; enableActiveLow: boolean } {
  if (board.motor.kind !== 'mc2100') throw new Error('expected an MC-2100 profile');
  return { speed: board.motor.speed.pin, enable: board.motor.enable.pin, enableActiveLow: board.motor.enable.activeLow };
}

/** The console handle's methods (firmware/treadmill-console.ts), as the README tells a person to type them. */
const CONSOLE_METHODS = ['status', 'command', 'programStatus', 'homeIncline', 'calibrationOutcome', 'calibrating', 'displayUnits', 'halt', 'reply', 'watch', 'unwatch'];

describe('firmware editions, as the build, flash and preview make them', function () {
  this.timeout(20000);
  let outputDirectory = '';
  const builds: { [name: string]: ChildBuild } = {};
  /** The bytes of each build's firmware.js: what the boot tests run and the flash test compares. */
  const texts: { [name: string]: string } = {};

  before(async function () {
    this.timeout(120000);
    outputDirectory = mkdtempSync(join(tmpdir(), 'retrotread-editions-'));
    const referencePath = join(outputDirectory, 'reference.json');
    const barePath = join(outputDirectory, 'bare-pico.json');
    writeFileSync(referencePath, JSON.stringify(REFERENCE_MACHINE));
    writeFileSync(barePath, JSON.stringify(BARE_PICO_MACHINE));
    const targets: { name: string; argv: string[] }[] = BOARDS.map((row) => ({ name: row.board, argv: ['--machine', referencePath, '--board', row.board] }));
    targets.push({ name: 'bare-pico', argv: ['--machine', barePath] });
    const reports = await buildInChildren(targets.map((target) => target.argv.concat(['--out', join(outputDirectory, target.name)])));
    targets.forEach((target, index) => {
      const report = reports[index];
      if (report.error !== null) throw new Error(target.name + ': the build refused: ' + report.error);
      builds[target.name] = report;
      texts[target.name] = readFileSync(report.firmwarePath, 'latin1');
    });
  });

  after(() => {
    if (outputDirectory !== '') rmSync(outputDirectory, { recursive: true, force: true });
  });

  BOARDS.forEach((row) => {
    it(row.board + ': the ' + row.edition + ' edition fits the board\'s saved-code area and holds just its parts', () => {
      const text = texts[row.board];
      assert.equal(builds[row.board].edition, row.edition);
      // What the area holds is .bootcde as the flash stores it (pretokenised); the build measured it with the tool.
      assert.ok(builds[row.board].storedBytes <= builds[row.board].capacityBytes, builds[row.board].storedBytes + ' bytes stored');
      assert.ok(builds[row.board].storedBytes < Buffer.byteLength(text), 'stored ' + builds[row.board].storedBytes + ', text ' + Buffer.byteLength(text));
      assert.equal(text.indexOf(INCLINE_MARK) >= 0, row.edition !== 'core', 'incline driver present only outside the core edition');
      assert.equal(text.indexOf(TRAINING_MARK) >= 0, row.edition === 'full', 'training features present only in the full edition');
      assert.equal(text.indexOf(FTMS_MARK) >= 0, row.edition === 'full' && BOARD_PROFILES[row.board].mc2100.bluetooth === true, 'FTMS only in a Bluetooth board\'s full edition');
      // Only the profile it boots: the other drive's cost the Pico about 150 variables.
      assert.equal(text.indexOf('BTS7960'), -1, 'the BTS7960 profile in an MC-2100 build');
    });

    it(row.board + ': the flash stores as .bootcde exactly the bytes these tests boot, with the board\'s own job file', () => {
      const build = builds[row.board];
      // What `npm run flash` hands the espruino tool: this build's job file and code file.
      const toolArguments = flashArguments(build.jobPath, build.firmwarePath, ['-p', '/dev/ttyACM0']);
      assert.deepEqual([toolArguments[0], toolArguments[1], toolArguments[toolArguments.length - 1]], ['-j', build.jobPath, build.firmwarePath]);
      assert.equal(JSON.parse(readFileSync(build.jobPath, 'utf8')).board, BOARD_JSON[row.board]);
      // What the tool sends for them (its own processors, offline), replayed into Storage.
      const stored = storedFilesOfUpload(readFileSync(build.previewPath, 'latin1'));
      assert.deepEqual(Object.keys(stored), ['.bootcde']);
      // Pretokenised (.espruinorc): keywords, operators, strings and integers stored as the
      // interpreter's token bytes; read back, the same tokens as the bundle the tests boot.
      const storedText = stored['.bootcde'];
      assert.ok(storedText.length < texts[row.board].length * 0.95, 'pretokenised: ' + storedText.length + ' of ' + texts[row.board].length + ' characters');
      const storedTokens = tokenValues(detokenise(storedText));
      const bundleTokens = tokenValues(texts[row.board]);
      const firstDifference = storedTokens.findIndex((token, index) => token !== bundleTokens[index]);
      assert.ok(firstDifference < 0 && storedTokens.length === bundleTokens.length, 'the stored .bootcde differs from the booted bundle at token ' + firstDifference + ': ' + storedTokens[firstDifference] + ' against ' + bundleTokens[firstDifference]);
    });
  });

  describe('on a faked Espruino', () => {
    let fake: FakeEspruino;
    let nrf: FakeNrf;
    let consoleLog: sinon.SinonStub;

    beforeEach(() => {
      fake = installFakeEspruino();
      nrf = new FakeNrf();
      consoleLog = sinon.stub(console, 'log');
    });

    afterEach(() => {
      consoleLog.restore();
      nrf.uninstall();
      fake.uninstall();
    });

    const logged = () => consoleLog.getCalls().map((call) => String(call.args[0])).join('\n');

    BOARDS.forEach((row) => {
      it(row.board + ': boots safe, starts after the countdown, and the key cuts the motor in its own event', () => {
        const board = BOARD_PROFILES[row.board].mc2100;
        const pins = motorPins(board);
        // The device runs the bundle as its whole program: run it the same way, on the fake globals.
        new Function(texts[row.board])();
        idleInputs(fake, board);
        const pwmDuty = () => (fake.pin(pins.speed).pwm ? (fake.pin(pins.speed).pwm as { duty: number }).duty : 0);
        assert.equal(pwmDuty(), 0);
        assert.equal(fake.pin(pins.enable).level, pins.enableActiveLow, 'enable off at boot');
        // After power-up the firmware watches the belt for its standstill timeout (3.4 s with one
        // pulse per foot) before it takes a start.
        fake.clock.tick(4000);
        const start = board.buttons.start as { pin: string; activeLow: boolean };
        fake.driveInput(start.pin, !start.activeLow);
        fake.clock.tick(100);
        fake.driveInput(start.pin, start.activeLow);
        fake.clock.tick(2800);
        assert.equal(pwmDuty(), 0, 'motor off during the countdown');
        fake.clock.tick(400);
        assert.ok(pwmDuty() > 0, 'running: the controller drives the motor; log: ' + logged());
        assert.equal(fake.pin(pins.enable).level, !pins.enableActiveLow, 'enable on while running');
        fake.driveInput(board.safetyKey.pin, board.safetyKey.activeLow);
        // The watch callback runs from the event queue at the same moment, before any tick.
        fake.clock.tick(0);
        assert.equal(pwmDuty(), 0, 'duty 0 in the key event');
        assert.equal(fake.pin(pins.enable).level, pins.enableActiveLow, 'enable off in the key event');
        assert.match(logged(), /keyRemoved|key removed/i);
        // A Bluetooth board serves FTMS: the service declared once, the key pull reported to apps.
        const bluetooth = board.bluetooth === true;
        fake.clock.tick(10);
        assert.equal(nrf.setServicesCalls, bluetooth ? 1 : 0);
        if (bluetooth) assert.ok(nrf.updates.some((update) => update.characteristicUuid === 0x2ada && update.value[0] === 0x03), 'stopped by safety key');
      });
    });

    BOARDS.forEach((row) => {
      it(row.board + ': the console handle keeps the names a person types (treadmill.status(), treadmill.command(...))', () => {
        new Function(texts[row.board])();
        const globals = global as unknown as { [name: string]: unknown };
        const handle = globals.treadmill as { [name: string]: (argument?: unknown) => unknown };
        try {
          CONSOLE_METHODS.forEach((name) => assert.equal(typeof handle[name], 'function', 'treadmill.' + name));
          assert.equal((handle.status() as { state: string }).state, 'idle');
          assert.deepEqual(handle.command({ name: 'fly', source: 'local' }), { accepted: false, message: 'unknown command fly' });
          // The line protocol's global prints one reply line (hal/espruino/boot.ts, CONSOLE_REQUEST).
          consoleLog.resetHistory();
          (globals.rt as (line: string) => void)('{"id":7,"cmd":"status"}');
          assert.equal(consoleLog.callCount, 1, 'one line printed');
          const reply = JSON.parse(String(consoleLog.getCall(0).args[0])) as { ok: boolean; id: number; data: { state: string } };
          assert.deepEqual([reply.ok, reply.id, reply.data.state], [true, 7, 'idle']);
          // A request's own fields keep their names too: `kph` read, so the firmware answers the speed
          // itself (its log line about the refusal comes first; the reply is the last line).
          (globals.rt as (line: string) => void)('{"cmd":"speed","kph":3}');
          assert.deepEqual(JSON.parse(String(consoleLog.lastCall.args[0])), { ok: false, error: 'belt not running: press start first' });
        } finally {
          delete globals.treadmill;
          delete globals.rt;
        }
      });
    });

    BOARDS.forEach((row) => {
      it(row.board + ': measures the belt from its encoder pin without reading the port each tick (the port keeps the reading current)', () => {
        new Function(texts[row.board])();
        const globals = global as unknown as { [name: string]: unknown };
        const handle = globals.treadmill as { status(): { measuredSpeedKph: number; distanceM: number } };
        try {
          const board = BOARD_PROFILES[row.board].mc2100;
          idleInputs(fake, board);
          fake.clock.tick(4000);
          // A walker pushing the idle belt at 5 km/h: one pulse per 0.3048 m, every 219.456 ms
          // (the machine file's belt distance). The estimate runs whether or not the motor drives.
          const encoder = board.beltEncoder;
          const intervalMs = (0.3048 / (5 / 3.6)) * 1000;
          for (let pulse = 0; pulse < 12; pulse++) {
            fake.clock.tick(intervalMs - 5);
            fake.driveInput(encoder.pin, !encoder.activeLow);
            fake.clock.tick(5);
            fake.driveInput(encoder.pin, encoder.activeLow);
          }
          fake.clock.tick(100);
          const status = handle.status();
          assert.ok(Math.abs(status.measuredSpeedKph - 5) < 0.05, 'measured ' + status.measuredSpeedKph + ' km/h');
          // Whole pulses of belt travel, all but at most the first (on some boards the pin's first
          // edge after boot is its idle level's, not a pulse).
          const pulses = status.distanceM / 0.3048;
          assert.ok(Math.abs(pulses - Math.round(pulses)) < 1e-9 && pulses >= 10.5 && pulses <= 12.5, 'distance ' + status.distanceM + ' m');
        } finally {
          delete globals.treadmill;
          delete globals.rt;
        }
      });
    });

    it('pico: the small-board bundle keeps require("Storage") by its name', () => {
      assert.match(texts.pico, /global\.require\("Storage"\)/);
    });

    it('pico: a bundle whose require was shortened stops at boot on the fake (the fake does not hide it)', () => {
      const renamed = texts.pico.replace('global.require("Storage")', 'global.wt("Storage")');
      assert.notEqual(renamed, texts.pico);
      assert.throws(() => new Function(renamed)(), /wt/);
    });

    it('a machine file without an incline: the bundle boots with its belt distance and caps and leaves the incline pins alone', () => {
      const board = BOARD_PROFILES.pico.mc2100;
      // The boot call at the bundle's end carries the configuration the build resolved from the
      // machine's overrides (a small edition boots on a preset configuration) as a literal.
      const literal = /metersPerPulse:([0-9.e-]+)/.exec(texts['bare-pico'].slice(texts['bare-pico'].lastIndexOf('metersPerPulse:')));
      assert.ok(literal !== null, 'the machine\'s overrides are compiled in');
      assert.ok(Math.abs(Number(literal[1]) - Math.PI * 0.05) < 1e-12, 'metersPerPulse from the roller: ' + literal[1]);
      assert.match(texts['bare-pico'], /forward:\{maxSpeedKph:10,/);
      new Function(texts['bare-pico'])();
      idleInputs(fake, board);
      fake.clock.tick(3000);
      const incline = board.incline;
      if (!incline || incline.position.kind !== 'pulses') throw new Error('expected the Pico profile to have a pulse incline');
      const inclinePins = [incline.up.pin, incline.down.pin, incline.position.input.pin];
      assert.deepEqual(fake.calls.filter((call) => call.pin !== undefined && inclinePins.indexOf(call.pin) >= 0), []);
      assert.ok(fake.calls.some((call) => call.name === 'setWatch' && call.pin === board.safetyKey.pin), 'the rest of the board is up: log ' + logged());
    });
  });

  describe('names that must survive shortening', () => {
    const externalReserved = reservedPropertyNames(ROOT, true);
    const bundleReserved = reservedPropertyNames(ROOT, false);

    it('keeps the language\'s and Espruino\'s names, and every string literal, in both modes', () => {
      ['push', 'toFixed', 'prototype', 'length', 'kickWatchdog', 'debounce', 'edge', 'repeat', 'freq', 'running', 'backward', 'require'].forEach((name) => {
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
