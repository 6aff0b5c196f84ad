// Progress suggestion: one row per rule of the backward-walking guidance, plus the caps it must never pass.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { suggestBackwardSession } from '../../firmware/core/progress-suggestion';
import type { HistoryEntry } from '../../firmware/persistence/session-history';

function session(n: number, minutes: number, speedKph: number, changes?: Partial<HistoryEntry>): HistoryEntry {
  return Object.assign(
    { session: n, direction: 'backward', durationS: minutes * 60, forwardDistanceM: 0, backwardDistanceM: (speedKph / 3.6) * minutes * 60, averageSpeedKph: speedKph * 0.95, maxSpeedKph: speedKph + 0.03, slowDownCount: 0, stopReason: 'user', peakInclinePct: 0 },
    changes || {},
  ) as HistoryEntry;
}

interface Row {
  name: string;
  history: HistoryEntry[];
  capKph: number;
  durationMin: number;
  speedKph: number;
  reasonHas: string;
}

const ROWS: Row[] = [
  { name: 'no history: 5 min at 0.8 km/h', history: [], capKph: 4, durationMin: 5, speedKph: 0.8, reasonHas: 'first backward session' },
  { name: 'forward sessions only count as none', history: [session(1, 30, 5, { direction: 'forward', backwardDistanceM: 0 })], capKph: 4, durationMin: 5, speedKph: 0.8, reasonHas: 'first' },
  { name: 'first session went well: a minute longer', history: [session(1, 5, 0.8)], capKph: 4, durationMin: 6, speedKph: 0.8, reasonHas: 'one minute longer' },
  { name: 'completed program at 9 min: 10 min', history: [session(1, 8, 0.8), session(2, 9, 0.8, { stopReason: 'completed' })], capKph: 4, durationMin: 10, speedKph: 0.8, reasonHas: 'longer' },
  { name: 'at 10 min: slightly faster', history: [session(1, 10, 0.8), session(2, 10, 1.0)], capKph: 4, durationMin: 10, speedKph: 1.2, reasonHas: 'faster' },
  { name: 'speed limited by the backward cap, then a minute longer', history: [session(1, 12, 2.0)], capKph: 2, durationMin: 13, speedKph: 2.0, reasonHas: 'speed limit' },
  { name: 'faster only up to the cap', history: [session(1, 12, 1.9)], capKph: 2, durationMin: 12, speedKph: 2.0, reasonHas: 'faster' },
  { name: 'typical top 4.0 km/h even with a higher cap', history: [session(1, 15, 4.0)], capKph: 6.4, durationMin: 15, speedKph: 4.0, reasonHas: 'same again' },
  { name: 'never longer than 15 min', history: [session(1, 20, 4.0)], capKph: 4, durationMin: 15, speedKph: 4.0, reasonHas: 'same again' },
  { name: 'slow-down: same length, slower', history: [session(1, 8, 1.4), session(2, 8, 1.6, { slowDownCount: 2 })], capKph: 4, durationMin: 8, speedKph: 1.4, reasonHas: 'slowed down 2 times' },
  { name: 'key pulled: shorter and slower', history: [session(1, 8, 1.4), session(2, 3, 1.4, { stopReason: 'keyRemoved' })], capKph: 4, durationMin: 7, speedKph: 1.2, reasonHas: 'safety key' },
  { name: 'machine fault: shorter, same speed', history: [session(1, 8, 1.4), session(2, 6, 1.4, { stopReason: 'fault:encoderLoss' })], capKph: 4, durationMin: 7, speedKph: 1.4, reasonHas: 'encoderLoss' },
  { name: 'user stopped early: that length again', history: [session(1, 8, 1.4), session(2, 6, 1.4)], capKph: 4, durationMin: 6, speedKph: 1.4, reasonHas: 'stopped after 6 minutes' },
  { name: 'backing off never below 0.8 km/h nor 3 min', history: [session(1, 3, 0.8, { stopReason: 'keyRemoved' })], capKph: 4, durationMin: 3, speedKph: 0.8, reasonHas: 'safety key' },
  { name: 'a forward session in between is ignored', history: [session(1, 6, 0.8), session(2, 20, 5, { direction: 'forward' })], capKph: 4, durationMin: 7, speedKph: 0.8, reasonHas: 'longer' },
];

describe('progress suggestion (backward walking guidance)', () => {
  ROWS.forEach((row) => {
    it(row.name, () => {
      const suggestion = suggestBackwardSession(row.history, row.capKph);
      assert.equal(suggestion.durationMin, row.durationMin);
      assert.equal(suggestion.speedKph, row.speedKph);
      assert.equal(suggestion.inclinePct, 0);
      assert.ok(suggestion.reason.indexOf(row.reasonHas) >= 0, suggestion.reason);
      assert.ok(suggestion.reason.indexOf('you decide') >= 0);
    });
  });

  it('whatever the history, the proposal stays within 3..15 min, 0.8 km/h..min(cap, 4.0), incline 0', () => {
    const entry = fc.record({
      direction: fc.constantFrom('forward', 'backward'),
      minutes: fc.double({ min: 0, max: 120, noNaN: true }),
      speedKph: fc.double({ min: 0, max: 20, noNaN: true }),
      slowDownCount: fc.nat(5),
      stopReason: fc.constantFrom('completed', 'user', 'keyRemoved', 'fault:stall'),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.double({ min: 0.3, max: 6.4, noNaN: true }), (entries, capKph) => {
        const history = entries.map((e, index) => session(index + 1, e.minutes, e.speedKph, { direction: e.direction as 'forward' | 'backward', slowDownCount: e.slowDownCount, stopReason: e.stopReason }));
        const suggestion = suggestBackwardSession(history, capKph);
        assert.ok(suggestion.durationMin >= 3 && suggestion.durationMin <= 15);
        assert.equal(suggestion.durationMin, Math.round(suggestion.durationMin));
        assert.ok(suggestion.speedKph >= Math.min(0.8, capKph) - 0.1 && suggestion.speedKph <= Math.min(capKph, 4) + 1e-9, suggestion.speedKph + ' cap ' + capKph);
        assert.equal(suggestion.inclinePct, 0);
      }),
    );
  });
});
