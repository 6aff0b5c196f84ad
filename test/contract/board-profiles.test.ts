// Checks every board file against what its chip and Espruino can really do with each pin.

import { strict as assert } from 'assert';
import type { BoardProfile, InputPinProfile } from '../../hal/espruino/board-profile';
import { BOARD as ESP32_BOARD, BOARD_HBRIDGE as ESP32_HBRIDGE_BOARD } from '../../hal/espruino/boards/esp32';
import { BOARD as JOLT_BOARD, BOARD_HBRIDGE as JOLT_HBRIDGE_BOARD } from '../../hal/espruino/boards/jolt';
import { BOARD as PICO_BOARD, BOARD_HBRIDGE as PICO_HBRIDGE_BOARD } from '../../hal/espruino/boards/pico';

/** One pin use in a profile. */
interface PinUse {
  pin: string;
  role: string;
  watched: boolean;
  pwm: boolean;
  input: InputPinProfile | undefined;
}

function pinUses(board: BoardProfile): PinUse[] {
  const uses: PinUse[] = [];
  const output = (pin: string, role: string, pwm: boolean) => uses.push({ pin, role, watched: false, pwm, input: undefined });
  const input = (profile: InputPinProfile, role: string, watched: boolean) => uses.push({ pin: profile.pin, role, watched, pwm: false, input: profile });
  const motor = board.motor;
  if (motor.kind === 'mc2100') {
    output(motor.speed.pin, 'motor speed', true);
    output(motor.enable.pin, 'motor enable', false);
    output(motor.direction.pin, 'direction relay', false);
  } else {
    output(motor.forwardPwmPin, 'RPWM', true);
    output(motor.backwardPwmPin, 'LPWM', true);
    motor.enablePins.forEach((pin) => output(pin, 'R_EN/L_EN', false));
  }
  input(board.safetyKey, 'safety key', true);
  input(board.beltEncoder, 'belt encoder', true);
  if (board.beltDirectionSensor) input(board.beltDirectionSensor, 'belt direction sensor', false);
  if (board.incline) {
    output(board.incline.up.pin, 'incline up', false);
    output(board.incline.down.pin, 'incline down', false);
    const position = board.incline.position;
    if (position.kind === 'pulses') input(position.input, 'incline pulses', true);
    else uses.push({ pin: position.pin, role: 'incline position', watched: false, pwm: false, input: undefined });
    if (board.incline.lowerLimit) input(board.incline.lowerLimit, 'incline lower limit', true);
  }
  Object.keys(board.buttons).forEach((name) => {
    const button = (board.buttons as Record<string, InputPinProfile | undefined>)[name];
    if (button) input(button, 'button ' + name, true);
  });
  if (board.beeper) output(board.beeper.pin, 'beeper', true);
  return uses;
}

function pinNumber(pin: string): number {
  return Number(pin.substring(1));
}

/** Pins on the Espruino Pico's headers, minus B6/B7 (console serial without USB). */
const PICO_PINS = ['B15', 'B14', 'B13', 'B10', 'B1', 'A7', 'A6', 'A5', 'B3', 'B4', 'B5', 'A8', 'A4', 'A3', 'A2', 'A1', 'A0', 'A10', 'B9', 'B8'];
/** Pico pins with a hardware timer channel (STM32F401 alternate functions). */
const PICO_PWM_PINS = ['A0', 'A1', 'A2', 'A3', 'A5', 'A6', 'A7', 'A8', 'A10', 'B0', 'B1', 'B3', 'B4', 'B5', 'B8', 'B9', 'B10', 'B13', 'B14', 'B15'];
/** Jolt.js pins on its headers (Espruino's boards/JOLTJS.py): the top2 header, then the Qwiic connectors Q0-Q3. */
const JOLT_TOP2_PINS = ['D1', 'D26', 'D47', 'D46'];
const JOLT_QWIIC_PINS = ['D29', 'D3', 'D31', 'D2', 'D45', 'D44', 'D43', 'D36', 'D38', 'D39', 'D42', 'D37'];
/** Jolt.js header pins with an analog input: Q0 and Q1's sda and scl. */
const JOLT_ANALOG_PINS = ['D29', 'D3', 'D31', 'D2'];
/** nRF52 watch channels (GPIOTE) Espruino uses. */
const NRF52_WATCH_CHANNELS = 8;
/** ESP32 GPIOs free on a WROOM DevKitC: no strapping (0, 2, 5, 12, 15), flash (6-11) or UART0 (1, 3) pins. */
const ESP32_PINS = ['D4', 'D13', 'D14', 'D16', 'D17', 'D18', 'D19', 'D21', 'D22', 'D23', 'D25', 'D26', 'D27', 'D32', 'D33', 'D34', 'D35', 'D36', 'D39'];
/** Pins Espruino's ESP32 port can watch (jshCanWatch). */
const ESP32_WATCHABLE = ['D0', 'D12', 'D13', 'D14', 'D15', 'D16', 'D17', 'D18', 'D19', 'D21', 'D22', 'D25', 'D26', 'D27', 'D34', 'D35', 'D36', 'D37', 'D38', 'D39'];
const ESP32_INPUT_ONLY = ['D34', 'D35', 'D36', 'D39'];
const ESP32_ADC1_PINS = ['D32', 'D33', 'D34', 'D35', 'D36', 'D39'];

function checkCommon(board: BoardProfile, validPins: string[]): void {
  const uses = pinUses(board);
  const seen = new Map<string, string>();
  uses.forEach((use) => {
    assert.ok(validPins.indexOf(use.pin) >= 0, board.name + ': ' + use.role + ' on ' + use.pin + ', not a usable pin');
    const earlier = seen.get(use.pin);
    // Two enable pins may be the same pin; nothing else may share.
    if (earlier !== undefined && !(earlier === use.role && use.role === 'R_EN/L_EN')) {
      assert.fail(board.name + ': ' + use.pin + ' used for both ' + earlier + ' and ' + use.role);
    }
    seen.set(use.pin, use.role);
  });
  assert.equal(board.safetyKey.activeLow && board.safetyKey.pull !== 'down', true, board.name + ': the safety key must read "removed" when its circuit is open');
  if (board.motor.kind === 'mc2100') assert.equal(board.motor.speed.frequencyHz, 20, board.name + ': the MC-2100 wants 20 Hz');
}

describe('board files', () => {
  [PICO_BOARD, PICO_HBRIDGE_BOARD].forEach((board) => {
    it(board.name + ': header pins, hardware PWM, and watched pins with distinct numbers (STM32 EXTI)', () => {
      checkCommon(board, PICO_PINS);
      const uses = pinUses(board);
      uses.filter((use) => use.pwm).forEach((use) => assert.ok(PICO_PWM_PINS.indexOf(use.pin) >= 0, use.pin + ' has no timer'));
      const numbers = uses.filter((use) => use.watched).map((use) => pinNumber(use.pin));
      assert.equal(new Set(numbers).size, numbers.length, 'two watched pins share a number: ' + numbers.join(','));
    });
  });

  [JOLT_BOARD, JOLT_HBRIDGE_BOARD].forEach((board) => {
    it(board.name + ': header pins, analog position on Q0/Q1, at most 8 watched inputs, motor off the Qwiic pins, full edition', () => {
      checkCommon(board, JOLT_TOP2_PINS.concat(JOLT_QWIIC_PINS));
      const uses = pinUses(board);
      assert.ok(uses.filter((use) => use.watched).length <= NRF52_WATCH_CHANNELS, 'more watched inputs than the nRF52 has channels');
      const position = board.incline ? board.incline.position : undefined;
      if (position && position.kind === 'analog') assert.ok(JOLT_ANALOG_PINS.indexOf(position.pin) >= 0, position.pin + ' has no analog input');
      // Espruino's power-up self-test (BTN1 held) drives every Qwiic pin: keep the motor's pins off them.
      uses.filter((use) => /motor|RPWM|LPWM|R_EN/.test(use.role) || use.role === 'direction relay').forEach((use) => {
        assert.ok(JOLT_TOP2_PINS.indexOf(use.pin) >= 0, use.role + ' on ' + use.pin + ', a pin the power-up self-test drives');
      });
      assert.equal(board.edition, 'full');
    });
  });

  [ESP32_BOARD, ESP32_HBRIDGE_BOARD].forEach((board) => {
    it(board.name + ': watchable pins, pull-ups where needed, PWM off the DAC pins, 20 Hz in software', () => {
      checkCommon(board, ESP32_PINS);
      const uses = pinUses(board);
      uses.filter((use) => use.watched).forEach((use) => {
        assert.ok(ESP32_WATCHABLE.indexOf(use.pin) >= 0, use.role + ' on ' + use.pin + ' cannot be watched');
        // Espruino forces the pull-up on for a watched ESP32 pin: only active-low wiring reads right.
        assert.equal(use.input && use.input.activeLow, true, use.role + ' must be active low on ESP32');
      });
      uses.forEach((use) => {
        if (ESP32_INPUT_ONLY.indexOf(use.pin) >= 0) assert.ok(use.input !== undefined || use.role === 'incline position', use.pin + ' is input only');
        if (use.input && ESP32_INPUT_ONLY.indexOf(use.pin) >= 0) assert.equal(use.input.pull, 'none', use.pin + ' has no internal pull resistor');
      });
      uses.filter((use) => use.pwm).forEach((use) => assert.ok(use.pin !== 'D25' && use.pin !== 'D26', 'analogWrite on ' + use.pin + ' is a DAC voltage'));
      if (board.motor.kind === 'mc2100') assert.equal(board.motor.speed.softwarePwm, true);
      const position = board.incline ? board.incline.position : undefined;
      if (position && position.kind === 'analog') assert.ok(ESP32_ADC1_PINS.indexOf(position.pin) >= 0, 'use ADC1 (ADC2 stops working with WiFi)');
    });
  });
});
