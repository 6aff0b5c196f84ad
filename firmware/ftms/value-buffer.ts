// One preallocated buffer per FTMS characteristic, with exact-length views made once per length: values of any length sent without allocating.

/**
 * The encoders write into `bytes` and return a length; a link wants a Uint8Array of exactly that
 * length. Why views cached per length: a Treadmill Data part, a Training Status with or without
 * its text and the statuses have a handful of lengths, so after the first second nothing more is
 * made, and memory on the board stays flat however long the session runs.
 */
export interface ValueBuffer {
  readonly bytes: Uint8Array;
  /** views[n]: the first n bytes, made on first use. */
  readonly views: (Uint8Array | null)[];
}

/** A buffer of `capacityBytes` (the largest value it will hold). Made once, at boot or on a new negotiated size. */
export function makeValueBuffer(capacityBytes: number): ValueBuffer {
  const views: (Uint8Array | null)[] = [];
  for (let i = 0; i <= capacityBytes; i++) views.push(null);
  return { bytes: new Uint8Array(capacityBytes), views: views };
}

/**
 * The first `length` bytes of `buffer` as a Uint8Array of that length, sharing its memory: the
 * next encode into the buffer overwrites it, so the link must copy (or send) the value before
 * the next one is written.
 */
export function valueOfLength(buffer: ValueBuffer, length: number): Uint8Array {
  let view = buffer.views[length];
  if (view === null) {
    view = new Uint8Array(buffer.bytes.buffer, 0, length);
    buffer.views[length] = view;
  }
  return view;
}
