// The display host: redraws on its own timer at most REDRAW_PERIOD_MS apart, sends only changed rows, never from the control tick.

import assert from 'node:assert/strict';
import { REDRAW_PERIOD_MS, DisplayHost } from '../../firmware/display/display-host';
import { bootTreadmill, type Treadmill } from '../../firmware/index';
import type { ProgramStatus } from '../../firmware/program/program-control';
import type { TreadmillConsole } from '../../firmware/treadmill-console';
import type { TreadmillStatus } from '../../firmware/treadmill-status';
import type { TextDisplay } from '../../hal/text-display';
import { SimLog } from '../../sim/ports/sim-log';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../../sim/sim-treadmill';
import { waitForBeltStill } from '../closed-loop/harness';
import { statusWith } from './screen-status';

interface Rig {
  scheduler: SimScheduler;
  sim: SimTreadmill;
  firmware: Treadmill;
  /** Simulated times of the row writes, and their rows. */
  writes: { timeMs: number; row: number }[];
}

/** The full edition on the simulated treadmill with its 20x4 display, every row write recorded. */
function makeRig(): Rig {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS));
  const writes: { timeMs: number; row: number }[] = [];
  const display = sim.display;
  const showLine = display.showLine.bind(display);
  display.showLine = (row: number, text: string) => {
    writes.push({ timeMs: scheduler.nowMs(), row });
    showLine(row, text);
  };
  const firmware = bootTreadmill(sim.hal, { drive: sim.options.drive });
  waitForBeltStill(scheduler, firmware);
  return { scheduler, sim, firmware, writes };
}

function startAndRun(rig: Rig, speedKph: number): void {
  assert.equal(rig.firmware.command({ name: 'start', source: 'local' }).accepted, true);
  rig.scheduler.advance(4000);
  assert.equal(rig.firmware.command({ name: 'setSpeed', source: 'local', speedKph }).accepted, true);
  rig.scheduler.advance(6000);
}

/** A console whose status the test sets, for the host alone. */
function fakeConsole(status: TreadmillStatus): TreadmillConsole {
  return {
    status: () => status,
    programStatus: () => ({ phase: 'off' }) as ProgramStatus,
    displayUnits: () => 'kph',
  } as unknown as TreadmillConsole;
}

describe('display host', () => {
  it('shows the screens on the simulated 20x4: idle, running, fault', () => {
    const rig = makeRig();
    rig.scheduler.advance(REDRAW_PERIOD_MS);
    assert.equal(rig.sim.display.lines[0], 'Ready           km/h');
    startAndRun(rig, 3);
    assert.equal(rig.sim.display.lines[0], '> 3.0 km/h      0.0%');
    assert.match(rig.sim.display.lines[1], /^Time +0:0\d$/);
    rig.sim.pullKey();
    rig.scheduler.advance(REDRAW_PERIOD_MS);
    assert.deepEqual(rig.sim.display.lines.slice(0, 2), ['Fault: Key pulled   ', 'Insert the key      ']);
  });

  it('redraws at most once per REDRAW_PERIOD_MS, on its own timer: at most 4 redraws in any second', () => {
    const rig = makeRig();
    startAndRun(rig, 4);
    rig.firmware.command({ name: 'speedUp', source: 'local' });
    rig.scheduler.advance(20000);
    const times = rig.writes.map((write) => write.timeMs).filter((time, index, all) => all.indexOf(time) === index);
    assert.ok(times.length > 20, 'the screen changed and was redrawn: ' + times.length + ' redraws');
    for (let index = 1; index < times.length; index++) assert.ok(times[index] - times[index - 1] >= REDRAW_PERIOD_MS, 'redraws ' + times[index - 1] + ' and ' + times[index] + ' ms are closer than ' + REDRAW_PERIOD_MS);
    times.forEach((time) => {
      const inSecond = times.filter((other) => other >= time && other < time + 1000).length;
      assert.ok(inSecond <= 4, inSecond + ' redraws in the second from ' + time + ' ms');
    });
  });

  it('sends nothing while nothing changes, and only the changed rows while running', () => {
    const rig = makeRig();
    rig.scheduler.advance(1000);
    const idleWrites = rig.writes.length;
    rig.scheduler.advance(10000);
    assert.equal(rig.writes.length, idleWrites, 'an unchanged idle screen is not sent again');
    startAndRun(rig, 3);
    const from = rig.writes.length;
    rig.scheduler.advance(10000);
    const rows = [0, 1, 2, 3].map((row) => rig.writes.slice(from).filter((write) => write.row === row).length);
    assert.equal(rows[0], 0, 'the speed row holds at a steady setpoint');
    assert.ok(rows[1] >= 9 && rows[1] <= 11, 'the time row once a second: ' + rows[1]);
    assert.ok(rows[3] < rows[1], 'the energy row changes less often than the time: ' + rows.join(', '));
    assert.equal(rig.sim.display.showCount, 0, 'a display with showLine gets no whole-screen writes');
  });

  it('never draws from inside the control tick', () => {
    const rig = makeRig();
    let inTick = false;
    const firmware = rig.firmware as unknown as { tick(nowMs: number): void };
    const tick = firmware.tick.bind(rig.firmware);
    firmware.tick = (nowMs: number) => {
      inTick = true;
      try {
        tick(nowMs);
      } finally {
        inTick = false;
      }
    };
    const display = rig.sim.display;
    const showLine = display.showLine.bind(display);
    let inTickWrites = 0;
    let ticks = 0;
    display.showLine = (row: number, text: string) => {
      if (inTick) inTickWrites++;
      showLine(row, text);
    };
    const wrappedTick = firmware.tick;
    firmware.tick = (nowMs: number) => {
      ticks++;
      wrappedTick(nowMs);
    };
    startAndRun(rig, 3);
    rig.sim.pullKey();
    rig.scheduler.advance(2000);
    assert.ok(ticks > 50, 'the wrapped tick ran: ' + ticks);
    assert.equal(inTickWrites, 0);
    assert.equal(display.lines[0], 'Fault: Key pulled   ');
  });

  it('stops drawing when the firmware halts (a hung board, or an instance replaced after a power loss)', () => {
    const rig = makeRig();
    startAndRun(rig, 3);
    rig.firmware.halt();
    const writes = rig.writes.length;
    rig.scheduler.advance(5000);
    assert.equal(rig.writes.length, writes);
  });

  it('a display without showLine gets the whole screen, only when it changed', () => {
    const scheduler = new SimScheduler();
    const shown: string[][] = [];
    const display: TextDisplay = { columns: 16, rows: 2, show: (lines: string[]) => shown.push(lines.slice()) };
    const status = statusWith({ state: 'running', setpointKph: 2, metricsChanges: { elapsedMs: 5000 } });
    new DisplayHost(display, fakeConsole(status), new SimLog(scheduler), false, null).start(scheduler);
    scheduler.advance(2000);
    assert.deepEqual(shown, [['> 2.0km/h   0.0%', 'Time        0:05']]);
    status.metrics.elapsedMs = 6000;
    scheduler.advance(REDRAW_PERIOD_MS);
    assert.deepEqual(shown[1], ['> 2.0km/h   0.0%', 'Time        0:06']);
    assert.equal(shown.length, 2);
  });

  it('a failing display is reported once, and redrawn in full once it works again', () => {
    const scheduler = new SimScheduler();
    const log = new SimLog(scheduler);
    let broken = true;
    const rowsWritten: number[] = [];
    const display: TextDisplay = {
      columns: 20,
      rows: 4,
      show: () => undefined,
      showLine: (row: number) => {
        if (broken) throw new Error('I2C timeout');
        rowsWritten.push(row);
      },
    };
    const host = new DisplayHost(display, fakeConsole(statusWith({})), log, false, null);
    host.start(scheduler);
    scheduler.advance(2000);
    assert.deepEqual(log.lines.filter((line) => line.indexOf('display') >= 0).length, 1, log.lines.join('\n'));
    assert.match(log.lines.join('\n'), /warn display: Error: I2C timeout/);
    broken = false;
    scheduler.advance(REDRAW_PERIOD_MS);
    assert.deepEqual(rowsWritten, [0, 1, 2, 3]);
  });

  it('the idle facts are read when the belt becomes idle, not at every redraw', () => {
    const scheduler = new SimScheduler();
    const status = statusWith({});
    let reads = 0;
    const display: TextDisplay = { columns: 20, rows: 4, show: () => undefined };
    new DisplayHost(display, fakeConsole(status), new SimLog(scheduler), false, (facts) => {
      reads++;
      facts.suggestion = { durationMin: 5, speedKph: 0.8, inclinePct: 0, reason: '', basedOnSession: null };
    }).start(scheduler);
    scheduler.advance(3000);
    assert.equal(reads, 1);
    status.state = 'running';
    scheduler.advance(1000);
    status.state = 'idle';
    scheduler.advance(3000);
    assert.equal(reads, 2);
  });
});
