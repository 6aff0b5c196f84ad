// The hardware watchdog that resets the board when the control loop stops being healthy.

/**
 * A hardware watchdog in manual mode: only an explicit `kick` keeps the board alive.
 *
 * Contract: `enable` once at boot; `kick` from the control tick only after a complete, healthy
 * step. A board reset it causes lands in the firmware's safe idle state like any power-up.
 */
export interface Watchdog {
  /** Arm the watchdog; a reset follows `timeoutMs` after the last kick. Cannot be disarmed. */
  enable(timeoutMs: number): void;
  /** Prove the control loop is alive. */
  kick(): void;
}
