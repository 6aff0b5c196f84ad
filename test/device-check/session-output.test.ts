// Reading what the interpreter printed: the harness's lines, the result, and the error lines that fail a board.

import assert from 'node:assert/strict';
import { memoryFailure } from '../../scripts/device-check/run-board';
import { failedChecks, parseSessionOutput, tickLabels } from '../../scripts/device-check/session-output';

describe('device check: session output', () => {
  it('reads the harness line, the checks and the result; terminal escapes dropped', () => {
    const output = parseSessionOutput(
      ['\x1b[JDC harness 38 579 5100', 'info: hal: Espruino Pico + MC-2100', 'DC check ok safe at boot: enable off, duty 0.000', 'DC check FAIL countdown: motor off: enable on',
        'DC result {"usageAtStart":38,"usagePeak":4000,"flags":[],"ticks":3,"phases":"w0 i8"}'].join('\r\n'),
    );
    assert.deepEqual(output.harness, { atStart: 38, withHarness: 579, total: 5100 });
    assert.equal(output.checks.length, 2);
    assert.deepEqual(failedChecks(output), ['FAIL countdown: motor off: enable on']);
    assert.equal(output.result !== null && output.result.usagePeak, 4000);
    assert.deepEqual(output.errors, []);
  });

  it('keeps the interpreter\'s and the firmware\'s error lines, not its info lines', () => {
    const output = parseSessionOutput(
      ['OUT OF MEMORY    at un (:1:1)', 'ASSERT(ref) FAILED AT src/jsvar.c:231', 'Uncaught Error: boom', 'error: control error: x; outputs made safe', 'info: refused start (local): insert the safety key to start', 'New interpreter error: LOW_MEMORY,MEMORY'].join('\n'),
    );
    assert.equal(output.result, null);
    assert.equal(output.errors.length, 5);
    assert.ok(output.errors.every((line) => !line.startsWith('info:')));
  });

  it('labels each measured call from the phase marks', () => {
    assert.deepEqual(tickLabels('w0 i3 r5 i7', 9), ['w', 'w', 'w', 'i', 'i', 'r', 'r', 'i', 'i']);
    assert.deepEqual(tickLabels('w0 fgetTime2 ngetTime3 r4', 5), ['w', 'w', 'fgetTime', 'ngetTime', 'r']);
    assert.throws(() => tickLabels('w0 x', 2), /unreadable phase mark/);
  });

  it('tells where the interpreter ran out of memory: while loading (the firmware never booted) or in the session', () => {
    const result = 'DC result {"flags":["LOW_MEMORY","MEMORY"],"ticks":0,"phases":"w0"}';
    assert.equal(memoryFailure(parseSessionOutput(['OUT OF MEMORY', 'DC check FAIL firmware booted: one control interval: 0 interval(s)', result].join('\n'))), 'out of memory while loading the firmware');
    assert.equal(memoryFailure(parseSessionOutput(['DC check ok firmware booted: one control interval', result].join('\n'))), 'out of memory in the session');
    assert.equal(memoryFailure(parseSessionOutput(['DC check ok firmware booted: one control interval', 'DC result {"flags":[],"ticks":9}'].join('\n'))), '');
  });
});
