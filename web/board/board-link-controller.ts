// The board panel's logic without the DOM: pick a link, hold the one-tab lock, connect, hand the source to the page, and let go again.

import type { TreadmillViewSource } from '../view-source';
import { takeBoardLinkLock, type HeldLock } from './board-link-lock';
import type { BoardSource } from './board-source';
import { unavailableReason, type BoardLinkKind, type BrowserLinks } from './browser-support';
import { connectNusSource } from './nus-console-source';
import type { SourceTimers } from './source-timers';
import { connectFtmsSource } from './web-bluetooth-ftms-source';
import { connectWebSerialSource } from './web-serial-source';

/** What the page gives the panel: where a connected board goes, and how to go back to the simulator. */
export interface BoardPanelCallbacks {
  /** The page switches its views to `source` (a board, connected). */
  onSource(source: TreadmillViewSource): void;
  /** The page switches its views back to its own simulator. */
  onSimulator(): void;
}

/** Where the panel is. */
export type PanelState = 'simulator' | 'connecting' | 'board';

/** The sentence of a link's name, for messages. */
export const LINK_NAMES: { [kind: string]: string } = { serial: 'Web Serial', ftms: 'Web Bluetooth (FTMS)', nus: 'Bluetooth console (NUS)' };

/**
 * One board link at a time in this tab, and in all tabs (the Web Lock): `connect` takes the lock
 * first and gives up at once when another tab holds it; the lock is let go when the link is
 * lost or closed. Connecting is only ever started by the user (a click): nothing reconnects by
 * itself, after a reload or a loss, since a reconnect that replayed anything could move the belt.
 */
export class BoardLinkController {
  private panelState: PanelState = 'simulator';
  private current: BoardSource | null = null;
  private lock: HeldLock | null = null;
  private text = 'Not connected: the page shows the simulator.';

  constructor(
    private readonly links: BrowserLinks,
    private readonly timers: SourceTimers,
    private readonly callbacks: BoardPanelCallbacks,
  ) {}

  state(): PanelState {
    return this.panelState;
  }

  /** The board source shown, or null on the simulator. */
  source(): BoardSource | null {
    return this.current;
  }

  /** The panel's sentence about the link: what is connected, what went wrong. */
  message(): string {
    if (this.current !== null && this.panelState === 'board') return this.current.linkMessage();
    return this.text;
  }

  /** Why `kind` cannot be used here, or null. */
  unavailable(kind: BoardLinkKind): string | null {
    return unavailableReason(kind, this.links);
  }

  /** Connect a board by `kind` (from a click: the browser shows its picker). Resolves when done, either way; `message` says how it went. */
  connect(kind: BoardLinkKind): Promise<void> {
    const why = this.unavailable(kind);
    if (why !== null) {
      this.text = why;
      return Promise.resolve();
    }
    if (this.panelState === 'connecting') return Promise.resolve();
    const previous = this.current;
    this.panelState = 'connecting';
    this.text = 'Connecting over ' + LINK_NAMES[kind] + '...';
    // A board already shown is let go first: one link at a time.
    const released = previous !== null ? this.letGo() : Promise.resolve();
    return released
      .then(() => takeBoardLinkLock(this.links.locks as NonNullable<BrowserLinks['locks']>))
      .then((lock: HeldLock | null) => {
        if (lock === null) throw new Error('another tab of this page holds the board link: disconnect it there (or close that tab) first');
        this.lock = lock;
        return this.open(kind);
      })
      .then(
        (source: BoardSource) => {
          this.current = source;
          this.panelState = 'board';
          source.onLost(() => this.releaseLock());
          this.callbacks.onSource(source);
        },
        (error: Error) => {
          this.releaseLock();
          this.panelState = 'simulator';
          this.text = 'Not connected (' + LINK_NAMES[kind] + '): ' + error.message;
          if (previous !== null) this.callbacks.onSimulator();
        },
      );
  }

  /** Disconnect any board and give the page back its simulator. Sends no command. */
  backToSimulator(): Promise<void> {
    if (this.panelState === 'connecting') return Promise.resolve();
    return this.letGo().then(() => {
      this.panelState = 'simulator';
      this.text = 'Disconnected: the page shows the simulator. The board keeps doing what it was doing; this page did not stop it.';
      this.callbacks.onSimulator();
    });
  }

  private open(kind: BoardLinkKind): Promise<BoardSource> {
    if (kind === 'serial') return connectWebSerialSource(this.links.serial as NonNullable<BrowserLinks['serial']>, this.timers);
    const bluetooth = this.links.bluetooth as NonNullable<BrowserLinks['bluetooth']>;
    return kind === 'ftms' ? connectFtmsSource(bluetooth, this.timers) : connectNusSource(bluetooth, this.timers);
  }

  private letGo(): Promise<void> {
    const source = this.current;
    this.current = null;
    const closed = source !== null ? source.disconnect() : Promise.resolve();
    return closed.then(() => this.releaseLock());
  }

  private releaseLock(): void {
    if (this.lock !== null) this.lock.release();
    this.lock = null;
  }
}
