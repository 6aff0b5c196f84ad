// The GATT identifiers the board links look for: the FTMS service and characteristics the firmware serves, and Espruino's Bluetooth UART (Nordic UART Service).

/** The FTMS service and characteristics, 16-bit: the same table the board's link serves (hal/ftms-link.ts). */
export { FTMS_SERVICE_UUID as FTMS_SERVICE, FTMS_UUIDS as FTMS_CHARACTERISTICS } from '../../hal/ftms-link';

/**
 * Nordic UART Service: Espruino offers its console on it over Bluetooth by default, and the
 * firmware keeps it (`NRF.setServices(..., {uart: true})`). TX notifies what the board prints;
 * RX takes what the host writes, at most 20 bytes a write at the default MTU.
 */
export const NUS_SERVICE = '6e400001-b5a3-f393-e0a9-e50e24dcca9e';
export const NUS_RX_CHARACTERISTIC = '6e400002-b5a3-f393-e0a9-e50e24dcca9e';
export const NUS_TX_CHARACTERISTIC = '6e400003-b5a3-f393-e0a9-e50e24dcca9e';

/** The name the firmware advertises (hal/espruino/espruino-ftms-link.ts ADVERTISED_NAME). */
export const ADVERTISED_NAME_PREFIX = 'retrotread';
