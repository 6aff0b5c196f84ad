// Makes every property-based test deterministic in CI: one global seed, overridable with FC_SEED.

import fc from 'fast-check';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261121;
// A failing property prints its seed and path; FC_SEED=<seed> replays it.
fc.configureGlobal({ seed });
