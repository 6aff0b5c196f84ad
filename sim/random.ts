// Seeded pseudo-random numbers for the simulator's noise and faults (never Math.random).

/**
 * A small seeded generator (xorshift32, shifts and xors only, so it gives the same sequence on
 * Node and on Espruino, which lacks Math.imul). Not for cryptography.
 *
 * Each model owns its own instance (see `deriveRandom`), so switching one noise source on
 * does not shift the sequence another model sees.
 */
export class SeededRandom {
  private state: number;
  private spareNormal = 0;
  private hasSpareNormal = false;

  /** `seed` is any number; only its low 32 bits matter. The same seed gives the same sequence. */
  constructor(seed: number) {
    // xorshift32 must not start at zero, and nearby seeds must not give nearby sequences:
    // scramble with a constant, then discard a few outputs.
    let state = (seed ^ 0x5bd1e995) | 0;
    if (state === 0) state = 0x2545f491;
    this.state = state;
    for (let index = 0; index < 12; index++) this.nextBits();
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextBits() / 4294967296;
  }

  /** Standard normal (mean 0, deviation 1), by the Box-Muller transform; keeps the spare value. */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let uniform = this.next();
    if (uniform < 1e-12) uniform = 1e-12;
    const radius = Math.sqrt(-2 * Math.log(uniform));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    this.hasSpareNormal = true;
    return radius * Math.cos(angle);
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  private nextBits(): number {
    let state = this.state;
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    this.state = state;
    return state >>> 0;
  }
}

/**
 * A fresh generator whose sequence depends on `seed` and on `stream` (a small integer), so each
 * model owns an independent stream. A function, not a static method: Espruino cannot resolve a
 * class's own name inside its body, which a static factory would need.
 */
export function deriveRandom(seed: number, stream: number): SeededRandom {
  return new SeededRandom(seed ^ ((stream + 1) * 0x01000193));
}
