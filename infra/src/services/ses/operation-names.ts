/**
 * The SES v2 operations an application is likeliest to call besides SendEmail, by route (`{}` is
 * one path segment), so that the refusal names the operation. Taken from the SDK's model
 * (`@aws-sdk/client-sesv2`); any other route is named by its method and path.
 */
const ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['POST /v2/email/outbound-bulk-emails', 'SendBulkEmail'],
  ['POST /v2/email/outbound-custom-verification-emails', 'SendCustomVerificationEmail'],
  ['GET /v2/email/account', 'GetAccount'],
  ['POST /v2/email/identities', 'CreateEmailIdentity'],
  ['POST /v2/email/list-identities', 'ListEmailIdentities'],
  ['GET /v2/email/identities', 'ListEmailIdentities'],
  ['GET /v2/email/identities/{}', 'GetEmailIdentity'],
  ['DELETE /v2/email/identities/{}', 'DeleteEmailIdentity'],
  ['POST /v2/email/templates', 'CreateEmailTemplate'],
  ['GET /v2/email/templates', 'ListEmailTemplates'],
  ['GET /v2/email/templates/{}', 'GetEmailTemplate'],
  ['PUT /v2/email/templates/{}', 'UpdateEmailTemplate'],
  ['DELETE /v2/email/templates/{}', 'DeleteEmailTemplate'],
  ['POST /v2/email/templates/{}/render', 'TestRenderEmailTemplate'],
  ['POST /v2/email/configuration-sets', 'CreateConfigurationSet'],
  ['POST /v2/email/list-configuration-sets', 'ListConfigurationSets'],
  ['GET /v2/email/configuration-sets', 'ListConfigurationSets'],
  ['GET /v2/email/configuration-sets/{}', 'GetConfigurationSet'],
  ['DELETE /v2/email/configuration-sets/{}', 'DeleteConfigurationSet'],
  ['PUT /v2/email/suppression/addresses', 'PutSuppressedDestination'],
  ['GET /v2/email/suppression/addresses', 'ListSuppressedDestinations'],
  ['GET /v2/email/suppression/addresses/{}', 'GetSuppressedDestination'],
  ['DELETE /v2/email/suppression/addresses/{}', 'DeleteSuppressedDestination'],
  ['POST /v2/email/contact-lists', 'CreateContactList'],
  ['POST /v2/email/contact-lists/{}/contacts', 'CreateContact'],
  ['POST /v2/email/contact-lists/{}/contacts/list', 'ListContacts'],
  ['POST /v2/email/tags', 'TagResource'],
  ['DELETE /v2/email/tags', 'UntagResource'],
  ['GET /v2/email/tags', 'ListTagsForResource'],
];

/**
 * What to call the operation a request is for, in the refusal.
 *
 * @example operationName('GET', '/v2/email/identities/example.com') // 'GetEmailIdentity'
 */
export function operationName(method: string, rawPath: string): string {
  const segments = rawPath.replace(/\/$/, '').split('/');
  for (const [route, name] of ROUTES) {
    const [routeMethod, routePath] = route.split(' ') as [string, string];
    const pattern = routePath.split('/');
    if (
      routeMethod === method &&
      pattern.length === segments.length &&
      pattern.every((part, i) => (part === '{}' ? segments[i] !== '' : part === segments[i]))
    )
      return name;
  }
  return `${method} ${rawPath}`;
}
