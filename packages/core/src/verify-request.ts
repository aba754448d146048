import { compileLinearPattern } from './engine/linear-pattern';
import { getRule, rules } from './rules';
import type { RevealedSecret } from './scan-text';
import type { Finding, VerifyRequest } from './types';

/**
 * What `keyguard scan --verify` sends for a finding, read from its rule's record (issue 15):
 * the request, or why nothing is sent. The CLI's verifier asks this and names no provider, no
 * rule id and no host of its own (DESIGN.md: a rule is one record).
 */
export function verifyRequestFor(finding: Pick<Finding, 'ruleId' | 'label' | 'envVar'>): VerifyRequest | { notSent: string } {
  const rule = getRule(finding.ruleId);
  const record = rule?.verify;
  if (!rule || !record) return { notSent: 'keyguard has no check for this kind of secret' };
  const request = rule.labels?.[finding.label]?.verify ?? record.byEnvVar?.[finding.envVar] ?? record.request;
  return request ?? { notSent: record.otherwise };
}

/** The resource patterns of every rule record, compiled once (through the linear-time seam). */
let resourcePatterns: { pattern: RegExp; window: number }[] | undefined;
function resourcePatternsOf(): { pattern: RegExp; window: number }[] {
  if (resourcePatterns) return resourcePatterns;
  const seen = new Map<string, { pattern: RegExp; window: number }>();
  for (const rule of rules) {
    const requests = [
      rule.verify?.request,
      ...Object.values(rule.verify?.byEnvVar ?? {}),
      ...Object.values(rule.labels ?? {}).map((own) => own.verify),
    ];
    for (const request of requests) {
      const resource = request?.resource;
      if (!resource) continue;
      const known = seen.get(resource.pattern);
      if (!known || known.window < resource.window)
        seen.set(resource.pattern, { pattern: compileLinearPattern(resource.pattern, 'gi'), window: resource.window });
    }
  }
  resourcePatterns = [...seen.values()];
  return resourcePatterns;
}

/**
 * The origin of the resource a secret is valid at, when a rule's verify record asks for one and
 * the text names one near the secret (`https://<name>.openai.azure.com` for an Azure key): the
 * nearest. It looks for a host to send a secret to, not for a secret: that is the rules' job.
 * Runs where the secret is revealed (a worker thread, too), so the text need not travel.
 */
export function verifyResourceOf(secret: Pick<RevealedSecret, 'text' | 'start' | 'value'>): string | undefined {
  let nearest: { origin: string; distance: number } | undefined;
  for (const { pattern, window } of resourcePatternsOf()) {
    const from = Math.max(0, secret.start - window);
    const text = secret.text.slice(from, secret.start + secret.value.length + window);
    for (const match of text.matchAll(pattern)) {
      const distance = Math.abs(from + match.index - secret.start);
      if (!nearest || distance < nearest.distance) nearest = { origin: match[0].toLowerCase(), distance };
    }
  }
  return nearest?.origin;
}
