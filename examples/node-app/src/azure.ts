// PLANTED FINDING (openai-key-assignment): an Azure OpenAI key does not start with sk-,
// but it is still a credential handed to an OpenAI key sink.
import { AzureOpenAI } from 'openai';

export const azure = new AzureOpenAI({
  endpoint: 'https://contoso-openai.openai.azure.com',
  apiKey: '7c2e9f41b8d03a6e5f1c4b9a2d8e7f30',
  apiVersion: '2024-10-21',
  deployment: 'gpt-4o-mini',
});
