// Keeps the console's display up to date: redraws on its own timer a few times a second and sends only the rows that changed.

import type { Log } from '../../hal/log';
import type { Scheduler, TimerHandle } from '../../hal/scheduler';
import type { TextDisplay } from '../../hal/text-display';
import type { TreadmillConsole } from '../treadmill-console';
import { drawScreen, type ScreenFacts } from './screens';

/**
 * Time between redraws, ms (4 a second). Why this rate: a button press shows within a quarter of a
 * second, which reads as at once; the session figures change once a second (DISPLAY_PERIOD_MS
 * in firmware/treadmill.ts), and each row written costs the interpreter a bus transfer (about
 * 84 bytes on an HD44780 backpack at 100 kHz, 8 ms), so faster would cost without showing more.
 */
export const REDRAW_PERIOD_MS = 250;

/**
 * Reads what the idle screen shows besides the status (the last session and the suggestion)
 * into `facts`. Called when the belt becomes idle (and at the first redraw), never per redraw:
 * it may read Storage.
 */
export type IdleFactsReader = (facts: ScreenFacts) => void;

/**
 * Draws the treadmill's screen (firmware/display/screens.ts) on `display`. Its timer is the
 * host's own (`hal.scheduler`), never the control tick: a redraw reads `treadmill.status()`
 * like any console, and a slow or failing display delays no control step. Each redraw composes
 * the screen and compares it row by row with what the display shows: an unchanged screen sends
 * nothing; a display with `showLine` gets only the changed rows, one without it the whole screen.
 */
export class DisplayHost {
  private readonly display: TextDisplay;
  private readonly treadmill: TreadmillConsole;
  private readonly log: Log;
  private readonly withPrograms: boolean;
  private readonly readIdleFacts: IdleFactsReader | null;
  private readonly facts: ScreenFacts;
  /** What the display shows now (undefined rows: nothing known yet, so the first redraw writes all). */
  private readonly shown: string[] = [];
  /** The screen being composed (reused). */
  private readonly next: string[] = [];
  private lastState = '';
  private failing = false;

  /**
   * `withPrograms`: the edition has programs (the program screen); `readIdleFacts`: the edition
   * keeps a history (null: the idle screen shows neither the last session nor a suggestion).
   */
  constructor(display: TextDisplay, treadmill: TreadmillConsole, log: Log, withPrograms: boolean, readIdleFacts: IdleFactsReader | null) {
    this.display = display;
    this.treadmill = treadmill;
    this.log = log;
    this.withPrograms = withPrograms;
    this.readIdleFacts = readIdleFacts;
    this.facts = { units: treadmill.displayUnits(), program: null, lastSession: null, suggestion: null };
  }

  /** Redraw every REDRAW_PERIOD_MS on `scheduler` from now on, until the returned handle is cancelled. */
  start(scheduler: Scheduler): TimerHandle {
    return scheduler.every(REDRAW_PERIOD_MS, () => this.redraw());
  }

  /** Compose the screen for the treadmill's status now and send what changed. Never throws. */
  redraw(): void {
    try {
      const status = this.treadmill.status();
      const facts = this.facts;
      if (status.state !== this.lastState) {
        this.lastState = status.state;
        if (status.state === 'idle' && this.readIdleFacts !== null) this.readIdleFacts(facts);
      }
      facts.program = this.withPrograms ? this.treadmill.programStatus() : null;
      const display = this.display;
      const rows = display.rows;
      const next = this.next;
      const shown = this.shown;
      drawScreen(status, facts, display.columns, rows, next);
      let changed = false;
      for (let row = 0; row < rows; row++) {
        if (next[row] === shown[row]) continue;
        shown[row] = next[row];
        changed = true;
        if (display.showLine !== undefined) display.showLine(row, next[row]);
      }
      if (changed && display.showLine === undefined) display.show(shown);
      this.failing = false;
    } catch (error) {
      // A display that fails (unplugged, a bus error) is said once, then retried every redraw in
      // full: what it showed is unknown.
      if (!this.failing) this.log.warn('display: ' + String(error));
      this.failing = true;
      this.shown.length = 0;
    }
  }
}
