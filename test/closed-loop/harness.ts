// Test harness: the real firmware booted on a simulated treadmill, on the deterministic clock.

import { bootTreadmill, type Treadmill } from '../../firmware/index';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import { SimScheduler } from '../../sim/sim-scheduler';
import { createSimTreadmill, DEFAULT_SIM_OPTIONS, type SimTreadmill, type SimTreadmillOptions } from '../../sim/sim-treadmill';

export interface Rig {
  scheduler: SimScheduler;
  sim: SimTreadmill;
  firmware: Treadmill;
}

/**
 * Boot the firmware on a fresh simulated treadmill. `adaptHal` (optional) may replace ports of the
 * simulator's HAL before the firmware sees it (a measurement comparing what a port reports).
 */
export function makeRig(simOptions: Partial<SimTreadmillOptions>, configOverrides: object, adaptHal?: (hal: TreadmillHal) => void): Rig {
  const scheduler = new SimScheduler();
  const sim = createSimTreadmill(scheduler, Object.assign({}, DEFAULT_SIM_OPTIONS, simOptions));
  if (adaptHal) adaptHal(sim.hal);
  // The simulated hardware declares its drive, as a board profile does on the device.
  const firmware = bootTreadmill(sim.hal, Object.assign({ drive: sim.options.drive }, configOverrides));
  waitForBeltStill(scheduler, firmware);
  return { scheduler, sim, firmware };
}

/**
 * Run the clock until the firmware has watched the belt stand still since power-up (until then
 * it refuses a start: the belt may be coasting from before). A rig's tests begin from there.
 */
export function waitForBeltStill(scheduler: SimScheduler, firmware: Treadmill): void {
  for (let waitedMs = 0; !firmware.status().beltStill; waitedMs += 10) {
    if (waitedMs > 60000) throw new Error('the belt never read still after power-up');
    scheduler.advance(10);
  }
}

/** Start the belt with a local command and run through the countdown and ramp. */
export function startBelt(rig: Rig): void {
  const result = rig.firmware.command({ name: 'start', source: 'local' });
  if (!result.accepted) throw new Error('start refused: ' + result.message);
}
