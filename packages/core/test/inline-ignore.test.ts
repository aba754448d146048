import { isIgnoredInline, LineIndex, scanText } from '@keyguard/core';
import { fakeKey } from '@keyguard/test-utils';

const key = fakeKey('proj');

describe('inline ignore', () => {
  it.each([
    ['#', 'app.py', `openai.api_key = "${key}"  # keyguard-ignore`],
    ['//', 'app.js', `const key = "${key}"; // keyguard-ignore`],
    ['/* */', 'app.js', `const key = "${key}"; /* keyguard-ignore */`],
    ['<!-- -->', 'index.html', `<meta content="${key}"> <!-- keyguard-ignore -->`],
    ['--', 'seed.sql', `INSERT INTO k VALUES ('${key}'); -- keyguard-ignore`],
    [';', 'config.ini', `api_key = ${key} ; keyguard-ignore`],
    ['REM', 'setenv.bat', `set OPENAI_API_KEY=${key} & REM keyguard-ignore`],
  ])('silences the same line with %s', (_syntax, path, text) => {
    expect(scanText(text, { path })).toEqual([]);
  });

  it.each([
    ['#', 'app.py', '# keyguard-ignore-next-line', `openai.api_key = "${key}"`],
    ['//', 'app.ts', '// keyguard-ignore-next-line', `const key = "${key}";`],
    ['/* */', 'app.css', '/* keyguard-ignore-next-line */', `.x { --key: "${key}"; }`],
    ['<!-- -->', 'README.md', '<!-- keyguard-ignore-next-line -->', `export OPENAI_API_KEY=${key}`],
    ['--', 'seed.sql', '-- keyguard-ignore-next-line', `INSERT INTO k VALUES ('${key}');`],
    [';', 'config.ini', '; keyguard-ignore-next-line', `api_key = ${key}`],
    ['REM', 'setenv.bat', 'REM keyguard-ignore-next-line', `set OPENAI_API_KEY=${key}`],
  ])('silences the next line with %s', (_syntax, path, comment, text) => {
    expect(scanText(`${comment}\n${text}\n`, { path })).toEqual([]);
    expect(scanText(`${comment}\r\n${text}\r\n`, { path })).toEqual([]);
  });

  it('silences only the next line, not the one after', () => {
    const findings = scanText(`# keyguard-ignore-next-line\na = "${key}"\nb = "${key}"\n`);
    expect(findings.map((finding) => finding.line)).toEqual([3]);
  });

  it('does not let a next-line marker silence its own line', () => {
    expect(scanText(`a = "${key}"  # keyguard-ignore-next-line\n`)).toHaveLength(1);
  });

  it('is honoured only when inlineIgnore is on', () => {
    expect(scanText(`a = "${key}"  # keyguard-ignore`, { inlineIgnore: false })).toHaveLength(1);
  });

  describe("ESLint's line directives", () => {
    const value = 'hard-coded-value-1234';
    const assignment = `openai.apiKey = '${value}';`;

    it.each([
      ['eslint-disable-line', `const key = "${key}"; // eslint-disable-line @keyguard/no-openai-api-key`],
      ['eslint-disable-line in a block comment', `const key = "${key}"; /* eslint-disable-line @keyguard/no-openai-api-key */`],
      [
        'eslint-disable-line among other rules, with a reason',
        `const key = "${key}"; // eslint-disable-line no-console, @keyguard/no-openai-api-key -- a revoked test key`,
      ],
      ['eslint-disable-next-line', `// eslint-disable-next-line @keyguard/no-openai-api-key\nconst key = "${key}";`],
      [
        'eslint-disable-next-line in a block comment',
        `/* eslint-disable-next-line @keyguard/no-openai-api-key */\r\nconst key = "${key}";`,
      ],
      ['eslint-disable-line for the assignment rule', `${assignment} // eslint-disable-line @keyguard/no-openai-key-assignment`],
      ['eslint-disable-next-line for the assignment rule', `// eslint-disable-next-line @keyguard/no-openai-key-assignment\n${assignment}`],
    ])('honours %s naming a @keyguard rule', (_name, text) => {
      expect(scanText(text, { path: 'app.ts' })).toEqual([]);
    });

    it.each([
      ['a bare eslint-disable-line', `const key = "${key}"; // eslint-disable-line`],
      ['a bare eslint-disable-next-line', `// eslint-disable-next-line\nconst key = "${key}";`],
      ['a directive for other rules', `const key = "${key}"; // eslint-disable-line no-console, @typescript-eslint/no-explicit-any`],
      [
        'a keyguard rule named only in the reason',
        `const key = "${key}"; // eslint-disable-line no-console -- not @keyguard/no-openai-api-key`,
      ],
      ['a next-line directive on the line itself', `const key = "${key}"; // eslint-disable-next-line @keyguard/no-openai-api-key`],
      ['a directive two lines up', `// eslint-disable-next-line @keyguard/no-openai-api-key\n\nconst key = "${key}";`],
      ['a misspelt directive', `const key = "${key}"; // eslint-disable-lines @keyguard/no-openai-api-key`],
      ['eslint-disable (a block, not a line)', `/* eslint-disable @keyguard/no-openai-api-key */\nconst key = "${key}";`],
    ])('does not honour %s', (_name, text) => {
      expect(scanText(text, { path: 'app.ts' })).toHaveLength(1);
    });

    it("with a rule id, honours only that rule's ESLint twin", () => {
      const lines = new LineIndex(`${assignment} // eslint-disable-line @keyguard/no-openai-api-key`);
      expect(isIgnoredInline(lines, 0, { ruleId: 'openai-api-key' })).toBe(true);
      expect(isIgnoredInline(lines, 0, { ruleId: 'openai-key-assignment' })).toBe(false);
      // Without one (a caller that does not say which rule), any @keyguard/ rule counts.
      expect(isIgnoredInline(lines, 0)).toBe(true);
      expect(isIgnoredInline(new LineIndex('x = 1; // eslint-disable-line @keyguard/'), 0)).toBe(false);
    });

    it('can leave the directives to ESLint (the plugin does), keeping keyguard-ignore', () => {
      const disabled = new LineIndex(`// eslint-disable-next-line @keyguard/no-openai-api-key\nconst key = "${key}";`);
      expect(isIgnoredInline(disabled, 1)).toBe(true);
      expect(isIgnoredInline(disabled, 1, { eslintDirectives: false })).toBe(false);
      expect(isIgnoredInline(new LineIndex(`const key = "${key}"; // keyguard-ignore`), 0, { eslintDirectives: false })).toBe(true);
    });
  });
});
