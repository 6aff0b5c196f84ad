// Bytes to lowercase hex and back, as FTMS values are written in logs, scenarios and tests.

/** Bytes from hex (two digits a byte, either case); the caller checks the text first (`isHexBytes`). */
export function bytesFromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Whether `text` is whole bytes of hex digits (possibly none). */
export function isHexBytes(text: string): boolean {
  return text.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(text);
}

/** Lowercase hex of the first `length` bytes (all of them when `length` is absent). */
export function hexFromBytes(bytes: Uint8Array, length?: number): string {
  const count = length === undefined ? bytes.length : length;
  let hex = '';
  for (let i = 0; i < count; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return hex;
}
