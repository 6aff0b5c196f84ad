// Prints what the espruino tool sends to a board for a job and a code file, computed offline by the tool's own code.
//
// Why the tool itself and not a copy of its rules: the flash job wraps the code in Storage writes
// and a load() (plugins/saveOnSend.js) only when it knows the board's firmware version, which it
// takes from the board JSON's info.binary_version; a hand-made imitation could drift from the tool
// the user really runs. This runs the tool's "transformForEspruino" processors exactly as
// `espruino -j JOB FILE` does before it writes to the serial port (the per-line echo-off framing
// the serial writer adds on the wire is not part of the program and is left out).
//
// Usage: node scripts/espruino-upload-text.cjs JOB.json CODE.js > upload.txt
// CommonJS and a process of its own: the tool's init() replaces globals (require, $, navigator).
'use strict';
const fs = require('fs');
const [jobPath, codePath] = process.argv.slice(2);
if (!jobPath || !codePath) {
  process.stderr.write('usage: node scripts/espruino-upload-text.cjs JOB.json CODE.js\n');
  process.exit(2);
}
const job = JSON.parse(fs.readFileSync(jobPath, 'utf8'));
const code = fs.readFileSync(codePath, 'utf8');
// The tool reports progress on the console; only the upload text may reach standard output.
const quiet = () => {};
console.log = quiet;
console.info = quiet;
console.warn = quiet;
require('espruino').init(() => {
  const settings = job.espruino || {};
  Object.keys(settings).forEach((key) => {
    Espruino.Config[key] = settings[key];
  });
  Espruino.Config.ENV_ON_CONNECT = false;
  const env = Espruino.Core.Env.getData();
  const board = JSON.parse(fs.readFileSync(job.board, 'utf8'));
  env.BOARD = job.board;
  Object.keys(board).forEach((key) => {
    env[key] = board[key];
  });
  // As bin/espruino-cli.js does for a local board JSON: the firmware version comes from it.
  Espruino.callProcessor('boardJSONLoaded', env, (loaded) => {
    if (loaded && loaded.info && loaded.info.binary_version) Espruino.Core.Env.setFirmwareVersion(loaded.info.binary_version);
    Espruino.callProcessor('transformForEspruino', code, (sent) => {
      // Exit once written: the tool's plugins leave timers that would keep the process up for a second.
      // One byte a character, as the tool writes the serial port: pretokenised code holds tokens 0x80-0xFF.
      process.stdout.write(Buffer.from(sent, 'latin1'), () => process.exit(0));
    });
  });
});
