// Turns a pin name from a board profile ('B4', 'D13') into the interpreter's pin object.

/**
 * Look `name` up on Espruino's global object, where every pin of the board is a global (the
 * interpreter resolves `global.B4` like the bare name `B4`). Tests put fake pins on the global
 * object the same way.
 *
 * Throws when the board has no such pin: a typo in a board profile must stop the boot, not
 * silently drive a different pin. Called once per pin at boot, never per tick.
 */
export function resolvePin(name: string): EspruinoPin {
  const pins = global as unknown as { [pinName: string]: EspruinoPin | undefined };
  const pin = pins[name];
  if (pin === undefined || pin === null) throw new Error('resolvePin: this board has no pin named ' + name);
  return pin;
}
