// `npm run flash`: build what was asked (board, drive, machine), then send it with the espruino tool to the board's Storage as .bootcde.

import { unfitReason } from './boards';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { flashArguments, runBuildCommand } from './build-options';
import { buildFirmware, describeBuild } from './firmware-build';

/** What the espruino tool prints, and still exits 0, when it reaches no board. */
const NOT_CONNECTED = 'Unable to connect';

/** Run the espruino tool with `toolArguments`; resolves when it ends, rejects when it failed or reached no board. */
function runTool(toolArguments: string[]): Promise<void> {
  // The tool from this project's own dependencies, run by this Node: the same code upload-preview runs.
  const tool = createRequire(import.meta.url).resolve('espruino/bin/espruino-cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tool].concat(toolArguments), { stdio: ['inherit', 'inherit', 'pipe'] });
    let connectionFailed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.indexOf(NOT_CONNECTED) >= 0) connectionFailed = true;
      process.stderr.write(text);
    });
    child.on('error', reject);
    child.on('close', (status) => {
      if (connectionFailed) reject(new Error('the espruino tool reached no board, so nothing was sent (check -p, or -d for Bluetooth)'));
      else if (status !== 0) reject(new Error('the espruino tool stopped with status ' + status));
      else resolve();
    });
  });
}

runBuildCommand('flash', true, async (request) => {
  // Never ship a board as if it worked: one whose tick does not fit is refused before anything is built or sent.
  const unfit = unfitReason(request.board);
  if (unfit !== null) throw new Error(unfit);
  const firmware = await buildFirmware(request);
  console.log('flash: built ' + describeBuild(request, firmware, request.choice));
  await runTool(flashArguments(firmware.jobPath, firmware.firmwarePath, request.toolArguments));
});
