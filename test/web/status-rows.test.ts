// The web console's status rows: units as set, unknown figures shown as unknown (a board's), the program line, and the shortcuts' key reading.

import { strict as assert } from 'assert';
import { shortcutFor, SHORTCUTS } from '../../web/keyboard-shortcuts';
import { clockText, distanceText, programText, statusRows, UNKNOWN } from '../../web/status-rows';
import type { ViewStatus } from '../../web/view-source';

/** A status as a board over FTMS might give it: speeds and distance, most else unknown. */
function boardStatus(): ViewStatus {
  return {
    state: null,
    direction: 'forward',
    pendingDirection: null,
    targetSpeedKph: 4.828,
    measuredSpeedKph: 4.8,
    beltKph: null,
    duty: null,
    inclinePct: 2,
    targetInclinePct: null,
    keyPresent: null,
    fault: null,
    countdownRemainingMs: 0,
    reason: '',
    elapsedMs: 3723000,
    distanceForwardM: 1609.344,
    distanceBackwardM: 0,
    energyKcal: null,
  };
}

function valueOf(rows: { label: string; value: string }[], label: string): string {
  const found = rows.filter((row) => row.label === label);
  assert.equal(found.length, 1, label);
  return found[0].value;
}

describe('web console: status rows', () => {
  it('shows what a board cannot know as unknown, never as 0, and speeds and distances in mph when set', () => {
    const rows = statusRows(boardStatus(), undefined, 'mph');
    assert.equal(valueOf(rows, 'State'), UNKNOWN);
    assert.equal(valueOf(rows, 'True belt speed'), UNKNOWN);
    assert.equal(valueOf(rows, 'Motor duty'), UNKNOWN);
    assert.equal(valueOf(rows, 'Energy'), UNKNOWN);
    assert.equal(valueOf(rows, 'MET'), UNKNOWN);
    assert.equal(valueOf(rows, 'Safety key'), UNKNOWN);
    assert.equal(valueOf(rows, 'Program'), UNKNOWN);
    assert.equal(valueOf(rows, 'Target speed'), '3.0 mph');
    assert.equal(valueOf(rows, 'Incline'), '2.0 %');
    assert.equal(valueOf(rows, 'Time'), '1:02:03');
    assert.equal(valueOf(rows, 'Distance'), '1.00 mi (forward 1.00, backward 0.00)');
  });

  it('the same labels in the same order whatever the state, so the panel is built once', () => {
    const known = Object.assign(boardStatus(), { state: 'countdown', countdownRemainingMs: 2300, keyPresent: false, fault: 'keyRemoved', elevationGainM: 12.34, currentMet: 3.21, averageMet: 2.5 });
    const rows = statusRows(known as ViewStatus, null, 'kph');
    assert.deepEqual(
      rows.map((row) => row.label),
      statusRows(boardStatus(), undefined, 'mph').map((row) => row.label),
    );
    assert.equal(valueOf(rows, 'State'), 'countdown 2.3 s');
    assert.equal(valueOf(rows, 'Program'), 'none');
    assert.equal(valueOf(rows, 'Elevation gain'), '12.3 m');
    assert.equal(valueOf(rows, 'MET'), '3.2 (mean 2.5)');
    assert.equal(valueOf(rows, 'Distance'), '1.61 km (forward 1.61, backward 0.00)');
    assert.deepEqual(rows.filter((row) => row.warning).map((row) => row.label), ['Safety key', 'Fault']);
    // While stopping the target shown is 0, as the firmware steers to it.
    assert.equal(valueOf(statusRows(Object.assign(boardStatus(), { state: 'stopping' }), null, 'kph'), 'Target speed'), '0.0 km/h');
  });

  it('words the program, the clock and short distances', () => {
    assert.equal(programText(null), 'none');
    assert.equal(programText({ name: 'intervals', phase: 'paused', segmentIndex: 2, segmentCount: 9, label: 'fast', segmentRemainingMs: 61000, remainingMs: 600000 }), 'intervals (paused), segment 3/9 fast, 1:01 left, 10:00 in all');
    assert.equal(clockText(59999), '0:59');
    assert.equal(distanceText(999.4, 'kph'), '999 m');
  });
});

describe('web console: keyboard shortcuts', () => {
  it('reads the terminal view\'s keys, arrows and upper case included', () => {
    assert.equal(shortcutFor('s', 'BODY', false), 'start');
    assert.equal(shortcutFor('S', 'BODY', false), 'start');
    assert.equal(shortcutFor(' ', 'BODY', false), 'stop');
    assert.equal(shortcutFor('ArrowUp', 'BUTTON', false), 'speedUp');
    assert.equal(shortcutFor('[', 'PRE', false), 'inclineDown');
    assert.equal(shortcutFor('k', 'BODY', false), 'key');
    assert.equal(shortcutFor('z', 'BODY', false), null);
  });

  it('leaves typing, a focused button\'s space and Enter, and the browser\'s own chords alone', () => {
    assert.equal(shortcutFor('s', 'INPUT', false), null);
    assert.equal(shortcutFor('ArrowDown', 'select', false), null);
    assert.equal(shortcutFor(' ', 'BUTTON', false), null);
    assert.equal(shortcutFor('Enter', 'BUTTON', false), null);
    assert.equal(shortcutFor('r', 'BODY', true), null);
    assert.equal(shortcutFor('c', 'BODY', true), null);
  });

  it('no key means two things', () => {
    const keys: string[] = [];
    SHORTCUTS.forEach((shortcut) => shortcut.keys.forEach((key) => keys.push(key)));
    assert.equal(keys.filter((key, index) => keys.indexOf(key) !== index).length, 0);
  });
});
