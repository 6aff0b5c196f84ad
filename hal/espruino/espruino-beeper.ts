// Beeper on an Espruino PWM pin driving a passive piezo (through a transistor).

import type { Beeper } from '../beeper';
import type { Scheduler, TimerHandle } from '../scheduler';

/**
 * A square wave at the tone's frequency (duty 0.5) that the port stops by itself after the
 * duration, through the HAL scheduler. Silence is the pin driven low.
 *
 * The pin needs PWM hardware of its own: on STM32 every pin of a timer shares its frequency, so
 * the beeper must not share a timer with the motor's 20 Hz PWM (the board files choose pins
 * accordingly).
 */
export class EspruinoBeeper implements Beeper {
  private readonly pin: EspruinoPin;
  private readonly scheduler: Scheduler;
  private readonly options: EspruinoAnalogWriteOptions = { freq: 1000 };
  private readonly onToneEnd: () => void;
  private stopTimer: TimerHandle | undefined = undefined;

  constructor(pin: EspruinoPin, scheduler: Scheduler) {
    this.pin = pin;
    this.scheduler = scheduler;
    this.onToneEnd = () => {
      this.stopTimer = undefined;
      digitalWrite(this.pin, false);
    };
  }

  beep(frequencyHz: number, durationMs: number): void {
    this.cancelStop();
    if (!(frequencyHz > 0) || !(durationMs > 0)) {
      digitalWrite(this.pin, false);
      return;
    }
    this.options.freq = frequencyHz;
    analogWrite(this.pin, 0.5, this.options);
    this.stopTimer = this.scheduler.after(durationMs, this.onToneEnd);
  }

  silence(): void {
    this.cancelStop();
    digitalWrite(this.pin, false);
  }

  private cancelStop(): void {
    if (this.stopTimer) {
      this.stopTimer.cancel();
      this.stopTimer = undefined;
    }
  }
}
