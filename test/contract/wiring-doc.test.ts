// Keeps the pin tables in docs/wiring.md identical to the board files they describe.

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { BoardProfile } from '../../hal/espruino/board-profile';
import { BOARD as ESP32_BOARD, BOARD_HBRIDGE as ESP32_HBRIDGE_BOARD } from '../../hal/espruino/boards/esp32';
import { BOARD as JOLT_BOARD, BOARD_HBRIDGE as JOLT_HBRIDGE_BOARD } from '../../hal/espruino/boards/jolt';
import { BOARD as PICO_BOARD, BOARD_HBRIDGE as PICO_HBRIDGE_BOARD } from '../../hal/espruino/boards/pico';
import { pinTableMarkdown } from './board-pin-table';

const BOARDS: BoardProfile[] = [PICO_BOARD, PICO_HBRIDGE_BOARD, JOLT_BOARD, JOLT_HBRIDGE_BOARD, ESP32_BOARD, ESP32_HBRIDGE_BOARD];

describe('docs/wiring.md pin tables', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'wiring.md'), 'utf8');

  BOARDS.forEach((board) => {
    it('matches the board file: ' + board.name, () => {
      const marker = '<!-- pin-table: ' + board.name + ' -->\n\n';
      const at = doc.indexOf(marker);
      assert.ok(at >= 0, 'docs/wiring.md has no "' + marker.trim() + '" section');
      const expected = pinTableMarkdown(board) + '\n';
      const actual = doc.substring(at + marker.length, at + marker.length + expected.length);
      assert.equal(actual, expected, 'regenerate the table after the marker from the board file; expected:\n' + expected);
    });
  });
});
