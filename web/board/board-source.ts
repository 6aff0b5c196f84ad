// What the board panel needs of a board source beyond the view's interface: the link's state in words, and a way to end it.

import type { TreadmillViewSource } from '../view-source';

/** Where a board link is: opening and reading the board's first figures, working, lost by itself, or closed by the user. */
export type BoardLinkState = 'connecting' | 'connected' | 'lost' | 'closed';

/** A treadmill on a board link, as the page and the board panel use it. */
export interface BoardSource extends TreadmillViewSource {
  readonly kind: 'board';
  linkState(): BoardLinkState;
  /** The link's state in a plain sentence, for the panel ("connected over Web Serial", "link lost: ..."). */
  linkMessage(): string;
  /** Called once when the link is lost by itself (not when the user disconnects). */
  onLost(listener: (reason: string) => void): void;
  /** End the link on purpose. Sends no command: the belt is left to the board and the person at it. */
  disconnect(): Promise<void>;
}

/** The sentence shown when a link is lost: plain about what the page can no longer do, and what still works. */
export function lostLinkMessage(reason: string): string {
  return 'link lost (' + reason + '): the figures are unknown and no command can be sent. This page does not stop the belt: use Stop or the safety key at the machine.';
}

/** The answer to a command given while no link works: refused, not kept for later. */
export function notConnectedAnswer(commandName: string): string {
  return commandName + ': not sent: the board is not connected. Nothing is kept to send later; connect again and give the command again.';
}
