// The web console's simulation driver run headless in Node: a session through its commands, key pull and clear, with the plot series.

import { strict as assert } from 'assert';
import { MAX_STEP_MS, MAX_TIME_SCALE, PLOT_WINDOW_MS, SimDriver } from '../../web/sim-driver';

/** Run `driver` for `durationMs` of simulated time in frames of `frameMs`, as the page's loop does. */
function runFrames(driver: SimDriver, durationMs: number, frameMs: number): void {
  for (let doneMs = 0; doneMs < durationMs; doneMs += frameMs) driver.advanceBy(frameMs);
}

describe('web console: simulation driver', () => {
  it('starts, speeds up, faults at a key pull, clears to idle, while the plot series grow', () => {
    const driver = new SimDriver();
    assert.equal(driver.firmwareStatus().state, 'idle');
    assert.equal(driver.command('start').accepted, true);
    runFrames(driver, 6000, 16);
    assert.equal(driver.firmwareStatus().state, 'running');
    const startKph = driver.firmwareStatus().targetSpeedKph;
    const pointsRunning = driver.series.timeS.length;
    assert.ok(pointsRunning >= 55 && pointsRunning <= 65, String(pointsRunning));

    for (let press = 0; press < 5; press++) assert.equal(driver.command('speedUp').accepted, true);
    assert.ok(driver.firmwareStatus().targetSpeedKph > startKph, String(driver.firmwareStatus().targetSpeedKph));
    assert.equal(driver.command('setSpeed', { speedKph: 4 }).accepted, true);
    assert.equal(driver.firmwareStatus().targetSpeedKph, 4);
    runFrames(driver, 5000, 16);
    // The belt follows the new target within the console's tolerance.
    const status = driver.firmwareStatus();
    assert.ok(Math.abs(driver.row().beltKph - status.targetSpeedKph) < 0.3, String(Math.abs(driver.row().beltKph - status.targetSpeedKph)));
    assert.ok(driver.series.timeS.length > pointsRunning, String(driver.series.timeS.length));
    const lastIndex = driver.series.timeS.length - 1;
    assert.equal(driver.series.targetKph[lastIndex], status.targetSpeedKph);
    assert.ok((driver.series.beltKph[lastIndex] || 0) > startKph, String(driver.series.beltKph[lastIndex]));

    driver.setKeyPulled(true);
    runFrames(driver, 500, 16);
    assert.equal(driver.firmwareStatus().state, 'fault');
    assert.notEqual(driver.firmwareStatus().fault, null);
    // A fault needs the key back before the clear is taken.
    assert.equal(driver.command('clearFault').accepted, false);
    driver.setKeyPulled(false);
    runFrames(driver, 5000, 16);
    assert.equal(driver.command('clearFault').accepted, true);
    runFrames(driver, 200, 16);
    assert.equal(driver.firmwareStatus().state, 'idle');
    assert.match(driver.logLines.join('\n'), /fault/);
  });

  it('caps a long frame at MAX_STEP_MS so a tab coming back does not freeze the page', () => {
    const driver = new SimDriver();
    const beforeMs = driver.nowMs();
    assert.equal(driver.advanceBy(60000), MAX_STEP_MS);
    assert.equal(driver.nowMs() - beforeMs, MAX_STEP_MS);
    assert.equal(driver.advanceBy(-5), 0);
  });

  it('keeps only the sliding window in the plot series', () => {
    const driver = new SimDriver();
    runFrames(driver, PLOT_WINDOW_MS + 20000, MAX_STEP_MS);
    const series = driver.series;
    assert.equal(series.timeS.length, series.beltKph.length);
    assert.equal(series.timeS.length, series.targetKph.length);
    assert.ok(series.timeS[series.timeS.length - 1] - series.timeS[0] <= PLOT_WINDOW_MS / 1000, String(series.timeS[series.timeS.length - 1] - series.timeS[0]));
    assert.ok(series.timeS[0] > 15, String(series.timeS[0]));
  });

  it('changes direction, incline and the walker through the console commands', () => {
    const driver = new SimDriver();
    assert.equal(driver.toggleDirection().accepted, true);
    // At idle the change waits (pending) until the belt is next started from standstill.
    assert.equal(driver.firmwareStatus().pendingDirection, 'backward');
    assert.equal(driver.toggleDirection().accepted, true);
    assert.notEqual(driver.firmwareStatus().pendingDirection, 'backward');
    assert.equal(driver.toggleDirection().accepted, true);
    assert.equal(driver.firmwareStatus().pendingDirection, 'backward');
    assert.equal(driver.stepIncline(2).accepted, true);
    assert.ok(driver.firmwareStatus().targetInclinePct > 0, String(driver.firmwareStatus().targetInclinePct));
    assert.equal(driver.command('setSpeed', { speedKph: 1.5 }).accepted, false);
    assert.match(driver.lastAnswer, /^setSpeed: refused/);
    driver.setWalkerOn(false);
    assert.equal(driver.isWalkerOn(), false);
    assert.equal(driver.lastAnswer, 'walker off the belt');
  });
});

describe('web console: simulation driver as a view source', () => {
  it('reports the view status with the simulator\'s truth, and a program with its segment', () => {
    const driver = new SimDriver();
    assert.equal(driver.kind, 'simulator');
    assert.match(driver.description, /MC-2100.*one pulse per foot.*esp32/);
    assert.ok(driver.programNames.indexOf('12-3-30') >= 0, driver.programNames.join(','));
    assert.equal(driver.program(), null);
    assert.equal(driver.command('startProgram', { programName: '12-3-30' }).accepted, true);
    assert.match(driver.lastAnswer, /^startProgram 12-3-30: ok/);
    runFrames(driver, 8000, 20);
    const program = driver.program();
    assert.notEqual(program, null);
    assert.equal(program!.name, '12-3-30');
    assert.equal(program!.segmentIndex, 0);
    // 30 minutes at 3 mph and 12 % with its warm-up and cool-down, a few seconds of it gone.
    assert.ok(program!.remainingMs > 30 * 60000 && program!.remainingMs < 40 * 60000, String(program!.remainingMs));
    const status = driver.status();
    assert.equal(status.state, 'running');
    assert.equal(status.keyPresent, true);
    assert.ok(status.duty !== null && status.duty > 0, String(status.duty));
    assert.ok(status.beltKph !== null && status.beltKph > 0.5, String(status.beltKph));
    assert.ok(status.elapsedMs !== null && status.elapsedMs > 0);
    assert.equal(driver.series.duty.length, driver.series.timeS.length);
    assert.equal(driver.series.inclinePct.length, driver.series.timeS.length);
    assert.equal(driver.command('pause').accepted, true);
    assert.equal(driver.program()!.phase, 'paused');
  });

  it('boots with the units and weight it is given stored as settings, on the machine it is given', () => {
    const driver = new SimDriver({ units: 'mph', userWeightKg: 90, drive: 'hbridge', pulsesPerMeter: 100, board: 'pico' });
    assert.equal(driver.units, 'mph');
    assert.equal(driver.userWeightKg, 90);
    assert.match(driver.description, /H-bridge.*100 pulses per metre.*pico/);
    assert.equal(new SimDriver().units, 'kph');
    assert.equal(new SimDriver().userWeightKg, null);
  });

  it('runs faster than real time by its time scale, the step cap scaled alike', () => {
    const driver = new SimDriver({ timeScale: 10 });
    assert.equal(driver.advanceBy(20), 200);
    assert.equal(driver.advanceBy(60000), MAX_STEP_MS * 10);
    assert.equal(new SimDriver({ timeScale: 1000 }).timeScale, MAX_TIME_SCALE);
  });

  it('an injected encoder loss trips the firmware\'s fault; the walker\'s weight and direction are the user\'s', () => {
    const driver = new SimDriver();
    assert.equal(driver.setWalkerKg(10), false);
    assert.equal(driver.walkerKg(), 70);
    assert.equal(driver.setWalkerKg(95), true);
    driver.setFacing('backward');
    assert.equal(driver.facing(), 'backward');
    driver.setFacing('withBelt');
    driver.command('start');
    runFrames(driver, 6000, 20);
    assert.equal(driver.firmwareStatus().state, 'running');
    driver.injectFault('encoderDisconnected');
    assert.deepEqual(driver.activeFaults(), ['encoderDisconnected']);
    runFrames(driver, 5000, 20);
    assert.equal(driver.firmwareStatus().fault, 'encoderLoss');
    driver.removeFault('encoderDisconnected');
    assert.deepEqual(driver.activeFaults(), []);
  });
});
