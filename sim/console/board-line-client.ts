// The host's side of the line protocol over any text link to a board's Espruino console (a serial port, Web Serial, Bluetooth UART): ids, replies, events, log.

import { boardRequestText, boardSessionFiguresText, classifyBoardLine } from './board-line';
import type { ConsoleEvent, ConsoleReply, ConsoleRequest } from './console-lines';

/** How long a board has to answer a request, ms: a reply takes a few ms, a busy tick well under a second. */
export const REPLY_TIMEOUT_MS = 3000;
/** Longest line kept while waiting for its newline, characters: a board printing without end must not fill the host's memory. */
export const MAX_PENDING_LINE = 8192;

/**
 * The timers the client needs, given by its owner (Node's or the browser's setTimeout): the
 * client itself reaches no global, so it runs in Node, in a page and under test alike.
 */
export interface ReplyTimers {
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** How to build a client. */
export interface BoardLineClientOptions {
  /** Sends text to the board as it is (the link chunks it as it must). */
  write: (text: string) => void;
  timers: ReplyTimers;
  replyTimeoutMs: number;
  /** The words of a request's failure when no answer came in time, given its command's name. */
  noAnswerMessage: (cmd: string) => string;
}

interface PendingRequest {
  resolve: (reply: ConsoleReply) => void;
  reject: (error: Error) => void;
  timer: unknown;
}

/**
 * Each request goes as `\x10rt("...")` with an id, and the reply is the JSON line that carries
 * that id; stream events go to the event listeners; the board's other lines are its log, and the
 * REPL's prompt and results are dropped (board-line.ts). A request unanswered within the timeout
 * fails with the owner's words. Text arrives in pieces as the link delivers it (`receive`).
 */
export class BoardLineClient {
  private readonly pending: { [id: string]: PendingRequest } = {};
  private readonly eventListeners: ((event: ConsoleEvent) => void)[] = [];
  private readonly logListeners: ((text: string) => void)[] = [];
  private partialLine = '';
  private nextId = 1;

  constructor(private readonly options: BoardLineClientOptions) {}

  /** Send one request; the promise gives its reply, or fails when none comes in time or the link closes. */
  send(request: ConsoleRequest): Promise<ConsoleReply> {
    const id = this.nextId++;
    return this.exchange(id, request.cmd, boardRequestText(request, id));
  }

  /** Ask for the session figures through the console handle (the protocol has no request for them yet). */
  sendSessionFiguresRequest(): Promise<ConsoleReply> {
    const id = this.nextId++;
    return this.exchange(id, 'session figures', boardSessionFiguresText(id));
  }

  onEvent(listener: (event: ConsoleEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onLog(listener: (text: string) => void): void {
    this.logListeners.push(listener);
  }

  /** How many requests wait for their reply. */
  pendingCount(): number {
    return Object.keys(this.pending).length;
  }

  /** Fail every waiting request with `reason` (the link closed): nothing waits for a reply that cannot come. */
  failPending(reason: string): void {
    Object.keys(this.pending).forEach((id) => {
      const waiting = this.pending[id];
      delete this.pending[id];
      this.options.timers.clearTimer(waiting.timer);
      waiting.reject(new Error(reason));
    });
  }

  /** Text the board sent, in whatever pieces the link delivered it. */
  receive(text: string): void {
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() as string;
    if (this.partialLine.length > MAX_PENDING_LINE) {
      this.log(this.partialLine.substring(0, 80) + '... (' + this.partialLine.length + ' characters without a newline, dropped)');
      this.partialLine = '';
    }
    lines.forEach((line) => this.takeLine(line));
  }

  private exchange(id: number, cmd: string, text: string): Promise<ConsoleReply> {
    return new Promise<ConsoleReply>((resolve, reject) => {
      const timer = this.options.timers.setTimer(() => {
        delete this.pending[String(id)];
        reject(new Error(this.options.noAnswerMessage(cmd)));
      }, this.options.replyTimeoutMs);
      this.pending[String(id)] = { resolve: resolve, reject: reject, timer: timer };
      this.options.write(text);
    });
  }

  private takeLine(line: string): void {
    const sorted = classifyBoardLine(line);
    if (sorted.kind === 'event') this.eventListeners.forEach((listener) => listener(sorted.event));
    else if (sorted.kind === 'log') this.log(sorted.text);
    else if (sorted.kind === 'reply') {
      const waiting = sorted.reply.id !== undefined ? this.pending[String(sorted.reply.id)] : undefined;
      if (waiting === undefined) {
        this.log('a reply to no request waiting: ' + line.trim().substring(0, 120));
        return;
      }
      this.options.timers.clearTimer(waiting.timer);
      delete this.pending[String(sorted.reply.id)];
      waiting.resolve(sorted.reply);
    }
  }

  private log(text: string): void {
    this.logListeners.forEach((listener) => listener(text));
  }
}
