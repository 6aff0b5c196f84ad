// The one shutdown path: every actuator to its declared safe value (Klipper's shutdown_value).

import type { TreadmillHal } from '../hal/treadmill-hal';

/**
 * Drive every actuator to its safe value: motor duty 0, then motor disabled, incline off, beeper
 * silent. Why duty before enable: a driver that briefly sees enable with a stale duty could lurch.
 * The direction output is left alone: toggling a relay under a coasting belt is itself unsafe.
 * Never throws: each write is attempted even if another fails.
 */
export function driveSafe(hal: TreadmillHal): void {
  const writes = [
    () => hal.motor.speed.write(0),
    () => hal.motor.enable.write(false),
    () => {
      if (hal.incline) hal.incline.up.write(false);
    },
    () => {
      if (hal.incline) hal.incline.down.write(false);
    },
    () => {
      if (hal.beeper) hal.beeper.silence();
    },
  ];
  writes.forEach((write) => {
    try {
      write();
    } catch (_error) {
      // Keep going: the remaining actuators must still reach their safe values.
    }
  });
}
