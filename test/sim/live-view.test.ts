// The terminal live views' pure parts: the speed plot, the key help's width, answers said once, the target while stopping, the summary.

import assert from 'node:assert/strict';
import { helpScreenLines, keyReminderLines, liveKeyAction } from '../../sim/cli/live-keys';
import { answerText, programLine, shownTargetKph } from '../../sim/cli/live-view';
import { sessionSummaryLine } from '../../sim/cli/session-summary';
import { renderSpeedPlot } from '../../sim/cli/speed-plot';
import { wrapText } from '../../sim/cli/wrap-text';

describe('live view', () => {
  it('plots a known series: one column per time slice, target and belt rows, scale and axis', () => {
    // 4 columns over 4 s: target 2 km/h throughout, the belt 0, 1, 2, 2 km/h; scale 0..2 over 3 rows.
    const samples = [0, 1, 2, 3].map((second) => ({ timeMs: 500 + second * 1000, targetKph: 2, measuredKph: [0, 1, 2, 2][second] }));
    assert.deepEqual(renderSpeedPlot(samples, 4000, { widthColumns: 10, heightRows: 3, spanMs: 4000 }), [
      ' 2.0 |--##',
      '     | *  ',
      ' 0.0 |*   ',
      '     +-4 s',
      '      * be',
    ]);
  });

  it('leaves time slices without a sample empty and drops samples older than the span', () => {
    const lines = renderSpeedPlot([{ timeMs: -10, targetKph: 5, measuredKph: 5 }, { timeMs: 3500, targetKph: 1, measuredKph: 1 }], 4000, { widthColumns: 10, heightRows: 2, spanMs: 4000 });
    assert.deepEqual(lines.slice(0, 2), [' 1.0 |   #', ' 0.0 |    ']);
  });

  it('fits the key reminder and the help screen in 80 columns, every key still there', () => {
    const reminder = keyReminderLines(80);
    assert.ok(reminder.length >= 2, 'the reminder is longer than one 80-column line');
    reminder.concat(helpScreenLines(80)).forEach((line) => assert.ok(line.length <= 80, line.length + ': ' + line));
    assert.match(reminder.join(' '), /q quit$/);
    assert.equal(helpScreenLines(80).filter((line) => /^\S+\s{2,}\S/.test(line)).length, 14);
    assert.equal(liveKeyAction('?'), 'help');
    assert.equal(liveKeyAction('\u001b[A'), 'speedUp');
    assert.equal(liveKeyAction('z'), null);
  });

  it('wraps at spaces and splits only a word longer than the line', () => {
    assert.deepEqual(wrapText('aa bb  cc dd', 5), ['aa bb', 'cc dd']);
    assert.deepEqual(wrapText('abcdefgh', 3), ['abc', 'def', 'gh']);
  });

  it('says an answer once: no "start: start:" and no "refused: refused:"', () => {
    assert.equal(answerText(true, 'start: countdown'), 'start: countdown');
    assert.equal(answerText(false, 'refused: 9.0 km/h is above the forward cap of 8.0 km/h'), 'refused: 9.0 km/h is above the forward cap of 8.0 km/h');
    assert.equal(answerText(false, 'remote start refused: start at the machine'), 'remote start refused: start at the machine');
    assert.equal(answerText(false, 'insert the safety key to clear the fault'), 'refused: insert the safety key to clear the fault');
  });

  it('shows 0 as the target while stopping, the asked speed otherwise', () => {
    assert.equal(shownTargetKph('stopping', 4.2), 0);
    assert.equal(shownTargetKph('running', 4.2), 4.2);
    assert.equal(shownTargetKph('countdown', 1), 1);
  });

  it('shows a program with its segment and time left, and none without one', () => {
    assert.equal(programLine(null), 'program    none');
    assert.equal(
      programLine({ name: 'intervals', phase: 'running', label: 'fast', segmentIndex: 1, segmentCount: 6, segmentRemainingMs: 65000, remainingMs: 600000 }),
      'program    intervals, segment 2/6 fast, 1:05 left in it, 10:00 in all',
    );
  });

  it('sums a session up: time, distance by direction, energy, average speed', () => {
    assert.equal(
      sessionSummaryLine({ elapsedMs: 125400, distanceForwardM: 80.04, distanceBackwardM: 12.5, energyKcal: 6.25, averageSpeedKph: 2.64 }),
      'session 2:05, forward 80.0 m, backward 12.5 m, 6.3 kcal, average 2.6 km/h',
    );
  });
});
