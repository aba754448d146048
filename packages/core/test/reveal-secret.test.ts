import { scanBuffer, scanChunks, scanText, type RevealedSecret } from '@keyguard/core';
import { fakeKey } from '@keyguard/test-utils';

// ScanOptions.onSecret hands each reported secret, whole, to `keyguard scan --verify` (issue 15):
// under the finding's secretId, as the program sees it, and never inside the finding itself.
describe('onSecret', () => {
  const key = fakeKey('proj', 7);

  test('gets each reported secret under its secretId, with the text around it', () => {
    const seen: RevealedSecret[] = [];
    const text = `client = OpenAI(api_key="${key}")\n`;
    const findings = scanText(text, { path: 'app.py', onSecret: (secret) => seen.push(secret) });
    expect(findings).toHaveLength(1);
    expect(
      seen.map((secret) => [secret.id, secret.value === key, secret.text.slice(secret.start, secret.start + key.length) === key]),
    ).toEqual([[findings[0].secretId, true, true]]);
    expect(JSON.stringify(findings)).not.toContain(key);
  });

  test('a joined key is handed over joined, as it is fingerprinted', () => {
    const seen: string[] = [];
    const half = key.length >> 1;
    scanText(`key = "${key.slice(0, half)}" + "${key.slice(half)}"\n`, { path: 'app.py', onSecret: (secret) => seen.push(secret.value) });
    expect(seen.length === 1 && seen[0] === key).toBe(true);
  });

  test('an ignored line hands nothing over; buffers, streams and binaries do', () => {
    const seen: string[] = [];
    const onSecret = (secret: RevealedSecret): number => seen.push(secret.value);
    scanText(`key = "${key}" # keyguard-ignore\n`, { path: 'app.py', onSecret });
    expect(seen).toHaveLength(0);
    scanBuffer(Buffer.from(`key = "${key}"\n`), { path: 'app.py', onSecret });
    scanChunks([Buffer.from(`key = "${key}"\n`)], { path: 'app.py', onSecret });
    scanBuffer(Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(key), Buffer.from([0])]), { path: 'blob.bin', onSecret });
    expect(seen.length === 3 && seen.every((value) => value === key)).toBe(true);
  });
});
