// Builds the harness's settings for one board and bundles the harness into the text stored as `.boot0`.

import { build } from 'esbuild';
import { join } from 'node:path';
import type { BoardProfile, DisplayProfile, InputPinProfile } from '../../hal/espruino/board-profile';
import type { TreadmillConfig } from '../../firmware/config';
import { standstillTimeoutMs } from '../../firmware/core/speed-estimator';
import { DEVICE_MINIFY, ESPRUINO_BUILD_OPTIONS, findEspruinoTraps } from '../esbuild-options';
import type { HarnessConfig, HarnessInput } from './harness-types';
import { linuxPin } from './pin-aliases';

/** Speed Up presses after the start: from the start speed to a few km/h. */
export const SPEED_UP_PRESSES = 17;
/** The built-in program the full edition starts, and the speed its first segment (4 km/h) must pass 2.5 s after its countdown. */
export const CHECK_PROGRAM = 'intervals';
export const PROGRAM_MIN_KPH = 2;

function input(aliases: string[][], profile: InputPinProfile): HarnessInput {
  return { pin: linuxPin(aliases, profile.pin), activeLow: profile.activeLow };
}

function required(profile: InputPinProfile | undefined, name: string): InputPinProfile {
  if (profile === undefined) throw new Error('the board has no ' + name + ' button; the session needs it');
  return profile;
}

/** The harness settings for `profile` running `config`, with the pin `aliases` of its bundle. */
export function harnessConfig(profile: BoardProfile, config: TreadmillConfig, aliases: string[][], hasPrograms: boolean, display: DisplayProfile | null): HarnessConfig {
  const buttons = profile.buttons as { [name: string]: InputPinProfile | undefined };
  const idle: InputPinProfile[] = [];
  Object.keys(buttons).forEach((name) => {
    const button = buttons[name];
    if (button) idle.push(button);
  });
  if (profile.beltDirectionSensor) idle.push(profile.beltDirectionSensor);
  const incline = profile.incline;
  if (incline && incline.position.kind === 'pulses') idle.push(incline.position.input);
  if (incline && incline.lowerLimit) idle.push(incline.lowerLimit);
  const motor = profile.motor;
  const dutyMap: number[] = [];
  config.dutyMap.forEach((point) => dutyMap.push(point.speedKph, point.duty));
  return {
    aliases,
    idleInputs: idle.map((item) => input(aliases, item)),
    key: input(aliases, profile.safetyKey),
    encoder: input(aliases, profile.beltEncoder),
    start: input(aliases, required(profile.buttons.start, 'start')),
    stop: input(aliases, required(profile.buttons.stop, 'stop')),
    speedUp: input(aliases, required(profile.buttons.speedUp, 'speedUp')),
    speedPin: linuxPin(aliases, motor.kind === 'mc2100' ? motor.speed.pin : motor.forwardPwmPin),
    enablePin: linuxPin(aliases, motor.kind === 'mc2100' ? motor.enable.pin : motor.enablePins[0]),
    enableActiveLow: motor.kind === 'mc2100' ? motor.enable.activeLow : motor.enableActiveLow,
    analogValue: config.incline.analogAtZero,
    dutyMap,
    metersPerPulse: config.metersPerPulse,
    controlPeriodMs: config.controlPeriodMs,
    standstillTimeoutMs: standstillTimeoutMs(config.metersPerPulse, config.minSpeedKph),
    countdownMs: config.countdownMs,
    startSpeedKph: config.startSpeedKph,
    speedStepKph: config.speedStepKph,
    speedUpPresses: SPEED_UP_PRESSES,
    program: hasPrograms ? CHECK_PROGRAM : '',
    programMinKph: PROGRAM_MIN_KPH,
    displayBus: display !== null ? display.i2c.bus : null,
    displayAddress: display !== null ? display.address : 0,
    ftms: hasPrograms && profile.bluetooth === true,
  };
}

/** The harness bundled for Espruino (IIFE, the device's syntax gate), without its settings. */
export async function bundleHarness(root: string): Promise<string> {
  const result = await build({
    ...ESPRUINO_BUILD_OPTIONS,
    ...DEVICE_MINIFY,
    entryPoints: [join(root, 'scripts', 'device-check', 'harness.ts')],
    write: false,
    outfile: 'boot0.js',
  });
  const text = result.outputFiles[0].text;
  const traps = findEspruinoTraps(text);
  if (traps.length > 0) throw new Error('harness: ' + traps.join('; '));
  return text;
}

/**
 * The `.boot0` text: the empty interpreter's variable count first (before anything of the
 * harness exists), then the settings, then the harness.
 */
export function boot0Text(harnessBundle: string, config: HarnessConfig): string {
  return 'var DC_M0=process.memory().usage;\nvar DC_CONFIG=' + JSON.stringify(config) + ';\n' + harnessBundle;
}
