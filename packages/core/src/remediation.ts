/** Where each rule's page lives; findings, SARIF and the ESLint plugin link to it. */
export const DOCS_BASE_URL = 'https://github.com/keyguard/keyguard/blob/main/docs/rules';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}

/** What to do about a leaked key, in the order a person should do it. Shared by every report. */
export const REMEDIATION: readonly string[] = [
  'Rotate the key now at https://platform.openai.com/api-keys if it was ever committed, pushed or shared: deleting the line does not remove it from git history.',
  'Move the key to an environment variable or an ignored .env file, and read it with os.environ["OPENAI_API_KEY"] (Python) or process.env.OPENAI_API_KEY (Node.js).',
  'A false alarm? Add a "keyguard-ignore" comment on the line, or record it with: keyguard baseline.',
];
