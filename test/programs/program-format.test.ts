// Custom program validation and the built-in programs against the caps (firmware/program/program.ts, builtin-programs.ts).

import { strict as assert } from 'assert';
import fc from 'fast-check';
import { DEFAULT_CONFIG, type TreadmillConfig } from '../../firmware/config';
import { suggestBackwardSession } from '../../firmware/core/progress-suggestion';
import { BACKWARD_STAGES, builtinProgram, BUILTIN_PROGRAM_NAMES, TWELVE_THREE_THIRTY_SPEED_KPH } from '../../firmware/program/builtin-programs';
import { parseProgram, programDurationS, PROGRAM_LIMITS, type Program } from '../../firmware/program/program';

function withBackwardCap(speedKph: number): TreadmillConfig {
  return Object.assign({}, DEFAULT_CONFIG, { backward: Object.assign({}, DEFAULT_CONFIG.backward, { maxSpeedKph: speedKph }) });
}

function segments(list: unknown[]): string {
  return JSON.stringify({ name: 'custom', segments: list });
}

const GOOD = { durationS: 60, direction: 'forward', speedKph: 3, inclinePct: 2, label: 'walk' };

describe('custom program validation', () => {
  const rows: { name: string; text: string; error: string }[] = [
    { name: 'not JSON', text: '{name', error: 'program: not JSON' },
    { name: 'not an object', text: '[]', error: 'program: expected an object {name, segments}' },
    { name: 'unknown top field', text: JSON.stringify({ name: 'x', segments: [GOOD], extra: 1 }), error: 'extra: unknown field; expected name, segments' },
    { name: 'no name', text: JSON.stringify({ segments: [GOOD] }), error: 'name: expected text of 1..' + PROGRAM_LIMITS.maxNameLength + ' characters' },
    { name: 'no segments', text: segments([]), error: 'segments: expected a non-empty list of segments' },
    { name: 'backward speed above the cap', text: segments([GOOD, GOOD, Object.assign({}, GOOD, { direction: 'backward', speedKph: 5, inclinePct: 0 })]), error: 'segments[2].speedKph: 5 is above the backward cap of 4.0 km/h' },
    { name: 'forward speed above the cap', text: segments([Object.assign({}, GOOD, { speedKph: 17 })]), error: 'segments[0].speedKph: 17 is above the forward cap of 16.0 km/h' },
    { name: 'speed below the minimum', text: segments([Object.assign({}, GOOD, { speedKph: 0.5 })]), error: 'segments[0].speedKph: 0.5 is below the minimum of 0.8 km/h' },
    { name: 'backward incline above 10 %', text: segments([GOOD, Object.assign({}, GOOD, { direction: 'backward', speedKph: 2, inclinePct: 12 })]), error: 'segments[1].inclinePct: 12 is above the backward incline cap of 10.0 %' },
    { name: 'forward incline above 15 %', text: segments([Object.assign({}, GOOD, { inclinePct: 15.5 })]), error: 'segments[0].inclinePct: 15.5 is above the forward incline cap of 15.0 %' },
    { name: 'negative incline', text: segments([Object.assign({}, GOOD, { inclinePct: -1 })]), error: 'segments[0].inclinePct: -1 is below 0 %; this lift does not decline' },
    { name: 'bad direction', text: segments([Object.assign({}, GOOD, { direction: 'up' })]), error: 'segments[0].direction: expected "forward" or "backward", got "up"' },
    { name: 'duration missing', text: segments([{ direction: 'forward', speedKph: 3 }]), error: 'segments[0].durationS: expected a number of seconds, got undefined' },
    { name: 'duration too long', text: segments([Object.assign({}, GOOD, { durationS: 4000 })]), error: 'segments[0].durationS: 4000 is outside 1..3600 s' },
    { name: 'speed as text', text: segments([Object.assign({}, GOOD, { speedKph: '3' })]), error: 'segments[0].speedKph: expected a number (km/h), got "3"' },
    { name: 'unknown segment field', text: segments([Object.assign({}, GOOD, { speed: 3 })]), error: 'segments[0].speed: unknown field; expected durationS, direction, speedKph, inclinePct, label' },
    { name: 'total too long', text: segments([1, 2, 3, 4].map(() => Object.assign({}, GOOD, { durationS: 3000 }))), error: 'segments: 12000 s in all, at most 10800 s' },
  ];
  rows.forEach((row) => {
    it('refuses ' + row.name + ' and says where and why', () => {
      const parsed = parseProgram(row.text, DEFAULT_CONFIG);
      assert.equal(parsed.program, null);
      assert.equal(parsed.error, row.error);
    });
  });

  it('accepts a valid program, filling an absent incline and label', () => {
    const parsed = parseProgram(segments([GOOD, { durationS: 30, direction: 'backward', speedKph: 1.2 }]), DEFAULT_CONFIG);
    assert.equal(parsed.error, '');
    const program = parsed.program as Program;
    assert.equal(program.segments.length, 2);
    assert.deepEqual(program.segments[1], { durationS: 30, direction: 'backward', speedKph: 1.2, inclinePct: 0, label: '' });
    assert.equal(programDurationS(program), 90);
  });

  it('applies the configured backward cap, not only the hard cap', () => {
    const parsed = parseProgram(segments([Object.assign({}, GOOD, { direction: 'backward', speedKph: 3.5, inclinePct: 0 })]), withBackwardCap(3));
    assert.equal(parsed.error, 'segments[0].speedKph: 3.5 is above the backward cap of 3.0 km/h');
  });

  it('never accepts a segment outside the caps of its direction (property)', () => {
    const segment = fc.record({
      durationS: fc.integer({ min: -10, max: 4000 }),
      direction: fc.constantFrom('forward', 'backward'),
      speedKph: fc.double({ min: -1, max: 25, noNaN: true }),
      inclinePct: fc.double({ min: -2, max: 20, noNaN: true }),
      label: fc.string({ maxLength: 30 }),
    });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (list) => {
        const parsed = parseProgram({ name: 'p', segments: list }, DEFAULT_CONFIG);
        if (parsed.program === null) return parsed.error.length > 0;
        return parsed.program.segments.every((item) => {
          const backward = item.direction === 'backward';
          return item.speedKph <= (backward ? 4 : 16) && item.speedKph >= 0.8 && item.inclinePct >= 0 && item.inclinePct <= (backward ? 10 : 15) && item.durationS >= 1;
        });
      }),
    );
  });
});

describe('built-in programs', () => {
  const suggestion = () => suggestBackwardSession([], 4);

  BUILTIN_PROGRAM_NAMES.filter((name) => name !== 'manual').forEach((name) => {
    it(name + ' passes the custom-program validation (caps, sizes)', () => {
      const program = builtinProgram(name, DEFAULT_CONFIG, suggestion) as Program;
      assert.ok(program.segments.length > 0);
      const parsed = parseProgram(JSON.stringify({ name: name.substring(0, 24), segments: program.segments }), DEFAULT_CONFIG);
      assert.equal(parsed.error, '');
    });
  });

  it('manual has no segments; unknown names give null', () => {
    assert.equal((builtinProgram('manual', DEFAULT_CONFIG, suggestion) as Program).segments.length, 0);
    assert.equal(builtinProgram('nothing', DEFAULT_CONFIG, suggestion), null);
    assert.equal(builtinProgram('backward-progression-0', DEFAULT_CONFIG, suggestion), null);
    assert.equal(builtinProgram('backward-progression-' + (BACKWARD_STAGES.length + 1), DEFAULT_CONFIG, suggestion), null);
  });

  it('backward-intro: about 5 minutes backward at 0.8 km/h, no incline', () => {
    const program = builtinProgram('backward-intro', DEFAULT_CONFIG, suggestion) as Program;
    assert.equal(programDurationS(program), 300);
    program.segments.forEach((item) => {
      assert.equal(item.direction, 'backward');
      assert.equal(item.speedKph, 0.8);
      assert.equal(item.inclinePct, 0);
    });
  });

  it('12-3-30: 30 minutes at 12 % and 3 mph between a warm-up and a cool-down', () => {
    const program = builtinProgram('12-3-30', DEFAULT_CONFIG, suggestion) as Program;
    const main = program.segments[1];
    assert.deepEqual([main.durationS, main.speedKph, main.inclinePct, main.direction], [1800, TWELVE_THREE_THIRTY_SPEED_KPH, 12, 'forward']);
    assert.ok(Math.abs(TWELVE_THREE_THIRTY_SPEED_KPH - 3 * 1.609344) < 0.001);
    assert.equal(program.segments[0].inclinePct, 0);
    assert.equal(program.segments[2].inclinePct, 0);
  });

  it('intervals alternate faster and slower forward segments', () => {
    const program = builtinProgram('intervals', DEFAULT_CONFIG, suggestion) as Program;
    const middle = program.segments.slice(1, program.segments.length - 1);
    assert.equal(middle.length, 10);
    middle.forEach((item, index) => {
      assert.equal(item.direction, 'forward');
      if (index > 0) assert.notEqual(item.speedKph, middle[index - 1].speedKph);
    });
  });

  it('the backward progression grows from 5 to 15 minutes and from 0.8 km/h, incline only late and at most 10 %', () => {
    let previousMinutes = 0;
    let previousSpeedKph = 0;
    for (let stage = 1; stage <= BACKWARD_STAGES.length; stage++) {
      const program = builtinProgram('backward-progression-' + stage, DEFAULT_CONFIG, suggestion) as Program;
      const minutes = programDurationS(program) / 60;
      const topKph = Math.max.apply(null, program.segments.map((item) => item.speedKph));
      const topPct = Math.max.apply(null, program.segments.map((item) => item.inclinePct));
      assert.ok(minutes >= previousMinutes && minutes >= 5 && minutes <= 15, 'stage ' + stage + ': ' + minutes + ' min');
      assert.ok(topKph >= previousSpeedKph && topKph <= 4, 'stage ' + stage + ': ' + topKph + ' km/h');
      assert.ok(topPct <= 10);
      if (stage <= 3) assert.equal(topPct, 0, 'no incline in the early stages');
      program.segments.forEach((item) => assert.equal(item.direction, 'backward'));
      previousMinutes = minutes;
      previousSpeedKph = topKph;
    }
    assert.equal(programDurationS(builtinProgram('backward-progression-1', DEFAULT_CONFIG, suggestion) as Program), 300);
    assert.equal(programDurationS(builtinProgram('backward-progression-' + BACKWARD_STAGES.length, DEFAULT_CONFIG, suggestion) as Program), 900);
  });

  it('backward-progression without a stage follows the progress suggestion', () => {
    const program = builtinProgram('backward-progression', DEFAULT_CONFIG, () => ({ durationMin: 11, speedKph: 1.8, inclinePct: 0, reason: '', basedOnSession: 3 })) as Program;
    assert.equal(programDurationS(program), 660);
    assert.equal(Math.max.apply(null, program.segments.map((item) => item.speedKph)), 1.8);
  });

  it('built-ins fit a lower configured backward cap', () => {
    const config = withBackwardCap(2);
    const program = builtinProgram('backward-progression-8', config, suggestion) as Program;
    program.segments.forEach((item) => assert.ok(item.speedKph <= 2));
    assert.equal(parseProgram({ name: 'p', segments: program.segments }, config).error, '');
  });
});
