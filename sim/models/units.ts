// Physical constants and unit conversions shared by the simulator's models.

/** Standard gravity, m/s². */
export const GRAVITY_MPS2 = 9.81;

/** Kilometres per hour in one metre per second. */
export const KPH_PER_MPS = 3.6;
