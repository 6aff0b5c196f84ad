// Test harness: the real firmware booted on a simulated treadmill, on the deterministic clock.

import { bootTreadmill, type Treadmill } from '../../firmware/index';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill, type SimTreadmillOptions } from '../../sim/sim-treadmill';

export interface Rig {
  scheduler: SimScheduler;
  sim: SimTreadmill;
  firmware: Treadmill;
}

/** Boot the firmware on a fresh simulated treadmill. */
export function makeRig(simOptions: Partial<SimTreadmillOptions>, configOverrides: object): Rig {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, simOptions));
  // The simulated hardware declares its drive, as a board profile does on the device.
  const firmware = bootTreadmill(sim.hal, Object.assign({ drive: sim.options.drive }, configOverrides));
  return { scheduler, sim, firmware };
}

/** Start the belt with a local command and run through the countdown and ramp. */
export function startBelt(rig: Rig): void {
  const result = rig.firmware.command({ name: 'start', source: 'local' });
  if (!result.accepted) throw new Error('start refused: ' + result.message);
}
