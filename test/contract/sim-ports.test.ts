// Runs every port contract suite against the simulator's ports on the deterministic SimScheduler.

import { SimScheduler } from '../../sim/sim-scheduler';
import { SimBeeper } from '../../sim/ports/sim-beeper';
import { SimDigitalIn } from '../../sim/ports/sim-digital-in';
import { SimDigitalOut } from '../../sim/ports/sim-digital-out';
import { SimPulseCounter } from '../../sim/ports/sim-pulse-counter';
import { SimPwmOut } from '../../sim/ports/sim-pwm-out';
import { SimStorage } from '../../sim/ports/sim-storage';
import { SimWatchdog } from '../../sim/ports/sim-watchdog';
import { describeBeeperContract } from './suites/beeper-contract';
import { describeClockContract } from './suites/clock-contract';
import { describeDigitalInContract } from './suites/digital-in-contract';
import { describeDigitalOutContract } from './suites/digital-out-contract';
import { describePulseCounterContract } from './suites/pulse-counter-contract';
import { describePwmOutContract } from './suites/pwm-out-contract';
import { describeSchedulerContract } from './suites/scheduler-contract';
import { describeStorageContract } from './suites/storage-contract';
import { describeWatchdogContract } from './suites/watchdog-contract';

describe('simulator ports', () => {
  // The simulator's outputs are what its models read, so the observation is the port's own level.
  describeDigitalOutContract('SimDigitalOut', () => {
    const port = new SimDigitalOut();
    return { port, observedActive: () => port.read() };
  });

  describePwmOutContract('SimPwmOut', (frequencyHz) => {
    const port = new SimPwmOut(frequencyHz);
    return { port, observedDuty: () => port.read(), observedFrequencyHz: () => port.frequencyHz };
  });

  // With an output delay (a board writing its outputs a tick time after its tick began), what the
  // models see follows the same contract once that time has passed; read() never waits.
  const DELAY_MS = 25;
  describeDigitalOutContract('SimDigitalOut with a ' + DELAY_MS + ' ms output delay, observed once it has passed', () => {
    const scheduler = new SimScheduler();
    const port = new SimDigitalOut({ scheduler, delayMs: DELAY_MS });
    return {
      port,
      observedActive: () => {
        scheduler.advance(DELAY_MS);
        return port.line.applied();
      },
    };
  });

  describePwmOutContract('SimPwmOut with a ' + DELAY_MS + ' ms output delay, observed once it has passed', (frequencyHz) => {
    const scheduler = new SimScheduler();
    const port = new SimPwmOut(frequencyHz, { scheduler, delayMs: DELAY_MS });
    return {
      port,
      observedDuty: () => {
        scheduler.advance(DELAY_MS);
        return port.line.applied();
      },
      observedFrequencyHz: () => port.frequencyHz,
    };
  });

  describeDigitalInContract('SimDigitalIn', () => {
    const scheduler = new SimScheduler();
    const port = new SimDigitalIn(scheduler, false);
    return {
      port,
      drive: (active) => port.queueEdge(active, scheduler.nowMs()),
      settle: () => scheduler.advance(0),
      advanceMs: (durationMs) => scheduler.advance(durationMs),
      nowMs: () => scheduler.nowMs(),
    };
  });

  describePulseCounterContract('SimPulseCounter', (glitchFilterMs) => {
    const scheduler = new SimScheduler();
    const counter = new SimPulseCounter({ glitchFilterMs }, scheduler);
    return {
      counter,
      pulse: () => counter.pulse(scheduler.nowMs()),
      settle: () => scheduler.advance(0),
      advanceMs: (durationMs) => scheduler.advance(durationMs),
      nowMs: () => scheduler.nowMs(),
      loseEdges: () => counter.markOverflow(),
    };
  });

  describeClockContract('SimScheduler (clock)', () => {
    const scheduler = new SimScheduler();
    return { clock: scheduler, advanceMs: (durationMs) => scheduler.advance(durationMs) };
  });

  describeSchedulerContract('SimScheduler', () => {
    const scheduler = new SimScheduler();
    return {
      scheduler,
      clock: scheduler,
      advanceMs: (durationMs) => scheduler.advance(durationMs),
      callbackErrors: () => scheduler.errors,
    };
  });

  describeWatchdogContract('SimWatchdog', () => {
    const scheduler = new SimScheduler();
    const watchdog = new SimWatchdog(scheduler);
    return {
      watchdog,
      advanceMs: (durationMs) => scheduler.advance(durationMs),
      expired: () => watchdog.expiredCount > 0,
    };
  });

  describeStorageContract('SimStorage', () => {
    const storage = new SimStorage();
    return {
      storage,
      makeWritesFail: () => {
        storage.failWrites = true;
      },
    };
  });

  describeBeeperContract('SimBeeper', () => {
    const scheduler = new SimScheduler();
    const beeper = new SimBeeper(scheduler);
    return {
      beeper,
      soundingHz: () => (beeper.isSounding() ? beeper.tones[beeper.tones.length - 1].frequencyHz : 0),
      advanceMs: (durationMs) => scheduler.advance(durationMs),
    };
  });
});
