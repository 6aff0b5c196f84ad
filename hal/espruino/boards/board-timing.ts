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
   * The board's tick time, ms: from the start of a control tick to its outputs being written (at
   * least the device check's central estimate; see BOARD_TIMING). The simulator applies the firmware's outputs
   * this much later (`SimTreadmillOptions.outputDelayMs`); a key edge's own event may wait
   * behind a running tick as long.
   */
  tickMs: number;
}

/*
 * Per board, chosen from the device check's measurements (npm run check:device; README "Real boards"): a
 * period whose tick share stays within 25 % with room for the estimate's spread and for the
 * console's work still to come. At most 240 ms: a longer period cannot cut every runaway within
 * 0.3 s of its passing the line, or as soon as its pulses show it (the check runs once a period
 * and its write reaches the motor a tick time later; at 250 ms an H-bridge with one pulse per foot
 * at 3 and 5 km/h was cut 317 and 347 ms after, with the evidence there in time for 300). The tick
 * times were the check's central estimates (mean over the running ticks) for each board's
 * edition when they were set, rounded up: ESP32 19.4 ms, Pico 34.6 ms, Jolt.js 63.6 ms. The tick
 * has come down since (17.8, 31.7 and 58.6 ms, README "Real boards"); the longer delays are kept,
 * as the harder case for the closed loop (its outputs reach the drive later), so every test and
 * the bench hold at least as well on the boards as measured.
 */
export const BOARD_TIMING: { [board in TimedBoardName]: BoardTiming } = {
  esp32: { controlPeriodMs: 200, tickMs: 20 },
  pico: { controlPeriodMs: 200, tickMs: 35 },
  jolt: { controlPeriodMs: 240, tickMs: 64 },
};

/**
 * The boards whose timing the closed-loop and fault tests and the bench hold to: every board.
 */
export const TIMED_BOARDS: TimedBoardName[] = ['esp32', 'pico', 'jolt'];
/** Every board with a timing, for the simulator's --board. */
export const SIMULATED_BOARDS: TimedBoardName[] = ['esp32', 'pico', 'jolt'];
