// The tests' FTMS client decoders: they live in sim/ftms/ftms-value-decoders.ts (browser-safe), shared with the web console's FTMS link.

export { decodeFeature, decodeInclineRange, decodeMachineStatus, decodeSpeedRange, decodeTrainingStatus, decodeTreadmillData, type Decoded } from '../../sim/ftms/ftms-value-decoders';
