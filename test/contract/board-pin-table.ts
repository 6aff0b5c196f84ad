// Renders a board file as the Markdown pin table that docs/wiring.md must contain verbatim.

import type { BoardProfile, InputPinProfile, OutputPinProfile, PulseInputProfile } from '../../hal/espruino/board-profile';

const BUTTON_LABELS: { [name: string]: string } = {
  start: 'Button: start',
  stop: 'Button: stop',
  speedUp: 'Button: speed up',
  speedDown: 'Button: speed down',
  direction: 'Button: direction',
  slowDown: 'Button: slow down',
  inclineUp: 'Button: incline up',
  inclineDown: 'Button: incline down',
  program: 'Button: program',
  quick1: 'Button: quick speed 1',
  quick2: 'Button: quick speed 2',
  quick3: 'Button: quick speed 3',
};

function pullText(input: InputPinProfile): string {
  if (input.pull === 'up') return 'internal pull-up';
  if (input.pull === 'down') return 'internal pull-down';
  return 'external pull resistor';
}

function inputText(input: InputPinProfile): string {
  const debounce = input.debounceMs > 0 ? ', debounce ' + input.debounceMs + ' ms' : '';
  return 'input, active ' + (input.activeLow ? 'low' : 'high') + ', ' + pullText(input) + debounce;
}

function pulseText(input: PulseInputProfile): string {
  return 'pulse ' + inputText(input) + ', glitch filter ' + input.glitchFilterMs + ' ms';
}

function outputText(output: OutputPinProfile): string {
  return 'output, active ' + (output.activeLow ? 'low' : 'high');
}

function pwmText(frequencyHz: number, softwarePwm: boolean): string {
  return 'PWM ' + frequencyHz + ' Hz' + (softwarePwm ? ' (software)' : '') + ', active high';
}

/** The board's pin table: one row per function, in a fixed order. */
export function pinTableMarkdown(board: BoardProfile): string {
  const rows: string[][] = [];
  const motor = board.motor;
  if (motor.kind === 'mc2100') {
    rows.push(['Motor speed (MC-2100 PWM input)', motor.speed.pin, pwmText(motor.speed.frequencyHz, motor.speed.softwarePwm)]);
    rows.push(['Motor enable (PWM gate)', motor.enable.pin, outputText(motor.enable)]);
    rows.push(['Direction relay (active = backward)', motor.direction.pin, outputText(motor.direction)]);
  } else {
    rows.push(['BTS7960 RPWM (forward)', motor.forwardPwmPin, pwmText(motor.pwmFrequencyHz, motor.softwarePwm)]);
    rows.push(['BTS7960 LPWM (backward)', motor.backwardPwmPin, pwmText(motor.pwmFrequencyHz, motor.softwarePwm)]);
    rows.push(['BTS7960 R_EN + L_EN', motor.enablePins.join(', '), outputText({ pin: '', activeLow: motor.enableActiveLow })]);
  }
  rows.push(['Safety key (active = present)', board.safetyKey.pin, inputText(board.safetyKey)]);
  rows.push(['Belt encoder', board.beltEncoder.pin, pulseText(board.beltEncoder)]);
  if (board.beltDirectionSensor) rows.push(['Belt direction sensor (polled)', board.beltDirectionSensor.pin, inputText(board.beltDirectionSensor)]);
  if (board.incline) {
    rows.push(['Incline up', board.incline.up.pin, outputText(board.incline.up)]);
    rows.push(['Incline down', board.incline.down.pin, outputText(board.incline.down)]);
    const position = board.incline.position;
    if (position.kind === 'pulses') rows.push(['Incline position (pulses)', position.input.pin, pulseText(position.input)]);
    else rows.push(['Incline position (potentiometer)', position.pin, 'analog input, 0-3.3 V']);
    if (board.incline.lowerLimit) rows.push(['Incline lower limit', board.incline.lowerLimit.pin, inputText(board.incline.lowerLimit)]);
  }
  Object.keys(BUTTON_LABELS).forEach((name) => {
    const button = (board.buttons as { [name: string]: InputPinProfile | undefined })[name];
    if (button) rows.push([BUTTON_LABELS[name], button.pin, inputText(button)]);
  });
  if (board.beeper) rows.push(['Beeper (passive piezo)', board.beeper.pin, 'PWM tone, active high']);
  if (board.displayI2c) {
    const bus = board.displayI2c.bus === '' ? 'software I2C' : board.displayI2c.bus;
    rows.push(['Display I2C SCL (optional)', board.displayI2c.scl, bus + ' clock, pull-up to 3.3 V']);
    rows.push(['Display I2C SDA (optional)', board.displayI2c.sda, bus + ' data, pull-up to 3.3 V']);
  }
  const lines = ['| Function | Pin | Wiring |', '|---|---|---|'];
  rows.forEach((row) => lines.push('| ' + row.join(' | ') + ' |'));
  return lines.join('\n');
}
