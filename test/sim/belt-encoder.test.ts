// Tests of the belt encoder model: counts match distance, edge times are interpolated, faults.

import assert from 'node:assert/strict';
import { Belt } from '../../sim/models/belt';
import { BeltEncoder } from '../../sim/models/belt-encoder';
import type { EdgeSink, PulseSink } from '../../sim/models/signal-sinks';
import { SimPulseCounter } from '../../sim/ports/sim-pulse-counter';
import type { PulseReading } from '../../hal/pulse-counter';
import { SeededRandom } from '../../sim/random';

class RecordingSink implements PulseSink, EdgeSink {
  readonly pulses: number[] = [];
  readonly edges: { active: boolean; timeMs: number }[] = [];
  overflowCount = 0;
  pulse(timeMs: number): void {
    this.pulses.push(timeMs);
  }
  markOverflow(): void {
    this.overflowCount++;
  }
  queueEdge(active: boolean, timeMs: number): void {
    this.edges.push({ active, timeMs });
  }
}

/** Move a belt through a speed profile, feeding the encoder as the world does. */
function runProfile(encoder: BeltEncoder, belt: Belt, speedAtMs: (timeMs: number) => number, durationMs: number, stepMs = 5): void {
  for (let timeMs = stepMs; timeMs <= durationMs; timeMs += stepMs) {
    const fromM = belt.positionM;
    const speedMps = speedAtMs(timeMs);
    belt.positionM += speedMps * (stepMs / 1000);
    belt.distanceM += Math.abs(speedMps * (stepMs / 1000));
    encoder.update(fromM, belt.positionM, timeMs - stepMs, stepMs);
  }
}

function newReading(): PulseReading {
  return { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
}

const VARYING_SPEED = (timeMs: number) => 0.3 + 4 * Math.abs(Math.sin(timeMs / 7000));

describe('BeltEncoder', () => {
  for (const pulsesPerMeter of [3.28, 300]) {
    it('counts distance x pulses per metre within one pulse at ' + pulsesPerMeter + ' pulses/m', () => {
      const sink = new RecordingSink();
      const encoder = new BeltEncoder(new SeededRandom(1), sink, null, { pulsesPerMeter });
      const belt = new Belt();
      runProfile(encoder, belt, VARYING_SPEED, 60000);
      const expected = belt.distanceM * pulsesPerMeter;
      assert.ok(expected > 100, 'enough travel');
      assert.ok(Math.abs(sink.pulses.length - expected) <= 1, sink.pulses.length + ' pulses vs ' + expected);
    });

    it('interpolates monotonic edge times inside each step at ' + pulsesPerMeter + ' pulses/m', () => {
      const sink = new RecordingSink();
      const encoder = new BeltEncoder(new SeededRandom(1), sink, null, { pulsesPerMeter });
      runProfile(encoder, new Belt(), VARYING_SPEED, 20000);
      for (let index = 1; index < sink.pulses.length; index++) {
        assert.ok(sink.pulses[index] > sink.pulses[index - 1], 'pulse ' + index);
      }
      const offStep = sink.pulses.filter((timeMs) => timeMs % 5 !== 0).length;
      assert.ok(offStep > 0.9 * sink.pulses.length, 'edges fall between steps, not on them');
    });
  }

  it('gives edge periods that match the speed exactly at constant speed', () => {
    const sink = new RecordingSink();
    const encoder = new BeltEncoder(new SeededRandom(1), sink, null, { pulsesPerMeter: 3.28 });
    runProfile(encoder, new Belt(), () => 1.25, 10000);
    const expectedPeriodMs = 1000 / (1.25 * 3.28);
    for (let index = 1; index < sink.pulses.length; index++) {
      assert.ok(Math.abs(sink.pulses[index] - sink.pulses[index - 1] - expectedPeriodMs) < 1e-6, 'period ' + index);
    }
  });

  it('counts in either direction, like a reed switch', () => {
    const sink = new RecordingSink();
    const encoder = new BeltEncoder(new SeededRandom(1), sink, null, { pulsesPerMeter: 10 });
    const belt = new Belt();
    runProfile(encoder, belt, () => 1, 2000);
    runProfile(encoder, belt, () => -1, 2000);
    assert.ok(Math.abs(belt.positionM) < 1e-9);
    assert.ok(Math.abs(sink.pulses.length - 40) <= 1, 'pulses ' + sink.pulses.length);
  });

  it('reports direction on its second channel when it has one', () => {
    const sink = new RecordingSink();
    const encoder = new BeltEncoder(new SeededRandom(1), sink, sink, { pulsesPerMeter: 10 });
    const belt = new Belt();
    runProfile(encoder, belt, () => 1, 1000);
    assert.equal(sink.edges.length, 0, 'forward from the start: no edge');
    runProfile(encoder, belt, () => -1, 1000);
    assert.equal(sink.edges.length, 1);
    assert.equal(sink.edges[0].active, true);
    runProfile(encoder, belt, () => 1, 1000);
    assert.deepEqual(
      sink.edges.map((edge) => edge.active),
      [true, false],
    );
  });

  it('disconnected: no pulses at all', () => {
    const sink = new RecordingSink();
    const encoder = new BeltEncoder(new SeededRandom(1), sink, sink, { pulsesPerMeter: 10 });
    encoder.disconnected = true;
    runProfile(encoder, new Belt(), () => -2, 3000);
    assert.equal(sink.pulses.length, 0);
    assert.equal(sink.edges.length, 0);
  });

  it('noisy: glitches a fraction of a ms after real pulses, plus spurious pulses', () => {
    const clean = new RecordingSink();
    const noisy = new RecordingSink();
    const cleanEncoder = new BeltEncoder(new SeededRandom(4), clean, null, { pulsesPerMeter: 3.28 });
    const noisyEncoder = new BeltEncoder(new SeededRandom(4), noisy, null, { pulsesPerMeter: 3.28 });
    noisyEncoder.noisy = true;
    runProfile(cleanEncoder, new Belt(), () => 1, 30000);
    runProfile(noisyEncoder, new Belt(), () => 1, 30000);
    let glitches = 0;
    let spurious = 0;
    for (const timeMs of noisy.pulses) {
      if (clean.pulses.indexOf(timeMs) >= 0) continue;
      const nearest = clean.pulses.reduce((best, realMs) => (realMs <= timeMs && timeMs - realMs < best ? timeMs - realMs : best), Infinity);
      if (nearest >= 0.05 && nearest <= 0.4) glitches++;
      else spurious++;
    }
    assert.ok(glitches > 0.3 * clean.pulses.length && glitches < 0.7 * clean.pulses.length, 'glitches ' + glitches + ' of ' + clean.pulses.length);
    assert.ok(spurious >= 30 && spurious <= 100, 'spurious in 30 s ' + spurious);
  });

  it('the counter glitch filter rejects the glitches but not the real pulses', () => {
    const counter = new SimPulseCounter({ glitchFilterMs: 2 });
    const encoder = new BeltEncoder(new SeededRandom(4), counter, null, { pulsesPerMeter: 3.28 });
    encoder.noisy = true;
    encoder.options.spuriousRateHz = 0;
    const belt = new Belt();
    runProfile(encoder, belt, () => 2, 30000);
    const reading = newReading();
    counter.read(reading);
    assert.ok(Math.abs(reading.count - belt.distanceM * 3.28) <= 1, 'count ' + reading.count);
    assert.ok(reading.rejectedCount > 30, 'rejected ' + reading.rejectedCount);
  });

  it('overflowing: edges are lost and the sink is told', () => {
    const sink = new RecordingSink();
    const encoder = new BeltEncoder(new SeededRandom(1), sink, null, { pulsesPerMeter: 3.28 });
    encoder.overflowing = true;
    runProfile(encoder, new Belt(), () => 1, 3000);
    assert.equal(sink.pulses.length, 0);
    assert.ok(sink.overflowCount >= 9, 'overflow reports ' + sink.overflowCount);
  });
});
