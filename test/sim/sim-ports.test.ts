// Tests of the simulator's HAL ports: edge delivery through the scheduler, filters, watchdog, storage.

import assert from 'node:assert/strict';
import type { EdgeEvent } from '../../hal/digital-in';
import type { PulseReading } from '../../hal/pulse-counter';
import { SimAnalogIn } from '../../sim/ports/sim-analog-in';
import { SimBeeper } from '../../sim/ports/sim-beeper';
import { SimDigitalIn } from '../../sim/ports/sim-digital-in';
import { SimDigitalOut } from '../../sim/ports/sim-digital-out';
import { SimLog } from '../../sim/ports/sim-log';
import { SimPulseCounter } from '../../sim/ports/sim-pulse-counter';
import { SimPwmOut } from '../../sim/ports/sim-pwm-out';
import { MAX_STORAGE_NAME_LENGTH, SimStorage } from '../../sim/ports/sim-storage';
import { SimTextDisplay } from '../../sim/ports/sim-text-display';
import { SimWatchdog } from '../../sim/ports/sim-watchdog';
import { SimScheduler } from '../../sim/sim-scheduler';

function newReading(): PulseReading {
  return { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
}

describe('SimDigitalIn', () => {
  it('delivers edges from the scheduler, never from queueEdge, read or watch', () => {
    const scheduler = new SimScheduler();
    const input = new SimDigitalIn(scheduler, true);
    const edges: EdgeEvent[] = [];
    input.watch((edge) => edges.push(edge));
    input.queueEdge(false, scheduler.nowMs());
    assert.equal(edges.length, 0, 'not synchronous');
    assert.equal(input.read(), true, 'level changes when the edge is delivered');
    scheduler.advance(0);
    assert.deepEqual(edges, [{ active: false, timeMs: 0 }]);
    assert.equal(input.read(), false);
  });

  it('delivers at the edge time, in time order, ties in queue order after earlier callbacks', () => {
    const scheduler = new SimScheduler();
    const input = new SimDigitalIn(scheduler, false);
    const log: string[] = [];
    scheduler.at(10, () => log.push('earlier timer'));
    input.watch((edge) => log.push((edge.active ? 'rise' : 'fall') + '@' + scheduler.nowMs()));
    input.queueEdge(true, 20);
    input.queueEdge(false, 30);
    input.queueEdge(true, 10);
    scheduler.advance(15);
    assert.deepEqual(log, ['earlier timer', 'rise@10']);
    scheduler.advance(20);
    // The rise at 20 finds the level already high: a pin cannot rise twice, so it is dropped.
    assert.deepEqual(log, ['earlier timer', 'rise@10', 'fall@30']);
  });

  it('reports edges from the past at now with their true time', () => {
    const scheduler = new SimScheduler();
    scheduler.advance(100);
    const input = new SimDigitalIn(scheduler, false);
    const edges: EdgeEvent[] = [];
    input.watch((edge) => edges.push(edge));
    input.queueEdge(true, 97.5);
    scheduler.advance(0);
    assert.deepEqual(edges, [{ active: true, timeMs: 97.5 }]);
  });

  it('stops calling a cancelled watcher and isolates a throwing one', () => {
    const scheduler = new SimScheduler();
    const input = new SimDigitalIn(scheduler, false);
    let first = 0;
    let second = 0;
    const handle = input.watch(() => first++);
    input.watch(() => {
      second++;
      throw new Error('watcher failed');
    });
    input.queueEdge(true, 0);
    scheduler.advance(1);
    handle.cancel();
    handle.cancel();
    input.queueEdge(false, 1);
    scheduler.advance(1);
    assert.equal(first, 1);
    assert.equal(second, 2);
    assert.equal(scheduler.errors.length, 2);
    assert.equal(input.watcherCount(), 1);
  });
});

describe('SimPulseCounter', () => {
  it('rejects pulses closer than the glitch filter to the last accepted one', () => {
    const counter = new SimPulseCounter({ glitchFilterMs: 2 });
    const reading = newReading();
    counter.read(reading);
    assert.deepEqual(reading, { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false });
    for (const timeMs of [10, 10.5, 11.9, 12, 13, 30]) counter.pulse(timeMs);
    counter.read(reading);
    assert.deepEqual(reading, { count: 3, lastPulseMs: 30, previousPulseMs: 12, rejectedCount: 3, overflowed: false });
  });

  it('keeps the overflow flag once raised', () => {
    const counter = new SimPulseCounter({ glitchFilterMs: 0 });
    counter.markOverflow();
    counter.pulse(5);
    const reading = newReading();
    counter.read(reading);
    assert.equal(reading.overflowed, true);
    assert.equal(reading.count, 1);
  });
});

describe('SimWatchdog', () => {
  it('fires once, from the scheduler, when not kicked within its timeout', () => {
    const scheduler = new SimScheduler();
    const watchdog = new SimWatchdog(scheduler);
    const fired: number[] = [];
    watchdog.onExpire((nowMs) => fired.push(nowMs));
    watchdog.enable(1000);
    for (let index = 0; index < 10; index++) {
      scheduler.advance(500);
      watchdog.kick();
    }
    assert.deepEqual(fired, [], 'kicked in time');
    scheduler.advance(999);
    assert.deepEqual(fired, []);
    scheduler.advance(1);
    assert.deepEqual(fired, [6000]);
    assert.equal(watchdog.isArmed(), false);
    scheduler.advance(5000);
    assert.equal(fired.length, 1, 'fires once');
    assert.equal(watchdog.kickCount, 10);
  });

  it('keeps at most one pending check while kicked every tick', () => {
    const scheduler = new SimScheduler();
    const watchdog = new SimWatchdog(scheduler);
    watchdog.enable(100);
    scheduler.every(20, () => watchdog.kick());
    scheduler.advance(10000);
    assert.ok(scheduler.pendingCount() <= 2, 'pending ' + scheduler.pendingCount());
    assert.equal(watchdog.expiredCount, 0);
  });

  it('can be disarmed by a simulated reset', () => {
    const scheduler = new SimScheduler();
    const watchdog = new SimWatchdog(scheduler);
    let fired = 0;
    watchdog.onExpire(() => fired++);
    watchdog.enable(100);
    watchdog.disarm();
    scheduler.advance(1000);
    assert.equal(fired, 0);
  });
});

describe('SimStorage', () => {
  it('reads back what it wrote, lists by prefix, erases', () => {
    const storage = new SimStorage();
    assert.equal(storage.read('settings'), undefined);
    assert.equal(storage.write('settings', '{"a":1}'), true);
    assert.equal(storage.write('history.1', 'x'), true);
    assert.equal(storage.write('history.2', 'y'), true);
    assert.equal(storage.write('settings', '{"a":2}'), true);
    assert.equal(storage.read('settings'), '{"a":2}');
    assert.deepEqual(storage.list('history.'), ['history.1', 'history.2']);
    storage.erase('history.1');
    storage.erase('missing');
    assert.deepEqual(storage.list(''), ['settings', 'history.2']);
    assert.equal(storage.writeCount, 4);
  });

  it('refuses names over 28 characters and writes past its capacity', () => {
    const storage = new SimStorage(10);
    assert.equal(storage.write('a'.repeat(MAX_STORAGE_NAME_LENGTH), '12345'), true);
    assert.equal(storage.write('a'.repeat(MAX_STORAGE_NAME_LENGTH + 1), '1'), false);
    assert.equal(storage.write('b', '123456'), false);
    assert.equal(storage.write('a'.repeat(MAX_STORAGE_NAME_LENGTH), '1234567890'), true, 'replacing frees the old text');
    storage.failWrites = true;
    assert.equal(storage.write('c', ''), false);
  });

  it('damages records for tests', () => {
    const storage = new SimStorage();
    storage.write('settings', '{"speed":3.5}');
    storage.truncate('settings', 5);
    assert.equal(storage.read('settings'), '{"spe');
    storage.corrupt('settings', '\u0000\u00ff');
    assert.equal(storage.read('settings'), '\u0000\u00ff');
  });
});

describe('other sim ports', () => {
  it('SimPwmOut and SimDigitalOut remember what was written', () => {
    const pwm = new SimPwmOut(20);
    const out = new SimDigitalOut();
    assert.equal(pwm.read(), 0);
    assert.equal(out.read(), false);
    pwm.write(0.42);
    out.write(true);
    assert.equal(pwm.read(), 0.42);
    assert.equal(pwm.frequencyHz, 20);
    assert.equal(out.read(), true);
    assert.equal(pwm.line.writeCount + out.line.writeCount, 2);
  });

  it('without a delay, what the models see is what was last written', () => {
    const pwm = new SimPwmOut(20);
    const out = new SimDigitalOut();
    pwm.write(0.3);
    out.write(true);
    assert.equal(pwm.line.applied(), 0.3);
    assert.equal(out.line.applied(), true);
  });

  describe('with an output delay (a board writes its outputs a tick time after its tick began)', () => {
    function delayed(delayMs: number) {
      const scheduler = new SimScheduler();
      const pwm = new SimPwmOut(20, { scheduler, delayMs });
      const out = new SimDigitalOut({ scheduler, delayMs });
      return { scheduler, pwm, out };
    }

    it('a write reaches the models exactly the delay later; read() returns it at once', () => {
      const { scheduler, pwm, out } = delayed(20);
      scheduler.advance(100);
      pwm.write(0.5);
      out.write(true);
      assert.equal(pwm.read(), 0.5, 'read back at once');
      assert.equal(out.read(), true, 'read back at once');
      assert.equal(pwm.line.applied(), 0, 'not yet at the pin');
      assert.equal(out.line.applied(), false, 'not yet at the pin');
      scheduler.runUntil(119.999);
      assert.equal(pwm.line.applied(), 0);
      assert.equal(out.line.applied(), false);
      scheduler.runUntil(120);
      assert.equal(pwm.line.applied(), 0.5);
      assert.equal(out.line.applied(), true);
    });

    it('applies several writes in order, each at its own time, the last one winning', () => {
      const { scheduler, pwm } = delayed(30);
      const seen: number[] = [];
      pwm.line.syncWorld = () => seen.push(pwm.line.applied());
      pwm.write(0.1);
      scheduler.advance(10);
      pwm.write(0.2);
      pwm.write(0.3);
      scheduler.advance(19);
      assert.equal(pwm.line.applied(), 0, 'the first write is 1 ms short of its time');
      scheduler.advance(1);
      assert.equal(pwm.line.applied(), 0.1);
      scheduler.advance(10);
      assert.equal(pwm.line.applied(), 0.3, 'both later writes, in order');
      assert.equal(pwm.read(), 0.3);
      // The world is brought up to now before each write and before each value reaches it.
      assert.deepEqual(seen, [0, 0, 0, 0, 0.1, 0.2]);
    });

    it('is deterministic: same-time writes of two outputs apply in write order, after timers already due then', () => {
      const { scheduler, pwm, out } = delayed(20);
      const order: string[] = [];
      scheduler.at(20, () => order.push('timer ' + pwm.line.applied() + ' ' + out.line.applied()));
      pwm.line.syncWorld = () => order.push('pwm sync');
      out.line.syncWorld = () => order.push('out sync');
      out.write(true);
      pwm.write(0.4);
      order.length = 0;
      scheduler.advance(20);
      assert.deepEqual(order, ['timer 0 false', 'out sync', 'pwm sync']);
      assert.equal(out.line.applied(), true);
      assert.equal(pwm.line.applied(), 0.4);
    });

    it('a reset (the board restarting) sets the pin at once and drops writes still on their way', () => {
      const { scheduler, pwm, out } = delayed(20);
      pwm.write(0.7);
      out.write(true);
      scheduler.advance(5);
      pwm.line.reset(0);
      out.line.reset(false);
      assert.equal(pwm.line.applied(), 0);
      assert.equal(pwm.read(), 0);
      assert.equal(out.line.applied(), false);
      scheduler.advance(5);
      pwm.write(0.2);
      scheduler.advance(15);
      assert.equal(pwm.line.applied(), 0, 'the dropped 0.7 never arrives, and the later write is not pulled forward');
      assert.equal(out.line.applied(), false);
      scheduler.advance(5);
      assert.equal(pwm.line.applied(), 0.2);
    });
  });

  it('SimAnalogIn returns the value the model set', () => {
    const input = new SimAnalogIn(0.25);
    assert.equal(input.read(), 0.25);
    input.value = 0.75;
    assert.equal(input.read(), 0.75);
  });

  it('SimLog keeps timed lines and echoes them', () => {
    const scheduler = new SimScheduler();
    const echoed: string[] = [];
    const log = new SimLog(scheduler, (line) => echoed.push(line));
    scheduler.advance(1234.5);
    log.info('started');
    log.warn('slow');
    log.error('fault');
    assert.deepEqual(log.lines, ['1.234 info started', '1.234 warn slow', '1.234 error fault']);
    assert.deepEqual(echoed, log.lines);
    assert.equal(log.contains('slow'), true);
    assert.equal(log.contains('fast'), false);
  });

  it('SimBeeper records tones and knows when one is playing', () => {
    const scheduler = new SimScheduler();
    const beeper = new SimBeeper(scheduler);
    beeper.beep(2000, 100);
    assert.equal(beeper.isSounding(), true);
    scheduler.advance(100);
    assert.equal(beeper.isSounding(), false);
    beeper.beep(1000, 500);
    beeper.silence();
    assert.equal(beeper.isSounding(), false);
    assert.deepEqual(beeper.tones, [
      { timeMs: 0, frequencyHz: 2000, durationMs: 100 },
      { timeMs: 100, frequencyHz: 1000, durationMs: 500 },
    ]);
  });

  it('SimTextDisplay cuts and pads to its size', () => {
    const display = new SimTextDisplay(8, 2);
    display.show(['a very long line', 'ok', 'dropped']);
    assert.deepEqual(display.lines, ['a very l', 'ok      ']);
    display.show([]);
    assert.deepEqual(display.lines, ['        ', '        ']);
    assert.equal(display.showCount, 2);
  });
});
