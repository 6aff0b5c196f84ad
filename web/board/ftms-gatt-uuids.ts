// The GATT identifiers the board links look for: the FTMS service and characteristics the firmware serves, and Espruino's Bluetooth UART (Nordic UART Service).

/** Fitness Machine Service, 16-bit (hal/espruino/espruino-ftms-link.ts serves it; a test checks the two tables agree). */
export const FTMS_SERVICE = 0x1826;

/** The FTMS characteristics, 16-bit, as the board's link names them. */
export const FTMS_CHARACTERISTICS = {
  feature: 0x2acc,
  treadmillData: 0x2acd,
  trainingStatus: 0x2ad3,
  speedRange: 0x2ad4,
  inclineRange: 0x2ad5,
  controlPoint: 0x2ad9,
  machineStatus: 0x2ada,
};

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
