// The full edition's display: every screen, with programs, the last stored session and the progress suggestion.

import type { Log } from '../../hal/log';
import type { TimerHandle } from '../../hal/scheduler';
import type { TreadmillHal } from '../../hal/treadmill-hal';
import type { TreadmillConfig } from '../config';
import { suggestBackwardSession } from '../core/progress-suggestion';
import { speedCapKph } from '../core/speed-targets';
import { loadHistory } from '../persistence/session-history';
import type { TreadmillConsole } from '../treadmill-console';
import { DisplayHost } from './display-host';
import type { ScreenFacts } from './screens';

/** A log that says nothing: the boot already reported every damaged history record once. */
const QUIET_LOG: Log = {
  info: function () {},
  warn: function () {},
  error: function () {},
};

/**
 * Start the display host on `hal.display` (null without one); cancelling the handle stops it. The idle screen's last session
 * and suggestion are read from the stored history each time the belt becomes idle: after a
 * session ends, its entry is already written.
 */
export function startFullDisplay(hal: TreadmillHal, treadmill: TreadmillConsole, config: TreadmillConfig): TimerHandle | null {
  const display = hal.display;
  if (!display) return null;
  const storage = hal.storage;
  const backwardCapKph = speedCapKph(config, 'backward');
  const host = new DisplayHost(display, treadmill, hal.log, true, (facts: ScreenFacts) => {
    const history = loadHistory(storage, QUIET_LOG);
    facts.lastSession = history.length > 0 ? history[history.length - 1] : null;
    facts.suggestion = suggestBackwardSession(history, backwardCapKph);
  });
  return host.start(hal.scheduler);
}
