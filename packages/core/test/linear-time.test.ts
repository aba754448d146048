import { measureWork, scanText } from '@keyguard/core';
import { fakeKey, HOSTILE_FAMILIES, HOSTILE_HEADER } from '@keyguard/test-utils';

/**
 * Adversarial inputs (packages/test-utils/src/hostile-inputs.ts): each would make a
 * backtracking pattern, an unbounded look-back or a per-finding rescan cost more than linear
 * time. Each family is scanned at 1 MB and 8 MB and core's work counter (`measureWork`: the
 * characters look-backs and look-arounds visit, the places a pattern is tried at) must grow
 * about as the input does: at most 10 times the work for 8 times the input, and at most
 * WORK_PER_CHARACTER units a character. A count, not a clock (this house times nothing in unit
 * tests): `npm run bench -- hostile` times the same families. Re-introducing the unbounded
 * constant search (issue 11: a sink naming a constant defined nowhere searched back to the
 * start of the text) makes the sink families cost about 60 times the work at 8 MB, and fails.
 * Every text starts with a line that names the provider, so the prefilter lets every rule run.
 */
const MB = 1024 * 1024;
/** The most work 8 times the input may cost, as a multiple of the work at 1 MB. */
const MAX_RATIO = 10;
/** The most work a character may cost, on any family (the worst today is about 200). */
const WORK_PER_CHARACTER = 300;

describe('linear time on adversarial input', () => {
  it.each(HOSTILE_FAMILIES.map((family) => [family.name, family] as const))(
    '%s: 8 MB costs about 8 times 1 MB',
    (_name, family) => {
      const measure = (size: number): { work: number; findings: number; length: number } => {
        const text = HOSTILE_HEADER + family.make(size);
        const { result, work } = measureWork(() => scanText(text, { path: family.path }));
        return { work, findings: result.length, length: text.length };
      };
      const small = measure(MB);
      const large = measure(8 * MB);
      // Plus one unit a character: families that cost about one unit a character vary by chance (base64).
      expect(large.work).toBeLessThanOrEqual(MAX_RATIO * small.work + large.length);
      expect(large.work / large.length).toBeLessThanOrEqual(WORK_PER_CHARACTER);
      if (family.findings) {
        // As many findings per megabyte at either size: none lost, none made up.
        expect(large.findings).toBeGreaterThanOrEqual(7 * small.findings);
        expect(large.findings).toBeLessThanOrEqual(9 * small.findings);
        expect(small.findings).toBeGreaterThan(0);
      } else {
        expect([small.findings, large.findings]).toEqual([0, 0]);
      }
    },
    120_000,
  );
});

describe('linear time in the number of findings', () => {
  // The inline-ignore check read the whole line once per finding: 20,000 keys on one line of a
  // megabyte was 20,000 reads of that line.
  it('reports each of 20,000 keys written on one line', () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => fakeKey('legacy', index));
    const findings = scanText(`KEYS = ["${keys.join('", "')}"]\n`, { path: 'keys.py' });
    // The keys a scan of each alone reports (a few seeded keys look made up, and are not).
    const alone = keys.filter((key) => scanText(`"${key}"`, { path: 'keys.py' }).length === 1);
    expect(alone.length).toBeGreaterThan(19_900);
    expect(findings.length).toBe(alone.length);
    expect(new Set(findings.map((finding) => finding.line))).toEqual(new Set([1]));
  });

  it('reports each of 5,000 keys pasted together into one run of key characters', () => {
    const keys = Array.from({ length: 5_000 }, (_, index) => fakeKey('proj', index));
    const alone = keys.filter((key) => scanText(`"${key}"`, { path: 'keys.txt' }).length === 1);
    const findings = scanText(keys.join(''), { path: 'keys.txt' });
    expect(findings.length).toBe(alone.length);
  });
});
