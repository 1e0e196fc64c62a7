import { describe, expect, it } from 'vitest';
import { dedent, expectTemplateError, loadText, withResources } from '../../../stack/helpers.js';

/** A template with the given resources (YAML at any indentation) and a `Sender` parameter. */
function template(resources: string): string {
  return `Parameters:\n  Sender:\n    Type: String\n    Default: noreply@example.com\n${withResources(dedent(resources, 0))}`;
}

describe('SES email identities', () => {
  it('reads address and domain identities, a parameter resolved, and lets others refer to them', async () => {
    const stack = await loadText(
      template(`
        SenderIdentity:
          Type: AWS::SES::EmailIdentity
          Properties:
            EmailIdentity: !Ref Sender
            DkimSigningAttributes: { NextSigningKeyLength: RSA_2048_BIT }
        Domain:
          Type: AWS::SES::EmailIdentity
          Properties:
            EmailIdentity: Mail.Example.org
        Mailer:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Statement:
                - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
            Policies:
              - PolicyName: Send
                PolicyDocument:
                  Statement:
                    - Effect: Allow
                      Action: ses:SendEmail
                      Resource: !Sub arn:aws:ses:\${AWS::Region}:\${AWS::AccountId}:identity/\${SenderIdentity}
      `),
    );

    expect(stack.emailIdentities).toEqual([
      { logicalId: 'SenderIdentity', identity: 'noreply@example.com', kind: 'email-address' },
      { logicalId: 'Domain', identity: 'mail.example.org', kind: 'domain' },
    ]);
    const mailer = stack.roles.find((role) => role.logicalId === 'Mailer');
    expect(JSON.stringify(mailer?.policies)).toContain('identity/noreply@example.com');
    expect(stack.issues).toEqual([]);
  });

  it('reports what it does not honour, such as a default configuration set', async () => {
    const stack = await loadText(
      template(`
        SenderIdentity:
          Type: AWS::SES::EmailIdentity
          Properties:
            EmailIdentity: !Ref Sender
            ConfigurationSetAttributes: { ConfigurationSetName: transactional }
      `),
    );

    expect(stack.issues).toEqual([
      expect.objectContaining({
        resource: 'SenderIdentity',
        property: 'Properties.ConfigurationSetAttributes',
      }),
    ]);
  });

  it.each([
    ['an address without a domain', 'noreply@', /not a valid email address/],
    ['a domain with a space', 'exa mple.com', /not a valid domain/],
  ])('refuses %s', async (_case, identity, message) => {
    await expectTemplateError(
      loadText(
        template(`Bad:\n  Type: AWS::SES::EmailIdentity\n  Properties:\n    EmailIdentity: "${identity}"`),
      ),
      { resource: 'Bad', property: 'Properties.EmailIdentity', message },
    );
  });

  it('refuses the same identity declared twice, as SES would', async () => {
    await expectTemplateError(
      loadText(
        template(`
          First:
            Type: AWS::SES::EmailIdentity
            Properties: { EmailIdentity: !Ref Sender }
          Second:
            Type: AWS::SES::EmailIdentity
            Properties: { EmailIdentity: noreply@example.com }
        `),
      ),
      { resource: 'Second', message: /already used by First/ },
    );
  });
});
