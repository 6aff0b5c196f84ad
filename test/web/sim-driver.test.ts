// The web console's simulation driver run headless in Node: a session through its commands, key pull and clear, with the plot series.

import { strict as assert } from 'assert';
import { MAX_STEP_MS, PLOT_WINDOW_MS, SimDriver } from '../../web/sim-driver';

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
