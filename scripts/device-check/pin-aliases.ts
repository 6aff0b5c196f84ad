// Which pin names a firmware bundle uses, and a distinct Linux pin (D0..D31) for each.

/** Pins the Linux build of Espruino has: D0..D31. */
export const LINUX_PIN_COUNT = 32;

/** Quoted pin-like names ("B4", "D13", "A0", "H0") in a bundle's text. */
const PIN_NAME = /["'`]([A-H][0-9]{1,2})["'`]/g;

/**
 * Every pin name `bundleText` holds as a string literal, plus `profilePins` (the board profile's,
 * in case one is built at run time), sorted and without repeats.
 */
export function pinNamesOf(bundleText: string, profilePins: string[]): string[] {
  const names: string[] = profilePins.slice();
  let match = PIN_NAME.exec(bundleText);
  while (match !== null) {
    names.push(match[1]);
    match = PIN_NAME.exec(bundleText);
  }
  PIN_NAME.lastIndex = 0;
  return names.filter((name, index) => names.indexOf(name) === index).sort();
}

/**
 * Pairs [board pin name, Linux pin name], one distinct Linux pin each. Throws when the board
 * uses more names than the Linux build has pins: two functions on one pin would hide a wiring
 * fault from the check.
 */
export function pinAliases(names: string[]): string[][] {
  if (names.length > LINUX_PIN_COUNT) {
    throw new Error('the bundle uses ' + names.length + ' pin names; the Linux interpreter has ' + LINUX_PIN_COUNT + ' pins (D0..D31)');
  }
  return names.map((name, index) => [name, 'D' + index]);
}

/** The Linux pin that `boardPin` is aliased to. */
export function linuxPin(aliases: string[][], boardPin: string): string {
  const pair = aliases.find((candidate) => candidate[0] === boardPin);
  if (pair === undefined) throw new Error('pin ' + boardPin + ' has no Linux alias');
  return pair[1];
}

/** Every pin name a board profile mentions (outputs, inputs, buttons), walking its plain data. */
export function profilePinNames(profile: object): string[] {
  const names: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string' && (key === 'pin' || key.endsWith('Pin') || key === 'enablePins')) names.push(value);
    else if (Array.isArray(value)) value.forEach((item) => visit(item, key));
    else if (value !== null && typeof value === 'object') Object.keys(value as object).forEach((child) => visit((value as { [name: string]: unknown })[child], child));
  };
  visit(profile, '');
  return names;
}
