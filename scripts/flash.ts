// `npm run flash`: build what was asked (board, drive, machine), then send it with the espruino tool to the board's Storage as .bootcde.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { flashArguments, runBuildCommand } from './build-options';
import { buildFirmware, describeBuild } from './firmware-build';

runBuildCommand('flash', true, async (request) => {
  const firmware = await buildFirmware(request);
  console.log('flash: built ' + describeBuild(request, firmware, request.choice));
  // The tool from this project's own dependencies, run by this Node: the same code upload-preview runs.
  const tool = createRequire(import.meta.url).resolve('espruino/bin/espruino-cli.js');
  const result = spawnSync(process.execPath, [tool].concat(flashArguments(firmware.jobPath, firmware.firmwarePath, request.toolArguments)), { stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error('the espruino tool stopped with status ' + result.status);
});
