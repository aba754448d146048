// Prints a line of code that holds a FAKE, randomly generated key in the sk-proj- shape, so
// you can watch keyguard catch the real thing without any key being stored in this repository:
//   node scripts/fake-key-demo.mjs | npx --package=@keyguard/cli keyguard scan --stdin --stdin-filename src/leaked.ts
// The key is built at run time: this file holds no key-shaped text (keyguard scans it too).
import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const random = (length) => [...randomBytes(length)].map((byte) => ALNUM[byte % ALNUM.length]).join('');
// The 8-character marker every OpenAI key carries: base64 of "OpenAI".
const marker = Buffer.from('OpenAI').toString('base64');
const key = ['sk', 'proj', random(74)].join('-') + marker + random(74);

console.log(`const client = new OpenAI({ apiKey: "${key}" });`);
