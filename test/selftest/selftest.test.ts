// The self-test's checks pass on the firmware and fail on a broken one; its loader runs the bundle from Storage as Espruino would.

import assert from 'node:assert/strict';
import { createContext, runInContext } from 'node:vm';
import { resolveConfig } from '../../firmware/config-overrides';
import { bundleSelftest } from '../../scripts/device-bundles';
import { makeSelftestLoader, SELFTEST_STORAGE_FILE } from '../../scripts/selftest-loader';
import { makeSelftestRig, SELFTEST_CHECKS, selftestConfig, type SelftestRig } from '../../sim/selftest/selftest-checks';
import { consoleStatements } from './console-statements';

/** A rig whose motor enable output is stuck on: the fault every check must catch. */
function rigWithEnableStuckOn(): SelftestRig {
  const rig = makeSelftestRig();
  const enable = rig.sim.hal.motor.enable;
  const write = enable.write.bind(enable);
  enable.write = () => write(true);
  enable.write(true);
  return rig;
}

describe('self-test', () => {
  it('boots with the configuration resolveConfig makes of the same override', () => {
    assert.deepEqual(selftestConfig(), resolveConfig({ metersPerPulse: 0.01 }));
  });

  SELFTEST_CHECKS.forEach((check) => {
    it('passes "' + check.name + '" on the firmware', () => {
      const rig = makeSelftestRig();
      check.run(rig);
      assert.deepEqual(rig.failures, []);
    });

    it('fails "' + check.name + '" when the motor enable output is stuck on', () => {
      const rig = rigWithEnableStuckOn();
      check.run(rig);
      assert.ok(rig.failures.length > 0, 'a stuck enable must not pass');
      assert.match(rig.failures[0], /expected .*motor on/);
    });
  });

  describe('loader', function () {
    this.timeout(30000);

    it('on Espruino, fed to the console a line at a time: writes the bundle to Storage a chunk at a time, runs it from there, then erases it', async () => {
      const bundle = await bundleSelftest();
      const loader = makeSelftestLoader(bundle);
      const writes: { offset: number; length: number; size: number | undefined }[] = [];
      let stored = '';
      let erased = false;
      const lines: string[] = [];
      const storage = {
        write: (name: string, data: string, offset: number, size?: number) => {
          assert.equal(name, SELFTEST_STORAGE_FILE);
          writes.push({ offset: offset, length: data.length, size: size });
          stored = stored.slice(0, offset) + data;
          return true;
        },
        read: (name: string) => (name === SELFTEST_STORAGE_FILE && !erased ? stored : undefined),
        erase: (name: string) => {
          if (name === SELFTEST_STORAGE_FILE) erased = true;
        },
      };
      const finished = new Promise<void>((resolve) => {
        const context = {
          E: {},
          require: (moduleName: string) => {
            if (moduleName !== 'Storage') throw new Error('no module ' + moduleName);
            return storage;
          },
          console: { log: (text: string) => lines.push(String(text)) },
          setTimeout: (callback: () => void, delayMs: number) =>
            setTimeout(() => {
              callback();
              if (erased) resolve();
            }, delayMs),
        };
        // As a board's console runs it: each piece whose brackets balance, one after another.
        createContext(context);
        consoleStatements(loader).forEach((piece) => runInContext(piece, context));
      });
      await finished;
      assert.equal(stored, bundle, 'Storage holds the whole bundle');
      assert.ok(writes.length > 1, 'written in chunks');
      assert.equal(writes[0].offset, 0);
      assert.equal(writes[0].size, bundle.length, 'the first write sizes the file');
      writes.forEach((write, index) => {
        if (index > 0) assert.equal(write.offset, writes[index - 1].offset + writes[index - 1].length, 'chunks follow each other');
      });
      assert.equal(lines[lines.length - 1], 'selftest: 3 passed, 0 failed');
      assert.ok(erased, 'the Storage file is erased after the run');
    });
  });
});
