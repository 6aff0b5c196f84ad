// A board behind the web console through its console protocol (firmware/console-protocol.ts) over a text link: Web Serial or the Bluetooth UART.

import { BoardLinkHolder } from './board-link-holder';
import type { CommandName, Direction } from '../../firmware/command';
import type { FaultCode } from '../../firmware/fault-code';
import { FAULT_MESSAGES } from '../../firmware/fault-code';
import type { SafetyState } from '../../firmware/core/safety-state';
import type { SpeedUnits } from '../../firmware/core/units';
import { boardRequestText } from '../../sim/console/board-line';
import { BoardLineClient, REPLY_TIMEOUT_MS } from '../../sim/console/board-line-client';
import type { ConsoleEvent, ConsoleReply, ConsoleRequest } from '../../sim/console/console-lines';
import { isSessionFigures, sessionFigures, type SessionFigures } from '../../sim/console/session-figures';
import type { ViewCommandFields, ViewStatus } from '../view-source';
import { BOARD_PLOT_WINDOW_MS, BoardSeries } from './board-series';
import { lostLinkMessage, notConnectedAnswer, type BoardSource } from './board-source';
import type { SourceTimers } from './source-timers';
import type { TextLink } from './text-link';
import { unknownStatus } from './unknown-status';

/** The status stream's period, ms: 4 lines a second, enough for a plot and a reader, light on a board's console (the protocol allows 200 ms at the fastest). */
export const WATCH_PERIOD_MS = 250;
/** Figures older than this are not shown, ms: eight stream lines missed means the board is not talking, whatever the link says. */
export const STALE_AFTER_MS = 2000;
/** How often the session figures (time, distance, energy) are read, ms: they are not in the stream. */
export const FIGURES_PERIOD_MS = 2000;
/** Log lines kept for the page. */
export const LOG_LINES_KEPT = 200;

const SAFETY_STATES: SafetyState[] = ['idle', 'countdown', 'running', 'stopping', 'freeBelt', 'fault'];

/**
 * The protocol request for a view command, or null when the protocol has none (a belt-distance
 * calibration needs figures the page does not ask for). Every command on the wired console is
 * local: the firmware treats a person typing at the machine as at the machine.
 */
export function consoleRequestFor(name: CommandName, fields: ViewCommandFields | undefined): ConsoleRequest | null {
  const given = fields || {};
  if (name === 'setSpeed') return { cmd: 'speed', kph: given.speedKph };
  if (name === 'setIncline') return { cmd: 'incline', pct: given.inclinePct };
  if (name === 'setDirection') return { cmd: 'direction', direction: given.direction };
  if (name === 'startProgram') return { cmd: 'program', name: given.programName };
  if (name === 'setBeltDistance') return null;
  return { cmd: name };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && isFinite(value) ? value : null;
}

function directionOrNull(value: unknown): Direction | null {
  return value === 'forward' || value === 'backward' ? value : null;
}

/** The view's status from a `status` line's fields (stream or reply), every field checked: a board's line is believed only as far as it is well formed. */
export function viewStatusFromLine(line: { [field: string]: unknown }, figures: SessionFigures | null): ViewStatus {
  const state = SAFETY_STATES.indexOf(line.state as SafetyState) >= 0 ? (line.state as SafetyState) : null;
  const fault = typeof line.fault === 'string' && FAULT_MESSAGES[line.fault] !== undefined ? (line.fault as FaultCode) : null;
  return {
    state: state,
    direction: directionOrNull(line.direction),
    pendingDirection: directionOrNull(line.pendingDirection),
    targetSpeedKph: numberOrNull(line.targetSpeedKph),
    measuredSpeedKph: numberOrNull(line.measuredSpeedKph),
    beltKph: null,
    // The protocol's status carries no duty.
    duty: null,
    inclinePct: numberOrNull(line.inclinePct),
    targetInclinePct: numberOrNull(line.targetInclinePct),
    keyPresent: typeof line.keyPresent === 'boolean' ? line.keyPresent : null,
    fault: fault,
    countdownRemainingMs: numberOrNull(line.countdownRemainingMs) || 0,
    reason: typeof line.reason === 'string' ? line.reason : '',
    elapsedMs: figures !== null ? figures.elapsedMs : null,
    distanceForwardM: figures !== null ? figures.distanceForwardM : null,
    distanceBackwardM: figures !== null ? figures.distanceBackwardM : null,
    energyKcal: figures !== null ? figures.energyKcal : null,
    // Not the status line's distanceM: that is the belt's distance since boot, not the session's.
    totalDistanceM: null,
  };
}

/** How to build a console-protocol board source. */
export interface ConsoleBoardSourceOptions {
  link: TextLink;
  timers: SourceTimers;
  /** Default REPLY_TIMEOUT_MS (the host console's). */
  replyTimeoutMs?: number;
}

/**
 * A board over its console protocol. On connect it sends only read-only requests: `status`, then
 * `watch` for the stream (and, every 2 s, a read of the session figures); a command goes out only
 * when the user gives it, and only while the link works. A command given while the link is down
 * is refused with an answer saying so, never queued: a late start is the worst kind of surprise.
 * Figures stop being shown the moment the link is lost or the stream goes silent.
 */
export class ConsoleBoardSource extends BoardLinkHolder implements BoardSource {
  readonly kind = 'board' as const;
  readonly description: string;
  /** The units the board runs with (its `settings`, read on connect); km/h where it does not say (the compact edition has no settings). */
  units: SpeedUnits = 'kph';
  readonly series = new BoardSeries(BOARD_PLOT_WINDOW_MS);
  readonly logLines: string[] = [];
  lastAnswer = 'connecting: reading the board\'s status';
  private readonly client: BoardLineClient;
  private readonly openedMs: number;
  private latestLine: { [field: string]: unknown } | null = null;
  private latestLineMs = 0;
  private figures: SessionFigures | null = null;
  private figuresTimer: unknown = null;
  private figuresAsked = false;

  constructor(private readonly options: ConsoleBoardSourceOptions) {
    super('connecting over ' + options.link.description);
    const link = options.link;
    this.description = 'board on ' + link.description;
    this.openedMs = options.timers.nowMs();
    const replyTimeoutMs = options.replyTimeoutMs !== undefined ? options.replyTimeoutMs : REPLY_TIMEOUT_MS;
    this.client = new BoardLineClient({
      write: (text: string) => {
        link.write(text).then(undefined, (error: Error) => this.lose('cannot write to the board: ' + error.message));
      },
      timers: { setTimer: options.timers.setTimer, clearTimer: options.timers.clearTimer },
      replyTimeoutMs: replyTimeoutMs,
      noAnswerMessage: (cmd: string) => 'no answer from the board to "' + cmd + '" within ' + replyTimeoutMs / 1000 + ' s: is retrotread flashed, is the console password-locked, is the board busy?',
    });
    this.client.onEvent((event: ConsoleEvent) => this.takeEvent(event));
    this.client.onLog((text: string) => this.log(text));
    link.onText((text: string) => this.client.receive(text));
    link.onLost((reason: string) => this.lose(reason));
  }

  /**
   * Read the board's status and start its stream: read-only requests, nothing else. Resolves
   * once the board answered `status` and `watch`; rejects when it does not (the caller then
   * disconnects: a board that does not speak the protocol is not shown as connected).
   */
  start(): Promise<void> {
    return this.client
      .send({ cmd: 'status' })
      .then((reply: ConsoleReply) => {
        if (!reply.ok || reply.data === undefined) throw new Error('the board refused "status": ' + (reply.error || 'no figures'));
        this.takeStatusLine(reply.data);
        return this.client.send({ cmd: 'watch', everyMs: WATCH_PERIOD_MS });
      })
      .then((reply: ConsoleReply) => {
        if (!reply.ok) throw new Error('the board refused "watch": ' + (reply.error || ''));
        // A read too: the units the board runs with, so the page shows what its display shows.
        // A board without settings (the compact edition: "not in this edition") or without an
        // answer stays in km/h; that is no reason to refuse the link.
        return this.client.send({ cmd: 'settings' }).then(
          (settings: ConsoleReply) => this.takeSettings(settings),
          () => this.log('units: km/h (the board did not answer "settings")'),
        );
      })
      .then(() => {
        if (this.state !== 'connecting') return;
        this.state = 'connected';
        this.message = 'connected over ' + this.options.link.description + ': the board\'s status ' + 1000 / WATCH_PERIOD_MS + ' times a second';
        this.lastAnswer = 'connected: the board\'s own rules decide every command (a start needs the key in and the belt still)';
        this.log('connected over ' + this.options.link.description);
        this.figuresTimer = this.options.timers.every(() => this.readFigures(), FIGURES_PERIOD_MS);
        this.readFigures();
      });
  }

  /** The units from a `settings` reply (`data.running.units`, what the firmware booted with). */
  private takeSettings(reply: ConsoleReply): void {
    const running = reply.ok && reply.data !== undefined ? (reply.data.running as { units?: unknown } | undefined) : undefined;
    if (running !== undefined && running !== null && running.units === 'mph') this.units = 'mph';
    else if (!reply.ok) this.log('units: km/h (the board has no settings: ' + (reply.error || 'refused') + ')');
  }

  status(): ViewStatus {
    if (this.state === 'lost') return unknownStatus(this.message);
    if (this.state === 'closed') return unknownStatus('disconnected');
    if (this.latestLine === null) return unknownStatus('waiting for the board\'s figures');
    if (this.options.timers.nowMs() - this.latestLineMs > STALE_AFTER_MS) return unknownStatus('no figures from the board for over ' + STALE_AFTER_MS / 1000 + ' s');
    return viewStatusFromLine(this.latestLine, this.figures);
  }

  supports(name: CommandName): boolean {
    return consoleRequestFor(name, undefined) !== null;
  }

  command(name: CommandName, fields?: ViewCommandFields): void {
    const request = consoleRequestFor(name, fields);
    if (request === null) {
      this.answer(name + ': not available over the console link');
      return;
    }
    if (this.state !== 'connected') {
      this.answer(notConnectedAnswer(name));
      return;
    }
    this.lastAnswer = name + ': sent, waiting for the board';
    this.client.send(request).then(
      (reply: ConsoleReply) => this.answer(name + ': ' + (reply.ok ? 'ok' + (reply.message ? ' (' + reply.message + ')' : '') : 'refused (' + (reply.error || 'no reason given') + ')')),
      (error: Error) => this.answer(name + ': ' + error.message),
    );
  }

  /** Stop the stream (read-only) and close the link. No command is sent: the belt is left as it is. */
  disconnect(): Promise<void> {
    if (this.state === 'closed' || this.state === 'lost') return Promise.resolve();
    const wasConnected = this.state === 'connected';
    this.state = 'closed';
    this.message = 'disconnected';
    this.stopFigures();
    this.client.failPending('disconnected before the board answered');
    // Best effort: a board left streaming is harmless, but its console is quieter without.
    // (Id 0: no reply is awaited, the link closes next.)
    const stopStream = wasConnected ? this.options.link.write(boardRequestText({ cmd: 'unwatch' }, 0)).then(undefined, () => undefined) : Promise.resolve();
    return stopStream.then(() => this.options.link.close());
  }

  private answer(text: string): void {
    this.lastAnswer = text;
    this.log(text);
  }

  private lose(reason: string): void {
    if (this.state === 'lost' || this.state === 'closed') return;
    this.state = 'lost';
    this.message = lostLinkMessage(reason);
    this.lastAnswer = this.message;
    this.stopFigures();
    this.client.failPending('the link was lost before the board answered');
    this.log(this.message);
    // The plot shows the gap: a point with nothing known.
    this.series.add(this.options.timers.nowMs() - this.openedMs, { targetKph: null, measuredKph: null, duty: null, inclinePct: null });
    this.tellLost(reason);
  }

  private stopFigures(): void {
    if (this.figuresTimer !== null) this.options.timers.clearEvery(this.figuresTimer);
    this.figuresTimer = null;
  }

  /** The session figures, read-only, one request at a time (a slow board must not pile them up). */
  private readFigures(): void {
    if (this.state !== 'connected' || this.figuresAsked) return;
    this.figuresAsked = true;
    this.client.sendSessionFiguresRequest().then(
      (reply: ConsoleReply) => {
        this.figuresAsked = false;
        this.figures = reply.ok && isSessionFigures(reply.data) ? sessionFigures(reply.data) : null;
      },
      () => {
        this.figuresAsked = false;
        this.figures = null;
      },
    );
  }

  private takeEvent(event: ConsoleEvent): void {
    if (this.state === 'lost' || this.state === 'closed') return;
    if (event.event === 'status') this.takeStatusLine(event);
    else if (event.event === 'state') {
      const reason = typeof event.reason === 'string' && event.reason !== '' ? ' (' + event.reason + ')' : '';
      this.log('state ' + String(event.from) + ' -> ' + String(event.to) + reason);
      // The stream's next line follows within its period; the state is shown at once meanwhile.
      if (this.latestLine !== null) {
        this.latestLine = Object.assign({}, this.latestLine, { state: event.to, fault: event.fault === undefined ? this.latestLine.fault : event.fault });
      }
    }
  }

  private takeStatusLine(line: { [field: string]: unknown }): void {
    this.latestLine = line;
    const nowMs = this.options.timers.nowMs();
    this.latestLineMs = nowMs;
    const status = viewStatusFromLine(line, null);
    this.series.add(nowMs - this.openedMs, {
      targetKph: status.state === 'stopping' ? 0 : status.targetSpeedKph,
      measuredKph: status.measuredSpeedKph,
      duty: null,
      inclinePct: status.inclinePct,
    });
  }

  private log(text: string): void {
    this.logLines.push(((this.options.timers.nowMs() - this.openedMs) / 1000).toFixed(1) + ' s  ' + text);
    if (this.logLines.length > LOG_LINES_KEPT) this.logLines.splice(0, this.logLines.length - LOG_LINES_KEPT);
  }
}
