import { scanText } from '@keyguard/core';
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
});
