// Simulated FtmsLink: a GATT server the tests' clients connect to, write to and read from; records every value the firmware serves.

import type { Clock } from '../../hal/clock';
import type { FtmsCharacteristic, FtmsLink } from '../../hal/ftms-link';
import type { Scheduler } from '../../hal/scheduler';

/** What moved over the link: a value set or sent by the firmware, or a control point write by a client. */
export type SimFtmsEventKind = 'set' | 'send' | 'write';

/** One recorded event, with a copy of its bytes (the firmware reuses its buffers). */
export interface SimFtmsEvent {
  atMs: number;
  kind: SimFtmsEventKind;
  characteristic: FtmsCharacteristic;
  /** The client that wrote, or -1 for what the firmware set or sent. */
  clientId: number;
  bytes: Uint8Array;
}

/**
 * The link as a client sees it. Client actions (`connect`, `disconnect`, `write`) are queued on
 * the scheduler and reach the firmware in a later event, never from inside the call (as on a
 * board, where the radio stack acknowledges a write before JavaScript sees it). Notifications go
 * to every connected client: the tests' clients subscribe to everything.
 */
export class SimFtmsLink implements FtmsLink {
  /** Every value set or sent and every write, in order. */
  readonly events: SimFtmsEvent[] = [];
  private readonly scheduler: Scheduler;
  private readonly clock: Clock;
  private readonly values: { [characteristic: string]: Uint8Array } = {};
  private readonly connected: number[] = [];
  private writeHandler: ((bytes: Uint8Array, clientId: number) => void) | null = null;
  private connectionHandler: ((connected: boolean, clientId: number) => void) | null = null;

  constructor(scheduler: Scheduler, clock: Clock) {
    this.scheduler = scheduler;
    this.clock = clock;
  }

  setValue(characteristic: FtmsCharacteristic, bytes: Uint8Array): void {
    this.keep('set', characteristic, -1, bytes);
  }

  send(characteristic: FtmsCharacteristic, bytes: Uint8Array): void {
    // A notified value is also the characteristic's value (what a read returns), as on a GATT server.
    this.keep('send', characteristic, -1, bytes);
  }

  onControlPointWrite(handler: (bytes: Uint8Array, clientId: number) => void): void {
    this.writeHandler = handler;
  }

  onConnectionChange(handler: (connected: boolean, clientId: number) => void): void {
    this.connectionHandler = handler;
  }

  /** A client connects (reported to the firmware in a later event). */
  connect(clientId: number): void {
    if (this.connected.indexOf(clientId) < 0) this.connected.push(clientId);
    this.scheduler.after(0, () => {
      if (this.connectionHandler !== null) this.connectionHandler(true, clientId);
    });
  }

  /** A client goes away (out of range, app closed): reported in a later event. */
  disconnect(clientId: number): void {
    const index = this.connected.indexOf(clientId);
    if (index < 0) return;
    this.connected.splice(index, 1);
    this.scheduler.after(0, () => {
      if (this.connectionHandler !== null) this.connectionHandler(false, clientId);
    });
  }

  /** A connected client writes the control point (delivered in a later event, with a copy of `bytes`). */
  write(clientId: number, bytes: Uint8Array): void {
    if (this.connected.indexOf(clientId) < 0) throw new Error('SimFtmsLink: client ' + clientId + ' is not connected');
    const copy = this.keep('write', 'controlPoint', clientId, bytes);
    this.scheduler.after(0, () => {
      if (this.writeHandler !== null) this.writeHandler(copy, clientId);
    });
  }

  /** What a client reads from `characteristic` now (the last value set or sent), or null. */
  read(characteristic: FtmsCharacteristic): Uint8Array | null {
    const value = this.values[characteristic];
    return value === undefined ? null : value;
  }

  /** The values the firmware sent (notified or indicated) on `characteristic`, in order. */
  sent(characteristic: FtmsCharacteristic): Uint8Array[] {
    return this.events.filter((event) => event.kind === 'send' && event.characteristic === characteristic).map((event) => event.bytes);
  }

  private keep(kind: SimFtmsEventKind, characteristic: FtmsCharacteristic, clientId: number, bytes: Uint8Array): Uint8Array {
    const copy = new Uint8Array(bytes);
    if (kind !== 'write') this.values[characteristic] = copy;
    this.events.push({ atMs: this.clock.nowMs(), kind: kind, characteristic: characteristic, clientId: clientId, bytes: copy });
    return copy;
  }
}
