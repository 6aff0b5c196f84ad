// A single digital input pin with edge watching (safety key, buttons, direction sensor).

/** One debounced edge seen on a digital input. */
export interface EdgeEvent {
  /** Level after the edge: `true` is the active level of the function (key present, pressed). */
  active: boolean;
  /** When the edge happened, in the HAL clock's milliseconds. */
  timeMs: number;
}

/** Handle returned by `DigitalIn.watch`; call `cancel` to stop watching. */
export interface WatchHandle {
  cancel(): void;
}

/**
 * A digital input, already mapped to its function's active level (wiring polarity lives in the
 * board profile, not in the firmware).
 *
 * Contract: `read` is cheap and may be called every tick. `watch` callbacks run later from the
 * event loop, never from inside `read` or any other port method, one per debounced edge, in
 * time order.
 */
export interface DigitalIn {
  /** Current level; `true` is active. */
  read(): boolean;
  /** Call `onEdge` for every debounced edge until the handle is cancelled. */
  watch(onEdge: (edge: EdgeEvent) => void): WatchHandle;
}
