// Wires the FTMS codec and control point session to the treadmill and to an FtmsLink: values at boot, data once a second, status on every change, writes as remote commands.

import type { FtmsLink } from '../../hal/ftms-link';
import type { Clock } from '../../hal/clock';
import type { Log } from '../../hal/log';
import type { Scheduler, TimerHandle } from '../../hal/scheduler';
import type { Command, CommandName, CommandResult, Direction } from '../command';
import type { TreadmillConfig } from '../config';
import type { Treadmill } from '../treadmill';
import type { TreadmillObserver } from '../treadmill-observer';
import type { TreadmillStatus } from '../treadmill-status';
import { finishControlPointWrite, handleControlPointWrite, makeControlSession, observeTreadmill, onClientDisconnected, onLocalCommand, type ControlSession } from './control-session';
import { encodeFeature, FEATURE_BYTES } from './ftms-feature';
import { effectiveDirection, ftmsLimitsFromConfig, type FtmsLimits } from './ftms-limits';
import { MACHINE_STATUS_MAX_BYTES, nextMachineStatus } from './machine-status';
import { encodeCurrentInclineRange, encodeCurrentSpeedRange, RANGE_BYTES } from './ranges';
import { encodeTrainingStatus, TRAINING_STATUS_MAX_BYTES, trainingStatusCode } from './training-status';
import { encodeTreadmillData, makeTreadmillDataValues, MAX_PARTS, MIN_NOTIFICATION_BYTES, planTreadmillData, recordFieldFlags, REMAINING_TIME_PRESENT, type TreadmillDataValues } from './treadmill-data';
import { fillTreadmillDataValues, makeElevationSplit, type ElevationSplit } from './treadmill-data-values';
import { makeValueBuffer, valueOfLength, type ValueBuffer } from './value-buffer';

/** Treadmill Data goes out once a second (FTMS's usual rate; the session figures update at that rate too). */
export const TREADMILL_DATA_PERIOD_MS = 1000;

/** What the host needs of the HAL: the link, time, timers and the log. */
export interface FtmsHostPorts {
  link: FtmsLink;
  clock: Clock;
  scheduler: Scheduler;
  log: Log;
}

/**
 * The FTMS server of one booted treadmill. Made once at boot by the full edition
 * (firmware/index.ts) when the HAL has an FtmsLink; it lives as long as the treadmill.
 *
 * - Read-only values (feature, speed and inclination range, training status) are set at boot; the
 *   ranges again when the direction in force changes (they are the current direction's).
 * - Treadmill Data: once a second, on a timer of its own (never in the control tick), from the
 *   status the treadmill keeps at display rate; sent only while a client is connected.
 * - Fitness Machine Status and Training Status: on every change, whoever made it, in the event
 *   after the treadmill reports it (TreadmillObserver), and checked again each second (a
 *   program's new segment changes the target inside the tick, which reports nothing).
 * - Control point writes: decided by the session (firmware/ftms/control-session.ts), sent to the
 *   treadmill as remote commands through its safety table, answered by indication.
 *
 * Remote starts pass the safety table only through this host, only for a start the session
 * decided while armed (permitRemoteStarts). Values go to the link in reused buffers: the link
 * copies what it keeps.
 */
export class FtmsHost implements TreadmillObserver {
  private readonly ports: FtmsHostPorts;
  private readonly treadmill: Treadmill;
  private readonly userWeightKg: number;
  readonly session: ControlSession;
  private readonly limits: FtmsLimits;
  private readonly values: TreadmillDataValues = makeTreadmillDataValues();
  private readonly split: ElevationSplit = makeElevationSplit();
  /** The record's split into notifications, planned when its fields change (remaining time comes and goes). */
  private readonly partFlags = new Uint16Array(MAX_PARTS);
  private partCount = 0;
  private plannedFlags = -1;
  private readonly dataBuffer: ValueBuffer = makeValueBuffer(MIN_NOTIFICATION_BYTES);
  private readonly statusBuffer: ValueBuffer = makeValueBuffer(MACHINE_STATUS_MAX_BYTES);
  private readonly trainingBuffer: ValueBuffer = makeValueBuffer(TRAINING_STATUS_MAX_BYTES);
  private readonly rangeBuffer: ValueBuffer = makeValueBuffer(RANGE_BYTES);
  /** What Training Status last said (code, and whether backward), -1 before the first. */
  private trainingCode = -1;
  private trainingBackward = false;
  /** The direction the published ranges are for. */
  private rangeDirection: Direction | null = null;
  /** A control point write is being decided: status changes wait until it is answered. */
  private deciding = false;
  /** A report is scheduled (onStatusChange). */
  private reportPending = false;
  /**
   * The scheduled report, made once. Why not an arrow at the call: the minifier folds the guard
   * into `a || (..., after(0, () => this...))`, and Espruino's parser, skipping that branch, trips
   * over an arrow that binds `this` (an interpreter assertion on 2v29 with assertions on).
   */
  private readonly reportLater: () => void;
  private connectedClients = 0;
  private timer: TimerHandle | null = null;
  private halted = false;
  /** The one remote command object, refilled for each write (nothing allocated per write). */
  private readonly remote: Command = { name: 'stop', source: 'remote' };

  constructor(ports: FtmsHostPorts, treadmill: Treadmill, config: TreadmillConfig, hasIncline: boolean, hasPrograms: boolean) {
    this.ports = ports;
    this.treadmill = treadmill;
    this.userWeightKg = config.userWeightKg;
    this.limits = ftmsLimitsFromConfig(config, hasIncline, hasPrograms);
    this.session = makeControlSession(this.limits, treadmill.status(), ports.clock.nowMs());
    this.reportLater = () => {
      this.reportPending = false;
      if (!this.halted) this.report(this.treadmill.status());
    };
  }

  /** Publish the read-only values, listen to the link and the treadmill, start the data timer. Once, at boot. */
  start(): void {
    const link = this.ports.link;
    const feature = makeValueBuffer(FEATURE_BYTES);
    link.setValue('feature', valueOfLength(feature, encodeFeature(this.limits, feature.bytes)));
    const status = this.treadmill.status();
    this.publishRanges(effectiveDirection(status.direction, status.pendingDirection));
    this.publishTrainingStatus(status, false);
    link.onControlPointWrite((bytes, clientId) => this.onWrite(bytes, clientId));
    link.onConnectionChange((connected, clientId) => this.onConnection(connected, clientId));
    this.treadmill.permitRemoteStarts(() => this.deciding && this.session.command === 'start' && this.session.armed);
    this.treadmill.observe(this);
    this.timer = this.ports.scheduler.every(TREADMILL_DATA_PERIOD_MS, () => this.everySecond());
  }

  onCommand(command: Command, result: CommandResult): void {
    // Only what a person did at the machine arms or disarms; the host's own commands are remote.
    if (command.source !== 'local') return;
    onLocalCommand(this.session, command.name, result.accepted, this.treadmill.status(), this.ports.clock.nowMs());
  }

  /**
   * Arming is brought up to date at once (a key pull disarms before any later write is decided);
   * the notifications follow in an event of their own, so that a transition made by a control
   * tick does not pay for them inside the tick.
   */
  onStatusChange(status: TreadmillStatus): void {
    observeTreadmill(this.session, status, this.ports.clock.nowMs());
    if (this.deciding || this.reportPending) return;
    this.reportPending = true;
    this.ports.scheduler.after(0, this.reportLater);
  }

  onHalt(): void {
    this.halted = true;
    if (this.timer !== null) this.timer.cancel();
    this.timer = null;
  }

  /** Sessions the link reports: counted for the data timer; a disconnect loses control (never accelerates). */
  private onConnection(connected: boolean, clientId: number): void {
    if (this.halted) return;
    this.connectedClients += connected ? 1 : -1;
    if (this.connectedClients < 0) this.connectedClients = 0;
    this.ports.log.info('ftms: client ' + clientId + (connected ? ' connected' : ' disconnected'));
    if (connected) return;
    const status = this.treadmill.status();
    onClientDisconnected(this.session, clientId, status, this.ports.clock.nowMs());
    this.decide(status);
  }

  private onWrite(bytes: Uint8Array, clientId: number): void {
    if (this.halted) return;
    const status = this.treadmill.status();
    handleControlPointWrite(this.session, bytes, clientId, status, this.ports.clock.nowMs());
    this.decide(status);
  }

  /** Send the session's decided command (if any) as a remote command, answer the write, report what changed. */
  private decide(status: TreadmillStatus): void {
    const session = this.session;
    let accepted = false;
    if (session.command !== 'none') {
      const remote = this.remote;
      remote.name = session.command as CommandName;
      remote.speedKph = session.commandSpeedKph;
      remote.inclinePct = session.commandInclinePct;
      this.deciding = true;
      try {
        accepted = this.treadmill.command(remote).accepted;
      } finally {
        this.deciding = false;
      }
    }
    const length = finishControlPointWrite(session, accepted, this.treadmill.status());
    if (length > 0) this.ports.link.send('controlPoint', session.response);
    this.report(status);
  }

  /** Each second: the status checks, then the Treadmill Data record (only while a client is connected). */
  private everySecond(): void {
    const status = this.treadmill.status();
    this.report(status);
    // Filled every second even with nobody connected: the elevation split needs each sample.
    const metrics = status.metrics;
    fillTreadmillDataValues(status, this.userWeightKg, this.split, this.values);
    const flags = recordFieldFlags(this.limits) | (this.limits.hasPrograms && metrics.remainingMs !== null ? REMAINING_TIME_PRESENT : 0);
    if (flags !== this.plannedFlags) {
      this.plannedFlags = flags;
      this.partCount = planTreadmillData(flags, MIN_NOTIFICATION_BYTES, this.partFlags);
    }
    if (this.connectedClients === 0) return;
    const buffer = this.dataBuffer;
    for (let part = 0; part < this.partCount; part++) {
      this.ports.link.send('treadmillData', valueOfLength(buffer, encodeTreadmillData(this.partFlags[part], this.values, buffer.bytes)));
    }
  }

  /**
   * Brings the session and the published values up to date with `status`: arming (a key pull or
   * a fault disarms), every pending Fitness Machine Status, Training Status when it changed, the
   * ranges when the direction in force changed.
   */
  private report(status: TreadmillStatus): void {
    const session = this.session;
    observeTreadmill(session, status, this.ports.clock.nowMs());
    const link = this.ports.link;
    const buffer = this.statusBuffer;
    for (let length = nextMachineStatus(session.status, status, buffer.bytes); length > 0; length = nextMachineStatus(session.status, status, buffer.bytes)) {
      link.send('machineStatus', valueOfLength(buffer, length));
    }
    this.publishTrainingStatus(status, true);
    const direction = effectiveDirection(status.direction, status.pendingDirection);
    if (direction !== this.rangeDirection) this.publishRanges(direction);
  }

  private publishTrainingStatus(status: TreadmillStatus, notify: boolean): void {
    const code = trainingStatusCode(status.state);
    const backward = effectiveDirection(status.direction, status.pendingDirection) === 'backward';
    if (code === this.trainingCode && backward === this.trainingBackward) return;
    this.trainingCode = code;
    this.trainingBackward = backward;
    const buffer = this.trainingBuffer;
    const value = valueOfLength(buffer, encodeTrainingStatus(status.state, backward ? 'backward' : 'forward', buffer.bytes));
    this.ports.link.setValue('trainingStatus', value);
    if (notify) this.ports.link.send('trainingStatus', value);
  }

  private publishRanges(direction: Direction): void {
    this.rangeDirection = direction;
    const buffer = this.rangeBuffer;
    const link = this.ports.link;
    link.setValue('speedRange', valueOfLength(buffer, encodeCurrentSpeedRange(this.limits, direction, buffer.bytes)));
    link.setValue('inclineRange', valueOfLength(buffer, encodeCurrentInclineRange(this.limits, direction, buffer.bytes)));
  }
}

/**
 * Start serving FTMS for `treadmill` on `ports.link` (the full edition's boot calls it after the
 * treadmill booted, when the HAL has a link). `hasIncline`: the treadmill drives an incline.
 */
export function startFtmsHost(ports: FtmsHostPorts, treadmill: Treadmill, config: TreadmillConfig, hasIncline: boolean, hasPrograms: boolean): FtmsHost {
  const host = new FtmsHost(ports, treadmill, config, hasIncline, hasPrograms);
  host.start();
  return host;
}
