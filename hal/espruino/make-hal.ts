// Builds the device TreadmillHal for one board: safe outputs first, then every port.

import type { DigitalIn } from '../digital-in';
import type { TextDisplay } from '../text-display';
import type { FtmsLink } from '../ftms-link';
import type { Log } from '../log';
import type { Scheduler } from '../scheduler';
import type { ConsoleButtons, InclinePorts, MemoryReport, MotorPorts, TreadmillHal } from '../treadmill-hal';
import type { BoardProfile, ButtonsProfile, DisplayProfile, InclineProfile, InputPinProfile, MotorDriveProfile, PulseInputProfile } from './board-profile';
import { driveOutputsSafe } from './drive-outputs-safe';
import { EspruinoAnalogIn } from './espruino-analog-in';
import { EspruinoBeeper } from './espruino-beeper';
import { EspruinoClock } from './espruino-clock';
import { EspruinoDigitalIn } from './espruino-digital-in';
import { EspruinoDigitalOut } from './espruino-digital-out';
import { EspruinoHBridgeMotor } from './espruino-h-bridge-motor';
import { EspruinoLog } from './espruino-log';
import { EspruinoPulseCounter } from './espruino-pulse-counter';
import { EspruinoPwmOut } from './espruino-pwm-out';
import { EspruinoScheduler } from './espruino-scheduler';
import { EspruinoStorage } from './espruino-storage';
import { EspruinoWatchdog } from './espruino-watchdog';
import { loadStorageModule } from './load-storage-module';
import { resolvePin } from './resolve-pin';

function makeInput(profile: InputPinProfile): DigitalIn {
  return new EspruinoDigitalIn(resolvePin(profile.pin), profile);
}

function makePulseCounter(profile: PulseInputProfile): EspruinoPulseCounter {
  return new EspruinoPulseCounter(resolvePin(profile.pin), profile);
}

function makeMotor(motor: MotorDriveProfile): MotorPorts {
  if (motor.kind === 'mc2100') {
    return {
      speed: new EspruinoPwmOut(resolvePin(motor.speed.pin), motor.speed.frequencyHz, motor.speed.softwarePwm),
      enable: new EspruinoDigitalOut(resolvePin(motor.enable.pin), motor.enable.activeLow),
      direction: new EspruinoDigitalOut(resolvePin(motor.direction.pin), motor.direction.activeLow),
    };
  }
  return new EspruinoHBridgeMotor({
    forwardPwm: resolvePin(motor.forwardPwmPin),
    backwardPwm: resolvePin(motor.backwardPwmPin),
    enable: motor.enablePins.map((pin) => resolvePin(pin)),
    enableActiveLow: motor.enableActiveLow,
    frequencyHz: motor.pwmFrequencyHz,
    softwarePwm: motor.softwarePwm,
  });
}

function makeIncline(incline: InclineProfile): InclinePorts {
  const position = incline.position;
  const ports: InclinePorts = {
    up: new EspruinoDigitalOut(resolvePin(incline.up.pin), incline.up.activeLow),
    down: new EspruinoDigitalOut(resolvePin(incline.down.pin), incline.down.activeLow),
    position:
      position.kind === 'pulses'
        ? { kind: 'pulses', counter: makePulseCounter(position.input) }
        : { kind: 'analog', input: new EspruinoAnalogIn(resolvePin(position.pin)) },
  };
  if (incline.lowerLimit) ports.lowerLimit = makeInput(incline.lowerLimit);
  return ports;
}

/**
 * An input for each button the profile wires, under the profile's name for it (ConsoleButtons has
 * the same names). A loop over the profile's own keys, not a field each nor a list of every name:
 * it saves the Pico's flash several hundred bytes, and a board without the full edition's extra
 * keys holds none of their names.
 */
function makeButtons(buttons: ButtonsProfile): ConsoleButtons {
  const profiles = buttons as { [name: string]: InputPinProfile | undefined };
  const made: { [name: string]: DigitalIn } = {};
  Object.keys(profiles).forEach((name) => {
    const profile = profiles[name];
    if (profile) made[name] = makeInput(profile);
  });
  return made as ConsoleButtons;
}

/**
 * Makes the display driver of a DisplayProfile (hal/espruino/hd44780-display.ts,
 * ssd1306-display.ts). Passed in by the build's entry only when the machine has a display, so a
 * bundle holds the one driver it uses, and none without a display.
 */
export type DisplayMaker = (profile: DisplayProfile) => TextDisplay;

/**
 * Makes the Bluetooth FTMS link (hal/espruino/espruino-ftms-link.ts). Passed in by the build's
 * entry for a Bluetooth board's full edition only, so that other bundles hold no link code.
 */
export type FtmsLinkMaker = (scheduler: Scheduler, log: Log) => FtmsLink;

/** Interpreter memory without a garbage-collection pass (cheap enough for a status line). */
function readMemory(): MemoryReport {
  const info = (process as unknown as EspruinoProcess).memory(false);
  return { usedVariables: info.usage, totalVariables: info.total, bytesPerVariable: info.blocksize || 0 };
}

/**
 * Make the TreadmillHal for `board`. It first drives every output to its safe value (speed 0,
 * enable off, incline off, beeper silent), and only then builds the ports, so that nothing that
 * follows (a throwing constructor, a bad pin name) can leave an output driven.
 *
 * Watches start when the ports are made (pulse counters) or when the firmware asks (inputs).
 * Called once by boot(); throws when the profile names a pin the board does not have or an input
 * that cannot be watched. The display, when `board.display` says there is one, is made by
 * `makeDisplay` (it sends nothing until the firmware's first redraw); the FtmsLink by
 * `makeFtmsLink` when the board has Bluetooth (`board.bluetooth`).
 */
export function makeEspruinoHal(board: BoardProfile, makeDisplay?: DisplayMaker, makeFtmsLink?: FtmsLinkMaker): TreadmillHal {
  driveOutputsSafe(board);
  const clock = new EspruinoClock();
  const log = new EspruinoLog();
  const scheduler = new EspruinoScheduler(clock, (error: unknown) => log.error('timer callback failed: ' + String(error)));
  const hal: TreadmillHal = {
    clock,
    scheduler,
    watchdog: new EspruinoWatchdog(),
    storage: new EspruinoStorage(loadStorageModule()),
    log,
    motor: makeMotor(board.motor),
    safetyKey: makeInput(board.safetyKey),
    beltEncoder: makePulseCounter(board.beltEncoder),
    buttons: makeButtons(board.buttons),
    memory: readMemory,
  };
  if (board.beltDirectionSensor) hal.beltDirectionSensor = makeInput(board.beltDirectionSensor);
  if (board.incline) hal.incline = makeIncline(board.incline);
  if (board.beeper) hal.beeper = new EspruinoBeeper(resolvePin(board.beeper.pin), scheduler);
  if (board.display && makeDisplay) hal.display = makeDisplay(board.display);
  if (board.bluetooth && makeFtmsLink) hal.ftms = makeFtmsLink(scheduler, log);
  log.info('hal: ' + board.name);
  return hal;
}
