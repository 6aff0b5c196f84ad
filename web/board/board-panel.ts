// The web console's board panel: connect a real board by Web Serial, Web Bluetooth (FTMS) or the Bluetooth console (NUS), and go back to the simulator.

import './board-panel.css';
import type { TreadmillViewSource } from '../view-source';
import { BoardLinkController, LINK_NAMES, type BoardPanelCallbacks } from './board-link-controller';
import type { LockManagerLike } from './board-link-lock';
import type { BoardLinkKind, BrowserLinks } from './browser-support';
import { globalTimers } from './source-timers';
import type { BluetoothLike } from './web-bluetooth-types';
import type { SerialLike } from './web-serial-types';

/** How often the panel rewrites its text, ms. */
const REFRESH_MS = 200;

/** How the page mounts the panel: a connected board's source goes to `onSource`, and the page's own views show it. */
export type BoardPanelOptions = BoardPanelCallbacks;

/** The browser's APIs, where it has them. */
export function browserLinks(): BrowserLinks {
  const found = navigator as unknown as { serial?: SerialLike; bluetooth?: BluetoothLike; locks?: LockManagerLike };
  return { serial: found.serial || null, bluetooth: found.bluetooth || null, locks: found.locks || null, secureContext: window.isSecureContext };
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: { [name: string]: string }, text?: string): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  Object.keys(attributes).forEach((name) => made.setAttribute(name, attributes[name]));
  if (text !== undefined) made.textContent = text;
  return made;
}

/**
 * Build the panel inside `container` and keep it up to date. Its element ids start with
 * `board-` (the browser test uses them). Returns the controller, for the page and the tests.
 */
export function mountBoardPanel(container: HTMLElement, options: BoardPanelOptions): BoardLinkController {
  const links = browserLinks();
  let shown: TreadmillViewSource | null = null;
  const controller = new BoardLinkController(links, globalTimers(), {
    onSource: (source) => {
      shown = source;
      options.onSource(source);
    },
    onSimulator: () => {
      shown = null;
      options.onSimulator();
    },
  });

  container.classList.add('board-panel');
  container.appendChild(make('h2', {}, 'Real board'));
  const buttons = make('div', { class: 'button-row' });
  const kinds: BoardLinkKind[] = ['serial', 'ftms', 'nus'];
  const connectButtons = kinds.map((kind) => {
    const button = make('button', { type: 'button', id: 'board-connect-' + kind }, (kind === 'serial' ? 'Connect board: ' : '') + LINK_NAMES[kind]);
    button.addEventListener('click', () => {
      controller.connect(kind).then(refresh);
      refresh();
    });
    buttons.appendChild(button);
    return button;
  });
  const backButton = make('button', { type: 'button', id: 'board-back' }, 'Back to simulator');
  backButton.addEventListener('click', () => {
    controller.backToSimulator().then(refresh);
  });
  buttons.appendChild(backButton);
  container.appendChild(buttons);

  // Each missing link in one sentence, said once.
  const missing: string[] = [];
  kinds.forEach((kind, index) => {
    const why = controller.unavailable(kind);
    connectButtons[index].disabled = why !== null;
    if (why !== null) connectButtons[index].title = why;
    if (why !== null && missing.indexOf(why) < 0) missing.push(why);
  });
  container.appendChild(make('p', { id: 'board-support', class: 'board-support' }, missing.join(' ')));
  const linkLine = make('p', { id: 'board-link', class: 'board-link', role: 'status', 'aria-live': 'polite' });
  container.appendChild(linkLine);
  container.appendChild(
    make(
      'p',
      { class: 'board-safety' },
      'Connecting sends only status reads. A command goes to the board only when you give it, and only while the link works: nothing is kept to send later, after a reload or a reconnection. A lost link is shown here and every figure turns unknown; this page never starts or stops the belt by itself. Over FTMS the board refuses a start from the page until someone started the belt at the machine, with the key in. Only one tab can hold the link.',
    ),
  );

  function refresh(): void {
    const state = controller.state();
    linkLine.textContent = controller.message();
    linkLine.className = 'board-link' + (shown !== null && !shown.connected() ? ' board-lost' : '');
    connectButtons.forEach((button, index) => (button.disabled = state === 'connecting' || controller.unavailable(kinds[index]) !== null));
    backButton.disabled = state !== 'board';
  }
  refresh();
  window.setInterval(refresh, REFRESH_MS);
  return controller;
}
