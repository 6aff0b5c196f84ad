// Which browsers have which board link, in plain sentences, and whether this one has it.

import type { LockManagerLike } from './board-link-lock';
import type { BluetoothLike } from './web-bluetooth-types';
import type { SerialLike } from './web-serial-types';

/** The three ways to reach a board. */
export type BoardLinkKind = 'serial' | 'ftms' | 'nus';

/** Where Web Serial works (checked against browser compatibility data, 2026). */
export const SERIAL_SUPPORT = 'Web Serial works in Chrome, Edge and Opera on a computer (Windows, macOS, Linux, ChromeOS); not in Firefox or Safari, nor on iPhone or iPad; Chrome on Android has it only in its latest versions.';

/** Where Web Bluetooth works (the Web Bluetooth group's implementation status, 2026). */
export const BLUETOOTH_SUPPORT = 'Web Bluetooth works in Chrome, Edge and Opera on Windows 10 and later, macOS, ChromeOS and Android; on Linux only after enabling chrome://flags/#enable-experimental-web-platform-features; not in Firefox or Safari, nor in any browser on iPhone or iPad.';

/** What the page found of the browser's APIs (navigator's, or fakes in tests). */
export interface BrowserLinks {
  serial: SerialLike | null;
  bluetooth: BluetoothLike | null;
  locks: LockManagerLike | null;
  /** Both APIs exist only on a secure page: https, or localhost and 127.0.0.1. */
  secureContext: boolean;
}

/** Why `kind` cannot be used in this browser, as a sentence; null when it can. */
export function unavailableReason(kind: BoardLinkKind, links: BrowserLinks): string | null {
  if (!links.secureContext) return 'Board links need a secure page: open it over https, or on http://127.0.0.1 as npm run web serves it.';
  if (kind === 'serial' && links.serial === null) return 'This browser has no Web Serial. ' + SERIAL_SUPPORT;
  if (kind !== 'serial' && links.bluetooth === null) return 'This browser has no Web Bluetooth. ' + BLUETOOTH_SUPPORT;
  if (links.locks === null) return 'This browser has no Web Locks, so the page cannot make sure only one tab drives the board: use a current Chrome or Edge.';
  return null;
}
