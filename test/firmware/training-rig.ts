// A booted full-edition treadmill on a simulated one, with its Training instance in reach of the test.

import assert from 'node:assert/strict';
import { resolveConfig } from '../../firmware/config-overrides';
import type { TreadmillConfig } from '../../firmware/config';
import { FULL_FEATURES } from '../../firmware/index';
import { Training } from '../../firmware/training';
import { Treadmill } from '../../firmware/treadmill';
import { SimScheduler } from '../../sim/sim-scheduler';
import { waitForBeltStill } from '../closed-loop/harness';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill } from '../../sim/sim-treadmill';

/** A booted treadmill (duty ceiling `maxDuty`) on a simulated one whose Training instance the test can reach. */
export interface TrainingRig {
  scheduler: SimScheduler;
  sim: SimTreadmill;
  firmware: Treadmill;
  training: Training;
  /** The configuration the firmware was made with. */
  config: TreadmillConfig;
}

export function makeTrainingRig(maxDuty: number): TrainingRig {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS));
  const config = resolveConfig({ drive: sim.options.drive, maxDuty: maxDuty });
  let made: Training | null = null;
  const firmware = new Treadmill(sim.hal, config, {
    makeInclineDriver: FULL_FEATURES.makeInclineDriver,
    makeTraining: (trainingConfig, storage, log, host) => {
      made = new Training(trainingConfig, storage, log, host);
      return made;
    },
    startDisplay: FULL_FEATURES.startDisplay,
    makeConsoleCommands: FULL_FEATURES.makeConsoleCommands,
  });
  firmware.boot();
  waitForBeltStill(scheduler, firmware);
  assert.ok(made !== null);
  return { scheduler, sim, firmware, training: made, config };
}

