// Contract suite for Storage, shared by every implementation.

import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import type { Storage } from '../../../hal/storage';

/** A fresh, empty Storage, and a way to make its writes fail (flash full) where possible. */
export interface StorageFixture {
  storage: Storage;
  makeWritesFail?: () => void;
}

const NAME_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789._-'.split('');

/** Run the Storage contract against `makeFixture`. */
export function describeStorageContract(target: string, makeFixture: () => StorageFixture): void {
  describe('Storage contract: ' + target, () => {
    it('reads undefined for a record that does not exist', () => {
      assert.equal(makeFixture().storage.read('settings'), undefined);
    });

    it('reads back what was written, and a second write replaces it', () => {
      const storage = makeFixture().storage;
      assert.equal(storage.write('settings', '{"maxSpeedKph":12}'), true);
      assert.equal(storage.read('settings'), '{"maxSpeedKph":12}');
      assert.equal(storage.write('settings', '{"maxSpeedKph":8}'), true);
      assert.equal(storage.read('settings'), '{"maxSpeedKph":8}');
    });

    it('erases a record, and erasing a missing one does nothing', () => {
      const storage = makeFixture().storage;
      storage.write('history.1', 'a');
      storage.write('history.2', 'b');
      storage.erase('history.1');
      storage.erase('no-such-record');
      assert.equal(storage.read('history.1'), undefined);
      assert.equal(storage.read('history.2'), 'b');
    });

    it('lists the records that start with a prefix', () => {
      const storage = makeFixture().storage;
      storage.write('program.a', '1');
      storage.write('program.b', '2');
      storage.write('settings', '3');
      assert.deepEqual(storage.list('program.').sort(), ['program.a', 'program.b']);
      assert.deepEqual(storage.list('nothing'), []);
    });

    it('accepts a 28-character name and refuses a 29-character one without storing it', () => {
      const storage = makeFixture().storage;
      const longest = 'n'.repeat(28);
      const tooLong = 'n'.repeat(29);
      assert.equal(storage.write(longest, 'ok'), true);
      assert.equal(storage.read(longest), 'ok');
      assert.equal(storage.write(tooLong, 'no'), false);
      assert.equal(storage.read(tooLong), undefined);
    });

    it('returns false when the flash refuses the write', function () {
      const fixture = makeFixture();
      if (!fixture.makeWritesFail) this.skip();
      fixture.storage.write('settings', 'before');
      (fixture.makeWritesFail as () => void)();
      assert.equal(fixture.storage.write('settings', 'after'), false);
    });

    it('round-trips any valid name and printable text', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...NAME_CHARACTERS), { minLength: 1, maxLength: 28 }).map((characters) => characters.join('')),
          fc.string({ minLength: 1, maxLength: 200 }).filter((text) => /^[\x20-\x7e]+$/.test(text)),
          (name, text) => {
            const storage = makeFixture().storage;
            assert.equal(storage.write(name, text), true);
            assert.equal(storage.read(name), text);
            assert.ok(storage.list(name).indexOf(name) >= 0);
          },
        ),
        { numRuns: 60 },
      );
    });
  });
}
