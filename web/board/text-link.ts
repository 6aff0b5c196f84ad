// A board's console as text both ways, whatever carries it (Web Serial, or the Bluetooth UART service): what the console-protocol source needs of a link.

/**
 * An open link to a board's Espruino console. Text goes out as given (the link chunks it as its
 * medium needs) and comes in as the board printed it, in pieces.
 */
export interface TextLink {
  /** What carries it, for the page's heading ("Web Serial", "Bluetooth console (NUS)"). */
  readonly description: string;
  /** Send `text`; the promise fails when the link cannot take it (closed, lost). */
  write(text: string): Promise<void>;
  onText(listener: (text: string) => void): void;
  /** Called once when the link ends by itself (cable out, board reset, out of range), with why. */
  onLost(listener: (reason: string) => void): void;
  /** Close it on purpose (the user disconnects); `onLost` is not called for this. */
  close(): Promise<void>;
}
