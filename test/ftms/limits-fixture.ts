// The machine the FTMS tests describe: the retrotread of the feature vector, with the shipped caps and increments.

import type { FtmsLimits } from '../../firmware/ftms/ftms-limits';

/** The retrotread machine the feature vector describes: incline fitted, programs built in. */
export const FULL_LIMITS: FtmsLimits = {
  hasIncline: true,
  hasPrograms: true,
  minSpeedKph: 0.8,
  speedIncrementKph: 0.1,
  forwardMaxSpeedKph: 16,
  backwardMaxSpeedKph: 4,
  forwardMaxInclinePct: 15,
  backwardMaxInclinePct: 10,
  inclineIncrementPct: 0.5,
};
