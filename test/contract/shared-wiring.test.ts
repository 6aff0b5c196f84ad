// The wiring every board file shares: console buttons to ground, the MC-2100's three pins, a BTS7960 on the same three, as docs/wiring.md describes them.

import { strict as assert } from 'assert';
import { bts7960Drive, groundedButton, mc2100Drive } from '../../hal/espruino/boards/shared-wiring';

describe('shared board wiring', () => {
  it('a console button is a switch to ground: active low, internal pull-up (a broken wire reads "not pressed"), 25 ms debounce', () => {
    assert.deepEqual(groundedButton('A3'), { pin: 'A3', activeLow: true, pull: 'up', debounceMs: 25 });
  });

  [false, true].forEach((softwarePwm) => {
    it('an MC-2100: 20 Hz PWM on the speed pin (' + (softwarePwm ? 'software' : 'hardware') + '), enable and reversing relay active high', () => {
      assert.deepEqual(mc2100Drive('B4', 'B5', 'B3', softwarePwm), {
        kind: 'mc2100',
        speed: { pin: 'B4', frequencyHz: 20, softwarePwm },
        enable: { pin: 'B5', activeLow: false },
        direction: { pin: 'B3', activeLow: false },
      });
    });
  });

  it('a BTS7960 on the same three pins: RPWM on the speed pin, R_EN + L_EN on the enable pin (active high), LPWM on the relay pin, 5 kHz hardware PWM', () => {
    assert.deepEqual(bts7960Drive('B4', 'B5', 'B3'), {
      kind: 'hbridge',
      forwardPwmPin: 'B4',
      backwardPwmPin: 'B3',
      enablePins: ['B5'],
      enableActiveLow: false,
      pwmFrequencyHz: 5000,
      softwarePwm: false,
    });
  });
});
