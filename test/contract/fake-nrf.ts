// A faked Espruino `NRF` on Node: records services, advertising and every update; plays a client's connections and writes; a busy radio on demand.

/** One updateServices entry, with a copy of its value. */
export interface FakeNrfUpdate {
  serviceUuid: number;
  characteristicUuid: number;
  value: number[];
  notify: boolean;
  indicate: boolean;
}

/**
 * The fake. Like nRF52 Espruino: one client at a time; a second indication before the first is
 * confirmed throws (BUSY); notifications and indications reach the client only while connected.
 */
export class FakeNrf {
  services: EspruinoServices | null = null;
  serviceOptions: unknown = undefined;
  setServicesCalls = 0;
  advertising: number[] | null = null;
  advertisingOptions: unknown = undefined;
  readonly updates: FakeNrfUpdate[] = [];
  /** What the client received: notifications and indications taken by the stack. */
  readonly received: FakeNrfUpdate[] = [];
  /** Values by characteristic UUID (what a read returns). */
  readonly values: { [uuid: number]: number[] } = {};
  connected = false;
  indicationInFlight = false;
  /** While true, a notification throws as an error of the radio would. */
  failNotifications = false;
  private readonly listeners: { [event: string]: ((detail: unknown) => void)[] } = { connect: [], disconnect: [] };
  private readonly previous: unknown;

  constructor() {
    const globals = global as unknown as { [name: string]: unknown };
    this.previous = globals.NRF;
    globals.NRF = {
      setServices: (services: EspruinoServices, options: unknown) => {
        if (this.connected) throw new Error('services can change only with nobody connected');
        this.setServicesCalls++;
        this.services = services;
        this.serviceOptions = options;
      },
      updateServices: (updates: { [service: number]: { [characteristic: number]: EspruinoCharacteristicUpdate } }) => this.update(updates),
      setAdvertising: (data: number[], options: unknown) => {
        this.advertising = data.slice();
        this.advertisingOptions = options;
      },
      on: (event: string, listener: (detail: unknown) => void) => {
        this.listeners[event].push(listener);
      },
    };
  }

  uninstall(): void {
    (global as unknown as { [name: string]: unknown }).NRF = this.previous;
  }

  /** The characteristic of the FTMS service with `uuid` as setServices declared it. */
  characteristic(serviceUuid: number, uuid: number): EspruinoCharacteristic {
    if (this.services === null) throw new Error('no services set');
    return this.services[serviceUuid][uuid];
  }

  /** A client connects (the stack's event, from the event loop). */
  connect(): void {
    this.connected = true;
    this.listeners.connect.forEach((listener) => listener('aa:bb:cc:dd:ee:ff public'));
  }

  disconnect(): void {
    this.connected = false;
    this.indicationInFlight = false;
    this.listeners.disconnect.forEach((listener) => listener(19));
  }

  /** The client writes `bytes` to characteristic `uuid` (the stack's write event). */
  write(serviceUuid: number, uuid: number, bytes: number[]): void {
    const onWrite = this.characteristic(serviceUuid, uuid).onWrite;
    if (onWrite === undefined) throw new Error('not writable');
    onWrite({ data: new Uint8Array(bytes).buffer });
  }

  /** The client confirms the indication in flight. */
  confirmIndication(): void {
    this.indicationInFlight = false;
  }

  private update(updates: { [service: number]: { [characteristic: number]: EspruinoCharacteristicUpdate } }): void {
    Object.keys(updates).forEach((serviceKey) => {
      const service = updates[Number(serviceKey)];
      Object.keys(service).forEach((characteristicKey) => {
        const change = service[Number(characteristicKey)];
        const record: FakeNrfUpdate = {
          serviceUuid: Number(serviceKey),
          characteristicUuid: Number(characteristicKey),
          value: Array.from(change.value),
          notify: change.notify === true,
          indicate: change.indicate === true,
        };
        if (record.indicate && this.connected && this.indicationInFlight) throw new Error('Got BLE error 0x11 BUSY');
        if (record.notify && this.failNotifications) throw new Error('Got BLE error 0x13 RESOURCES');
        this.updates.push(record);
        this.values[record.characteristicUuid] = record.value;
        if ((record.notify || record.indicate) && this.connected) this.received.push(record);
        if (record.indicate && this.connected) this.indicationInFlight = true;
      });
    });
  }
}
