import openai
openai.api_key = "my-hardcoded-key-123"
