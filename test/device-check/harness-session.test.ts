// The harness's session against the real firmware bundles, on a faked interpreter: what the device check asserts, and that it can fail.

import assert from 'node:assert/strict';
import { ROOT } from '../../scripts/device-bundles';
import { supportedBoards } from '../../scripts/device-check/boards';
import { bundleHarness } from '../../scripts/device-check/harness-bundle';
import { callsPerRunningTick, prepareBoard, type PreparedBoard } from '../../scripts/device-check/run-board';
import { failedChecks, parseSessionOutput, tickLabels } from '../../scripts/device-check/session-output';
import { runOnFakeInterpreter } from './fake-interpreter';

describe('device check harness session (faked interpreter)', function () {
  this.timeout(60000);
  let harnessBundle = '';

  before(async () => {
    harnessBundle = await bundleHarness(ROOT);
  });

  supportedBoards().forEach((board) => {
    it(board + ': boots, starts, speeds up' + ', pulls the key; every check passes and the result line adds up', async () => {
      const prepared = await prepareBoard(board, harnessBundle);
      const output = parseSessionOutput(runOnFakeInterpreter(prepared.boot0, prepared.firmware.text).join('\n'));
      assert.deepEqual(output.errors, []);
      assert.deepEqual(failedChecks(output), []);
      const result = output.result;
      assert.ok(result !== null, 'result line');
      assert.ok(output.checks.length >= 10, output.checks.join('\n'));
      assert.ok(output.checks.some((line) => line.startsWith("ok key pull: enable off and duty 0 in the key edge's own event")));
      assert.equal(output.checks.some((line) => line.indexOf('startProgram') >= 0), prepared.firmware.edition === 'full', 'a program only where the edition has them');
      assert.equal(result.tickPeriodMs, prepared.harness.controlPeriodMs);
      const labels = tickLabels(result.phases, result.measuredCalls);
      assert.equal(labels.filter((label) => label === 'w').length, result.wrapperCalls);
      assert.equal(labels.filter((label) => label === 'r' || label === 'i').length, result.ticks);
      ['getTime', 'digitalRead', 'digitalWrite', 'kickWatchdog'].forEach((name) => {
        assert.ok(labels.indexOf('f' + name) >= 0 && labels.indexOf('n' + name) >= 0, name + ' calibrated as fake and native');
      });
      // The motor is driven from the countdown's end to the key pull: a good share of the ticks.
      assert.ok(labels.filter((label) => label === 'r').length > result.ticks / 4, result.phases);
      assert.equal(labels.indexOf('?'), -1);
    });
  });

  it('each bundle reaches time only through the HAL\'s one getTime, setInterval and setTimeout (the ones the harness replaces)', async () => {
    for (const board of supportedBoards()) {
      const prepared = await prepareBoard(board, harnessBundle);
      const uses = (pattern: RegExp) => (prepared.firmware.text.match(pattern) || []).length;
      assert.equal(uses(/\bgetTime\(/g), 1, board + ' getTime');
      assert.equal(uses(/\bsetInterval\(/g), 1, board + ' setInterval');
      assert.equal(uses(/\bsetTimeout\(/g), 1, board + ' setTimeout');
      assert.equal(uses(/\bDate\b|\bchangeInterval\b|\bE\.getTime\b|\bdigitalPulse\b/g), 0, board + ' other time sources');
    }
  });

  it('a counting run (dc(1)) plays the same session and counts the fakes each running tick calls', async () => {
    const prepared = await prepareBoard('pico', harnessBundle);
    const plain = parseSessionOutput(runOnFakeInterpreter(prepared.boot0, prepared.firmware.text).join('\n')).result;
    const counted = parseSessionOutput(runOnFakeInterpreter(prepared.boot0, prepared.firmware.text, { call: 'dc(1)' }).join('\n')).result;
    assert.ok(plain !== null && counted !== null);
    assert.equal(counted.ticks, plain.ticks);
    assert.equal(counted.phases, plain.phases);
    const perTick = callsPerRunningTick(counted);
    // Each running tick reads the clock once and kicks the watchdog once; it reads the key and
    // writes the motor's duty (the enable is written once when the run begins, not every tick).
    assert.equal(perTick.getTime, 1);
    assert.equal(perTick.kickWatchdog, 1);
    assert.ok(perTick.digitalRead >= 1 && perTick.analogWrite >= 1, JSON.stringify(perTick));
    assert.ok(perTick.digitalWrite < 0.5, 'the enable is not rewritten every tick: ' + JSON.stringify(perTick));
    assert.deepEqual(plain.pinCalls, {}, 'a plain run counts nothing');
  });

  describe('fails when the firmware misbehaves', () => {
    let prepared: PreparedBoard;

    before(async () => {
      prepared = await prepareBoard('pico', harnessBundle);
    });

    it('a key edge that cuts the motor only in a later event fails the own-event check', () => {
      const key = prepared.harness.key.pin;
      const lines = runOnFakeInterpreter(prepared.boot0, prepared.firmware.text, {
        afterBoot0: (context) => {
          const setWatch = context.setWatch as (callback: (event: unknown) => void, pin: unknown, options: unknown) => number;
          const setTimeout = context.setTimeout as (callback: () => void, delayMs: number) => number;
          context.setWatch = (callback: (event: unknown) => void, pin: unknown, options: unknown) =>
            setWatch(String(pin) === key ? (event: unknown) => setTimeout(() => callback(event), 0) : callback, pin, options);
        },
      });
      const failed = failedChecks(parseSessionOutput(lines.join('\n')));
      assert.deepEqual(failed.map((line) => line.split(':')[0]), ["FAIL key pull"]);
    });

    it('a firmware that never arms its control tick fails boot, running and the watchdog checks', () => {
      const lines = runOnFakeInterpreter(prepared.boot0, prepared.firmware.text, {
        afterBoot0: (context) => {
          context.setInterval = () => 1;
        },
      });
      const failed = failedChecks(parseSessionOutput(lines.join('\n'))).map((line) => line.split(':')[0]);
      assert.ok(failed.indexOf('FAIL firmware booted') >= 0, failed.join(' | '));
      assert.ok(failed.indexOf('FAIL running after the countdown') >= 0, failed.join(' | '));
      assert.ok(failed.indexOf('FAIL every control tick completed healthy (watchdog kicked)') >= 0, failed.join(' | '));
    });

    it('a firmware that throws while loading leaves no interval: the session says so, and the error line is kept', () => {
      const output = parseSessionOutput(runOnFakeInterpreter(prepared.boot0, 'throw new Error("boom")').join('\n'));
      assert.ok(output.errors.some((line) => line.indexOf('boom') >= 0), output.errors.join(' | '));
      assert.ok(failedChecks(output).length > 0);
    });
  });
});
