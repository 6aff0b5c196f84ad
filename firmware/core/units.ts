// Speed units the user sees (km/h or mph): conversion, formatting and button steps; inside, everything is km/h.

/** What the user chose to see; the firmware's own figures stay in km/h. */
export type SpeedUnits = 'kph' | 'mph';

/** Kilometres per mile (exact, by definition of the international mile). */
export const KPH_PER_MPH = 1.609344;

/** Button step in mph when the user chose mph (0.1 mph = 0.161 km/h). */
export const MPH_STEP = 0.1;

/** km/h to mph. Pure. */
export function kphToMph(speedKph: number): number {
  return speedKph / KPH_PER_MPH;
}

/** mph to km/h. Pure. */
export function mphToKph(speedMph: number): number {
  return speedMph * KPH_PER_MPH;
}

/** A speed in the user's units with one decimal and the unit: '3.0 mph', '4.8 km/h'. Pure. */
export function formatSpeed(speedKph: number, units: SpeedUnits): string {
  if (units === 'mph') return kphToMph(speedKph).toFixed(1) + ' mph';
  return speedKph.toFixed(1) + ' km/h';
}

/** The speed buttons' step in km/h: `stepKph` for km/h users, 0.1 mph for mph users. Pure. */
export function speedStepKph(units: SpeedUnits, stepKph: number): number {
  return units === 'mph' ? mphToKph(MPH_STEP) : stepKph;
}

/**
 * `speedKph` rounded to the button step in the user's units, returned in km/h: an mph user's
 * target lands on 0.1 mph (2.5 mph, not 4.0 km/h = 2.49 mph), so what is shown and what is
 * applied agree. Pure.
 */
export function roundToSpeedStepKph(speedKph: number, units: SpeedUnits, stepKph: number): number {
  if (units === 'mph') return mphToKph(Math.round(kphToMph(speedKph) / MPH_STEP) * MPH_STEP);
  return Math.round(speedKph / stepKph) * stepKph;
}
