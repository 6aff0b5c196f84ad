// The device check's harness: runs on the Linux Espruino as `.boot0`, before the firmware, and plays one session in simulated time.

/*
 * What it does, in order:
 * 1. At load (as `.boot0`): gives every pin name the firmware uses a distinct Linux pin, replaces
 *    the pin-level functions, the timers and the clock with fakes it owns, and holds every input
 *    at its idle level. Then the interpreter loads the firmware (`.bootcde`) as a board does; the
 *    firmware's HAL (hal/espruino/*) calls these fakes exactly where it would call the natives.
 * 2. `dc()` (the interpreter's `-e` code, after the firmware booted) plays the session as a
 *    synchronous loop of simulated time: boot, key in, Start, countdown, running, Speed Up
 *    presses, a program where the edition has one, key pull. It prints one `DC check` line per
 *    assertion and one `DC result` line of JSON at the end (scripts/device-check/session-output.ts
 *    reads them).
 *
 * Why the harness owns time: under callgrind the interpreter runs ~50x slower; a session on the
 * wall clock would not be the same session. Here every timer, watch callback and belt pulse runs
 * from one queue ordered by (due time, insertion order), like sim/sim-scheduler.ts, and
 * `getTime()` reads the queue's time. The firmware reaches time only through EspruinoClock
 * (getTime) and EspruinoScheduler (setInterval/setTimeout), so it runs as it would on a board
 * whose callbacks take no time; only the order of events at one instant is the harness's.
 *
 * Each firmware interval callback (the control tick) runs inside `E.mapInPlace`, which nothing
 * else calls: the device check counts that native call's inclusive instructions under callgrind,
 * so the tick's cost excludes the harness, its belt plant and its memory sampling.
 *
 * Espruino-safe (bundled by scripts/device-check/harness-bundle.ts with the device settings): no
 * hoisting, no closures over loop variables, small. Its variables are reported beside the
 * firmware's.
 */

import type { HarnessConfig, HarnessInput } from './harness-types';

declare const DC_CONFIG: HarnessConfig;
/** Variables in use when `.boot0` began (the empty interpreter), set by the line before the config. */
declare const DC_M0: number;

/** One queued event. Events due at the same time run in the order they were queued (see insert). */
interface QueuedEvent {
  /** Due time, ms. */
  t: number;
  f: () => void;
  /** Repeat period, ms (0: once). */
  p: number;
  id: number;
  /** The firmware's control tick: run inside the measured native call. */
  tick: boolean;
  /** Another firmware interval (the display's redraw, FTMS data each second): measured too, apart from the ticks. */
  timer: boolean;
}

interface FakeWatch {
  id: number;
  pin: string;
  cb: (event: EspruinoWatchEvent) => void;
  edge: string;
  debounceMs: number;
  lastTime: number;
}

type Table = { [name: string]: unknown };

const espruinoGlobal = global as unknown as Table;
const espruinoE = E as unknown as Table;
const config = DC_CONFIG;
const PRESS_MS = 40;
const PLANT_STEP_MS = 10;
const BELT_LAG_MS = 500;
const ENCODER_PULSE_MS = 5;
/** Empty calls of the measured native that measure its own cost. */
const WRAPPER_CALLS = 8;
/**
 * Pin-level functions the tick calls whose natives also work on the Linux build: each runs
 * CALIBRATION_CALLS times in a measured call, as the fake and as the native, so the device check
 * can take the fakes' extra cost off the tick (analogWrite and analogRead have no working native
 * on Linux: their fakes stay in the figure).
 */
const CALIBRATED = ['getTime', 'digitalRead', 'digitalWrite', 'kickWatchdog'];
const CALIBRATION_CALLS = 10;
const CALIBRATION_REPEATS = 3;
/** Every fake the tick may call, counted per running tick in a counting run (`dc(1)`). */
const COUNTED = ['getTime', 'digitalRead', 'digitalWrite', 'analogWrite', 'analogRead', 'kickWatchdog'];

let nowMs = 0;
let nextId = 1;
const queue: QueuedEvent[] = [];
const levels: { [pin: string]: number } = {};
const duties: { [pin: string]: number } = {};
const watches: FakeWatch[] = [];
let kicks = 0;
let watchdogS = 0;
let ticks = 0;
/** Calls of the firmware's other intervals (display, FTMS), each measured with the label `o`. */
let timerCalls = 0;
/**
 * Whether the other intervals run measured (the timing run, `dc(2)`): only there, because each
 * adds two marks to `phases`, which would swell the memory run's peak.
 */
let measureTimers = false;
/** The display bus's bit rate as the firmware set it up, Hz (0: no display, or not set up). */
let displayBitrateHz = 0;
/** Calls of the measured native so far (wrapper calibration and ticks): the index callgrind's dumps follow. */
let measuredCalls = 0;
let intervals = 0;
/** Intervals at another period than the control tick's (the display's redraw, FTMS data each second): plain events, not measured. */
let otherIntervals = 0;
let tickPeriodMs = 0;
/** The faked display bus: transfers, bytes, the first transfer's length, transfers to another address or inside a tick. */
let displayWrites = 0;
let displayBytes = 0;
let displayFirstBytes = 0;
let displayWrongAddress = 0;
let displayWritesInTicks = 0;
/** The faked Bluetooth (see installNrf): services set, values updated, updates inside a tick, indications, the client's callbacks. */
let ftmsServiceCalls = 0;
let ftmsUpdates = 0;
let ftmsUpdatesInTicks = 0;
let ftmsIndications = 0;
let ftmsConnect: ((detail: unknown) => void) | null = null;
let ftmsWrite: ((event: { data: ArrayBuffer }) => void) | null = null;
let peakUsage = 0;
let totalVariables = 0;
let failures = 0;
let checks = 0;
let phases = '';
let phase = '';
let beltKph = 0;
let positionM = 0;
let nextMarkM = config.metersPerPulse;
let keyCutInEvent = false;
let usageAtBoot0End = 0;
/** The label of the tick being run ('r' or 'i'), '' outside ticks: what a counting run counts in. */
let tickLabel = '';
const pinCalls: { [name: string]: number } = {};
/** The natives the calibrated fakes replace, and a Linux pin no alias can hide, for the calibration. */
const natives: Table = {};
let calibrationPin: unknown = null;

function memoryUsage(): number {
  const info = (process as unknown as EspruinoProcess).memory();
  totalVariables = info.total;
  return info.usage;
}

function sampleMemory(): void {
  const used = memoryUsage();
  if (used > peakUsage) peakUsage = used;
}

function errorFlags(): string {
  const flags = (espruinoE.getErrorFlags as () => string[])();
  return flags.join(',');
}

function say(line: string): void {
  console.log('DC ' + line);
}

function check(name: string, ok: boolean, detail: string): void {
  checks++;
  if (!ok) failures++;
  say('check ' + (ok ? 'ok ' : 'FAIL ') + name + (detail ? ': ' + detail : ''));
}

/** Queue `event` after every event due at or before its time: ties keep their insertion order. */
function insert(event: QueuedEvent): void {
  let index = queue.length;
  while (index > 0 && queue[index - 1].t > event.t) index--;
  queue.splice(index, 0, event);
}

function schedule(atMs: number, periodMs: number, callback: () => void, tick: boolean, timer?: boolean): number {
  const id = nextId++;
  insert({ t: atMs, f: callback, p: periodMs, id: id, tick: tick, timer: timer === true });
  return id;
}

function cancel(id: number): void {
  for (let index = 0; index < queue.length; index++) {
    if (queue[index].id === id) {
      queue.splice(index, 1);
      return;
    }
  }
}

// The measured native call around each control tick (see the file comment).
const mapFrom = new Uint8Array(1);
const mapTo = new Uint8Array(1);
let currentTick: () => void = () => undefined;
function inTick(value: number): number {
  currentTick();
  return value;
}
function runTick(callback: () => void): void {
  measuredCalls++;
  currentTick = callback;
  (espruinoE.mapInPlace as (from: Uint8Array, to: Uint8Array, map: (value: number) => number) => void)(mapFrom, mapTo, inTick);
}

function enableOn(): boolean {
  return levels[config.enablePin] === (config.enableActiveLow ? 0 : 1);
}

function speedDuty(): number {
  return duties[config.speedPin] || 0;
}

function motorOff(): boolean {
  return !enableOn() && speedDuty() === 0;
}

function motorText(): string {
  return 'enable ' + (enableOn() ? 'on' : 'off') + ', duty ' + speedDuty().toFixed(3);
}

/** A firmware interval callback: counted, labelled by whether the motor is driven as it starts, measured. */
function onTick(callback: () => void): void {
  const label = enableOn() ? 'r' : 'i';
  if (label !== phase) {
    phase = label;
    phases += label + measuredCalls + ' ';
  }
  ticks++;
  tickLabel = label;
  runTick(callback);
  tickLabel = '';
}

/**
 * Another firmware interval: measured with the label `o`, so the check can add the timers' work
 * to the tick's; not a tick (`tickLabel` stays empty: the display and FTMS checks still see their
 * writes as outside the ticks, which they are).
 */
function onTimer(callback: () => void): void {
  phase = 'o';
  phases += 'o' + measuredCalls + ' ';
  timerCalls++;
  runTick(callback);
}

function activeLevel(input: HarnessInput): number {
  return input.activeLow ? 0 : 1;
}

/**
 * Drive an input pin to `level` now. Each watch on the pin whose edge matches gets its callback
 * from the queue `debounce` ms later (the level must hold that long on the device), with the
 * edge's own time; `after` runs in that same event, right after the callback.
 */
function setLevel(pin: string, level: number, after: (() => void) | null): void {
  if ((levels[pin] || 0) === level) return;
  levels[pin] = level;
  const timeS = nowMs / 1000;
  watches.forEach((watch) => {
    if (watch.pin !== pin || (watch.edge === 'rising' && level === 0) || (watch.edge === 'falling' && level === 1)) return;
    const event: EspruinoWatchEvent = { state: level === 1, time: timeS, lastTime: watch.lastTime };
    watch.lastTime = timeS;
    schedule(nowMs + watch.debounceMs, 0, () => {
      watch.cb(event);
      if (after !== null) after();
    }, false);
  });
}

function press(input: HarnessInput): void {
  setLevel(input.pin, activeLevel(input), null);
  schedule(nowMs + PRESS_MS, 0, () => setLevel(input.pin, 1 - activeLevel(input), null), false);
}

/** The belt speed the firmware's duty map gives for `duty` (linear between points, extended past the last). */
function speedForDuty(duty: number): number {
  const map = config.dutyMap;
  if (!(duty > map[1])) return 0;
  let index = 2;
  while (index + 2 < map.length && map[index + 1] < duty) index += 2;
  const slope = (map[index] - map[index - 2]) / (map[index + 1] - map[index - 1]);
  return Math.max(0, map[index - 2] + (duty - map[index - 1]) * slope);
}

function pulseAt(atMs: number): void {
  const encoder = config.encoder;
  schedule(atMs, 0, () => setLevel(encoder.pin, activeLevel(encoder), null), false);
  schedule(atMs + ENCODER_PULSE_MS, 0, () => setLevel(encoder.pin, 1 - activeLevel(encoder), null), false);
}

/**
 * The belt plant, every 10 ms: speed follows the duty the motor gets (0 with the enable off)
 * through a first-order lag of 0.5 s toward the duty map's speed; an encoder pulse every
 * `metersPerPulse` of travel, its edges queued at the time the belt passes the mark.
 */
function stepPlant(): void {
  const targetKph = enableOn() ? speedForDuty(speedDuty()) : 0;
  const startKph = beltKph;
  beltKph = targetKph + (startKph - targetKph) * Math.exp(-PLANT_STEP_MS / BELT_LAG_MS);
  const travelM = ((startKph + beltKph) / 2 / 3.6) * (PLANT_STEP_MS / 1000);
  const fromM = positionM;
  positionM += travelM;
  while (positionM >= nextMarkM) {
    pulseAt(nowMs + (PLANT_STEP_MS * (nextMarkM - fromM)) / travelM);
    nextMarkM += config.metersPerPulse;
  }
}

/** Run every queued event due up to `endMs`, in order; memory is sampled after each but the plant's. */
function runUntil(endMs: number): void {
  while (queue.length > 0 && queue[0].t <= endMs) {
    const event = queue.shift() as QueuedEvent;
    nowMs = event.t;
    if (event.p > 0) {
      event.t += event.p;
      insert(event);
    }
    if (event.tick) onTick(event.f);
    else if (event.timer && measureTimers) onTimer(event.f);
    else event.f();
    if (event.f !== stepPlant) sampleMemory();
  }
  nowMs = endMs;
}

function advance(durationMs: number): void {
  runUntil(nowMs + durationMs);
}

/** Advance until `done` holds (checked every 100 ms), at most `limitMs`; returns whether it held. */
function advanceUntil(done: () => boolean, limitMs: number): boolean {
  const endMs = nowMs + limitMs;
  while (!done()) {
    if (nowMs >= endMs) return false;
    advance(100);
  }
  return true;
}

/**
 * A fake of the display's I2C bus (the hardware bus by its global name, or the software bus's
 * constructor): it records each transfer, so the session can check that the display was set up
 * and redrawn, at its address, never inside a control tick.
 */
function installDisplayBus(): void {
  const busName = config.displayBus;
  if (busName === null) return;
  const bus = {
    setup: (options: { bitrate?: number }) => {
      displayBitrateHz = options && options.bitrate ? options.bitrate : 0;
    },
    writeTo: (address: number, data: Uint8Array) => {
      if (displayWrites === 0) displayFirstBytes = data.length;
      displayWrites++;
      displayBytes += data.length;
      if (address !== config.displayAddress) displayWrongAddress++;
      if (tickLabel !== '') displayWritesInTicks++;
    },
  };
  if (busName === '') {
    espruinoGlobal.I2C = () => bus;
    return;
  }
  // A built-in bus global (the Linux build has I2C1) cannot be replaced, but its methods can.
  const existing = espruinoGlobal[busName] as Table | undefined;
  if (existing) {
    existing.setup = bus.setup;
    existing.writeTo = bus.writeTo;
  } else espruinoGlobal[busName] = bus;
}

/**
 * A minimal `NRF` for a board whose firmware serves FTMS (the Linux interpreter has no Bluetooth):
 * it keeps the control point's write callback and the connect listener, so the session can
 * connect a client, and counts the updates, so the check can see data and answers went out and
 * none from inside a control tick. The firmware's own FTMS code and buffers are then in the
 * memory figures.
 */
function installNrf(): void {
  if (!config.ftms) return;
  espruinoGlobal.NRF = {
    setServices: (services: { [uuid: number]: { [uuid: number]: { onWrite?: (event: { data: ArrayBuffer }) => void } } }) => {
      ftmsServiceCalls++;
      const controlPoint = services[0x1826][0x2ad9];
      ftmsWrite = controlPoint.onWrite || null;
    },
    updateServices: (updates: { [uuid: number]: { [uuid: number]: { indicate?: boolean } } }) => {
      ftmsUpdates++;
      if (tickLabel !== '') ftmsUpdatesInTicks++;
      const controlPoint = updates[0x1826][0x2ad9];
      if (controlPoint && controlPoint.indicate) ftmsIndications++;
    },
    setAdvertising: () => undefined,
    on: (event: string, listener: (detail: unknown) => void) => {
      if (event === 'connect') ftmsConnect = listener;
    },
  };
}

/** The FTMS client connects and requests control (op 0x00), as an app does first. */
function connectFtmsClient(): void {
  const connect = ftmsConnect;
  const write = ftmsWrite;
  if (connect === null || write === null) return;
  say('step FTMS client connects, requests control');
  connect('client');
  write({ data: new Uint8Array([0x00]).buffer });
}

function installFakes(): void {
  // Every pin name the bundle uses -> a distinct Linux pin. All are read before any is assigned,
  // so a name that is itself a Linux pin name ("D13") cannot chain to another alias.
  const linuxPins = config.aliases.map((pair) => espruinoGlobal[pair[1]]);
  calibrationPin = espruinoGlobal.D31;
  CALIBRATED.forEach((name) => {
    natives[name] = name === 'kickWatchdog' ? espruinoE[name] : espruinoGlobal[name];
  });
  config.aliases.forEach((pair, index) => {
    espruinoGlobal[pair[0]] = linuxPins[index];
  });
  espruinoGlobal.digitalWrite = (pin: string, value: unknown) => {
    levels[pin] = value ? 1 : 0;
    duties[pin] = 0;
  };
  espruinoGlobal.analogWrite = (pin: string, value: number) => {
    duties[pin] = value;
  };
  espruinoGlobal.digitalRead = (pin: string) => levels[pin] || 0;
  espruinoGlobal.analogRead = () => config.analogValue;
  espruinoGlobal.pinMode = () => undefined;
  espruinoGlobal.setWatch = (callback: (event: EspruinoWatchEvent) => void, pin: string, options: EspruinoWatchOptions) => {
    const id = nextId++;
    watches.push({ id: id, pin: String(pin), cb: callback, edge: options.edge, debounceMs: options.debounce || 0, lastTime: 0 });
    return id;
  };
  espruinoGlobal.clearWatch = (id: number) => {
    for (let index = 0; index < watches.length; index++) {
      if (watches[index].id === id) watches.splice(index, 1);
    }
  };
  espruinoGlobal.getTime = () => nowMs / 1000;
  espruinoGlobal.setInterval = (callback: () => void, periodMs: number) => {
    // The control tick is the interval at the configured control period; another (the display's
    // redraw, FTMS data each second) is measured apart (label `o`), so the tick's figure stays the tick's.
    const isTick = periodMs === config.controlPeriodMs;
    if (isTick) intervals++;
    else otherIntervals++;
    if (tickPeriodMs === 0 || isTick) tickPeriodMs = periodMs;
    return schedule(nowMs + periodMs, periodMs, callback, isTick, !isTick);
  };
  espruinoGlobal.setTimeout = (callback: () => void, delayMs: number) => schedule(nowMs + (delayMs || 0), 0, callback, false);
  espruinoGlobal.clearInterval = cancel;
  espruinoGlobal.clearTimeout = cancel;
  espruinoE.enableWatchdog = (timeoutS: number) => {
    watchdogS = timeoutS;
  };
  espruinoE.kickWatchdog = () => {
    kicks++;
  };
  // Power-up levels: the key out, every button released, sensors idle, the potentiometer at 0 %.
  installNrf();
  levels[config.key.pin] = 1 - activeLevel(config.key);
  levels[config.encoder.pin] = 1 - activeLevel(config.encoder);
  config.idleInputs.forEach((input) => {
    levels[input.pin] = 1 - activeLevel(input);
  });
  installDisplayBus();
  // Needed only here: free their variables before the firmware loads.
  config.aliases = [];
  config.idleInputs = [];
}

type ConsoleHandle = { command: (command: object) => { accepted: boolean; message: string } };

function startProgram(): void {
  const treadmill = espruinoGlobal.treadmill as ConsoleHandle | undefined;
  if (!treadmill || typeof treadmill.command !== 'function') {
    check('console handle global.treadmill', false, 'missing: the program cannot be started');
    return;
  }
  say('step stop, then program ' + config.program);
  press(config.stop);
  check('stop: the belt ramps down and the motor goes off', advanceUntil(motorOff, 8000), motorText());
  // A start needs the belt measured still: try every 0.25 s while the answer says to wait.
  let answer = treadmill.command({ name: 'startProgram', program: config.program, source: 'local' });
  for (let attempt = 0; attempt < 40 && !answer.accepted && answer.message.indexOf('still') >= 0; attempt++) {
    advance(250);
    answer = treadmill.command({ name: 'startProgram', program: config.program, source: 'local' });
  }
  check('startProgram ' + config.program + ' accepted', answer.accepted, answer.message);
  advance(config.countdownMs + 200);
  check('program running after its countdown', enableOn() && speedDuty() > 0, motorText());
  advance(2500);
  check('belt follows the program\'s first segment', beltKph >= config.programMinKph, 'belt ' + beltKph.toFixed(2) + ' km/h, want >= ' + config.programMinKph);
}

function session(): void {
  check('firmware booted: one control interval', intervals === 1 && tickPeriodMs === config.controlPeriodMs, intervals + ' interval(s), period ' + tickPeriodMs + ' ms, config ' + config.controlPeriodMs + ' ms');
  check('watchdog armed', watchdogS > 0, watchdogS + ' s');
  check('safe at boot', motorOff(), motorText());
  connectFtmsClient();
  advance(100);
  say('step key in, Start');
  setLevel(config.key.pin, activeLevel(config.key), null);
  // After power-up the firmware takes a start only once it has watched the belt stand still.
  advance(config.standstillTimeoutMs + 2 * config.controlPeriodMs);
  press(config.start);
  advance(config.countdownMs / 2);
  check('countdown: motor off', motorOff(), motorText());
  // The countdown ends at the first control tick after it runs out: up to a period later.
  check('running after the countdown', advanceUntil(() => enableOn() && speedDuty() > 0, config.countdownMs / 2 + 2 * config.controlPeriodMs), motorText());
  advance(1500);
  check('belt at the start speed', Math.abs(beltKph - config.startSpeedKph) < 0.3, 'belt ' + beltKph.toFixed(2) + ' km/h');
  say('step Speed Up x' + config.speedUpPresses);
  for (let count = 0; count < config.speedUpPresses; count++) {
    press(config.speedUp);
    advance(2 * PRESS_MS);
  }
  advance(2000);
  const targetKph = config.startSpeedKph + config.speedUpPresses * config.speedStepKph;
  check('belt at the raised speed', Math.abs(beltKph - targetKph) < 0.3, 'belt ' + beltKph.toFixed(2) + ' km/h, target ' + targetKph.toFixed(1));
  if (config.program !== '') startProgram();
  say('step key pull');
  setLevel(config.key.pin, 1 - activeLevel(config.key), () => {
    keyCutInEvent = motorOff();
    say('key edge event: ' + motorText());
  });
  advance(50);
  check('key pull: enable off and duty 0 in the key edge\'s own event', keyCutInEvent, motorText());
  advance(500);
  check('motor stays off after the key pull', motorOff(), motorText());
  check('every control tick completed healthy (watchdog kicked)', ticks > 0 && kicks === ticks, kicks + ' kicks, ' + ticks + ' ticks');
  // One interval of its own for each of the display's redraw and FTMS's data.
  const otherExpected = (config.displayBus !== null ? 1 : 0) + (config.ftms ? 1 : 0);
  if (config.displayBus !== null) {
    const detail = displayWrites + ' transfers, ' + displayBytes + ' bytes, the first ' + displayFirstBytes + ' bytes, ' + displayWrongAddress + ' to another address, ' + displayWritesInTicks + ' inside a tick, ' + otherIntervals + ' other interval(s)';
    check('display set up and redrawn on its own timer, at its address', displayWrites > 1 && displayWrongAddress === 0 && displayWritesInTicks === 0 && otherIntervals === otherExpected, detail);
  }
  if (config.ftms) {
    const detail = ftmsServiceCalls + ' setServices, ' + ftmsUpdates + ' updates, ' + ftmsIndications + ' indication(s), ' + ftmsUpdatesInTicks + ' inside a tick, ' + otherIntervals + ' other interval(s)';
    // Data each second of the session (two notifications a second) and statuses; one answer to the one write.
    check('FTMS served: data and statuses to the client, the write answered, nothing inside a tick', ftmsServiceCalls === 1 && ftmsUpdates > nowMs / 1000 && ftmsIndications === 1 && ftmsUpdatesInTicks === 0 && otherIntervals === otherExpected, detail);
  }
}

/**
 * One measured call that runs `name` CALIBRATION_CALLS times on a pin object, as the fake or as
 * the native (the fake's pin state is restored by the caller).
 */
function calibrate(name: string, native: boolean): void {
  const table = native ? natives : name === 'kickWatchdog' ? espruinoE : espruinoGlobal;
  const call = table[name] as (pin: unknown, value: number) => unknown;
  const pin = calibrationPin;
  phases += (native ? 'n' : 'f') + name + measuredCalls + ' ';
  runTick(() => {
    for (let count = 0; count < CALIBRATION_CALLS; count++) call(pin, 0);
  });
}

/** Count each fake's calls in running ticks (wrappers around the fakes; only for a run that is not timed). */
function countPinCalls(): void {
  COUNTED.forEach((name) => {
    const table = name === 'kickWatchdog' ? espruinoE : espruinoGlobal;
    const fake = table[name] as (a: unknown, b: unknown, c: unknown) => unknown;
    pinCalls[name] = 0;
    table[name] = (a: unknown, b: unknown, c: unknown) => {
      if (tickLabel === 'r') pinCalls[name]++;
      return fake(a, b, c);
    };
  });
}

/**
 * The session, from the interpreter's `-e` code: `dc()`, or `dc(1)` to count the fakes' calls
 * per running tick (a run that is not timed: the counting costs instructions), or `dc(2)` to
 * measure the other intervals too (the timing run). Prints the checks and one result line.
 */
function run(countCalls?: number): void {
  const flagsAtBoot = errorFlags();
  const usageAfterBoot = memoryUsage();
  peakUsage = usageAfterBoot;
  // The wrapper's own cost: these calls run nothing, and the device check subtracts their mean.
  phases = 'w0 ';
  for (let count = 0; count < WRAPPER_CALLS; count++) runTick(() => undefined);
  const pinName = String(calibrationPin);
  const level = levels[pinName];
  const duty = duties[pinName];
  for (let repeat = 0; repeat < CALIBRATION_REPEATS; repeat++) {
    CALIBRATED.forEach((name) => {
      calibrate(name, false);
      calibrate(name, true);
    });
  }
  // The calibration wrote the fake pin and kicked the fake watchdog: the session starts from before.
  levels[pinName] = level;
  duties[pinName] = duty;
  kicks = 0;
  if (countCalls === 1) countPinCalls();
  measureTimers = countCalls === 2;
  schedule(PLANT_STEP_MS, PLANT_STEP_MS, stepPlant, false);
  try {
    session();
  } catch (error) {
    check('session ran to its end', false, 'threw ' + String(error));
  }
  const flagsAtEnd = errorFlags();
  say('result ' + JSON.stringify({
    usageAtStart: DC_M0,
    usageHarness: usageAtBoot0End,
    usageAfterBoot: usageAfterBoot,
    usagePeak: peakUsage,
    total: totalVariables,
    flags: (flagsAtBoot + ',' + flagsAtEnd).split(',').filter((flag) => flag !== ''),
    wrapperCalls: WRAPPER_CALLS,
    calibrationCalls: CALIBRATION_CALLS,
    measuredCalls: measuredCalls,
    pinCalls: pinCalls,
    ticks: ticks,
    tickPeriodMs: tickPeriodMs,
    phases: phases.trim(),
    checks: checks,
    failures: failures,
    sessionMs: nowMs,
    timerCalls: timerCalls,
    displayBytes: displayBytes,
    displayBitrateHz: displayBitrateHz,
  }));
}

installFakes();
espruinoGlobal.dc = run;
usageAtBoot0End = memoryUsage();
// Printed now, so that the harness's size is known even when the firmware fails to load.
say('harness ' + DC_M0 + ' ' + usageAtBoot0End + ' ' + totalVariables);
