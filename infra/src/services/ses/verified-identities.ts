import type { EmailIdentityDefinition } from '../../stack/types.js';
import { domainOf } from './addresses.js';

/**
 * The stack's SES identities, all taken as verified. A sender is verified by its own address
 * identity, else by the identity of its domain or of a parent domain (`example.com` verifies
 * `a.example.com` too), as SES decides. Address identities match exactly: SES treats the
 * addresses it verifies as case-sensitive. Domains match whatever their case.
 *
 * @example new VerifiedIdentities([{ identity: 'example.com', kind: 'domain', … }]).verifying('noreply@mail.example.com') // 'example.com'
 */
export class VerifiedIdentities {
  private readonly addresses = new Set<string>();
  private readonly domains = new Set<string>();

  constructor(identities: readonly EmailIdentityDefinition[]) {
    for (const { identity, kind } of identities) {
      if (kind === 'email-address') this.addresses.add(identity);
      else this.domains.add(identity.toLowerCase());
    }
  }

  /** The identity that verifies a sender's bare address; undefined when none does. */
  verifying(address: string): string | undefined {
    if (this.addresses.has(address)) return address;
    const labels = domainOf(address).split('.');
    // The closest domain first: it is the identity SES names when a subdomain has its own.
    for (let start = 0; start < labels.length; start++) {
      const domain = labels.slice(start).join('.');
      if (this.domains.has(domain)) return domain;
    }
    return undefined;
  }
}

/** `arn:aws:ses:<region>:<account>:identity/<identity>`: what `ses:SendEmail` is authorized on. */
export function identityArn(where: { region: string; accountId: string }, identity: string): string {
  return `arn:aws:ses:${where.region}:${where.accountId}:identity/${identity}`;
}

export function configurationSetArn(where: { region: string; accountId: string }, name: string): string {
  return `arn:aws:ses:${where.region}:${where.accountId}:configuration-set/${name}`;
}
