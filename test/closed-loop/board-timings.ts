// The board timings the closed-loop and fault tests run at: each supported board's control period and measured tick time.

import { BOARD_TIMING, TIMED_BOARDS, type BoardTiming, type TimedBoardName } from '../../hal/espruino/boards/board-timing';

export type { TimedBoardName } from '../../hal/espruino/boards/board-timing';

/**
 * Boards whose timing the tests run, one per distinct (period, tick time): two boards with the
 * same figures would only repeat each other's cases.
 */
export function boardsUnderTest(): TimedBoardName[] {
  const seen: string[] = [];
  return TIMED_BOARDS.filter((board) => {
    const key = BOARD_TIMING[board].controlPeriodMs + '/' + BOARD_TIMING[board].tickMs;
    if (seen.indexOf(key) >= 0) return false;
    seen.push(key);
    return true;
  });
}

/** A board's timing; null gives the firmware's default period and no output delay. */
export function timingOf(board: TimedBoardName | undefined): BoardTiming | null {
  return board === undefined ? null : BOARD_TIMING[board];
}

/** Simulator options for `board`: its outputs reach the physics its tick time late. */
export function timingSimOptions(board: TimedBoardName | undefined): { outputDelayMs?: number } {
  const timing = timingOf(board);
  return timing === null ? {} : { outputDelayMs: timing.tickMs };
}

/** Firmware configuration overrides for `board`: its control period. */
export function timingConfig(board: TimedBoardName | undefined): { controlPeriodMs?: number } {
  const timing = timingOf(board);
  return timing === null ? {} : { controlPeriodMs: timing.controlPeriodMs };
}

/** "esp32 (100 ms period, 20 ms tick)" for titles and tables. */
export function timingLabel(board: TimedBoardName): string {
  const timing = BOARD_TIMING[board];
  return board + ' (' + timing.controlPeriodMs + ' ms period, ' + timing.tickMs + ' ms tick)';
}
