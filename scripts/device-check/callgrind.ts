// Reads callgrind profiles: the inclusive instruction count of one function, per dump.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The native call the harness runs each control tick inside (scripts/device-check/harness.ts). */
export const MEASURED_FUNCTION = 'jswrap_espruino_mapInPlace';

/**
 * The inclusive count of the first event (Ir: instructions) of function `name` in one callgrind
 * profile: its own cost lines plus the inclusive cost of every call it makes. Reads the format
 * callgrind writes (name compression `fn=(id) name` then `fn=(id)`, relative positions, `calls=`
 * followed by the call's cost line); a call of the function to itself is not added twice.
 */
export function inclusiveCost(profileText: string, name: string): number {
  const names: { [key: string]: string } = {};
  let current = '';
  let callee = '';
  let nextIsCallCost = false;
  let total = 0;
  const resolve = (spec: string): string => {
    const match = /^\((\d+)\)(?:\s+(.*))?$/.exec(spec.trim());
    if (match === null) return spec.trim();
    if (match[2] !== undefined) names[match[1]] = match[2];
    return names[match[1]] !== undefined ? names[match[1]] : '(' + match[1] + ')';
  };
  profileText.split('\n').forEach((line) => {
    if (line.startsWith('fn=')) {
      current = resolve(line.slice(3));
      return;
    }
    if (line.startsWith('cfn=')) {
      callee = resolve(line.slice(4));
      return;
    }
    if (line.startsWith('calls=')) {
      nextIsCallCost = true;
      return;
    }
    if (!/^[0-9+\-*]/.test(line)) return;
    const fields = line.trim().split(/\s+/);
    const cost = fields.length > 1 ? Number(fields[1]) : 0;
    if (nextIsCallCost) {
      nextIsCallCost = false;
      if (current === name && callee !== name) total += cost;
      return;
    }
    if (current === name) total += cost;
  });
  return total;
}

/** Number of the dump in a callgrind file name `<base>.<n>` (a final part without a number is 0). */
function partNumber(fileName: string, base: string): number {
  const rest = fileName.slice(base.length);
  return rest === '' ? 0 : Number(rest.slice(1));
}

/**
 * The files `--dump-after=FUNCTION` wrote for `base` in `folder`, in dump order: `<base>.1`,
 * `<base>.2`, ... (one per call of FUNCTION), the final part `<base>` left out.
 */
export function dumpFiles(folder: string, base: string): string[] {
  return readdirSync(folder)
    .filter((file) => file.startsWith(base + '.') && /^\d+$/.test(file.slice(base.length + 1)))
    .sort((a, b) => partNumber(a, base) - partNumber(b, base))
    .map((file) => join(folder, file));
}

/** Inclusive instructions of `name` in each dump file, in order (one per call with `--dump-after`). */
export function costsPerDump(files: string[], name: string): number[] {
  return files.map((file) => inclusiveCost(readFileSync(file, 'utf8'), name));
}
