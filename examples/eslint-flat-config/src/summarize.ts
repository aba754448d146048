import OpenAI from 'openai';

// The remedy: read the key from the environment. Not a finding.
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function summarize(text: string): Promise<string> {
  const response = await openai.responses.create({ model: 'gpt-4.1-mini', input: `Summarize: ${text}` });
  return response.output_text;
}
