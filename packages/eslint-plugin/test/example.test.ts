/** examples/eslint-flat-config is a working project: ESLint run there reports its planted value. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const example = join(root, 'examples', 'eslint-flat-config');

describe('examples/eslint-flat-config', () => {
  it('reports the planted hard-coded key and nothing else', () => {
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '--no-cache', '.'],
      {
        cwd: example,
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const results = JSON.parse(result.stdout) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string; line: number; column: number; message: string; suggestions?: Array<{ desc: string }> }>;
    }>;
    const messages = results.flatMap((file) =>
      file.messages.map((message) => ({
        file: file.filePath
          .slice(example.length + 1)
          .split('\\')
          .join('/'),
        ...message,
      })),
    );
    expect(
      results
        .map((file) =>
          file.filePath
            .slice(example.length + 1)
            .split('\\')
            .join('/'),
        )
        .sort(),
    ).toEqual(['eslint.config.mjs', 'src/openai-client.js', 'src/summarize.ts']);
    expect(messages.map((message) => [message.file, message.ruleId, message.line, message.column])).toEqual([
      ['src/openai-client.js', '@keyguard/no-openai-key-assignment', 5, 45],
    ]);
    expect(messages[0].message).toContain('Rotate it if it was committed');
    expect(messages[0].message).not.toContain('hardcoded-7q2x9k4m8f');
    expect(messages[0].suggestions?.map((suggestion) => suggestion.desc)).toEqual([
      'Read the secret from process.env.OPENAI_API_KEY instead.',
      'Mark the line keyguard-ignore (keyguard scan and the pre-commit hook honour it too).',
    ]);
  }, 60_000);
});
