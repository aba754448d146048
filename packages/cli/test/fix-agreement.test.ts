/**
 * The built `keyguard fix` writes the table's text (issue 14): @keyguard/test-utils'
 * ENV_READ_CASES, which the ESLint plugin's suggestion and the language server's code action
 * are held to as well, so for each source the three write the same text. Each row runs in its
 * own temporary git repository (rows share variables, and a second value for one is a conflict);
 * a row the table leaves alone stays byte for byte, with the reason printed, and exit 1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ENV_READ_CASES,
  expectNoWholeKey,
  fakeKey,
  fakeValue,
  fillExample,
  removeTempDirs,
  runCli,
  tempRepo,
  writeFiles,
} from '@keyguard/test-utils';

afterAll(removeTempDirs);

const SECRETS = [fakeKey('proj'), fakeKey('legacy'), fakeKey('unmarked'), fakeValue()];

describe('keyguard fix writes the table text (the same as the ESLint suggestion and the code action)', () => {
  it.each(ENV_READ_CASES.map((item) => [`${item.path}: ${item.name}`, item] as const))('%s', (_, item) => {
    const dir = tempRepo();
    const before = fillExample(item.before);
    writeFiles(dir, { [item.path]: before });
    const run = runCli(['fix', item.path], { cwd: dir });
    expectNoWholeKey([run.stdout, run.stderr], SECRETS);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.status).toBe(1);
    const after = readFileSync(join(dir, item.path), 'utf8');
    // Compared as booleans first, so a failure never prints a text holding a key.
    const expected = item.after === null ? before : fillExample(item.after);
    expect(after === expected).toBe(true);
  });
});
