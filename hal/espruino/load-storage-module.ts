// Loads Espruino's built-in Storage module.

/**
 * `require("Storage")`, reached through Espruino's global object. Why not a plain `require`:
 * the bundler would try to resolve "Storage" as a file (or wrap it in a shim), and Node tests
 * could not hand in a fake; `global.require` is the interpreter's own built-in on the device and
 * a fake installed on the global object in tests.
 */
export function loadStorageModule(): EspruinoStorageModule {
  const espruinoGlobal = global as unknown as { require: (moduleName: string) => unknown };
  return espruinoGlobal.require('Storage') as EspruinoStorageModule;
}
