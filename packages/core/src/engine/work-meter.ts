/**
 * An opt-in count of the work a scan does, for the linear-time tests (issue 11): the
 * characters that look-backs and look-arounds visit, the places a pattern is tried at, the
 * characters a constant's search covers, the lines read for inline-ignore comments. Speed is
 * measured in the bench, never asserted by a timed test; this count is deterministic, so a test
 * can assert that 8 times the input costs about 8 times the work and a quadratic shape fails.
 *
 * Off unless `measureWork` runs: then each `meterWork` call is one branch on a module flag.
 * Charge work where it is proportional to a distance in the text, not per statement.
 */

let metering = false;
let steps = 0;

/** Adds `amount` units of work to the running count, when one is being taken. */
export function meterWork(amount: number): void {
  if (metering) steps += amount;
}

/** Runs `scan` and returns its result with the units of work it charged. Not re-entrant. */
export function measureWork<T>(scan: () => T): { result: T; work: number } {
  if (metering) throw new Error('measureWork is already running');
  metering = true;
  steps = 0;
  try {
    const result = scan();
    return { result, work: steps };
  } finally {
    metering = false;
  }
}
