// The web console's keyboard shortcuts, the terminal live view's keys (sim/cli/live-keys.ts) in a browser's key names. Pure.

/** What a shortcut does (web/console-page.ts acts on these names, as the buttons' data-action do). */
export type ShortcutAction = 'start' | 'stop' | 'speedUp' | 'speedDown' | 'inclineUp' | 'inclineDown' | 'direction' | 'slowDown' | 'freeBelt' | 'key' | 'walker' | 'clearFault' | 'help';

/** One shortcut: its keys (KeyboardEvent.key values), how the help writes them, and what it does. */
export interface Shortcut {
  keys: string[];
  label: string;
  sentence: string;
  action: ShortcutAction;
}

/** The terminal's keys, so a user of one knows the other (q, quit, has no page to leave). */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['s'], label: 's', sentence: 'start (a 3 s countdown first)', action: 'start' },
  { keys: [' ', 'x'], label: 'space / x', sentence: 'stop: the belt ramps down', action: 'stop' },
  { keys: ['ArrowUp', '+', '='], label: '↑ / +', sentence: 'speed up one step', action: 'speedUp' },
  { keys: ['ArrowDown', '-'], label: '↓ / -', sentence: 'speed down one step', action: 'speedDown' },
  { keys: ['ArrowRight', ']'], label: '→ / ]', sentence: 'incline up one step', action: 'inclineUp' },
  { keys: ['ArrowLeft', '['], label: '← / [', sentence: 'incline down one step', action: 'inclineDown' },
  { keys: ['b'], label: 'b', sentence: 'toggle forward/backward (applied at a standstill)', action: 'direction' },
  { keys: ['w'], label: 'w', sentence: 'slow down to the walking speed', action: 'slowDown' },
  { keys: ['f'], label: 'f', sentence: 'free belt: motor off, the walker pushes', action: 'freeBelt' },
  { keys: ['k'], label: 'k', sentence: 'pull or insert the safety key (simulator)', action: 'key' },
  { keys: ['l'], label: 'l', sentence: 'walker on or off the belt (simulator)', action: 'walker' },
  { keys: ['c'], label: 'c', sentence: 'clear a latched fault (key in, belt still)', action: 'clearFault' },
  { keys: ['?', 'h'], label: '? / h', sentence: 'show or hide this list', action: 'help' },
];

/** Where a key press means typing or choosing, not a shortcut: form fields, and lists that use the arrows. */
const TYPING_TAGS = ['INPUT', 'SELECT', 'TEXTAREA'];

/**
 * The shortcut a key press asks for, or null. `targetTag` is the focused element's tag name:
 * in a form field a key types; on a button, space and Enter press that button as the browser
 * does (a keyboard user tabbing to Start must not stop the belt instead). A press with Ctrl, Alt
 * or Meta is the browser's (copy, reload...), never ours.
 */
export function shortcutFor(key: string, targetTag: string, withModifier: boolean): ShortcutAction | null {
  if (withModifier || TYPING_TAGS.indexOf(targetTag.toUpperCase()) >= 0) return null;
  if (targetTag.toUpperCase() === 'BUTTON' && (key === ' ' || key === 'Enter')) return null;
  const found = SHORTCUTS.filter((shortcut) => shortcut.keys.indexOf(key.length === 1 ? key.toLowerCase() : key) >= 0 || shortcut.keys.indexOf(key) >= 0);
  return found.length > 0 ? found[0].action : null;
}
