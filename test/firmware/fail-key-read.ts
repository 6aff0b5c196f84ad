// Makes a rig's safety key input throw on its next read only: a command that reads it then fails inside the firmware, as a broken input would.

import type { FaultRig } from '../faults/fault-rig';

/** The key input throws once, on its next read (a command's), then reads as before. */
export function failKeyReadOnce(rig: FaultRig): void {
  const key = rig.sim.hal.safetyKey;
  const read = key.read.bind(key);
  let failures = 1;
  key.read = () => {
    if (failures-- > 0) throw new Error('key input failed');
    return read();
  };
}
