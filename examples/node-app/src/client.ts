// PLANTED FINDING (openai-key-assignment): a hard-coded value given to the OpenAI client.
// The fix is the commented line below it: read the key from the environment.
import OpenAI from 'openai';

export const openai = new OpenAI({ apiKey: 'hardcoded-7q2x9k4m8f' });
// export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
