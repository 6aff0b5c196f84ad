// Tests of the simulated treadmill as a whole: determinism, key edges, walker modes, every fault.

import assert from 'node:assert/strict';
import type { EdgeEvent } from '../../hal/digital-in';
import type { PulseReading } from '../../hal/pulse-counter';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, SIM_BUTTONS, SIM_FAULTS } from '../../sim/sim-treadmill';
import type { SimFault, SimTreadmill, SimTreadmillOptions } from '../../sim/sim-treadmill';
import { driveMotor, meanOfLast, sampleSpeed } from './physics-harness';

function build(overrides: Partial<SimTreadmillOptions> = {}): { scheduler: SimScheduler; treadmill: SimTreadmill } {
  const scheduler = new SimScheduler();
  const treadmill = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, overrides));
  return { scheduler, treadmill };
}

function readEncoder(treadmill: SimTreadmill): PulseReading {
  const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
  treadmill.hal.beltEncoder.read(reading);
  return reading;
}

/** A walker on a belt changing speed with a noisy encoder and a moving incline, sampled every 50 ms. */
function trajectory(seed: number): number[] {
  const { scheduler, treadmill } = build({ seed, walkerMode: 'forward', hasDirectionSensor: true, inclineSensor: 'analog' });
  treadmill.injectFault('encoderNoise');
  driveMotor(treadmill, 0.3);
  treadmill.hal.incline?.up.write(true);
  const samples: number[] = [];
  for (let index = 0; index < 400; index++) {
    if (index === 200) treadmill.hal.motor.speed.write(0.45);
    scheduler.advance(50);
    const reading = readEncoder(treadmill);
    const position = treadmill.hal.incline?.position;
    samples.push(treadmill.beltSpeedKph(), reading.count, reading.lastPulseMs, reading.rejectedCount, position?.kind === 'analog' ? position.input.read() : -1);
  }
  return samples;
}

describe('SimTreadmill', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_SIM_OPTIONS, {
      seed: 1,
      drive: 'mc2100',
      pulsesPerMeter: 3.28,
      physicsStepMs: 5,
      walkerMassKg: 70,
      walkerMode: 'off',
      footfallHz: 1.8,
      pushSpeedKph: 2,
      keyPresent: true,
      hasIncline: true,
      hasDirectionSensor: false,
    });
  });

  it('builds a HAL of sim ports on the scheduler', () => {
    const { scheduler, treadmill } = build();
    const hal = treadmill.hal;
    assert.equal(hal.clock, scheduler);
    assert.equal(hal.scheduler, scheduler);
    assert.equal(hal.motor.speed.frequencyHz, 20);
    assert.equal(hal.safetyKey.read(), true);
    assert.equal(hal.beltDirectionSensor, undefined);
    assert.ok(hal.incline !== undefined && hal.incline.position.kind === 'pulses');
    for (const button of SIM_BUTTONS) assert.equal(hal.buttons[button]?.read(), false, button);
    assert.equal(hal.log, treadmill.log);
    assert.equal(hal.storage, treadmill.storage);
    assert.equal(hal.watchdog, treadmill.watchdog);
    assert.equal(hal.beeper, treadmill.beeper);
    const bare = build({ hasIncline: false, hasDirectionSensor: true, drive: 'hbridge', keyPresent: false }).treadmill.hal;
    assert.equal(bare.incline, undefined);
    assert.ok(bare.beltDirectionSensor !== undefined);
    assert.equal(bare.safetyKey.read(), false);
    assert.notEqual(bare.motor.speed.frequencyHz, 20);
  });

  it('shows a tick the world after the physics step due at its time, whatever the timer order', () => {
    const { scheduler, treadmill } = build();
    const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
    const seen: number[] = [];
    scheduler.every(20, () => {
      treadmill.hal.beltEncoder.read(reading);
      seen.push(treadmill.physicsStepCount);
    });
    scheduler.after(40, () => {
      treadmill.hal.motor.speed.write(0.5);
      seen.push(treadmill.physicsStepCount);
    });
    scheduler.advance(100);
    assert.deepEqual(seen, [4, 8, 8, 12, 16, 20]);
    assert.equal(treadmill.physicsStepCount, 20);
  });

  it('applies a write from the next physics step on, not the one ending at the same time', () => {
    const withWriteFirst = build();
    const withPhysicsFirst = build();
    // One firmware writes at 1000 from a timer made before the physics step due then, the other after it.
    withWriteFirst.scheduler.at(1000, () => driveMotor(withWriteFirst.treadmill, 0.5));
    withPhysicsFirst.scheduler.advance(995);
    withPhysicsFirst.scheduler.at(1000, () => driveMotor(withPhysicsFirst.treadmill, 0.5));
    withWriteFirst.scheduler.advance(3000);
    withPhysicsFirst.scheduler.advance(2005);
    assert.ok(withWriteFirst.treadmill.beltSpeedKph() > 1);
    assert.equal(withWriteFirst.treadmill.beltSpeedKph(), withPhysicsFirst.treadmill.beltSpeedKph());
  });

  it('outputDelayMs: the motor and the lift get each write that much later, exactly as a world without a delay does then', () => {
    const prompt = build({ drive: 'hbridge' });
    const late = build({ drive: 'hbridge', outputDelayMs: 25 });
    prompt.scheduler.at(1025, () => {
      driveMotor(prompt.treadmill, 0.5);
      prompt.treadmill.hal.incline?.up.write(true);
    });
    late.scheduler.at(1000, () => {
      driveMotor(late.treadmill, 0.5);
      late.treadmill.hal.incline?.up.write(true);
    });
    late.scheduler.advance(1020);
    assert.equal(late.treadmill.motorDuty(), 0.5, 'the written duty reads back at once');
    assert.equal(late.treadmill.beltSpeedKph(), 0, 'the motor has not got it yet');
    prompt.scheduler.advance(4000);
    late.scheduler.advance(2980);
    assert.ok(late.treadmill.beltSpeedKph() > 1);
    assert.equal(late.treadmill.beltSpeedKph(), prompt.treadmill.beltSpeedKph());
    assert.equal(late.treadmill.inclinePct(), prompt.treadmill.inclinePct());
    assert.ok(late.treadmill.inclinePct() > 0);
  });

  it('is deterministic: the same seed gives the same trajectory, another seed a different one', () => {
    const first = trajectory(7);
    assert.deepEqual(trajectory(7), first);
    assert.notDeepEqual(trajectory(8), first);
  });

  it('reports what the firmware last wrote', () => {
    const { treadmill } = build();
    assert.deepEqual([treadmill.motorDuty(), treadmill.motorEnabled(), treadmill.directionBackward()], [0, false, false]);
    driveMotor(treadmill, 0.4, true);
    assert.deepEqual([treadmill.motorDuty(), treadmill.motorEnabled(), treadmill.directionBackward()], [0.4, true, true]);
  });

  it('runs the belt and counts its travel through the encoder port', () => {
    const { scheduler, treadmill } = build();
    driveMotor(treadmill, 0.3);
    scheduler.advance(20000);
    const reading = readEncoder(treadmill);
    assert.ok(treadmill.beltSpeedKph() > 4, 'speed ' + treadmill.beltSpeedKph());
    assert.ok(Math.abs(reading.count - treadmill.beltDistanceM() * 3.28) <= 1);
    assert.ok(reading.lastPulseMs > 19500 && reading.lastPulseMs <= 20000, 'last pulse ' + reading.lastPulseMs);
  });

  describe('safety key', () => {
    it('delivers a pull through the scheduler after the callbacks already due, never synchronously', () => {
      const { scheduler, treadmill } = build();
      const order: string[] = [];
      treadmill.hal.safetyKey.watch((edge) => order.push('key ' + edge.active));
      scheduler.advance(1000);
      scheduler.at(1000, () => order.push('tick'));
      treadmill.pullKey();
      assert.deepEqual(order, [], 'nothing synchronous');
      assert.equal(treadmill.keyPresent(), false, 'physically out at once');
      scheduler.advance(0);
      assert.deepEqual(order, ['tick', 'key false']);
      treadmill.insertKey();
      scheduler.advance(0);
      assert.deepEqual(order, ['tick', 'key false', 'key true']);
      assert.equal(treadmill.hal.safetyKey.read(), true);
    });

    it('with the bounce fault gives several alternating edges within a few ms that end at the new level', () => {
      const { scheduler, treadmill } = build({ seed: 3 });
      treadmill.injectFault('keyBounce');
      const edges: EdgeEvent[] = [];
      treadmill.hal.safetyKey.watch((edge) => edges.push(edge));
      scheduler.advance(500);
      treadmill.pullKey();
      assert.equal(edges.length, 0, 'never synchronous');
      scheduler.advance(10);
      assert.ok(edges.length >= 3 && edges.length % 2 === 1, 'edges ' + edges.length);
      edges.forEach((edge, index) => {
        assert.equal(edge.active, index % 2 === 1, 'alternates');
        if (index > 0) assert.ok(edge.timeMs > edges[index - 1].timeMs);
      });
      assert.ok(edges[edges.length - 1].timeMs - edges[0].timeMs <= 4, 'within a few ms');
      assert.equal(treadmill.hal.safetyKey.read(), false);
      treadmill.clearFault('keyBounce');
      edges.length = 0;
      treadmill.insertKey();
      scheduler.advance(10);
      assert.equal(edges.length, 1, 'clean edge without the fault');
    });
  });

  describe('fault settings', () => {
    it('key bounce with a given count and span: 2 x bounces + 1 edges within the span, ending at the new level', () => {
      [
        { bounces: 5, bounceMs: 30 },
        { bounces: 12, bounceMs: 40 },
        { bounces: 0, bounceMs: 10 },
      ].forEach((settings) => {
        const { scheduler, treadmill } = build({ seed: 5 });
        treadmill.injectFault('keyBounce', settings);
        const edges: EdgeEvent[] = [];
        treadmill.hal.safetyKey.watch((edge) => edges.push(edge));
        scheduler.advance(100);
        treadmill.pullKey();
        scheduler.advance(200);
        assert.equal(edges.length, 2 * settings.bounces + 1, JSON.stringify(settings));
        assert.equal(edges[edges.length - 1].active, false, 'settles out');
        const spanMs = edges[edges.length - 1].timeMs - edges[0].timeMs;
        assert.ok(spanMs <= settings.bounceMs, 'span ' + spanMs + ' ms');
        if (settings.bounces > 0) assert.ok(spanMs >= 0.3 * settings.bounceMs * (1 - 1 / edges.length), 'spread over the span: ' + spanMs + ' ms');
        edges.length = 0;
        treadmill.insertKey();
        scheduler.advance(200);
        assert.equal(edges.length, 2 * settings.bounces + 1, 'insertion chatters alike');
        assert.equal(edges[edges.length - 1].active, true, 'settles in');
      });
    });

    it('key bounce injected again without settings goes back to the default 1 to 3 bounces within 4 ms', () => {
      const { scheduler, treadmill } = build({ seed: 5 });
      treadmill.injectFault('keyBounce', { bounces: 20, bounceMs: 100 });
      treadmill.injectFault('keyBounce');
      const edges: EdgeEvent[] = [];
      treadmill.hal.safetyKey.watch((edge) => edges.push(edge));
      treadmill.pullKey();
      scheduler.advance(200);
      assert.ok(edges.length >= 3 && edges.length <= 7, 'edges ' + edges.length);
      assert.ok(edges[edges.length - 1].timeMs - edges[0].timeMs <= 4);
    });

    it('encoder noise at a given rate: that many spurious pulses per second on a standing belt, above one per physics step too', () => {
      [5, 50, 1000].forEach((rateHz) => {
        const { scheduler, treadmill } = build({ seed: 9, encoderGlitchFilterMs: 0 });
        treadmill.injectFault('encoderNoise', { rateHz, glitchProbability: 0 });
        const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
        scheduler.advance(10000);
        treadmill.hal.beltEncoder.read(reading);
        const expected = rateHz * 10;
        assert.ok(Math.abs(reading.count - expected) <= 4 * Math.sqrt(expected) + 2, rateHz + ' Hz: ' + reading.count + ' pulses in 10 s');
      });
    });
  });

  it('presses buttons through the scheduler for the hold time', () => {
    const { scheduler, treadmill } = build();
    const edges: EdgeEvent[] = [];
    treadmill.hal.buttons.start?.watch((edge) => edges.push(edge));
    scheduler.advance(100);
    treadmill.press('start', 150);
    assert.equal(edges.length, 0);
    scheduler.advance(1000);
    assert.deepEqual(edges, [
      { active: true, timeMs: 100 },
      { active: false, timeMs: 250 },
    ]);
  });

  it('push mode: a walker drives the free belt to the push speed with the motor disabled', () => {
    const { scheduler, treadmill } = build({ walkerMode: 'push', pushSpeedKph: 2.5 });
    const samples = sampleSpeed(scheduler, treadmill, 10000, 50);
    assert.equal(treadmill.motorEnabled(), false);
    assert.ok(Math.abs(meanOfLast(samples, 100) - 2.5) < 0.15, 'mean ' + meanOfLast(samples, 100));
    treadmill.setPushSpeed(-1.2);
    const backward = sampleSpeed(scheduler, treadmill, 10000, 50);
    assert.ok(Math.abs(meanOfLast(backward, 100) + 1.2) < 0.15, 'backward mean ' + meanOfLast(backward, 100));
  });

  it('starts the belt where beltStartPositionM says: the first pulse comes after the rest of that pulse', () => {
    /** Belt travel, m, when the first pulse of a forward push at 1 km/h arrives. */
    const travelToFirstPulse = (startPositionM: number) => {
      const { scheduler, treadmill } = build({ walkerMode: 'push', pushSpeedKph: 1, beltStartPositionM: startPositionM });
      while (readEncoder(treadmill).count === 0 && scheduler.nowMs() < 10000) scheduler.advance(5);
      return treadmill.beltDistanceM();
    };
    const pulseM = 1 / DEFAULT_SIM_OPTIONS.pulsesPerMeter;
    assert.ok(Math.abs(travelToFirstPulse(0) - pulseM) < 0.01, 'from a mark: ' + travelToFirstPulse(0));
    assert.ok(Math.abs(travelToFirstPulse(0.9 * pulseM) - 0.1 * pulseM) < 0.01, 'from 0.9 pulse past it: ' + travelToFirstPulse(0.9 * pulseM));
  });

  it('a walker slows the belt by deck friction and makes footfall ripple', () => {
    const { scheduler, treadmill } = build();
    driveMotor(treadmill, 0.4);
    const empty = sampleSpeed(scheduler, treadmill, 8000, 10);
    treadmill.setWalker('forward', 90);
    const walked = sampleSpeed(scheduler, treadmill, 8000, 10);
    const tail = walked.slice(walked.length - 300);
    assert.ok(meanOfLast(walked, 300) < meanOfLast(empty, 300) - 0.2, 'droop');
    assert.ok(Math.max.apply(null, tail) - Math.min.apply(null, tail) > 0.2, 'ripple');
  });

  it('survives a power cycle through shared storage', () => {
    const first = build();
    first.treadmill.storage.write('settings', '{"weightKg":80}');
    const scheduler = new SimScheduler();
    const second = createSimTreadmill(scheduler, DEFAULT_SIM_OPTIONS, first.treadmill.storage);
    assert.equal(second.hal.storage.read('settings'), '{"weightKg":80}');
  });

  it('a power-on reset with an output delay: the pins fall at once, and the old firmware\'s writes on their way never arrive', () => {
    const { scheduler, treadmill } = build({ drive: 'hbridge', outputDelayMs: 40 });
    driveMotor(treadmill, 0.5);
    scheduler.advance(10);
    treadmill.powerOnReset();
    assert.deepEqual([treadmill.motorSpeed.line.applied(), treadmill.motorEnable.line.applied()], [0, false]);
    scheduler.advance(2000);
    assert.deepEqual([treadmill.motorSpeed.line.applied(), treadmill.motorEnable.line.applied()], [0, false]);
    assert.equal(treadmill.beltSpeedKph(), 0);
  });

  it('a power-on reset puts outputs to their power-on levels and drops watches', () => {
    const { scheduler, treadmill } = build({ hasDirectionSensor: true });
    let keyEdges = 0;
    treadmill.hal.safetyKey.watch(() => keyEdges++);
    driveMotor(treadmill, 0.5, true);
    treadmill.hal.incline?.up.write(true);
    treadmill.watchdog.enable(1000);
    treadmill.powerOnReset();
    assert.deepEqual([treadmill.motorDuty(), treadmill.motorEnabled(), treadmill.directionBackward()], [0, false, false]);
    assert.deepEqual([treadmill.motorSpeed.line.applied(), treadmill.motorEnable.line.applied()], [0, false], 'the pins fall at once');
    assert.equal(treadmill.hal.incline?.up.read(), false);
    assert.equal(treadmill.watchdog.isArmed(), false);
    treadmill.pullKey();
    scheduler.advance(10);
    assert.equal(keyEdges, 0);
  });

  describe('incline', () => {
    it('moves at its rate between its end stops and counts position pulses', () => {
      const { scheduler, treadmill } = build();
      const incline = treadmill.hal.incline;
      assert.ok(incline !== undefined && incline.position.kind === 'pulses' && incline.lowerLimit !== undefined);
      assert.equal(incline.lowerLimit.read(), true);
      incline.up.write(true);
      scheduler.advance(5000);
      assert.ok(Math.abs(treadmill.inclinePct() - 3) < 0.01, 'after 5 s up: ' + treadmill.inclinePct());
      assert.equal(incline.lowerLimit.read(), false);
      const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
      incline.position.counter.read(reading);
      assert.ok(Math.abs(reading.count - 30) <= 1, 'pulses ' + reading.count);
      scheduler.advance(30000);
      assert.equal(treadmill.inclinePct(), 15, 'upper end stop');
      incline.up.write(false);
      incline.down.write(true);
      scheduler.advance(40000);
      assert.equal(treadmill.inclinePct(), 0, 'lower end stop');
      assert.equal(incline.lowerLimit.read(), true);
    });

    it('reads a potentiometer when built with the analog sensor', () => {
      const { scheduler, treadmill } = build({ inclineSensor: 'analog' });
      const incline = treadmill.hal.incline;
      assert.ok(incline !== undefined && incline.position.kind === 'analog');
      const atBottom = incline.position.input.read();
      incline.up.write(true);
      scheduler.advance(10000);
      const moved = incline.position.input.read();
      assert.ok(Math.abs(atBottom - 0.1) < 0.01, 'bottom ' + atBottom);
      assert.ok(Math.abs(moved - (0.1 + (0.8 * 6) / 15)) < 0.01, 'at 6 % ' + moved);
    });

    it('does not move with both outputs on', () => {
      const { scheduler, treadmill } = build();
      treadmill.hal.incline?.up.write(true);
      treadmill.hal.incline?.down.write(true);
      scheduler.advance(3000);
      assert.equal(treadmill.inclinePct(), 0);
    });

    it('a lost position sensor gives no pulses and reads 0, while the lift still moves', () => {
      const pulses = build();
      const analog = build({ inclineSensor: 'analog' });
      for (const world of [pulses, analog]) {
        assert.ok(world.treadmill.incline !== null);
        world.treadmill.incline.sensorLost = true;
        world.treadmill.hal.incline?.up.write(true);
        world.scheduler.advance(3000);
        assert.ok(world.treadmill.inclinePct() > 1.5, 'moved ' + world.treadmill.inclinePct());
      }
      const reading: PulseReading = { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
      const position = pulses.treadmill.hal.incline?.position;
      assert.ok(position !== undefined && position.kind === 'pulses');
      position.counter.read(reading);
      assert.equal(reading.count, 0);
      const analogPosition = analog.treadmill.hal.incline?.position;
      assert.ok(analogPosition !== undefined && analogPosition.kind === 'analog');
      assert.equal(analogPosition.input.read(), 0);
    });

    it('refuses incline faults without an incline', () => {
      const { treadmill } = build({ hasIncline: false });
      assert.throws(() => treadmill.injectFault('inclineStuck'), /incline/);
    });
  });

  describe('faults', () => {
    /** A firmware-like run: belt at duty 0.3 forward for 5 s, direction sensor on, incline idle. */
    interface Observation {
      speedKph: number;
      pulses: number;
      rejected: number;
      overflowed: boolean;
      keyEdges: number;
      inclinePct: number;
      inclineUpPct: number;
    }

    function observe(fault: SimFault | null, backward = false): Observation {
      const { scheduler, treadmill } = build({ seed: 5, hasDirectionSensor: true });
      if (fault !== null) treadmill.injectFault(fault);
      let keyEdges = 0;
      treadmill.hal.safetyKey.watch(() => keyEdges++);
      driveMotor(treadmill, 0.3, backward);
      scheduler.advance(5000);
      treadmill.pullKey();
      scheduler.advance(20);
      const reading = readEncoder(treadmill);
      const inclinePct = treadmill.inclinePct();
      treadmill.hal.incline?.up.write(true);
      scheduler.advance(2000);
      return {
        speedKph: treadmill.beltSpeedKph(),
        pulses: reading.count,
        rejected: reading.rejectedCount,
        overflowed: reading.overflowed,
        keyEdges,
        inclinePct,
        inclineUpPct: treadmill.inclinePct() - inclinePct,
      };
    }

    const healthy = observe(null);
    const healthyBackward = observe(null, true);

    const EXPECTATIONS: { fault: SimFault; backward?: boolean; check: (seen: Observation) => void }[] = [
      { fault: 'encoderDisconnected', check: (seen) => assert.ok(seen.pulses === 0 && seen.speedKph > 4) },
      { fault: 'encoderNoise', check: (seen) => assert.ok(seen.rejected > 0 || seen.pulses > healthy.pulses + 2, JSON.stringify(seen)) },
      { fault: 'beltJammed', check: (seen) => assert.ok(seen.speedKph === 0 && seen.pulses === 0) },
      { fault: 'driverRunaway', check: (seen) => assert.ok(seen.speedKph > healthy.speedKph + 5, String(seen.speedKph)) },
      { fault: 'directionRelayStuck', backward: true, check: (seen) => assert.ok(seen.speedKph > 4 && healthyBackward.speedKph < -4) },
      { fault: 'keyBounce', check: (seen) => assert.ok(seen.keyEdges >= 3 && healthy.keyEdges === 1) },
      { fault: 'inputOverflow', check: (seen) => assert.ok(seen.overflowed && !healthy.overflowed) },
      { fault: 'inclineStuck', check: (seen) => assert.ok(seen.inclineUpPct === 0 && healthy.inclineUpPct > 1) },
      { fault: 'inclineRunaway', check: (seen) => assert.ok(seen.inclinePct > 2 && healthy.inclinePct === 0) },
    ];

    it('has one expectation per fault', () => {
      assert.deepEqual(
        EXPECTATIONS.map((row) => row.fault),
        SIM_FAULTS,
      );
    });

    EXPECTATIONS.forEach((row) => {
      it(row.fault + ' changes what the firmware could observe', () => {
        const seen = observe(row.fault, row.backward === true);
        assert.notDeepEqual(seen, row.backward === true ? healthyBackward : healthy);
        row.check(seen);
      });
    });

    it('clearing a fault restores the behaviour', () => {
      const { scheduler, treadmill } = build();
      treadmill.injectFault('beltJammed');
      treadmill.injectFault('encoderDisconnected');
      assert.deepEqual(treadmill.activeFaults(), ['beltJammed', 'encoderDisconnected']);
      driveMotor(treadmill, 0.3);
      scheduler.advance(2000);
      assert.equal(treadmill.beltSpeedKph(), 0);
      treadmill.clearFault('beltJammed');
      treadmill.clearFault('encoderDisconnected');
      scheduler.advance(5000);
      assert.ok(treadmill.beltSpeedKph() > 4);
      assert.ok(readEncoder(treadmill).count > 0);
      assert.deepEqual(treadmill.activeFaults(), []);
    });

    it('the direction sensor reports backward motion and stays quiet when disconnected', () => {
      const { scheduler, treadmill } = build({ hasDirectionSensor: true });
      const sensor = treadmill.hal.beltDirectionSensor;
      assert.ok(sensor !== undefined);
      driveMotor(treadmill, 0.3, true);
      scheduler.advance(3000);
      assert.equal(sensor.read(), true);
      const other = build({ hasDirectionSensor: true });
      other.treadmill.injectFault('encoderDisconnected');
      driveMotor(other.treadmill, 0.3, true);
      other.scheduler.advance(3000);
      assert.equal(other.treadmill.hal.beltDirectionSensor?.read(), false);
    });
  });
});
