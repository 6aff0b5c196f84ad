// The host console itself, transport-agnostic: typed commands in, answers, state changes and the live view out, the session summary at the end.

import { createInterface } from 'node:readline';
import { CONSOLE_HELP, parseConsoleLine } from './console-commands';
import type { ConsoleEvent, ConsoleReply, ConsoleRequest, ConsoleTransport } from './console-transport';
import { answerText, keepRecentSamples, liveViewLines, shownTargetKph, type LiveProgram, type LiveStatus } from './live-view';
import { sessionSummaryLine } from './session-summary';
import type { SpeedSample } from './speed-plot';

/** The status stream's period with the live view, ms (about two frames a second on a board's slow console). */
const LIVE_WATCH_MS = 500;
/**
 * Without it, ms: the stream is then only there for the state-change events, which come at once
 * whatever the period; the longest period the protocol takes keeps the status lines rare.
 */
const QUIET_WATCH_MS = 60000;
/** How often the live view asks for the program's progress, ms. */
const PROGRAM_POLL_MS = 1000;
/** Time a key edge is given to take effect before the next line, ms of simulated time. */
const KEY_SETTLE_MS = 100;

/** Where the live view is drawn: a panel above the command line (sim/cli/terminal-panel.ts). */
export interface LiveScreen {
  draw(lines: string[]): void;
  widthColumns(): number;
}

export interface ConsoleSessionOptions {
  transport: ConsoleTransport;
  input: NodeJS.ReadableStream;
  /** Print one line of the console's output. */
  say: (line: string) => void;
  /** The live view's screen, or null for plain line output (piped: deterministic). */
  screen: LiveScreen | null;
  /** Whether the input is a terminal (readline then edits the line). */
  terminal?: boolean;
}

function kph(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(1) + ' km/h' : '-';
}

/** A status reply's data as one line a person reads (the target is 0 while stopping). */
export function statusLine(data: { [field: string]: unknown }): string {
  const parts = [String(data.state) + ', ' + String(data.direction) + (data.pendingDirection ? ' (then ' + String(data.pendingDirection) + ')' : '')];
  parts.push('target ' + kph(shownTargetKph(String(data.state), Number(data.targetSpeedKph))), 'belt ' + kph(data.measuredSpeedKph));
  parts.push('incline ' + Number(data.inclinePct).toFixed(1) + ' % (target ' + Number(data.targetInclinePct).toFixed(1) + ' %)', Math.round(Number(data.distanceM)) + ' m');
  parts.push(data.keyPresent ? 'key in' : 'key OUT');
  if (data.fault) parts.push('fault ' + String(data.fault));
  return parts.join(', ');
}

/**
 * Run the console on `transport` until the input ends or `quit`: lines are taken one at a time, in
 * order (each waits for its reply), so a piped script gives the same output every run on the
 * simulator. Resolves to the exit status: 1 when the treadmill does not answer at the start.
 */
export function runConsoleSession(options: ConsoleSessionOptions): Promise<number> {
  const transport = options.transport;
  const say = options.say;
  const screen = options.screen;
  const stamp = () => (transport.nowMs() / 1000).toFixed(1).padStart(6) + ' s';
  let printStatusLines = false;
  let requestsInFlight = 0;
  const heldEvents: ConsoleEvent[] = [];
  let latest: LiveStatus | null = null;
  let program: LiveProgram | null = null;
  let lastProgramPollMs = -PROGRAM_POLL_MS;
  const samples: SpeedSample[] = [];

  const drawLive = () => {
    if (screen === null || latest === null) return;
    screen.draw(
      liveViewLines(
        { title: 'retrotread console: ' + transport.description + '   t = ' + (transport.nowMs() / 1000).toFixed(1) + ' s', status: latest, program: program, extraLines: [], samples: samples, nowMs: transport.nowMs(), speedText: kph },
        screen.widthColumns(),
      ),
    );
  };
  const pollProgram = () => {
    if (transport.nowMs() - lastProgramPollMs < PROGRAM_POLL_MS) return;
    lastProgramPollMs = transport.nowMs();
    transport.send({ cmd: 'programStatus' }).then(
      (reply: ConsoleReply) => {
        program = reply.ok && reply.data ? (reply.data as unknown as LiveProgram) : null;
      },
      () => undefined,
    );
  };
  const showEvent = (event: ConsoleEvent) => {
    if (event.event === 'state') say(stamp() + '  now ' + String(event.to) + (event.fault ? ' (' + String(event.fault) + ')' : '') + ': ' + String(event.reason));
    else if (event.event === 'status') {
      if (printStatusLines) say(stamp() + '  ' + JSON.stringify(event));
      if (screen !== null) {
        latest = event as unknown as LiveStatus;
        samples.push({ timeMs: transport.nowMs(), targetKph: shownTargetKph(latest.state, latest.targetSpeedKph), measuredKph: latest.measuredSpeedKph });
        keepRecentSamples(samples, transport.nowMs());
        pollProgram();
        drawLive();
      }
    }
  };
  // A request's own events (a start's state change) are shown after its answer, as a person reads them.
  transport.onEvent((event: ConsoleEvent) => {
    if (requestsInFlight > 0) heldEvents.push(event);
    else showEvent(event);
  });
  transport.onLog((text: string) => say(stamp() + '  log: ' + text));
  /** Send a request; its events are held until `settle`, called once its answer is printed. */
  const request = (body: ConsoleRequest): Promise<ConsoleReply> => {
    requestsInFlight++;
    return transport.send(body);
  };
  const settle = () => {
    requestsInFlight--;
    if (requestsInFlight === 0) heldEvents.splice(0).forEach(showEvent);
  };
  const printAnswer = (body: ConsoleRequest, reply: ConsoleReply) => {
    if (!reply.ok) say('  ' + answerText(false, String(reply.error)));
    else if (body.cmd === 'status' && reply.data) say('  ' + statusLine(reply.data));
    else if (reply.data) say('  ' + JSON.stringify(reply.data));
    else say('  ok: ' + reply.message);
  };

  const handleLine = (line: string): Promise<boolean> => {
    const parsed = parseConsoleLine(line);
    if (parsed.kind === 'nothing') return Promise.resolve(true);
    say('> ' + line.trim());
    const simulator = transport.simulator;
    if (parsed.kind === 'error') say('  ' + parsed.message);
    else if (parsed.kind === 'quit') return Promise.resolve(false);
    else if (parsed.kind === 'help') say(CONSOLE_HELP.split('\n').map((text) => '  ' + text).join('\n') + (simulator === null ? '\n  (this is a board: the simulator-only commands are not available)' : ''));
    else if (simulator === null && (parsed.kind === 'wait' || parsed.kind === 'key' || parsed.kind === 'walker')) {
      say('  ' + parsed.kind + ' is for the simulator only: on a board, time, the safety key and the walker are real');
    } else if (parsed.kind === 'wait' && simulator !== null) simulator.advance(parsed.seconds * 1000);
    else if (parsed.kind === 'key' && simulator !== null) {
      simulator.setKey(parsed.inserted);
      simulator.advance(KEY_SETTLE_MS);
    } else if (parsed.kind === 'walker' && simulator !== null) {
      simulator.setWalker(parsed.on);
      say('  walker ' + (parsed.on ? 'on' : 'off'));
    } else if (parsed.kind === 'request') {
      const body = parsed.request;
      // The console keeps a stream for the state changes (and the live view): unwatch only stops the status lines.
      const sent = body.cmd === 'unwatch' ? { cmd: 'watch', everyMs: screen !== null ? LIVE_WATCH_MS : QUIET_WATCH_MS } : body;
      return request(sent).then(
        (reply: ConsoleReply) => {
          if (body.cmd === 'watch' && reply.ok) printStatusLines = true;
          if (body.cmd === 'unwatch') {
            printStatusLines = false;
            say(reply.ok ? '  ok: status lines off (the console keeps its stream for the state changes)' : '  ' + answerText(false, String(reply.error)));
          } else printAnswer(body, reply);
          settle();
          return true;
        },
        (error: Error) => {
          say('  ' + error.message);
          settle();
          return true;
        },
      );
    }
    return Promise.resolve(true);
  };

  const finish = (): Promise<number> =>
    request({ cmd: 'unwatch' })
      .catch(() => undefined)
      .then(settle)
      .then(() => transport.sessionFigures())
      .then((figures) => {
        say(figures !== null ? sessionSummaryLine(figures) : 'session: the treadmill did not give its figures');
        return transport.close();
      })
      .then(() => 0);

  say('retrotread console on ' + transport.description + '; help lists the commands');
  return request({ cmd: 'status' }).then(
    (reply: ConsoleReply) => {
      if (reply.data) say(stamp() + '  now ' + String(reply.data.state) + (reply.data.fault ? ' (' + String(reply.data.fault) + ')' : '') + ': ' + String(reply.data.reason));
      settle();
      if (screen !== null) transport.runInRealTime();
      return request({ cmd: 'watch', everyMs: screen !== null ? LIVE_WATCH_MS : QUIET_WATCH_MS })
        .catch(() => undefined)
        .then(settle)
        .then(() => readLines());
    },
    (error: Error) => {
      say(error.message);
      return transport.close().then(() => 1);
    },
  );

  function readLines(): Promise<number> {
    return new Promise<number>((resolve) => {
      const input = createInterface({ input: options.input, terminal: options.terminal === true });
      // Lines wait their turn; once one says quit, the rest are dropped (an input that ends is not a quit: its lines still run).
      let queue = Promise.resolve(true);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        input.close();
        queue.then(() => finish()).then(resolve);
      };
      input.on('line', (line: string) => {
        queue = queue.then((going) => (going ? handleLine(line) : false)).then((going) => {
          if (!going) end();
          return going;
        });
      });
      input.on('close', end);
    });
  }
}
