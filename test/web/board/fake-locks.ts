// The Web Locks API for the tests, as the tabs of one origin share it: exclusive locks by name, `ifAvailable` answered at once.

import type { LockManagerLike } from '../../../web/board/board-link-lock';

/** One lock manager per origin: pass the same one to two "tabs". */
export class FakeLocks implements LockManagerLike {
  readonly held: { [name: string]: boolean } = {};

  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => unknown): Promise<unknown> {
    if (this.held[name]) {
      if (!options.ifAvailable) return Promise.reject(new Error('the fake waits for no lock'));
      return Promise.resolve(callback(null));
    }
    this.held[name] = true;
    const lock = { name: name, mode: 'exclusive' };
    return Promise.resolve(callback(lock)).then(
      (value) => {
        delete this.held[name];
        return value;
      },
      (error: unknown) => {
        delete this.held[name];
        throw error;
      },
    );
  }
}
