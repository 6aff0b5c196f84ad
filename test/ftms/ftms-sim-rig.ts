// The full firmware on the simulated treadmill with a SimFtmsLink, and a scripted FTMS client that writes by hex and decodes what it receives.

import type { FtmsCharacteristic } from '../../hal/ftms-link';
import { SimFtmsLink } from '../../sim/ports/sim-ftms-link';
import { makeFaultRig, variant, type FaultRig } from '../faults/fault-rig';
import { bytesFromHex, hexFromBytes } from '../../sim/ftms/hex-bytes';
import { decodeMachineStatus, decodeTreadmillData, decodeTrainingStatus, type Decoded } from './ftms-client';

export interface FtmsRig extends FaultRig {
  link: SimFtmsLink;
}

/** The full edition booted on a simulated treadmill (incline fitted, key in, nobody on) with an FTMS link. */
export function makeFtmsRig(): FtmsRig {
  let link: SimFtmsLink | null = null;
  const rig = makeFaultRig(variant({}), {}, (hal) => {
    const made = new SimFtmsLink(hal.scheduler, hal.clock);
    hal.ftms = made;
    link = made;
  });
  if (link === null) throw new Error('no link made');
  return Object.assign(rig, { link: link as SimFtmsLink });
}

/** A client of `rig`'s link: connects, writes and reads as an app would, each action delivered by the scheduler. */
export class FtmsClient {
  /** Index in the link's events up to which this client has looked (see `since`). */
  private mark = 0;
  constructor(readonly rig: FtmsRig, readonly clientId = 1) {}

  connect(): void {
    this.rig.link.connect(this.clientId);
    this.rig.scheduler.advance(0);
  }

  disconnect(): void {
    this.rig.link.disconnect(this.clientId);
    this.rig.scheduler.advance(0);
  }

  /** Write `hex` to the control point and return the indication it got back (hex), or '' for none. */
  write(hex: string): string {
    const before = this.rig.link.events.length;
    this.rig.link.write(this.clientId, bytesFromHex(hex));
    this.rig.scheduler.advance(0);
    const responses = this.rig.link.events.slice(before).filter((event) => event.kind === 'send' && event.characteristic === 'controlPoint');
    if (responses.length > 1) throw new Error('more than one indication for one write');
    return responses.length === 0 ? '' : hexFromBytes(responses[0].bytes);
  }

  /** Write and insist on `expected` as the answer. */
  expect(hex: string, expected: string): void {
    const response = this.write(hex);
    if (response !== expected) throw new Error('write ' + hex + ' answered ' + (response || 'nothing') + ', expected ' + expected);
  }

  /** The value a read of `characteristic` returns now, hex. */
  read(characteristic: FtmsCharacteristic): string {
    this.rig.scheduler.advance(0);
    const value = this.rig.link.read(characteristic);
    return value === null ? '' : hexFromBytes(value);
  }

  /** Values sent on `characteristic` since the last call of `since` (any characteristic), hex. */
  since(characteristic: FtmsCharacteristic): string[] {
    // Statuses go out in the event after the change that caused them.
    this.rig.scheduler.advance(0);
    const events = this.rig.link.events;
    const found = events.slice(this.mark).filter((event) => event.kind === 'send' && event.characteristic === characteristic).map((event) => hexFromBytes(event.bytes));
    this.mark = events.length;
    return found;
  }

  /** Forget what was sent so far (the next `since` sees only later values). */
  skip(): void {
    this.mark = this.rig.link.events.length;
  }
}

/** The statuses in `hex` decoded. */
export function machineStatuses(hex: string[]): Decoded[] {
  return hex.map((value) => decodeMachineStatus(bytesFromHex(value)));
}

/** The latest complete Treadmill Data record (its parts merged), decoded. */
export function latestTreadmillData(rig: FtmsRig): Decoded {
  const parts = rig.link.sent('treadmillData');
  if (parts.length === 0) throw new Error('no treadmill data sent');
  let end = parts.length - 1;
  while (end >= 0 && decodeTreadmillData(parts[end]).moreData === true) end--;
  let start = end;
  while (start > 0 && decodeTreadmillData(parts[start - 1]).moreData === true) start--;
  const record: Decoded = {};
  for (let index = start; index <= end; index++) Object.assign(record, decodeTreadmillData(parts[index]));
  return record;
}

export function trainingStatus(client: FtmsClient): Decoded {
  return decodeTrainingStatus(bytesFromHex(client.read('trainingStatus')));
}
