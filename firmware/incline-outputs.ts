// The incline lift's two outputs written safely: off before on, and never both on.

import type { InclinePorts } from '../hal/treadmill-hal';

/**
 * Write the lift's up and down outputs: each output that should be off first, then the one that
 * should be on. Why the order: the two are never both active, not even between two writes (both
 * on would fight the lift motor's own windings or relays). Asked for both at once, which the
 * incline controller never does, it switches neither on: a backup for a bug upstream. Called from
 * the control tick and on safety events; allocates nothing.
 */
export function writeInclineOutputs(ports: InclinePorts, up: boolean, down: boolean): void {
  if (!up) ports.up.write(false);
  if (!down) ports.down.write(false);
  if (up && !down) ports.up.write(true);
  if (down && !up) ports.down.write(true);
}
