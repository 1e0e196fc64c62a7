import { checkUniquePhysicalNames } from '../../../stack/physical-names.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { EmailIdentityDefinition } from '../../../stack/types.js';
import { addressProblem, domainProblem } from '../addresses.js';

/**
 * Reads an `AWS::SES::EmailIdentity`: the address or domain it verifies (often a parameter, so that
 * each deployment names its own sender). Anything else it configures (DKIM, MAIL FROM, feedback)
 * shapes delivery on AWS, which the local cloud does not do.
 */
export function readEmailIdentity(reader: ResourceReader): EmailIdentityDefinition {
  const identity = reader.name('EmailIdentity');
  if (identity === undefined)
    throw reader.fail('EmailIdentity', 'is required (an email address or a domain)');
  if (identity.includes('@')) {
    const problem = addressProblem(identity);
    if (problem) throw reader.fail('EmailIdentity', `'${identity}' is not a valid email address: ${problem}`);
    return { logicalId: reader.logicalId, identity, kind: 'email-address' };
  }
  const problem = domainProblem(identity);
  if (problem) throw reader.fail('EmailIdentity', `'${identity}' is not a valid domain: ${problem}`);
  return { logicalId: reader.logicalId, identity: identity.toLowerCase(), kind: 'domain' };
}

/** SES refuses to create an identity that exists already, so a stack cannot declare one twice. */
export function checkUniqueEmailIdentities(identities: EmailIdentityDefinition[]): void {
  checkUniquePhysicalNames(
    identities,
    (identity) => identity.identity,
    'email identity',
    'Properties.EmailIdentity',
  );
}
