// Runs every port contract suite against the Espruino ports on a faked Espruino, plus device-only checks.

import { strict as assert } from 'assert';
import * as sinon from 'sinon';
import type { PulseReading } from '../../hal/pulse-counter';
import { EspruinoAnalogIn } from '../../hal/espruino/espruino-analog-in';
import { EspruinoBeeper } from '../../hal/espruino/espruino-beeper';
import { EspruinoClock } from '../../hal/espruino/espruino-clock';
import { EspruinoDigitalIn } from '../../hal/espruino/espruino-digital-in';
import { EspruinoDigitalOut } from '../../hal/espruino/espruino-digital-out';
import { EspruinoHBridgeMotor } from '../../hal/espruino/espruino-h-bridge-motor';
import { EspruinoLog } from '../../hal/espruino/espruino-log';
import { EspruinoPulseCounter } from '../../hal/espruino/espruino-pulse-counter';
import { EspruinoPwmOut } from '../../hal/espruino/espruino-pwm-out';
import { EspruinoScheduler } from '../../hal/espruino/espruino-scheduler';
import { EspruinoStorage } from '../../hal/espruino/espruino-storage';
import { EspruinoWatchdog } from '../../hal/espruino/espruino-watchdog';
import { loadStorageModule } from '../../hal/espruino/load-storage-module';
import { resolvePin } from '../../hal/espruino/resolve-pin';
import { FakeEspruino, installFakeEspruino } from './fake-espruino';
import { describeBeeperContract } from './suites/beeper-contract';
import { describeClockContract } from './suites/clock-contract';
import { describeDigitalInContract } from './suites/digital-in-contract';
import { describeDigitalOutContract } from './suites/digital-out-contract';
import { describePulseCounterContract } from './suites/pulse-counter-contract';
import { describePwmOutContract } from './suites/pwm-out-contract';
import { describeSchedulerContract } from './suites/scheduler-contract';
import { describeStorageContract } from './suites/storage-contract';
import { describeWatchdogContract } from './suites/watchdog-contract';

function emptyReading(): PulseReading {
  return { count: 0, lastPulseMs: -1, previousPulseMs: -1, rejectedCount: 0, overflowed: false };
}

describe('Espruino ports on a faked Espruino', () => {
  let fake: FakeEspruino;
  // Each fixture takes a fresh pin so that property runs inside one test do not share state.
  let pinIndex = 0;
  const nextPinName = (): string => 'D' + (pinIndex++ % 40);

  beforeEach(() => {
    fake = installFakeEspruino();
    pinIndex = 0;
  });

  afterEach(() => {
    fake.uninstall();
  });

  describe('contract suites', () => {
    describeDigitalOutContract('EspruinoDigitalOut, active high', () => {
      const name = nextPinName();
      return { port: new EspruinoDigitalOut(resolvePin(name), false), observedActive: () => fake.pin(name).level };
    });

    describeDigitalOutContract('EspruinoDigitalOut, active low', () => {
      const name = nextPinName();
      return { port: new EspruinoDigitalOut(resolvePin(name), true), observedActive: () => !fake.pin(name).level };
    });

    // The BTS7960's R_EN/L_EN through the bridge's own enable port, both wirings: an active-low
    // enable read as active high would drive the bridge when the firmware means "disabled".
    [false, true].forEach((activeLow) => {
      describeDigitalOutContract('EspruinoHBridgeMotor enable (two pins), active ' + (activeLow ? 'low' : 'high'), () => {
        const enableNames = [nextPinName(), nextPinName()];
        const bridge = new EspruinoHBridgeMotor({
          forwardPwm: resolvePin(nextPinName()),
          backwardPwm: resolvePin(nextPinName()),
          enable: enableNames.map((name) => resolvePin(name)),
          enableActiveLow: activeLow,
          frequencyHz: 5000,
          softwarePwm: false,
        });
        const pinActive = (name: string) => fake.pin(name).level !== activeLow;
        return {
          port: bridge.enable,
          observedActive: () => {
            assert.equal(pinActive(enableNames[0]), pinActive(enableNames[1]), 'enable pins disagree');
            return pinActive(enableNames[0]);
          },
        };
      });
    });

    describePwmOutContract('EspruinoPwmOut', (frequencyHz) => {
      const pin = fake.pin(nextPinName());
      return {
        port: new EspruinoPwmOut(resolvePin(pin.name), frequencyHz, false),
        observedDuty: () => (pin.pwm ? pin.pwm.duty : pin.level ? 1 : 0),
        observedFrequencyHz: () => (pin.pwm ? pin.pwm.frequencyHz : 0),
      };
    });

    describeDigitalInContract('EspruinoDigitalIn, switch to ground with pull-up', () => {
      const name = nextPinName();
      const port = new EspruinoDigitalIn(resolvePin(name), { activeLow: true, pull: 'up', debounceMs: 10 });
      return {
        port,
        drive: (active) => fake.driveInput(name, !active),
        settle: () => fake.settle(),
        advanceMs: (durationMs) => fake.clock.tick(durationMs),
        nowMs: () => fake.clock.now,
      };
    });

    describeDigitalInContract('EspruinoDigitalIn, active high with pull-down', () => {
      const name = nextPinName();
      const port = new EspruinoDigitalIn(resolvePin(name), { activeLow: false, pull: 'down', debounceMs: 0 });
      return {
        port,
        drive: (active) => fake.driveInput(name, active),
        settle: () => fake.settle(),
        advanceMs: (durationMs) => fake.clock.tick(durationMs),
        nowMs: () => fake.clock.now,
      };
    });

    describePulseCounterContract('EspruinoPulseCounter', (glitchFilterMs) => {
      const name = nextPinName();
      const counter = new EspruinoPulseCounter(resolvePin(name), { activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs });
      return {
        counter,
        pulse: () => {
          fake.driveInput(name, false);
          fake.driveInput(name, true);
        },
        settle: () => fake.settle(),
        advanceMs: (durationMs) => fake.clock.tick(durationMs),
        nowMs: () => fake.clock.now,
        loseEdges: () => fake.raiseErrorFlag('FIFO_FULL'),
      };
    });

    describeClockContract('EspruinoClock', () => ({
      clock: new EspruinoClock(),
      advanceMs: (durationMs) => fake.clock.tick(durationMs),
    }));

    describeSchedulerContract('EspruinoScheduler', () => {
      const errors: unknown[] = [];
      const clock = new EspruinoClock();
      return {
        scheduler: new EspruinoScheduler(clock, (error) => errors.push(error)),
        clock,
        advanceMs: (durationMs) => fake.clock.tick(durationMs),
        callbackErrors: () => errors,
      };
    });

    describeWatchdogContract('EspruinoWatchdog', () => ({
      watchdog: new EspruinoWatchdog(),
      advanceMs: (durationMs) => fake.clock.tick(durationMs),
      expired: () => fake.watchdogExpired(),
    }));

    describeStorageContract('EspruinoStorage', () => {
      fake.files.clear();
      fake.storageFailure = 'none';
      return { storage: new EspruinoStorage(loadStorageModule()), makeWritesFail: () => (fake.storageFailure = 'throw') };
    });

    describeBeeperContract('EspruinoBeeper', () => {
      const pin = fake.pin(nextPinName());
      const beeper = new EspruinoBeeper(resolvePin(pin.name), new EspruinoScheduler(new EspruinoClock(), () => undefined));
      return {
        beeper,
        soundingHz: () => (pin.pwm && pin.pwm.duty > 0 ? pin.pwm.frequencyHz : 0),
        advanceMs: (durationMs) => fake.clock.tick(durationMs),
      };
    });
  });

  describe('resolvePin', () => {
    it('returns the pin object the board has under that name', () => {
      assert.equal(resolvePin('B4'), fake.pinObject('B4'));
    });

    it('throws for a name the board does not have, naming it', () => {
      assert.throws(() => resolvePin('Q9'), /Q9/);
    });
  });

  describe('EspruinoPwmOut on the device', () => {
    it('passes the frequency, and asks for software PWM only when told to', () => {
      new EspruinoPwmOut(fake.pinObject('B4'), 20, false).write(0.5);
      new EspruinoPwmOut(fake.pinObject('D23'), 20, true).write(0.5);
      assert.deepEqual(fake.pin('B4').pwm, { duty: 0.5, frequencyHz: 20, software: false });
      assert.deepEqual(fake.pin('D23').pwm, { duty: 0.5, frequencyHz: 20, software: true });
    });

    it('writes duty 0 as a plain low output (PWM stopped), not as analogWrite(0)', () => {
      const port = new EspruinoPwmOut(fake.pinObject('B4'), 20, false);
      port.write(0.4);
      port.write(0);
      const last = fake.calls[fake.calls.length - 1];
      assert.deepEqual([last.name, last.pin, last.args], ['digitalWrite', 'B4', [false]]);
      assert.equal(fake.pin('B4').pwm, undefined);
      assert.equal(fake.pin('B4').level, false);
    });
  });

  describe('EspruinoDigitalIn on the device', () => {
    it('sets the pull mode and watches both edges, repeating, with the profile debounce', () => {
      const port = new EspruinoDigitalIn(fake.pinObject('B10'), { activeLow: true, pull: 'up', debounceMs: 10 });
      assert.equal(fake.pin('B10').mode, 'input_pullup');
      port.watch(() => undefined);
      assert.deepEqual(fake.watchesOn('B10')[0].options, { repeat: true, edge: 'both', debounce: 10 });
    });

    it('maps an open switch with pull-up to inactive (safety key removed)', () => {
      const key = new EspruinoDigitalIn(fake.pinObject('B10'), { activeLow: true, pull: 'up', debounceMs: 10 });
      assert.equal(key.read(), false, 'nothing pulls the pin low: key absent');
      fake.driveInput('B10', false);
      assert.equal(key.read(), true);
    });

    it('throws when the pin cannot be watched, instead of reporting nothing', () => {
      fake.pin('A1').watchable = false;
      const port = new EspruinoDigitalIn(fake.pinObject('A1'), { activeLow: true, pull: 'up', debounceMs: 25 });
      assert.throws(() => port.watch(() => undefined), /A1/);
    });
  });

  describe('EspruinoPulseCounter on the device', () => {
    it('watches the edge where the input becomes active, with the profile debounce', () => {
      new EspruinoPulseCounter(fake.pinObject('A0'), { activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 });
      new EspruinoPulseCounter(fake.pinObject('B14'), { activeLow: false, pull: 'down', debounceMs: 0, glitchFilterMs: 2 });
      assert.deepEqual(fake.watchesOn('A0')[0].options, { repeat: true, edge: 'falling', debounce: 1 });
      assert.deepEqual(fake.watchesOn('B14')[0].options, { repeat: true, edge: 'rising', debounce: 0 });
      assert.equal(fake.pin('A0').mode, 'input_pullup');
    });

    it('timestamps a pulse with the edge time, not the time its callback ran', () => {
      const counter = new EspruinoPulseCounter(fake.pinObject('A0'), { activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 });
      fake.clock.tick(1000);
      fake.driveInput('A0', false);
      // The event loop was busy for 30 ms before the watch callback ran.
      fake.clock.tick(30);
      const reading = emptyReading();
      counter.read(reading);
      assert.equal(reading.count, 1);
      assert.equal(reading.lastPulseMs, 1000);
    });

    it('sets overflowed when Espruino reports FIFO_FULL, and ignores other error flags', () => {
      const counter = new EspruinoPulseCounter(fake.pinObject('A0'), { activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 });
      const reading = emptyReading();
      fake.raiseErrorFlag('LOW_MEMORY');
      fake.settle();
      counter.read(reading);
      assert.equal(reading.overflowed, false);
      fake.raiseErrorFlag('FIFO_FULL');
      fake.settle();
      counter.read(reading);
      assert.equal(reading.overflowed, true);
    });

    it('throws when the pin cannot be watched', () => {
      fake.pin('A0').watchable = false;
      assert.throws(() => new EspruinoPulseCounter(fake.pinObject('A0'), { activeLow: true, pull: 'up', debounceMs: 1, glitchFilterMs: 2 }), /A0/);
    });
  });

  describe('EspruinoScheduler on the device', () => {
    it('hands a callback exception to onError and keeps the interval running', () => {
      const errors: unknown[] = [];
      const scheduler = new EspruinoScheduler(new EspruinoClock(), (error) => errors.push(error));
      let calls = 0;
      scheduler.every(20, () => {
        calls++;
        if (calls === 2) throw new Error('second tick fails');
      });
      fake.clock.tick(100);
      assert.equal(calls, 5);
      assert.equal(errors.length, 1);
      assert.match(String(errors[0]), /second tick fails/);
    });
  });

  describe('EspruinoWatchdog on the device', () => {
    it('arms the hardware watchdog in manual mode with the timeout in seconds', () => {
      const watchdog = new EspruinoWatchdog();
      watchdog.enable(1500);
      watchdog.kick();
      watchdog.kick();
      assert.equal(fake.watchdogTimeoutS, 1.5);
      assert.equal(fake.watchdogAutomatic, false);
      assert.equal(fake.watchdogKicks, 2);
    });
  });

  describe('EspruinoStorage on the device', () => {
    it('refuses a name over 28 characters without calling the module', () => {
      const storage = new EspruinoStorage(loadStorageModule());
      assert.equal(storage.write('x'.repeat(29), 'text'), false);
      assert.equal(
        fake.calls.some((call) => call.name === 'Storage.write'),
        false,
      );
    });

    it('turns a module that returns false into false', () => {
      const storage = new EspruinoStorage(loadStorageModule());
      fake.storageFailure = 'returnFalse';
      assert.equal(storage.write('settings', 'text'), false);
    });
  });

  describe('EspruinoLog on the device', () => {
    it('prints one console line per message with its level, and never throws', () => {
      const lines: string[] = [];
      const consoleLog = sinon.stub(console, 'log').callsFake((line: string) => {
        lines.push(line);
      });
      try {
        const log = new EspruinoLog();
        log.info('boot');
        log.warn('key removed');
        log.error('encoder lost');
        consoleLog.throws(new Error('console gone'));
        log.error('still fine');
      } finally {
        consoleLog.restore();
      }
      assert.deepEqual(lines, ['info: boot', 'warn: key removed', 'error: encoder lost']);
    });
  });

  describe('EspruinoAnalogIn on the device', () => {
    it('reads the pin as a fraction of the supply', () => {
      fake.pin('D31').analogValue = 0.42;
      const input = new EspruinoAnalogIn(fake.pinObject('D31'));
      assert.equal(input.read(), 0.42);
      assert.equal(fake.pin('D31').mode, 'analog');
    });
  });

  describe('EspruinoHBridgeMotor', () => {
    function makeBridge(): EspruinoHBridgeMotor {
      return new EspruinoHBridgeMotor({
        forwardPwm: fake.pinObject('B4'),
        backwardPwm: fake.pinObject('B3'),
        enable: [fake.pinObject('B5'), fake.pinObject('B9')],
        enableActiveLow: false,
        frequencyHz: 5000,
        softwarePwm: false,
      });
    }

    function drive(name: string): number {
      const pin = fake.pin(name);
      return pin.pwm ? pin.pwm.duty : pin.level ? 1 : 0;
    }

    it('starts forward, duty 0, nothing waiting to apply', () => {
      const bridge = makeBridge();
      assert.equal(bridge.direction.read(), false);
      assert.equal(bridge.isBackwardApplied(), false);
      assert.equal(bridge.enable.read(), false);
    });

    it('holds both PWM inputs low from the start', () => {
      fake.pin('B4').level = true;
      fake.pin('B3').level = true;
      const bridge = makeBridge();
      assert.equal(drive('B4'), 0);
      assert.equal(drive('B3'), 0);
      assert.equal(bridge.speed.read(), 0);
      assert.equal(bridge.speed.frequencyHz, 5000);
    });

    it('routes the duty to RPWM when forward and to LPWM when backward, the other side low', () => {
      const bridge = makeBridge();
      bridge.speed.write(0.3);
      assert.deepEqual([drive('B4'), drive('B3')], [0.3, 0]);
      assert.equal(fake.pin('B4').pwm?.frequencyHz, 5000);
      bridge.speed.write(0);
      bridge.direction.write(true);
      bridge.speed.write(0.2);
      assert.deepEqual([drive('B4'), drive('B3')], [0, 0.2]);
      assert.equal(bridge.isBackwardApplied(), true);
    });

    it('defers a direction change made while driving until the duty is 0', () => {
      const bridge = makeBridge();
      bridge.speed.write(0.4);
      bridge.direction.write(true);
      assert.equal(bridge.direction.read(), true, 'read reports what was written');
      assert.equal(bridge.isBackwardApplied(), false);
      bridge.speed.write(0.5);
      assert.deepEqual([drive('B4'), drive('B3')], [0.5, 0], 'still forward while driving');
      bridge.speed.write(0);
      assert.deepEqual([drive('B4'), drive('B3')], [0, 0]);
      assert.equal(bridge.isBackwardApplied(), true);
      bridge.speed.write(0.1);
      assert.deepEqual([drive('B4'), drive('B3')], [0, 0.1]);
    });

    it('never drives both PWM inputs at once, whatever the sequence', () => {
      const bridge = makeBridge();
      const steps: [string, number | boolean][] = [
        ['speed', 0.5],
        ['direction', true],
        ['speed', 0.7],
        ['direction', false],
        ['speed', 0],
        ['direction', true],
        ['speed', 0.9],
        ['speed', 0],
        ['direction', false],
        ['speed', 0.1],
      ];
      steps.forEach((step) => {
        if (step[0] === 'speed') bridge.speed.write(step[1] as number);
        else bridge.direction.write(step[1] as boolean);
        assert.ok(drive('B4') === 0 || drive('B3') === 0, 'both sides driven after ' + step.join(' '));
      });
    });

    [false, true].forEach((softwarePwm) => {
      it('drives either side at the bridge\'s frequency, as ' + (softwarePwm ? 'software' : 'hardware') + ' PWM when told to', () => {
        const bridge = new EspruinoHBridgeMotor({ forwardPwm: fake.pinObject('B4'), backwardPwm: fake.pinObject('B3'), enable: [fake.pinObject('B5')], enableActiveLow: false, frequencyHz: 1000, softwarePwm });
        bridge.speed.write(0.25);
        assert.deepEqual(fake.pin('B4').pwm, { duty: 0.25, frequencyHz: 1000, software: softwarePwm });
        assert.equal(bridge.speed.read(), 0.25);
        bridge.speed.write(0);
        bridge.direction.write(true);
        bridge.speed.write(0.35);
        assert.deepEqual(fake.pin('B3').pwm, { duty: 0.35, frequencyHz: 1000, software: softwarePwm });
        assert.equal(bridge.speed.frequencyHz, 1000);
      });
    });

    it('a duty that is not above 0 (negative, NaN) stops both sides and lets a waiting direction apply', () => {
      [-0.2, NaN].forEach((duty) => {
        const bridge = makeBridge();
        bridge.speed.write(0.4);
        bridge.direction.write(true);
        bridge.speed.write(duty);
        assert.deepEqual([drive('B4'), drive('B3')], [0, 0], 'duty ' + duty);
        assert.equal(bridge.isBackwardApplied(), true, 'duty ' + duty);
      });
    });

    it('drives every enable pin together', () => {
      const bridge = makeBridge();
      bridge.enable.write(true);
      assert.deepEqual([fake.pin('B5').level, fake.pin('B9').level, bridge.enable.read()], [true, true, true]);
      bridge.enable.write(false);
      assert.deepEqual([fake.pin('B5').level, fake.pin('B9').level, bridge.enable.read()], [false, false, false]);
    });
  });
});
