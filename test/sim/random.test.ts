// Tests of the seeded random generator: reproducible, uniform enough, normal enough.

import assert from 'node:assert/strict';
import { deriveRandom, SeededRandom } from '../../sim/random';

function take(random: SeededRandom, count: number): number[] {
  const values: number[] = [];
  for (let index = 0; index < count; index++) values.push(random.next());
  return values;
}

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    assert.deepEqual(take(new SeededRandom(42), 100), take(new SeededRandom(42), 100));
  });

  it('gives different sequences for neighbouring seeds', () => {
    const first = take(new SeededRandom(1), 20);
    const second = take(new SeededRandom(2), 20);
    const same = first.filter((value, index) => value === second[index]).length;
    assert.equal(same, 0);
  });

  it('works for seed 0, negative and large seeds', () => {
    for (const seed of [0, -1, 0x5bd1e995, 2 ** 40 + 3]) {
      const values = take(new SeededRandom(seed), 50);
      assert.equal(new Set(values).size, 50, 'seed ' + seed);
    }
  });

  it('stays in [0, 1) with a mean near 0.5 and every tenth filled evenly', () => {
    const values = take(new SeededRandom(7), 20000);
    const buckets = new Array(10).fill(0);
    for (const value of values) {
      assert.ok(value >= 0 && value < 1, String(value));
      buckets[Math.floor(value * 10)]++;
    }
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    assert.ok(Math.abs(mean - 0.5) < 0.01, 'mean ' + mean);
    for (const count of buckets) assert.ok(count > 1800 && count < 2200, 'bucket ' + count);
  });

  it('gives normal values with mean 0 and deviation 1', () => {
    const random = new SeededRandom(11);
    const values: number[] = [];
    for (let index = 0; index < 20000; index++) values.push(random.normal());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    assert.ok(Math.abs(mean) < 0.03, 'mean ' + mean);
    assert.ok(Math.abs(Math.sqrt(variance) - 1) < 0.03, 'deviation ' + Math.sqrt(variance));
  });

  it('derives independent, reproducible streams from one seed', () => {
    const first = take(deriveRandom(5, 0), 10);
    const second = take(deriveRandom(5, 1), 10);
    assert.notDeepEqual(first, second);
    assert.deepEqual(take(deriveRandom(5, 1), 10), second);
  });

  it('keeps between() inside its bounds', () => {
    const random = new SeededRandom(3);
    for (let index = 0; index < 1000; index++) {
      const value = random.between(0.05, 0.4);
      assert.ok(value >= 0.05 && value < 0.4, String(value));
    }
  });
});
