// The flash refuses a board listed as unfit (its firmware measured not to keep its tick or memory), with the measured reason.

import assert from 'node:assert/strict';
import { BOARD_NAMES, UNFIT_BOARDS, unfitReason } from '../../scripts/boards';

describe('boards the flash refuses', () => {
  it('gives the listed reason for a listed board, and none for a board not listed', () => {
    const listed = { jolt: 'the Jolt.js measured 26.5 % of its period' };
    assert.equal(unfitReason('jolt', listed), listed.jolt);
    assert.equal(unfitReason('esp32', listed), null);
    // A name the table's prototype has is no listed board.
    assert.equal(unfitReason('constructor', listed), null);
    assert.equal(unfitReason('toString', {}), null);
  });

  it('lists no supported board today: every board the build makes keeps its tick and memory (README, "Real boards")', () => {
    BOARD_NAMES.forEach((board) => assert.equal(unfitReason(board), null, board));
    assert.deepEqual(Object.keys(UNFIT_BOARDS), []);
  });
});
