// What the safety state machine sees at one event: a reusable record filled by the control loop.

import type { CommandName, CommandSource, Direction } from '../command';
import type { FaultCode } from '../fault-code';
import type { SafetyState } from './safety-state';

/** The latched part of the safety machine: changed only by applying a transition row. */
export interface SafetyContext {
  state: SafetyState;
  /** HAL clock time the state was entered, ms. */
  stateSinceMs: number;
  direction: Direction;
  pendingDirection: Direction | null;
  fault: FaultCode | null;
  /** The reason of the last transition row applied. */
  reason: string;
}

/** One event's inputs. `command` is null for ticks and key edges. */
export interface SafetyInputs {
  nowMs: number;
  keyPresent: boolean;
  /** How long the belt has measured standstill, ms; 0 while it moves. */
  standstillMs: number;
  /** Belt speed from the encoder, km/h, positive. */
  measuredSpeedKph: number;
  /** The ramped setpoint the controller follows, km/h. */
  setpointKph: number;
  /** A fault the monitors detected in this event, or null. */
  detectedFault: FaultCode | null;
  command: CommandName | null;
  source: CommandSource;
  /**
   * For a remote start: a local arming is in force (firmware/ftms/control-session.ts defines it).
   * Set only for the one command it was checked for, false at every other event.
   */
  remoteArmed: boolean;
  /** For setDirection: the direction asked for. */
  requestedDirection: Direction | null;
  /** Configured countdown length and direction dwell, ms. */
  countdownMs: number;
  directionDwellMs: number;
}

export function makeSafetyContext(nowMs: number): SafetyContext {
  return { state: 'idle', stateSinceMs: nowMs, direction: 'forward', pendingDirection: null, fault: null, reason: 'power-up: safe idle' };
}

export function makeSafetyInputs(): SafetyInputs {
  return {
    nowMs: 0,
    keyPresent: false,
    standstillMs: 0,
    measuredSpeedKph: 0,
    setpointKph: 0,
    detectedFault: null,
    command: null,
    source: 'local',
    remoteArmed: false,
    requestedDirection: null,
    countdownMs: 3000,
    directionDwellMs: 2000,
  };
}
