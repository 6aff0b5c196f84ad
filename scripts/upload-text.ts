// What the flash command sends to a board, and the Storage files those commands leave there.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The text the espruino tool sends for `codePath` under the job file `jobPath` (the flash job's
 * Storage writes of `.bootcde` and the `load()` after them), computed offline by the tool's own
 * processors (scripts/espruino-upload-text.cjs). `root` is the project folder.
 */
export function flashUploadText(root: string, jobPath: string, codePath: string): string {
  return execFileSync(process.execPath, [join(root, 'scripts', 'espruino-upload-text.cjs'), jobPath, codePath], {
    cwd: root,
    encoding: 'latin1',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** One `require("Storage").write(name, data, offset, size)` statement of an upload. */
interface StorageWrite {
  name: string;
  data: string;
  offset: number;
  size: number;
}

/**
 * The Storage files an upload text writes, by name, replayed as a board's Storage would take the
 * statements (each write at its offset; the first, with the size, creates the file). Every
 * statement but the writes and a final `load()` is refused, so a change in what the tool sends
 * fails loudly instead of being skipped. The strings are JavaScript literals; they are read with
 * the language's own rules.
 */
export function storedFilesOfUpload(uploadText: string): { [name: string]: string } {
  const files: { [name: string]: string[] } = {};
  const sizes: { [name: string]: number } = {};
  const statements = uploadText.split('\n').filter((line) => line.trim() !== '');
  statements.forEach((statement, index) => {
    if (statement.trim() === 'load()' && index === statements.length - 1) return;
    const write = parseStorageWrite(statement);
    if (write === null) throw new Error('upload statement ' + (index + 1) + ' is not a Storage write: ' + statement.slice(0, 80));
    if (write.size >= 0) {
      sizes[write.name] = write.size;
      files[write.name] = [];
    }
    const parts = files[write.name];
    if (parts === undefined) throw new Error('upload writes ' + write.name + ' before creating it');
    const before = parts.join('').length;
    if (write.offset !== before) throw new Error('upload writes ' + write.name + ' at ' + write.offset + ', expected ' + before);
    parts.push(write.data);
  });
  const result: { [name: string]: string } = {};
  Object.keys(files).forEach((name) => {
    const text = files[name].join('');
    if (text.length !== sizes[name]) throw new Error('upload leaves ' + name + ' with ' + text.length + ' of its declared ' + sizes[name] + ' bytes');
    result[name] = text;
  });
  return result;
}

const WRITE_PREFIX = 'require("Storage").write(';

function parseStorageWrite(statement: string): StorageWrite | null {
  if (!statement.startsWith(WRITE_PREFIX) || !statement.endsWith(');')) return null;
  // The arguments are literals only (strings and numbers): an array literal reads them safely.
  const args = JSON.parse('[' + toJsonStrings(statement.slice(WRITE_PREFIX.length, -2)) + ']') as unknown[];
  if (typeof args[0] !== 'string' || typeof args[1] !== 'string' || typeof args[2] !== 'number') return null;
  return { name: args[0], data: args[1], offset: args[2], size: typeof args[3] === 'number' ? args[3] : -1 };
}

/**
 * The tool writes strings as JavaScript literals (toJSONishString): JSON plus `\xNN` escapes and
 * escaped characters JSON does not know. Rewrite those so JSON.parse reads the same characters.
 */
function toJsonStrings(argumentsText: string): string {
  let out = '';
  for (let index = 0; index < argumentsText.length; index++) {
    const character = argumentsText[index];
    if (character !== '\\') {
      const code = character.charCodeAt(0);
      out += code < 0x20 || code > 0x7e ? '\\u' + code.toString(16).padStart(4, '0') : character;
      continue;
    }
    const next = argumentsText[index + 1];
    index++;
    if (next === 'x') {
      out += '\\u00' + argumentsText.slice(index + 1, index + 3);
      index += 2;
    } else if (next >= '0' && next <= '7') {
      // The tool writes a character below 8 as one octal digit when no digit follows.
      out += '\\u000' + next;
    } else if (next === "'") {
      out += "'";
    } else if (next === 'v') {
      out += '\\u000b';
    } else {
      out += '\\' + next;
    }
  }
  return out;
}
