// The board timings the closed-loop, fault and scenario tests run at: each supported board's control period and measured tick time.

import { BOARD_TIMING, TIMED_BOARDS, type TimedBoardName } from '../../hal/espruino/boards/board-timing';
import { boardConfig, boardSimOptions, boardTimingLabel } from '../../sim/cli/board-timing-options';

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

/** Simulator options for `board` (its tick time as the output delay); none without a board. */
export function timingSimOptions(board: TimedBoardName | undefined): { outputDelayMs?: number } {
  return board === undefined ? {} : boardSimOptions(board);
}

/** Firmware configuration overrides for `board` (its control period); none without a board. */
export function timingConfig(board: TimedBoardName | undefined): { controlPeriodMs?: number } {
  return board === undefined ? {} : boardConfig(board);
}

export const timingLabel = boardTimingLabel;
