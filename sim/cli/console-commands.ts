// The host console's command language: what a person types, turned into the board's line-protocol requests.

/** A typed line, understood: a protocol request for the treadmill, an action on the simulated world, or a mistake. */
export type ConsoleInput =
  | { kind: 'request'; request: { cmd: string; [field: string]: unknown } }
  | { kind: 'wait'; seconds: number }
  | { kind: 'key'; inserted: boolean }
  | { kind: 'walker'; on: boolean }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'nothing' }
  | { kind: 'error'; message: string };

/** The longest wait one line may ask for, s (a scripted session stays short). */
const MAX_WAIT_S = 600;

/** Words that are protocol requests as they stand (firmware/console-protocol.ts). */
const PLAIN = ['start', 'stop', 'status', 'pause', 'resume', 'skip', 'calibrate', 'programStatus', 'homeIncline', 'slowDown', 'freeBelt', 'speedUp', 'speedDown', 'unwatch'];

/** What the console understands, for `help` and for a line it does not. */
export const CONSOLE_HELP = [
  'start | stop | status | clear (a latched fault) | slow (slow down) | free (free belt) | up | down (speed steps)',
  'speed KPH | direction forward|backward | incline PCT | program NAME | pause | resume | skip | calibrate | home (the incline)',
  'watch SECONDS (the status every so often, and each state change) | unwatch',
  'simulator only: wait SECONDS | key pull|insert | walker on|off',
  'help (or ?) | quit (with the session summary)',
].join('\n');

function number(word: string | undefined): number | null {
  if (word === undefined || !/^-?\d+(\.\d+)?$/.test(word)) return null;
  return Number(word);
}

/** Understand one typed line (words separated by spaces; case counts for program names only). */
export function parseConsoleLine(line: string): ConsoleInput {
  const words = line.trim().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0 || words[0].startsWith('#')) return { kind: 'nothing' };
  const verb = words[0].toLowerCase();
  const argument = words[1];
  const extra = words.length > 2 && verb !== 'program' ? 'too many words: "' + line.trim() + '"' : '';
  if (extra !== '') return { kind: 'error', message: extra };
  if (verb === 'quit' || verb === 'exit') return { kind: 'quit' };
  if (verb === 'help' || verb === '?') return { kind: 'help' };
  if (verb === 'clear') return { kind: 'request', request: { cmd: 'clearFault' } };
  if (verb === 'slow') return { kind: 'request', request: { cmd: 'slowDown' } };
  if (verb === 'free') return { kind: 'request', request: { cmd: 'freeBelt' } };
  if (verb === 'up') return { kind: 'request', request: { cmd: 'speedUp' } };
  if (verb === 'down') return { kind: 'request', request: { cmd: 'speedDown' } };
  if (verb === 'home') return { kind: 'request', request: { cmd: 'homeIncline' } };
  if (verb === 'speed') {
    const kph = number(argument);
    return kph === null ? { kind: 'error', message: 'speed takes a number of km/h: speed 3.2' } : { kind: 'request', request: { cmd: 'speed', kph: kph } };
  }
  if (verb === 'incline') {
    const pct = number(argument);
    return pct === null ? { kind: 'error', message: 'incline takes a number of percent: incline 2' } : { kind: 'request', request: { cmd: 'incline', pct: pct } };
  }
  if (verb === 'direction') {
    return argument === 'forward' || argument === 'backward' ? { kind: 'request', request: { cmd: 'direction', direction: argument } } : { kind: 'error', message: 'direction forward or direction backward' };
  }
  if (verb === 'program') {
    const name = words.slice(1).join(' ');
    return name === '' ? { kind: 'error', message: 'program takes a name: program backward-intro' } : { kind: 'request', request: { cmd: 'program', name: name } };
  }
  if (verb === 'watch') {
    const everyS = number(argument);
    return everyS === null ? { kind: 'error', message: 'watch takes seconds between status lines: watch 1' } : { kind: 'request', request: { cmd: 'watch', everyMs: everyS * 1000 } };
  }
  if (verb === 'wait') {
    const seconds = number(argument);
    return seconds === null || seconds < 0 || seconds > MAX_WAIT_S ? { kind: 'error', message: 'wait takes 0-' + MAX_WAIT_S + ' seconds: wait 5' } : { kind: 'wait', seconds: seconds };
  }
  if (verb === 'key') {
    return argument === 'pull' || argument === 'insert' ? { kind: 'key', inserted: argument === 'insert' } : { kind: 'error', message: 'key pull or key insert' };
  }
  if (verb === 'walker') {
    return argument === 'on' || argument === 'off' ? { kind: 'walker', on: argument === 'on' } : { kind: 'error', message: 'walker on or walker off' };
  }
  const plain = PLAIN.filter((name) => name.toLowerCase() === verb);
  if (plain.length === 1 && argument === undefined) return { kind: 'request', request: { cmd: plain[0] } };
  return { kind: 'error', message: 'not understood: "' + line.trim().slice(0, 40) + '" (help lists what is)' };
}
