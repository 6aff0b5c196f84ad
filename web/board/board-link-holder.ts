// What every board source keeps of its link: the link's state, the sentence that says it, and who is told when the link is lost by itself.

import type { BoardLinkState } from './board-source';

/** The link part of a board source (web/board/board-source.ts): the sources over the console protocol and over FTMS extend it. */
export abstract class BoardLinkHolder {
  protected state: BoardLinkState = 'connecting';
  protected message: string;
  private readonly lostListeners: ((reason: string) => void)[] = [];

  /** `message`: the sentence while connecting ("connecting over Web Serial"). */
  constructor(message: string) {
    this.message = message;
  }

  connected(): boolean {
    return this.state === 'connected';
  }

  linkState(): BoardLinkState {
    return this.state;
  }

  linkMessage(): string {
    return this.message;
  }

  onLost(listener: (reason: string) => void): void {
    this.lostListeners.push(listener);
  }

  /** Tell every listener the link was lost by itself, with why. */
  protected tellLost(reason: string): void {
    this.lostListeners.forEach((listener) => listener(reason));
  }
}
