// The HAL contract in one import: interfaces and types only, no runtime code.

export type { AnalogIn } from './analog-in';
export type { Beeper } from './beeper';
export type { Clock } from './clock';
export type { DigitalIn, EdgeEvent, WatchHandle } from './digital-in';
export type { DigitalOut } from './digital-out';
export type { FtmsCharacteristic, FtmsLink } from './ftms-link';
export type { Log } from './log';
export type { MemoryReport } from './memory-report';
export type { PulseCounter, PulseCounterOptions, PulseReading } from './pulse-counter';
export type { PwmOut } from './pwm-out';
export type { Scheduler, TimerHandle } from './scheduler';
export type { Storage } from './storage';
export type { TextDisplay } from './text-display';
export type {
  ConsoleButtons,
  InclinePorts,
  InclinePosition,
  MotorPorts,
  TreadmillHal,
} from './treadmill-hal';
export type { Watchdog } from './watchdog';
