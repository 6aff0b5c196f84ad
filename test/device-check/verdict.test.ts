// The device check's pass criteria: at least 25 % free at peak, tick at most 25 % of the period, nothing passed unmeasured.

import assert from 'node:assert/strict';
import { BOARD_MACHINES, boardMilliseconds } from '../../scripts/device-check/boards';
import { loadLine } from '../../scripts/device-check/report';
import { exitStatus, freeShareAtPeak, judge, timerShares, type BoardMeasurement, type MemoryFigures, type TickFigures } from '../../scripts/device-check/verdict';

const PICO = BOARD_MACHINES.pico;

/** 5000 variables, 100 of them the harness's: `boardPeak` is the board's peak without it. */
function memory(boardPeak: number): MemoryFigures {
  return { total: 5000, atStart: 50, withHarness: 150, afterBoot: boardPeak, peak: boardPeak + 100 };
}

/** Instructions that take `share` of a 20 ms period on the Pico (84 MHz, 1.0 cycle each). */
function instructionsFor(share: number): number {
  return share * 20 * 84000;
}

function tickOf(meanInstructions: number, maxInstructions: number): TickFigures {
  return {
    meanInstructions, maxInstructions, runningTicks: 100, meanAllInstructions: 1, allTicks: 200, wrapperInstructions: 1, pinCallsPerTick: 10, pinOverheadInstructions: 1,
    timerInstructions: 0, timerCalls: 0, sessionMs: 60000, displayBytes: 0, displayBitrateHz: 0,
  };
}

function measurement(overrides: Partial<BoardMeasurement>): BoardMeasurement {
  return {
    board: 'pico', edition: 'compact', bundleBytes: 40000, savedCodeBytes: 49152, machine: PICO, controlPeriodMs: 20, skipped: '',
    problems: [], unmeasured: [], notes: [], memoryFailure: '', harnessVariables: 100, totalVariables: 5000,
    memory: memory(3000),
    tick: tickOf(instructionsFor(0.1), instructionsFor(0.2)),
    checksPassed: 14, checksRun: 14,
    ...overrides,
  };
}

describe('device check: the load beside the tick', () => {
  it('other intervals: their instructions on the board over the session; the display bus: its bytes at 9 bits each at its bit rate', () => {
    // 84 M instructions on the Pico are 1000 ms of a 10 s session; 10,000 bytes at 100 kHz are 900 ms.
    const tick = { ...tickOf(1, 1), timerInstructions: 84e6, timerCalls: 40, sessionMs: 10000, displayBytes: 10000, displayBitrateHz: 100000 };
    const shares = timerShares(tick, PICO);
    assert.ok(Math.abs(shares.timers - 0.1) < 1e-12, String(shares.timers));
    assert.ok(Math.abs(shares.displayBus - 0.09) < 1e-12, String(shares.displayBus));
  });

  it('no display, no bus time; no session, no shares', () => {
    assert.equal(timerShares({ ...tickOf(1, 1), timerInstructions: 84e6, displayBytes: 500 }, PICO).displayBus, 0);
    assert.deepEqual(timerShares({ ...tickOf(1, 1), timerInstructions: 84e6, sessionMs: 0 }, PICO), { timers: 0, displayBus: 0 });
  });

  it('reports the other intervals, the bus and the whole with the running tick\'s share', () => {
    const tick = { ...tickOf(instructionsFor(0.1), instructionsFor(0.2)), timerInstructions: 84e6, timerCalls: 40, sessionMs: 10000, displayBytes: 10000, displayBitrateHz: 100000 };
    const row = measurement({ tick });
    const line = loadLine({ measurement: row, verdict: judge(row) });
    assert.match(line, /other intervals 40 calls, 84\.00 M in 10 s: 10\.0 % of the CPU/);
    assert.match(line, /display bus 10,000 bytes at 100 kHz: 9\.0 %/);
    // 10 % tick + 10 % timers + 9 % bus.
    assert.match(line, /with the tick 29\.0 % of the CPU while running/);
    assert.equal(loadLine({ measurement: measurement({ tick: null }), verdict: judge(measurement({ tick: null })) }), '');
  });
});

describe('device check: verdict', () => {
  it('converts instructions to board time: instructions x cycles per instruction / clock', () => {
    assert.equal(boardMilliseconds(8.4e6, PICO), 100);
    assert.equal(boardMilliseconds(6.4e6, BOARD_MACHINES.jolt), 130);
    assert.equal(boardMilliseconds(24e6, BOARD_MACHINES.esp32), 150);
  });

  it('counts the free share on the board: the peak less the harness\'s own variables', () => {
    assert.equal(freeShareAtPeak(memory(3750)), 0.25);
  });

  it('passes a board with every criterion measured and met, at the 25 % limits exactly', () => {
    const verdict = judge(measurement({ memory: memory(3750), tick: tickOf(instructionsFor(0.25), instructionsFor(0.5)) }));
    assert.equal(verdict.verdict, 'PASS', verdict.reasons.join('; '));
    assert.ok(Math.abs((verdict.tickShare as number) - 0.25) < 1e-9);
  });

  it('fails below 25 % free at peak', () => {
    const verdict = judge(measurement({ memory: memory(3751) }));
    assert.equal(verdict.verdict, 'FAIL');
    assert.match(verdict.reasons.join('; '), /memory: 24\.9 % free at peak/);
  });

  it('fails a tick above 25 % of the control period (the mean, not the max)', () => {
    const verdict = judge(measurement({ tick: tickOf(instructionsFor(0.26), instructionsFor(0.26)) }));
    assert.equal(verdict.verdict, 'FAIL');
    assert.match(verdict.reasons.join('; '), /tick: 5\.2 ms of a 20 ms period \(26\.0 %\)/);
  });

  it('fails on any problem (a failed session check, an interpreter error), whatever the figures', () => {
    assert.equal(judge(measurement({ problems: ['session: OUT OF MEMORY'] })).verdict, 'FAIL');
  });

  it('fails a board whose interpreter ran out of memory, and says where', () => {
    const verdict = judge(measurement({ memory: null, memoryFailure: 'out of memory while loading the firmware' }));
    assert.equal(verdict.verdict, 'FAIL');
    assert.match(verdict.reasons[0], /memory: out of memory while loading the firmware \(5000 variables, the harness's 100 among them\)/);
    assert.equal(verdict.reasons.length, 1, 'no "not measured" line for what the failure explains');
  });

  it('fails a bundle larger than the saved-code area', () => {
    assert.equal(judge(measurement({ bundleBytes: 50000 })).verdict, 'FAIL');
  });

  it('never passes what it did not measure: no tick or no memory is INCOMPLETE, with the reason', () => {
    const noTick = judge(measurement({ tick: null, unmeasured: ['tick: valgrind is not installed'] }));
    assert.equal(noTick.verdict, 'INCOMPLETE');
    assert.deepEqual(noTick.reasons, ['not measured: tick: valgrind is not installed']);
    assert.equal(judge(measurement({ memory: null })).verdict, 'INCOMPLETE');
    assert.equal(judge(measurement({ tick: null })).verdict, 'INCOMPLETE');
  });

  it('a failure outweighs what is unmeasured', () => {
    assert.equal(judge(measurement({ tick: null, memory: memory(4900) })).verdict, 'FAIL');
  });

  it('skips a board with no interpreter', () => {
    assert.equal(judge(measurement({ skipped: 'missing in /x: espruino_pico32' })).verdict, 'SKIP');
  });

  it('exits 1 when any board failed, else 0 (skipped and incomplete included)', () => {
    const pass = judge(measurement({}));
    const skip = judge(measurement({ skipped: 'no interpreters' }));
    const incomplete = judge(measurement({ tick: null }));
    const fail = judge(measurement({ problems: ['x'] }));
    assert.equal(exitStatus([pass, skip, incomplete]), 0);
    assert.equal(exitStatus([pass, fail, skip]), 1);
  });
});
