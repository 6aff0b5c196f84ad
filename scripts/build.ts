// `npm run build`: dist/firmware.js for the chosen board, drive and machine (with its job file), and dist/selftest.js.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runBuildCommand } from './build-options';
import { bundleSelftest, ROOT } from './device-bundles';
import { buildFirmware, describeBuild, shownPath } from './firmware-build';
import { makeSelftestLoader } from './selftest-loader';

runBuildCommand('build', false, async (request) => {
  const firmware = await buildFirmware(request);
  const selftestBundle = await bundleSelftest();
  const selftestPath = join(ROOT, 'dist', 'selftest.js');
  const selftestText = makeSelftestLoader(selftestBundle);
  mkdirSync(dirname(selftestPath), { recursive: true });
  writeFileSync(selftestPath, selftestText);
  console.log(`build: ${describeBuild(request, firmware, request.choice)}; ${shownPath(selftestPath)} ${Buffer.byteLength(selftestText)} bytes (bundle ${selftestBundle.length}); ${shownPath(firmware.jobPath)}`);
});
