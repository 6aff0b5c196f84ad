// The host console's transport to a board: the line protocol through Espruino's REPL over a serial port.

import { SerialPort } from 'serialport';
import { BoardLineClient, REPLY_TIMEOUT_MS } from '../console/board-line-client';
import type { ConsoleEvent, ConsoleReply, ConsoleRequest, ConsoleTransport } from './console-transport';
import { isSessionFigures, sessionFigures, type SessionFigures } from './session-summary';

export { REPLY_TIMEOUT_MS } from '../console/board-line-client';

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

/**
 * The line protocol to a board over `link`: each request goes as `\x10rt("...")` with an id, and
 * the reply is the JSON line that carries that id; stream events go to the event listeners; the
 * board's other lines are its log, and the REPL's prompt and results are dropped
 * (sim/console/board-line-client.ts, shared with the web console's board links). A request
 * unanswered within `replyTimeoutMs` fails with a message naming the likely causes.
 */
export class SerialTransport implements ConsoleTransport {
  readonly simulator = null;
  private readonly client: BoardLineClient;
  private readonly openedMs = performance.now();

  constructor(
    private readonly link: SerialLink,
    readonly description: string,
    replyTimeoutMs: number = REPLY_TIMEOUT_MS,
  ) {
    this.client = new BoardLineClient({
      write: (text: string) => link.write(text),
      timers: { setTimer: (callback: () => void, delayMs: number) => setTimeout(callback, delayMs), clearTimer: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      replyTimeoutMs: replyTimeoutMs,
      noAnswerMessage: (cmd: string) => 'no answer from the board on ' + description + ' to "' + cmd + '" within ' + replyTimeoutMs / 1000 + ' s: is it the right port, is retrotread flashed, is the board busy?',
    });
    link.onData((text: string) => this.client.receive(text));
  }

  send(request: ConsoleRequest): Promise<ConsoleReply> {
    return this.client.send(request);
  }

  sessionFigures(): Promise<SessionFigures | null> {
    return this.client.sendSessionFiguresRequest().then(
      (reply: ConsoleReply) => (reply.ok && isSessionFigures(reply.data) ? sessionFigures(reply.data) : null),
      () => null,
    );
  }

  onEvent(listener: (event: ConsoleEvent) => void): void {
    this.client.onEvent(listener);
  }

  onLog(listener: (text: string) => void): void {
    this.client.onLog(listener);
  }

  nowMs(): number {
    return performance.now() - this.openedMs;
  }

  /** A board's time runs by itself. */
  runInRealTime(): void {}

  close(): Promise<void> {
    this.client.failPending('the console closed before the board answered');
    return this.link.close();
  }
}
