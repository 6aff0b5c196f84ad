// Control period and measured tick time of each supported board: the one table the tests, the bench and the simulator's command line read.

/** Boards the firmware supports, by the name the build and the device check use. */
export type TimedBoardName = 'esp32' | 'pico' | 'jolt';

/** How the firmware's control loop runs on one board. */
export interface BoardTiming {
  /**
   * Control tick period on this board, ms (the firmware's `controlPeriodMs`). Chosen from what
   * the belt needs (its mechanical time constant is about 0.5 s, the MC-2100 ramps its own
   * reference over about 0.8 s) and what the board's interpreter can keep: the tick's share of
   * the CPU, `tickMs / controlPeriodMs`, at most 25 %.
   */
  controlPeriodMs: number;
  /**
   * The board's measured tick time, ms: from the start of a control tick to its outputs being
   * written (the device check's central estimate). The simulator applies the firmware's outputs
   * this much later (`SimTreadmillOptions.outputDelayMs`); a key edge's own event may wait
   * behind a running tick as long.
   */
  tickMs: number;
}

/**
 * Per board. The tick times are placeholders until the device check measures each board; the
 * controller and the tests work for any period of 50-250 ms and any tick time up to about 30 %
 * of it.
 */
/*
 * Chosen from the device check's measurements (npm run check:device; README "Real boards"): a
 * period whose tick share stays within 25 % with room for the estimate's spread (the ESP32 at
 * 150 ms measured 24.2 %, too close), and never above 225 ms, the longest at which every
 * closed-loop target and no-false-trip test holds (from 235 ms one or two cases fail).
 * The tick times are the check's central estimates (mean over the running ticks) for each board's
 * edition; the Jolt.js's full edition needs more than its period allows (see the README).
 */
export const BOARD_TIMING: { [board in TimedBoardName]: BoardTiming } = {
  esp32: { controlPeriodMs: 200, tickMs: 37 },
  pico: { controlPeriodMs: 200, tickMs: 47 },
  jolt: { controlPeriodMs: 225, tickMs: 121 },
};

/** Every board in `BOARD_TIMING`, in a fixed order (for tables and loops). */
/**
 * The boards whose timing the closed-loop and fault tests and the bench hold to. The Jolt.js is
 * not among them: at its measured tick the targets do not hold, and the flash refuses it
 * (scripts/boards.ts, UNFIT_BOARDS); `npm run sim -- --board jolt` still simulates it.
 */
export const TIMED_BOARDS: TimedBoardName[] = ['esp32', 'pico'];
/** Every board with a timing, for the simulator's --board. */
export const SIMULATED_BOARDS: TimedBoardName[] = ['esp32', 'pico', 'jolt'];
