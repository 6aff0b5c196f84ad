// Fault limits for the fault monitor's own tests: values whose sums are exact in binary floating point, each test overriding what it examines.

import type { FaultLimits } from '../../firmware/config';

/** The shared base with `overrides` on top (the tests read no firmware defaults, so a change there moves none of them). */
export function exactLimits(overrides: Partial<FaultLimits>): FaultLimits {
  const base: FaultLimits = {
    drivingDuty: 0.25,
    encoderLossPulses: 2,
    encoderLossMinWindowMs: 1000,
    encoderStartAllowancePulses: 1,
    overspeedMarginKph: 1,
    overspeedFraction: 0.25,
    overspeedReferenceDecayKphPerS: 0.5,
    overspeedWindowMs: 500,
    overspeedImmediateExcessKph: 4,
    overspeedEvidenceExcessKph: 0.5,
    stallDutyFraction: 0.5,
    stallSpeedFraction: 0.5,
    stallWindowMs: 1000,
    wrongDirectionTravelM: 0.5,
  };
  return Object.assign(base, overrides);
}
