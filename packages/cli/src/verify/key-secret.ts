import type { RevealedSecret } from '@keyguard/core';

/**
 * A reported secret, whole, as `--verify` keeps it: in memory only, never in a finding, a
 * report, a log or an error message (issue 15).
 */
export interface KeySecret {
  /** The finding's `secretId`. */
  id: string;
  value: string;
  /**
   * For a value that is not an `sk-` key: the Azure OpenAI endpoint named near it
   * (`https://<resource>.openai.azure.com`), the only place an Azure key can be checked.
   */
  azureEndpoint?: string;
}

/** How far around a secret an Azure endpoint counts as naming its resource (a config block, an env file). */
const ENDPOINT_WINDOW = 2_000;

// An Azure resource name is 2–64 letters, digits and hyphens; the hosts are Microsoft's. Linear: no nesting.
const AZURE_HOST = /https:\/\/([a-z0-9][a-z0-9-]{0,63})\.(openai\.azure\.com|cognitiveservices\.azure\.com)\b/gi;

/**
 * The secret as `--verify` keeps it: with the Azure endpoint nearest to it, when its text names
 * one within ENDPOINT_WINDOW characters. This looks for a host name to send a key to, not for a
 * secret: what is a secret stays core's decision.
 */
export function keySecretOf(secret: RevealedSecret): KeySecret {
  if (secret.value.startsWith('sk-')) return { id: secret.id, value: secret.value };
  const from = Math.max(0, secret.start - ENDPOINT_WINDOW);
  const window = secret.text.slice(from, secret.start + secret.value.length + ENDPOINT_WINDOW);
  let nearest: { host: string; distance: number } | undefined;
  for (const match of window.matchAll(AZURE_HOST)) {
    const distance = Math.abs(from + match.index - secret.start);
    if (!nearest || distance < nearest.distance) nearest = { host: `${match[1]}.${match[2]}`.toLowerCase(), distance };
  }
  return nearest
    ? { id: secret.id, value: secret.value, azureEndpoint: `https://${nearest.host}` }
    : { id: secret.id, value: secret.value };
}
