// A stand-in for the Linux Espruino on Node: runs `.boot0`, `.bootcde` and `dc()` as the interpreter would, in a fresh context.

import vm from 'node:vm';

/** What a test may change in the fake interpreter before the firmware loads. */
export interface FakeInterpreterHooks {
  /** Called with the context after `.boot0` ran (the harness's fakes are installed), before `.bootcde`. */
  afterBoot0?: (context: { [name: string]: unknown }) => void;
  /** The `-e` code (default `dc()`; `dc(1)` counts the fakes' calls). */
  call?: string;
}

/** A pin object: distinct, and named like the interpreter's (`String(D5)` is "D5"). */
function makePin(name: string): object {
  return { toString: () => name };
}

/**
 * Run `boot0`, then `bootcde`, then `dc()` (or `hooks.call`) in a new context with the globals the harness and the
 * firmware use (pins D0..D31, E, process.memory, require('Storage'), console); returns every line
 * printed. The memory figures are fixed: this runs the session's logic, not the interpreter.
 */
export function runOnFakeInterpreter(boot0: string, bootcde: string, hooks: FakeInterpreterHooks = {}): string[] {
  const lines: string[] = [];
  const files: { [name: string]: string } = {};
  const context: { [name: string]: unknown } = {};
  for (let index = 0; index < 32; index++) context['D' + index] = makePin('D' + index);
  context.E = {
    mapInPlace: (from: Uint8Array, to: Uint8Array, map: (value: number, index: number) => number) => {
      for (let index = 0; index < from.length; index++) to[index] = map(from[index], index);
    },
    getErrorFlags: () => [],
    on: () => undefined,
    enableWatchdog: () => undefined,
    kickWatchdog: () => undefined,
  };
  // The natives the harness calibrates its fakes against.
  context.getTime = () => 0;
  context.digitalRead = () => 0;
  context.digitalWrite = () => undefined;
  context.process = { memory: () => ({ usage: 1000, total: 5100, free: 4100, blocksize: 13 }) };
  context.console = { log: (...items: unknown[]) => lines.push(items.map(String).join(' ')) };
  context.require = (name: string) => {
    if (name !== 'Storage') throw new Error('no module ' + name);
    return {
      read: (file: string) => files[file],
      write: (file: string, text: string) => {
        files[file] = text;
        return true;
      },
      erase: (file: string) => {
        delete files[file];
      },
      list: () => Object.keys(files),
    };
  };
  context.global = context;
  vm.createContext(context);
  vm.runInContext(boot0, context);
  if (hooks.afterBoot0) hooks.afterBoot0(context);
  try {
    vm.runInContext(bootcde, context);
  } catch (error) {
    lines.push('Uncaught ' + String(error));
  }
  vm.runInContext(hooks.call || 'dc()', context);
  return lines;
}
