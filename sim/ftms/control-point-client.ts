// The app's side of the FTMS control point: request bytes as an app writes them, and its reading of the indicated answer.

/** The requests a scripted client makes by name (FTMS 4.16.1); `write` sends raw bytes. */
export type ControlPointOperation = 'requestControl' | 'reset' | 'setSpeed' | 'setIncline' | 'start' | 'stop' | 'pause';

/** Result codes by name (FTMS 4.16.2.22), as scenarios write them. */
export type ControlPointResultName = 'success' | 'opCodeNotSupported' | 'invalidParameter' | 'operationFailed' | 'controlNotPermitted';

/** Indexed by result code: 0 is not a result code, 1..5 are (written as a list, so no computed keys). */
const RESULT_NAMES_BY_CODE: string[] = ['', 'success', 'opCodeNotSupported', 'invalidParameter', 'operationFailed', 'controlNotPermitted'];
export const CONTROL_POINT_RESULT_NAMES = RESULT_NAMES_BY_CODE.slice(1) as ControlPointResultName[];
export const CONTROL_POINT_OPERATIONS: ControlPointOperation[] = ['requestControl', 'reset', 'setSpeed', 'setIncline', 'start', 'stop', 'pause'];

/** Largest target speed the wire can carry (uint16 in 0.01 km/h), km/h. */
export const MAX_WIRE_SPEED_KPH = 655.35;
/** The inclination the wire can carry (sint16 in 0.1 %), %. */
export const MIN_WIRE_INCLINE_PCT = -3276.8;
export const MAX_WIRE_INCLINE_PCT = 3276.7;

/** The result's name for `code`, or '' for a code FTMS does not define. */
export function resultName(code: number): ControlPointResultName | '' {
  return code >= 1 && code < RESULT_NAMES_BY_CODE.length ? (RESULT_NAMES_BY_CODE[code] as ControlPointResultName) : '';
}

/**
 * The bytes an app writes for `operation`. `value` is the target: km/h for setSpeed, % for
 * setIncline (ignored otherwise), rounded to the wire's resolution (0.01 km/h, 0.1 %); the caller
 * keeps it within the wire's range. Stop and pause are op 0x08 with 1 or 2.
 */
export function controlPointRequestBytes(operation: ControlPointOperation, value: number): Uint8Array {
  if (operation === 'setSpeed') {
    const raw = Math.round(value * 100);
    return new Uint8Array([0x02, raw & 0xff, (raw >> 8) & 0xff]);
  }
  if (operation === 'setIncline') {
    // Two's complement of a sint16, low byte first.
    const raw = Math.round(value * 10) & 0xffff;
    return new Uint8Array([0x03, raw & 0xff, (raw >> 8) & 0xff]);
  }
  if (operation === 'requestControl') return new Uint8Array([0x00]);
  if (operation === 'reset') return new Uint8Array([0x01]);
  if (operation === 'start') return new Uint8Array([0x07]);
  return new Uint8Array([0x08, operation === 'stop' ? 1 : 2]);
}

/** A control point indication as a client reads it. */
export interface ControlPointResponse {
  responseOpCode: number;
  requestOpCode: number;
  resultCode: number;
}

/** Control point response indication: 0x80, request op code, a known result code; throws on anything else, as a strict client does. */
export function decodeControlPointResponse(bytes: Uint8Array): ControlPointResponse {
  if (bytes.length !== 3) throw new Error(bytes.length < 3 ? 'value too short' : bytes.length - 3 + ' extra bytes');
  const decoded = { responseOpCode: bytes[0], requestOpCode: bytes[1], resultCode: bytes[2] };
  if (decoded.responseOpCode !== 0x80) throw new Error('not a response');
  if (resultName(decoded.resultCode) === '') throw new Error('unknown result code');
  return decoded;
}
