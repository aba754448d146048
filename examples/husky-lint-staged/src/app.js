// The key is read from the environment (set it in your shell, or in .env, which .gitignore
// lists): nothing secret is ever staged, so the hook lets every commit of this file through.
const OpenAI = require('openai');

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

async function main() {
  const response = await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hello' });
  console.log(response.output_text);
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
