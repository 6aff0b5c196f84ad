// The WatchHandle for an Espruino setWatch id.

import type { WatchHandle } from '../digital-in';

/**
 * A handle that clears watch `id` once. Why the guard: Espruino throws on clearing a watch that
 * no longer exists, and the contract allows cancelling more than once.
 */
export function makeWatchHandle(id: number): WatchHandle {
  let watching = true;
  return {
    cancel: () => {
      if (!watching) return;
      watching = false;
      clearWatch(id);
    },
  };
}
