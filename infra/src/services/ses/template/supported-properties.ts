import type { PropertyPolicy } from '../../../stack/supported-properties.js';

/** What the local cloud does with each property of the email identities it reads. */
export const EMAIL_POLICIES: Record<string, PropertyPolicy> = {
  'AWS::SES::EmailIdentity': {
    honoured: ['EmailIdentity'],
    // DKIM keys and a custom MAIL FROM domain only change how receiving servers judge mail AWS
    // delivers; the local cloud delivers nothing (messages go to the outbox), so none changes an answer.
    deploymentOnly: ['DkimAttributes', 'DkimSigningAttributes', 'MailFromAttributes', 'Tags'],
    unsupported: {
      ConfigurationSetAttributes:
        "the identity's default configuration set is not applied locally; pass ConfigurationSetName",
      FeedbackAttributes: 'bounces and complaints are not simulated locally, so nothing is forwarded',
    },
  },
};
