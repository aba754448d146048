import { fingerprintOf, scanText } from '@keyguard/core';
import { fakeKey, fakeValue } from '@keyguard/test-utils';

describe('fingerprints', () => {
  const key = fakeKey('proj');
  const line = `openai.api_key = "${key}"`;

  it('stay the same when the lines around the secret move', () => {
    const before = scanText(`import openai\n${line}\n`, { path: 'app.py' });
    const after = scanText(`#!/usr/bin/env python\n"""Docs."""\n\nimport os\nimport openai\n\n    ${line}\n`, { path: 'app.py' });
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0].line).not.toBe(before[0].line);
    expect(after[0].fingerprint).toBe(before[0].fingerprint);
  });

  it('do not depend on the commit', () => {
    const first = scanText(line, { path: 'app.py', commit: 'a'.repeat(40) });
    const second = scanText(line, { path: 'app.py', commit: 'b'.repeat(40) });
    expect(first[0].fingerprint).toBe(second[0].fingerprint);
  });

  it('differ by file, by secret and by rule', () => {
    const all = [
      fingerprintOf('openai-api-key', 'app.py', key),
      fingerprintOf('openai-api-key', 'src/app.py', key),
      fingerprintOf('openai-api-key', 'app.py', fakeKey('proj', 1)),
      fingerprintOf('openai-key-assignment', 'app.py', key),
      fingerprintOf('openai-key-assignment', 'app.py', fakeValue()),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('are hex and hold no part of the secret', () => {
    const fingerprint = fingerprintOf('openai-api-key', 'app.py', key);
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint).toBe(fingerprintOf('openai-api-key', 'app.py', key));
  });
});
