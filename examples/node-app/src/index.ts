// A tiny command-line summariser, as a tutorial would write it.
import { openai } from './client';

// PLANTED FINDING (openai-key-assignment): setting the environment variable in code
// hard-codes the value just the same.
process.env.OPENAI_API_KEY = 'proxy-token-8f3k2m9q7x';

export async function summarize(text: string): Promise<string> {
  const response = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Summarise the text in one sentence.' },
      { role: 'user', content: text },
    ],
  });
  return response.choices[0]?.message.content ?? '';
}

// Not a finding: the key read from the environment is the remedy.
export const configured = Boolean(process.env.OPENAI_API_KEY);

summarize(process.argv.slice(2).join(' ') || 'keyguard keeps OpenAI keys out of code.').then(console.log);
