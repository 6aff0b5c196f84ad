// The flash refuses a board whose firmware does not keep its control tick: nothing is built or sent.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNFIT_BOARDS } from '../../scripts/boards';

const ROOT = join(__dirname, '..', '..');

describe('npm run flash and a board whose tick does not fit', function () {
  this.timeout(60000);

  it('refuses the Jolt.js with the measured reason, builds nothing and sends nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'retrotread-flash-'));
    try {
      const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'flash.ts'), '--board', 'jolt', '--out', out, '-p', '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
      assert.notEqual(result.status, 0);
      assert.ok(result.stderr.indexOf(UNFIT_BOARDS.jolt) >= 0, result.stderr);
      assert.equal(existsSync(join(out, 'firmware.js')), false, 'nothing was built');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('names only measured reasons: every unfit board is one the build knows', () => {
    Object.keys(UNFIT_BOARDS).forEach((board) => assert.match(UNFIT_BOARDS[board], /measured/));
  });
});
