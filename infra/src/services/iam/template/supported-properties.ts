import type { PropertyPolicy } from '../../../stack/supported-properties.js';

const NO_FEDERATION =
  'identities are issued locally through the developer provider only (GetOpenIdTokenForDeveloperIdentity)';
const NO_SYNC = 'Cognito Sync is not emulated locally';
const NOT_CREATED = 'so the permission is not created';

/** What the local cloud does with each property of the identity and access resources it reads. */
export const ACCESS_POLICIES: Record<string, PropertyPolicy> = {
  'AWS::IAM::Role': {
    honoured: [
      'RoleName',
      'Path',
      'AssumeRolePolicyDocument',
      'Policies',
      'ManagedPolicyArns',
      'MaxSessionDuration',
      'Tags',
    ],
    deploymentOnly: ['Description'],
    unsupported: {
      PermissionsBoundary: "permissions boundaries are not applied locally; the role's own policies decide",
    },
  },
  'AWS::Cognito::IdentityPool': {
    honoured: [
      'IdentityPoolName',
      'AllowUnauthenticatedIdentities',
      'AllowClassicFlow',
      'DeveloperProviderName',
    ],
    deploymentOnly: ['IdentityPoolTags'],
    unsupported: {
      CognitoIdentityProviders: `user pools are not emulated locally; ${NO_FEDERATION}`,
      SupportedLoginProviders: `public login providers are not reachable locally; ${NO_FEDERATION}`,
      OpenIdConnectProviderARNs: `OpenID Connect providers are not reachable locally; ${NO_FEDERATION}`,
      SamlProviderARNs: `SAML providers are not reachable locally; ${NO_FEDERATION}`,
      CognitoStreams: NO_SYNC,
      PushSync: NO_SYNC,
      CognitoEvents: NO_SYNC,
    },
  },
  'AWS::Cognito::IdentityPoolRoleAttachment': {
    honoured: ['IdentityPoolId', 'Roles'],
    deploymentOnly: [],
    unsupported: {
      RoleMappings: `role mappings choose roles from a provider's token claims; ${NO_FEDERATION}, which always get the pool's roles`,
    },
  },
  'AWS::Cognito::IdentityPoolPrincipalTag': {
    honoured: ['IdentityPoolId', 'IdentityProviderName', 'UseDefaults', 'PrincipalTags'],
    deploymentOnly: [],
    unsupported: {},
  },
  'AWS::Lambda::Permission': {
    honoured: ['Action', 'FunctionName', 'Principal', 'SourceArn', 'SourceAccount'],
    deploymentOnly: [],
    unsupported: {
      PrincipalOrgID: `organizations do not exist locally, ${NOT_CREATED}`,
      FunctionUrlAuthType: `function URLs are not served locally, ${NOT_CREATED}`,
      InvokedViaFunctionUrl: `function URLs are not served locally, ${NOT_CREATED}`,
      EventSourceToken: `Alexa skills do not call the local cloud, ${NOT_CREATED}`,
    },
  },
  'AWS::S3::BucketPolicy': {
    honoured: ['Bucket', 'PolicyDocument'],
    deploymentOnly: [],
    unsupported: {},
  },
};
