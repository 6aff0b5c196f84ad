// Runaway detection time on every simulated machine at each board's timing: within 0.3 s of the belt passing target + margin, or as soon as the pulses allow.

import assert from 'node:assert/strict';
import { DRIVE_ENCODER_MATRIX, describeAtBoardTimings } from './fault-rig';
import { measureRunawayOnsets, ONSETS_PER_PERIOD, runawayCases, type EvidenceMode, type RunawayCase, type RunawayOutcome } from './runaway-measurement';

/** Issue 11's target: the motor disabled within this long of the true belt speed passing target + margin, ms. */
const TARGET_MS = 300;

function caseLabel(runawayCase: RunawayCase): string {
  return runawayCase.drive + ', ' + runawayCase.pulsesPerMeter + ' pulses/m, ' + runawayCase.direction + ' at ' + runawayCase.speedKph + ' km/h';
}

/**
 * What the case must meet at each onset, or a reason it does not. Every onset: the overspeed fault
 * and a cut within the target, or no later than the pulses allow when they arrive too sparsely
 * for the target (`evidenceBoundMs`: one pulse per foot at 0.8 km/h gives one every 1.4 s).
 */
function shortfall(runawayCase: RunawayCase, outcomes: RunawayOutcome[]): string | null {
  for (let onset = 0; onset < outcomes.length; onset++) {
    const outcome = outcomes[onset];
    const where = caseLabel(runawayCase) + ', onset ' + onset + ' of ' + ONSETS_PER_PERIOD;
    if (outcome.fault !== 'overspeed' || outcome.cutAfterMs < 0) return where + ': not cut for overspeed (' + outcome.fault + ')';
    const dueMs = outcome.evidenceBoundMs > TARGET_MS ? outcome.evidenceBoundMs : TARGET_MS;
    if (outcome.cutAfterMs > dueMs) return where + ': cut ' + outcome.cutAfterMs + ' ms after passing, due by ' + dueMs + ' ms';
  }
  return null;
}

function shortfalls(cases: RunawayCase[], mode: EvidenceMode): string[] {
  const found: string[] = [];
  cases.forEach((runawayCase) => {
    const problem = shortfall(runawayCase, measureRunawayOnsets(runawayCase, mode));
    if (problem !== null) found.push(problem);
  });
  return found;
}

describeAtBoardTimings('faults: runaway detection time (driver ignoring its duty after 8 s steady, ' + ONSETS_PER_PERIOD + ' onsets per control period)', (board) => {
  DRIVE_ENCODER_MATRIX.forEach((machine) => {
    const cases = runawayCases(board).filter((runawayCase) => runawayCase.drive === machine.drive && runawayCase.pulsesPerMeter === machine.pulsesPerMeter);
    it(machine.drive + ', ' + machine.pulsesPerMeter + ' pulses/m: every runaway cut within 0.3 s of passing target + margin, or as soon as its pulses show it', () => {
      assert.deepEqual(shortfalls(cases, 'withEvidence'), []);
    });

    it(machine.drive + ', ' + machine.pulsesPerMeter + ' pulses/m: the same check fails without the pulse evidence (the reading without its previous pulse)', () => {
      assert.ok(shortfalls(cases, 'previousPulseWithheld').length > 0, 'the firmware without pulse evidence met every case');
    });
  });
});
