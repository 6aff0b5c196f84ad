// The host console's transport to a board: the line protocol through Espruino's REPL over a serial port.

import { SerialPort } from 'serialport';
import { boardRequestText, boardSessionFiguresText, classifyBoardLine } from './board-line';
import type { ConsoleEvent, ConsoleReply, ConsoleRequest, ConsoleTransport } from './console-transport';
import { isSessionFigures, sessionFigures, type SessionFigures } from './session-summary';

/** How long a board has to answer a request, ms: a reply takes a few ms, a busy tick well under a second. */
export const REPLY_TIMEOUT_MS = 3000;
/** Longest line kept while waiting for its newline, characters: a board printing without end must not fill the host's memory. */
const MAX_PENDING_LINE = 8192;

/** The serial port as the transport uses it: text out, text in, close. */
export interface SerialLink {
  write(text: string): void;
  onData(listener: (text: string) => void): void;
  close(): Promise<void>;
}

/** What a SerialPort-like stream offers (a real port, or serialport's SerialPortMock in tests). */
export interface PortStream {
  write(data: string): boolean;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  close(callback: (error: Error | null) => void): void;
  readonly isOpen: boolean;
}

/** A link over an open port stream. */
export function linkFromPort(port: PortStream): SerialLink {
  return {
    write: (text: string) => {
      port.write(text);
    },
    onData: (listener: (text: string) => void) => {
      port.on('data', (data: Buffer) => listener(data.toString('latin1')));
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) resolve();
        else port.close(() => resolve());
      }),
  };
}

/** The open error as one line: serialport's messages read "Error: No such file or directory, cannot open /dev/x". */
export function openErrorLine(path: string, error: Error): string {
  const reason = String(error.message).replace(/^Error: /, '').replace(/, cannot open .*$/, '');
  return 'cannot open the serial port ' + path + ': ' + reason;
}

/** Open `path` at `baudRate`; fails with a one-line message (no such port, no permission, in use). */
export function openSerialLink(path: string, baudRate: number): Promise<SerialLink> {
  return new Promise<SerialLink>((resolve, reject) => {
    const port = new SerialPort({ path: path, baudRate: baudRate, autoOpen: false });
    port.open((error: Error | null) => {
      if (error) reject(new Error(openErrorLine(path, error)));
      else resolve(linkFromPort(port));
    });
  });
}

interface PendingRequest {
  cmd: string;
  resolve: (reply: ConsoleReply) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The line protocol to a board over `link`: each request goes as `\x10rt("...")` with an id, and
 * the reply is the JSON line that carries that id; stream events go to the event listeners; the
 * board's other lines are its log, and the REPL's prompt and results are dropped
 * (sim/cli/board-line.ts). A request unanswered within `replyTimeoutMs` fails with a message
 * naming the likely causes.
 */
export class SerialTransport implements ConsoleTransport {
  readonly simulator = null;
  private readonly pending: { [id: string]: PendingRequest } = {};
  private readonly eventListeners: ((event: ConsoleEvent) => void)[] = [];
  private readonly logListeners: ((text: string) => void)[] = [];
  private partialLine = '';
  private nextId = 1;
  private readonly openedMs = performance.now();

  constructor(
    private readonly link: SerialLink,
    readonly description: string,
    private readonly replyTimeoutMs: number = REPLY_TIMEOUT_MS,
  ) {
    link.onData((text: string) => this.receive(text));
  }

  send(request: ConsoleRequest): Promise<ConsoleReply> {
    const id = this.nextId++;
    return this.exchange(id, request.cmd, boardRequestText(request, id));
  }

  sessionFigures(): Promise<SessionFigures | null> {
    const id = this.nextId++;
    return this.exchange(id, 'session figures', boardSessionFiguresText(id)).then(
      (reply: ConsoleReply) => (reply.ok && isSessionFigures(reply.data) ? sessionFigures(reply.data) : null),
      () => null,
    );
  }

  onEvent(listener: (event: ConsoleEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onLog(listener: (text: string) => void): void {
    this.logListeners.push(listener);
  }

  nowMs(): number {
    return performance.now() - this.openedMs;
  }

  /** A board's time runs by itself. */
  runInRealTime(): void {}

  close(): Promise<void> {
    Object.keys(this.pending).forEach((id) => {
      clearTimeout(this.pending[id].timer);
      this.pending[id].reject(new Error('the console closed before the board answered'));
      delete this.pending[id];
    });
    return this.link.close();
  }

  private exchange(id: number, cmd: string, text: string): Promise<ConsoleReply> {
    return new Promise<ConsoleReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        delete this.pending[String(id)];
        reject(new Error('no answer from the board on ' + this.description + ' to "' + cmd + '" within ' + this.replyTimeoutMs / 1000 + ' s: is it the right port, is retrotread flashed, is the board busy?'));
      }, this.replyTimeoutMs);
      this.pending[String(id)] = { cmd: cmd, resolve: resolve, reject: reject, timer: timer };
      this.link.write(text);
    });
  }

  private receive(text: string): void {
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() as string;
    if (this.partialLine.length > MAX_PENDING_LINE) {
      this.log(this.partialLine.substring(0, 80) + '... (' + this.partialLine.length + ' characters without a newline, dropped)');
      this.partialLine = '';
    }
    lines.forEach((line) => this.takeLine(line));
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
      clearTimeout(waiting.timer);
      delete this.pending[String(sorted.reply.id)];
      waiting.resolve(sorted.reply);
    }
  }

  private log(text: string): void {
    this.logListeners.forEach((listener) => listener(text));
  }
}
