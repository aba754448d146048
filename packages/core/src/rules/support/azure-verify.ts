import type { VerifyRequest } from '../../types';

/**
 * How `--verify` checks an Azure OpenAI key (azure-openai-key, and openai-key-assignment's
 * values for Azure): the resource's own models list, `GET <resource>/openai/models` with the
 * `api-key` header (Azure OpenAI REST, GA version 2024-10-21). An Azure key is valid only at its
 * resource, so it is sent only where the text names `https://<resource>.openai.azure.com` (or
 * the AI services host) within 2,000 characters; an Azure resource name is 2-64 letters, digits
 * and hyphens. Azure answers 401 to a revoked key and to another resource's key alike.
 */
export const AZURE_VERIFY: VerifyRequest = {
  path: '/openai/models?api-version=2024-10-21',
  auth: 'api-key',
  what: 'GET {resource}/openai/models',
  resource: {
    pattern: String.raw`https://[a-z0-9][a-z0-9-]{0,63}\.(?:openai\.azure\.com|cognitiveservices\.azure\.com)\b`,
    window: 2_000,
    otherwise: 'an Azure key is valid only at its own resource, and no https://<resource>.openai.azure.com is named near it',
  },
  ambiguousUnauthorized: "Azure answers this to a revoked key and to another resource's key alike",
};
