// Maps a board profile's pull setting to Espruino's pinMode names.

/** Internal resistor on an input: up, down, or none (an external resistor does the job). */
export type PullMode = 'up' | 'down' | 'none';

/** The `pinMode` that gives an input the pull resistor `pull`. */
export function pinModeForPull(pull: PullMode): EspruinoPinMode {
  if (pull === 'up') return 'input_pullup';
  if (pull === 'down') return 'input_pulldown';
  return 'input';
}
