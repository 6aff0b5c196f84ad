// Text pieces of the console's screens: lines fitted to a width, times, speeds and distances in the user's units (pure).

import { KPH_PER_MPH, kphToMph, type SpeedUnits } from '../core/units';
import type { Direction } from '../command';

/** `text` cut or padded with spaces to exactly `width` characters. */
export function fitText(text: string, width: number): string {
  return text.length > width ? text.substring(0, width) : text.padEnd(width, ' ');
}

/**
 * `left` at the start and `right` at the end of a `width`-character line, at least one space
 * between: when both do not fit, `left` is cut (the figure on the right is what the eye looks for).
 */
export function pairText(left: string, right: string, width: number): string {
  const room = width - right.length - 1;
  if (room < 0) return fitText(right, width);
  const shownLeft = left.length > room ? left.substring(0, room) : left;
  return shownLeft + ' '.repeat(width - shownLeft.length - right.length) + right;
}

function twoDigits(value: number): string {
  return (value < 10 ? '0' : '') + value;
}

/** A duration as m:ss, or h:mm:ss from an hour on; whole seconds, rounded down. */
export function clockText(durationMs: number): string {
  const totalS = durationMs > 0 ? Math.floor(durationMs / 1000) : 0;
  const hours = Math.floor(totalS / 3600);
  const minutes = Math.floor(totalS / 60) % 60;
  const seconds = twoDigits(totalS % 60);
  return hours > 0 ? hours + ':' + twoDigits(minutes) + ':' + seconds : minutes + ':' + seconds;
}

/** A speed given in km/h, in the user's units with one decimal and no unit: '3.2'. */
export function speedFigure(speedKph: number, units: SpeedUnits): string {
  return (units === 'mph' ? kphToMph(speedKph) : speedKph).toFixed(1);
}

/** The speed unit as the screens write it. */
export function speedUnitText(units: SpeedUnits): string {
  return units === 'mph' ? 'mph' : 'km/h';
}

/** A distance given in metres, in km or miles: two decimals below 10, one from 10 on ('0.85 km', '12.3 mi'). */
export function distanceText(distanceM: number, units: SpeedUnits): string {
  const value = units === 'mph' ? distanceM / (KPH_PER_MPH * 1000) : distanceM / 1000;
  return value.toFixed(value < 10 ? 2 : 1) + (units === 'mph' ? ' mi' : ' km');
}

/** The belt direction as one character: '<' backward, '>' forward (an arrow a walker facing the console reads at a glance). */
export function directionMark(direction: Direction): string {
  return direction === 'backward' ? '<' : '>';
}

/** `text` broken into lines of at most `width` characters at spaces (a longer word is cut). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  text.split(' ').forEach(function (word) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ' ' + word;
    else {
      lines.push(line.substring(0, width));
      line = word;
    }
  });
  if (line !== '') lines.push(line.substring(0, width));
  return lines;
}
