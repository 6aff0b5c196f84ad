// Tests the trace CSV: the header matches the row fields, numbers are short and exact, missing values are empty.

import { strict as assert } from 'assert';
import { formatTraceCsvRow, TRACE_CSV_HEADER } from '../../sim/scenario/trace-csv';
import { createTraceRow } from '../../sim/scenario/trace-row';

describe('trace CSV', () => {
  it('names every trace row field once, in the header', () => {
    const columns = TRACE_CSV_HEADER.split(',');
    assert.deepEqual(columns.slice().sort(), Object.keys(createTraceRow()).sort());
  });

  it('formats a row with trimmed numbers, 1/0 booleans and empty nulls', () => {
    const row = createTraceRow();
    row.timeS = 12.34;
    row.state = 'running';
    row.direction = 'backward';
    row.pendingDirection = null;
    row.targetKph = 1.2;
    row.setpointKph = 1.19999;
    row.measuredKph = 1.2346;
    row.beltKph = -0.0001;
    row.duty = 0.17346;
    row.motorEnabled = true;
    row.directionOutput = 'backward';
    row.keyPresent = false;
    row.inclinePct = 0;
    row.fault = 'keyRemoved';
    row.countdownMs = 0;
    row.distanceM = 10.004;
    row.beltDistanceM = 10.5;
    row.reboots = 2;
    row.directionDwellS = 2.04;
    row.elapsedS = 61.237;
    row.distanceForwardM = 0;
    row.distanceBackwardM = 20.5;
    row.elevationGainM = 0.004;
    row.energyKcal = 7.125;
    row.met = 2.5;
    row.averageMet = 2.456;
    row.belowValidatedRange = true;
    row.powered = false;
    assert.equal(formatTraceCsvRow(row), '12.34,running,backward,,1.2,1.2,1.235,0,0.1735,1,backward,0,0,keyRemoved,0,10,10.5,2,2.04,61.24,0,20.5,0,7.13,2.5,2.46,1,0');
  });

  it('writes the row fields in header order', () => {
    const row = createTraceRow();
    row.pendingDirection = 'forward';
    row.fault = null;
    const cells = formatTraceCsvRow(row).split(',');
    const columns = TRACE_CSV_HEADER.split(',');
    assert.equal(cells.length, columns.length);
    assert.equal(cells[columns.indexOf('pendingDirection')], 'forward');
    assert.equal(cells[columns.indexOf('fault')], '');
    assert.equal(cells[columns.indexOf('directionDwellS')], '-1');
  });
});
