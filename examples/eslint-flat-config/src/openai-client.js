import OpenAI from 'openai';

// Planted on purpose: a hard-coded value given to the OpenAI client. ESLint reports it as
// @keyguard/no-openai-key-assignment and suggests process.env.OPENAI_API_KEY instead.
export const openai = new OpenAI({ apiKey: 'hardcoded-7q2x9k4m8f' });
