import type { Authorizer } from '../../core/auth/authorizer.js';
import { ServiceError } from '../../core/errors.js';
import { type XmlElement, xmlDocument } from '../../core/protocols/xml.js';
import type { RequestHead, Service, ServiceRequest, ServiceResponse } from '../../core/service.js';
import { jsonSignatureFault, type SignatureError } from '../../core/sigv4/verify.js';
import type { StackOutput } from '../../stack/types.js';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** The stack the local cloud runs, as CloudFormation describes it once deployed. */
export interface DeployedStack {
  stackName: string;
  stackId: string;
  description?: string;
  /** When the local cloud started: the stack's creation, as far as its callers can tell. */
  createdAt: Date;
  outputs: readonly StackOutput[];
}

/**
 * The slice of CloudFormation (awsQuery: `POST /` with a form body `Action=…&Version=2010-05-15`) a
 * deploy script needs after deploying: `DescribeStacks`, which shows the template's evaluated
 * `Outputs`, so the same script reads the stack's values here and on AWS. Other actions are refused
 * with CloudFormation's XML error, naming the action.
 */
export class CloudFormationService implements Service {
  readonly signingName = 'cloudformation';
  readonly maxBodyBytes = 1024 * 1024;

  constructor(
    private readonly stack: DeployedStack,
    private readonly authorizer: Authorizer,
  ) {}

  /** Every CloudFormation call is signed; unsigned requests stay the other services'. */
  claims(_head: RequestHead): boolean {
    return false;
  }

  signatureError(error: SignatureError): ServiceError {
    const fault = jsonSignatureFault(error);
    return new ServiceError(fault.code, fault.message, fault.status);
  }

  renderError(error: ServiceError, requestId: string): ServiceResponse {
    const body = {
      Error: { Type: error.senderFault ? 'Sender' : 'Receiver', Code: error.code, Message: error.message },
      RequestId: requestId,
    };
    return {
      status: error.status,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, ...error.headers },
      body: xmlDocument('ErrorResponse', body, NAMESPACE),
    };
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const form = new URLSearchParams(
      request.method === 'POST' ? request.body.toString('utf8') : request.rawQuery,
    );
    const action = form.get('Action');
    if (!action) throw new ServiceError('MissingAction', 'The request must name an Action.', 400);
    if (action !== 'DescribeStacks') {
      throw new ServiceError(
        'InvalidAction',
        `The local cloud runs its template as one stack and emulates only DescribeStacks of CloudFormation, not ${action}.`,
        400,
      );
    }
    const { stack } = this;
    const asked = form.get('StackName');
    if (asked && asked !== stack.stackName && asked !== stack.stackId) {
      throw new ServiceError('ValidationError', `Stack with id ${asked} does not exist`, 400);
    }
    const denied = this.authorizer.check(request.caller, 'cloudformation:DescribeStacks', stack.stackId);
    if (denied) throw new ServiceError('AccessDenied', denied, 403);
    const result = { DescribeStacksResult: { Stacks: { member: describe(stack) } } };
    return {
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': request.requestId },
      body: xmlDocument(
        'DescribeStacksResponse',
        { ...result, ResponseMetadata: { RequestId: request.requestId } },
        NAMESPACE,
      ),
    };
  }
}

function describe(stack: DeployedStack): XmlElement {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    Description: stack.description,
    CreationTime: stack.createdAt,
    StackStatus: 'CREATE_COMPLETE',
    DisableRollback: false,
    Outputs:
      stack.outputs.length === 0
        ? undefined
        : {
            member: stack.outputs.map((output) => ({
              OutputKey: output.key,
              OutputValue: output.value,
              Description: output.description,
              ExportName: output.exportName,
            })),
          },
  };
}
