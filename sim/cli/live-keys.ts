// The keys of `npm start`'s live view and their help: a one-line reminder wrapped to the terminal, and a help screen.

import { wrapText } from './wrap-text';

/** What a key does in the live view (sim/cli/start.ts acts on these names). */
export type LiveKeyAction = 'start' | 'stop' | 'speedUp' | 'speedDown' | 'inclineUp' | 'inclineDown' | 'direction' | 'slowDown' | 'freeBelt' | 'key' | 'walker' | 'clearFault' | 'help' | 'quit';

interface LiveKey {
  keys: string[];
  /** How the keys are written in the help. */
  label: string;
  /** The short word for the reminder line, and the sentence for the help screen. */
  word: string;
  sentence: string;
  action: LiveKeyAction;
}

const UP = '\u001b[A';
const DOWN = '\u001b[B';
const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';
const CONTROL_C = '\u0003';

const LIVE_KEYS: LiveKey[] = [
  { keys: ['s'], label: 's', word: 'start', sentence: 'start the belt (a 3 s countdown first)', action: 'start' },
  { keys: [' ', 'x'], label: 'space/x', word: 'stop', sentence: 'stop: the belt ramps down to a standstill', action: 'stop' },
  { keys: [UP, '+', '='], label: 'up/+', word: 'faster', sentence: 'one speed step up', action: 'speedUp' },
  { keys: [DOWN, '-'], label: 'down/-', word: 'slower', sentence: 'one speed step down', action: 'speedDown' },
  { keys: [RIGHT, ']'], label: 'right/]', word: 'incline up', sentence: 'one incline step up (machines with an incline)', action: 'inclineUp' },
  { keys: [LEFT, '['], label: 'left/[', word: 'incline down', sentence: 'one incline step down', action: 'inclineDown' },
  { keys: ['b'], label: 'b', word: 'direction', sentence: 'toggle forward/backward (applied once the belt stands still)', action: 'direction' },
  { keys: ['w'], label: 'w', word: 'slow down', sentence: 'slow down to the walking speed', action: 'slowDown' },
  { keys: ['f'], label: 'f', word: 'free belt', sentence: 'free belt: motor off, the walker pushes the belt', action: 'freeBelt' },
  { keys: ['k'], label: 'k', word: 'key', sentence: 'pull or insert the safety key', action: 'key' },
  { keys: ['l'], label: 'l', word: 'walker', sentence: 'put the simulated walker on or off the belt', action: 'walker' },
  { keys: ['c'], label: 'c', word: 'clear fault', sentence: 'clear a latched fault (key in, belt still)', action: 'clearFault' },
  { keys: ['?', 'h'], label: '?/h', word: 'help', sentence: 'show or hide this help', action: 'help' },
  { keys: ['q', CONTROL_C], label: 'q', word: 'quit', sentence: 'quit, with the session summary', action: 'quit' },
];

/** The action of one key press (an arrow key is its three-character escape sequence), or null. */
export function liveKeyAction(key: string): LiveKeyAction | null {
  const found = LIVE_KEYS.filter((entry) => entry.keys.indexOf(key) >= 0);
  return found.length > 0 ? found[0].action : null;
}

/** The reminder of every key, wrapped to `widthColumns` (it was cut at the screen's edge). */
export function keyReminderLines(widthColumns: number): string[] {
  return wrapText('keys: ' + LIVE_KEYS.map((entry) => entry.label + ' ' + entry.word).join('  '), widthColumns);
}

/** The help screen: each key with what it does, wrapped to `widthColumns`. */
export function helpScreenLines(widthColumns: number): string[] {
  const labelColumns = LIVE_KEYS.reduce((widest, entry) => Math.max(widest, entry.label.length), 0) + 2;
  const lines = ['retrotread live view: keys', ''];
  LIVE_KEYS.forEach((entry) => {
    wrapText(entry.sentence, widthColumns - labelColumns).forEach((text, index) => lines.push((index === 0 ? entry.label : '').padEnd(labelColumns) + text));
  });
  lines.push('');
  return lines.concat(wrapText('The view shows the state, the speeds (the target is 0 while stopping), the incline, the program, and the last minute of speed as a plot. ? or h again closes this help.', widthColumns));
}
