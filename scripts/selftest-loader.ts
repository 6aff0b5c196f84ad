// Wraps the self-test bundle in a loader that runs it from Storage on Espruino (functions stay in flash) and by eval on Node.

/** Storage file the loader writes the bundle to on Espruino (at most 28 characters). */
export const SELFTEST_STORAGE_FILE = 'selftest.js';
/** Characters of bundle per loader line: one statement each, so the REPL holds one chunk at a time. */
const CHUNK_CHARACTERS = 2048;

/*
 * Why a loader: a program an Espruino reads from RAM keeps its whole source text while it loads
 * and copies every function's text into variables, about 190 variables per kilobyte on a
 * 5100-variable build, so a 40 KB bundle cannot load on a Pico. Code run from Storage is read in
 * place: functions point into flash and cost a few variables each. The loader appends the bundle
 * to a Storage file a chunk per statement (each chunk is freed when its statement ends), then,
 * once the loader's own text is freed, evaluates the file from flash. On Node there is no
 * Storage module: the chunks are joined and evaluated. The bundle is ASCII (esbuild charset
 * ascii), so string length is byte length. When the run is over, the Storage file is erased
 * so that the firmware upload that follows has the room.
 */

/** The loader text for `bundleText`: plain ES5, one statement per line. */
export function makeSelftestLoader(bundleText: string): string {
  const totalBytes = bundleText.length;
  // Top-level names, not a wrapper function: Espruino gives every function defined by the
  // evaluated bundle a record of each enclosing scope, so evaluating one level deep instead of
  // three saves about a thousand variables.
  const lines: string[] = [
    '// retrotread self-test loader: writes the bundle to Storage (Espruino) or joins it (Node), then runs it.',
    'var selftestStorage = typeof E !== "undefined" && typeof require === "function" ? require("Storage") : null;',
    'var selftestParts = [];',
    'var selftestOffset = 0;',
    'function selftestAdd(text) {',
    '  if (selftestStorage === null) { selftestParts.push(text); return; }',
    '  if (!selftestStorage.write("' + SELFTEST_STORAGE_FILE + '", text, selftestOffset, ' + totalBytes + ')) throw new Error("selftest: Storage is full; erase files or require(\'Storage\').compact() first");',
    '  selftestOffset += text.length;',
    '}',
  ];
  for (let start = 0; start < bundleText.length; start += CHUNK_CHARACTERS) {
    lines.push('selftestAdd(' + JSON.stringify(bundleText.slice(start, start + CHUNK_CHARACTERS)) + ');');
  }
  lines.push(
    // One line: a board's console runs each line whose brackets balance as it arrives, so an
    // `else` on a line of its own would be a syntax error there (seen on the Pico-sized Linux
    // build fed the loader statement by statement). On Espruino it runs later, so that the
    // loader's own text is freed first; the self-test starts from a 0 ms timeout of its own, and
    // the erase after it frees the flash for the firmware upload.
    'if (selftestStorage === null) { (0, eval)(selftestParts.join("")); } else { setTimeout(function () { eval(selftestStorage.read("' +
      SELFTEST_STORAGE_FILE +
      '")); setTimeout(function () { selftestStorage.erase("' +
      SELFTEST_STORAGE_FILE +
      '"); }, 10); }, 1); }',
  );
  return lines.join('\n') + '\n';
}
