// Fitness Machine Control Point (0x2AD9) on the wire: the request decoder, the response encoder, op and result codes.

import { readSint16, readUint16, writeUint8 } from './wire-values';

/** Request op codes the firmware knows (FTMS 4.16.1). */
export const OP_REQUEST_CONTROL = 0x00;
export const OP_RESET = 0x01;
export const OP_SET_TARGET_SPEED = 0x02;
export const OP_SET_TARGET_INCLINATION = 0x03;
export const OP_START_OR_RESUME = 0x07;
export const OP_STOP_OR_PAUSE = 0x08;
/** First byte of every response indication. */
export const OP_RESPONSE_CODE = 0x80;

/** Result codes (FTMS 4.16.2.22). */
export const RESULT_SUCCESS = 0x01;
export const RESULT_OP_CODE_NOT_SUPPORTED = 0x02;
export const RESULT_INVALID_PARAMETER = 0x03;
export const RESULT_OPERATION_FAILED = 0x04;
export const RESULT_CONTROL_NOT_PERMITTED = 0x05;

/** A response is always three bytes: 0x80, the request's op code, the result. */
export const RESPONSE_BYTES = 3;

/**
 * One decoded write, reused for every write (nothing allocated per write). `parameterValid` is
 * false when the bytes after the op code do not have the op's exact length (or a Stop or Pause
 * parameter is not 1 or 2): the answer is then "invalid parameter".
 */
export interface ControlPointRequest {
  opCode: number;
  /** The op is one this decoder knows (whether the machine supports it is the session's call). */
  known: boolean;
  parameterValid: boolean;
  /** Set Target Speed: uint16, 0.01 km/h. */
  targetSpeedRaw: number;
  /** Set Target Inclination: sint16, 0.1 %. */
  targetInclinationRaw: number;
  /** Stop or Pause: 1 stop, 2 pause (0 when absent or invalid). */
  controlInformation: number;
}

export function makeControlPointRequest(): ControlPointRequest {
  return { opCode: 0, known: false, parameterValid: false, targetSpeedRaw: 0, targetInclinationRaw: 0, controlInformation: 0 };
}

/**
 * Decodes `bytes` into `out`; returns false for an empty write (it has no op code to answer).
 * Never throws: any byte string is either a request or empty. Lengths are exact: a trailing byte
 * is a malformed request, not a value to ignore.
 */
export function decodeControlPointRequest(bytes: Uint8Array, out: ControlPointRequest): boolean {
  out.targetSpeedRaw = 0;
  out.targetInclinationRaw = 0;
  out.controlInformation = 0;
  if (bytes.length === 0) {
    out.known = false;
    out.parameterValid = false;
    return false;
  }
  const opCode = bytes[0];
  out.opCode = opCode;
  out.known = true;
  if (opCode === OP_SET_TARGET_SPEED) {
    out.parameterValid = bytes.length === 3;
    if (out.parameterValid) out.targetSpeedRaw = readUint16(bytes, 1);
  } else if (opCode === OP_SET_TARGET_INCLINATION) {
    out.parameterValid = bytes.length === 3;
    if (out.parameterValid) out.targetInclinationRaw = readSint16(bytes, 1);
  } else if (opCode === OP_STOP_OR_PAUSE) {
    out.parameterValid = bytes.length === 2 && (bytes[1] === 1 || bytes[1] === 2);
    if (out.parameterValid) out.controlInformation = bytes[1];
  } else if (opCode === OP_REQUEST_CONTROL || opCode === OP_RESET || opCode === OP_START_OR_RESUME) {
    out.parameterValid = bytes.length === 1;
  } else {
    out.known = false;
    out.parameterValid = false;
  }
  return true;
}

/** Writes the response to `requestOpCode` with `resultCode` into `out` (at least 3 bytes); returns 3. */
export function encodeControlPointResponse(requestOpCode: number, resultCode: number, out: Uint8Array): number {
  return writeUint8(out, writeUint8(out, writeUint8(out, 0, OP_RESPONSE_CODE), requestOpCode), resultCode);
}
