// One board link for all the tabs of this page: a Web Lock held while a tab is linked, so a second tab cannot drive the same board.

/** The part of the Web Locks API (navigator.locks) used. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => unknown): Promise<unknown>;
}

/** The lock's name, the same in every tab of this origin. */
export const BOARD_LINK_LOCK = 'retrotread-board-link';

/** A lock this tab holds until `release` (or until the tab closes or reloads: the browser releases it then). */
export interface HeldLock {
  release(): void;
}

/**
 * Take the board link's lock if no other tab holds it: resolves with it, or with null when
 * another tab (or this one) already holds it. Never waits: a tab that asks while another is
 * linked is told so at once.
 */
export function takeBoardLinkLock(locks: LockManagerLike): Promise<HeldLock | null> {
  return new Promise<HeldLock | null>((resolve, reject) => {
    locks
      .request(BOARD_LINK_LOCK, { ifAvailable: true }, (lock: unknown) => {
        if (lock === null) {
          resolve(null);
          return undefined;
        }
        // The lock is held as long as this promise is pending.
        return new Promise<void>((release) => resolve({ release: () => release() }));
      })
      .then(undefined, reject);
  });
}
