import { TemplateError } from '../core/errors.js';
import {
  CONDITION_FUNCTIONS,
  evaluateCondition,
  INTRINSIC_FUNCTIONS,
  type IntrinsicScope,
  REMOTE_FUNCTIONS,
} from './intrinsic-functions.js';
import type { ParameterValue } from './parameters.js';
import type { RawResource } from './parse.js';
import type { StackEnvironment } from './pseudo-parameters.js';
import { attributeValue, MissingAttributeError, type ResourceView, refValue } from './resource-attributes.js';
import { type Location, UnresolvableError } from './unresolvable.js';
import {
  childPath,
  describe,
  intrinsicName,
  isObject,
  ownValue,
  scalarToString,
  type TemplateObject,
} from './values.js';

/** What `Ref: AWS::NoValue` evaluates to: the property (or list item) disappears. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Everything the evaluator reads: the stack's identity and the template's sections. */
export interface EvaluatorSources {
  env: StackEnvironment;
  parameters: Map<string, ParameterValue>;
  mappings: TemplateObject;
  conditions: TemplateObject;
  /** The template's resources (SAM functions with their Globals merged in). */
  resources: Record<string, RawResource>;
  /** Resources SAM generates (a function's implicit role) that templates may refer to. */
  generated: Record<string, RawResource>;
}

/** Called for an optional value that cannot be known locally; the value is dropped. */
export type UnresolvableHandler = (at: Location, error: UnresolvableError) => void;

interface Frame {
  at: Location;
  /** Inside `Conditions`, where only parameters and pseudo parameters may be referred to. */
  inConditions: boolean;
  onUnresolvable?: UnresolvableHandler;
}

/**
 * Evaluates intrinsic functions against one stack: parameters, pseudo parameters, mappings,
 * conditions and the names and attributes of the other resources. Values that refer to each other
 * are evaluated on demand, and a chain that comes back to where it started is a TemplateError.
 */
export class TemplateEvaluator {
  private readonly conditionValues = new Map<string, boolean>();
  private readonly propertyValues = new Map<string, string | undefined>();
  private readonly inProgress: string[] = [];

  constructor(private readonly sources: EvaluatorSources) {}

  /** Evaluates a value; an unresolvable part throws UnresolvableError. May return NO_VALUE. */
  resolve(value: unknown, at: Location): unknown {
    return this.evaluate(value, { at, inConditions: false });
  }

  /**
   * Evaluates a value, dropping each part that cannot be known locally after handing it to
   * `onUnresolvable` with its exact path (one unknowable variable does not lose the others).
   */
  resolveLeniently(value: unknown, at: Location, onUnresolvable: UnresolvableHandler): unknown {
    return this.evaluate(value, { at, inConditions: false, onUnresolvable });
  }

  /** The value of a named condition. */
  condition(name: string, at: Location): boolean {
    const known = this.conditionValues.get(name);
    if (known !== undefined) return known;
    const expression = ownValue(this.sources.conditions, name);
    if (expression === undefined) {
      throw new TemplateError(`condition '${name}' is not declared in Conditions`, at.resource, at.property);
    }
    const result = this.guarded(`Conditions.${name}`, () =>
      evaluateCondition(
        expression,
        this.scope({ at: { resource: 'Conditions', property: name }, inConditions: true }),
      ),
    );
    this.conditionValues.set(name, result);
    return result;
  }

  /** Whether a resource is created: it has no `Condition`, or its condition holds. */
  isCreated(logicalId: string): boolean {
    const resource = this.resourceNamed(logicalId);
    if (!resource) return false;
    if (resource.Condition === undefined) return true;
    if (typeof resource.Condition !== 'string') {
      throw new TemplateError('must be the name of a condition', logicalId, 'Condition');
    }
    return this.condition(resource.Condition, { resource: logicalId, property: 'Condition' });
  }

  /**
   * A string property of a resource (its name, its path…), evaluated once; undefined when absent.
   * Guarded so that names defined through each other are reported as a cycle.
   */
  resourceProperty(logicalId: string, key: string): string | undefined {
    const cacheKey = `${logicalId}.Properties.${key}`;
    if (this.propertyValues.has(cacheKey)) return this.propertyValues.get(cacheKey);
    const resource = this.resourceNamed(logicalId);
    const raw = resource ? ownValue(resource.Properties, key) : undefined;
    const at = { resource: logicalId, property: `Properties.${key}` };
    const value = this.guarded(cacheKey, () => {
      const evaluated = raw === undefined ? undefined : this.resolve(raw, at);
      if (evaluated === undefined || evaluated === NO_VALUE) return undefined;
      const text = scalarToString(evaluated);
      if (text === undefined) {
        throw new TemplateError(`must be a string, got ${describe(evaluated)}`, logicalId, at.property);
      }
      return text;
    });
    this.propertyValues.set(cacheKey, value);
    return value;
  }

  /** Whether a resource sets a property once its conditions are applied (`AWS::NoValue` drops it). */
  resourceHas(logicalId: string, key: string): boolean {
    const resource = this.resourceNamed(logicalId);
    const raw = resource ? ownValue(resource.Properties, key) : undefined;
    if (raw === undefined) return false;
    const at = { resource: logicalId, property: `Properties.${key}` };
    return this.guarded(`${logicalId}.Properties.${key}`, () => this.resolve(raw, at)) !== NO_VALUE;
  }

  private evaluate(value: unknown, frame: Frame): unknown {
    if (Array.isArray(value)) {
      return value
        .map((item, index) => this.evaluate(item, within(frame, index)))
        .filter((item) => item !== NO_VALUE);
    }
    if (!isObject(value)) return value;
    const fn =
      intrinsicName(value) ?? (frame.inConditions && isConditionCall(value) ? 'Condition' : undefined);
    if (fn !== undefined) {
      if (!frame.onUnresolvable) return this.call(fn, value[fn], frame);
      try {
        return this.call(fn, value[fn], { ...frame, onUnresolvable: undefined });
      } catch (error) {
        if (!(error instanceof UnresolvableError)) throw error;
        frame.onUnresolvable(frame.at, error);
        return NO_VALUE;
      }
    }
    const result: TemplateObject = {};
    for (const [key, item] of Object.entries(value)) {
      const evaluated = this.evaluate(item, within(frame, key));
      if (evaluated !== NO_VALUE) result[key] = evaluated;
    }
    return result;
  }

  private call(fn: string, args: unknown, frame: Frame): unknown {
    const scope = this.scope(frame);
    if (fn === 'Ref') {
      if (typeof args !== 'string') throw scope.fail(`Ref takes a name, got ${describe(args)}`);
      return this.ref(args, frame);
    }
    if (fn === 'Fn::GetAtt') {
      const [logicalId, attribute] = this.getAttArguments(args, frame);
      return this.getAtt(logicalId, attribute, frame);
    }
    const implementation = ownValue(INTRINSIC_FUNCTIONS, fn);
    if (implementation) return implementation(args, scope);
    if (CONDITION_FUNCTIONS.has(fn)) {
      if (frame.inConditions) return evaluateCondition({ [fn]: args }, scope);
      throw scope.fail(`${fn} can only be used in the Conditions section (use Fn::If with a condition name)`);
    }
    if (REMOTE_FUNCTIONS.has(fn)) {
      throw new UnresolvableError(`${fn} ${describe(args)} refers to something outside this template`);
    }
    throw new UnresolvableError(`${fn} is not an intrinsic function the local cloud evaluates`);
  }

  private ref(name: string, frame: Frame): unknown {
    const fail = (message: string) => new TemplateError(message, frame.at.resource, frame.at.property);
    if (name.startsWith('AWS::')) return this.pseudoParameter(name, fail);
    const parameter = this.sources.parameters.get(name);
    if (parameter) {
      if ('unresolvable' in parameter) throw new UnresolvableError(parameter.unresolvable);
      return parameter.value;
    }
    const resource = this.existingResource(name, frame, 'Ref');
    return this.guarded(`Ref ${name}`, () => refValue(this.view(name, resource)));
  }

  private getAtt(logicalId: string, attribute: string, frame: Frame): string {
    const resource = this.existingResource(logicalId, frame, 'Fn::GetAtt');
    try {
      return this.guarded(`GetAtt ${logicalId}.${attribute}`, () =>
        attributeValue(this.view(logicalId, resource), attribute),
      );
    } catch (error) {
      if (!(error instanceof MissingAttributeError)) throw error;
      throw new TemplateError(error.message, frame.at.resource, frame.at.property, { cause: error });
    }
  }

  private getAttArguments(args: unknown, frame: Frame): [string, string] {
    // JSON templates may write the short form as one string, `"Resource.Attribute"`.
    const parts = typeof args === 'string' ? splitAtFirstDot(args) : args;
    if (Array.isArray(parts) && parts.length === 2 && typeof parts[0] === 'string' && parts[0] !== '') {
      const attribute = scalarToString(this.evaluate(parts[1], frame));
      if (attribute) return [parts[0], attribute];
    }
    throw new TemplateError(
      `Fn::GetAtt takes [Resource, Attribute], got ${describe(args)}`,
      frame.at.resource,
      frame.at.property,
    );
  }

  private existingResource(logicalId: string, frame: Frame, fn: string): RawResource {
    const fail = (message: string) => new TemplateError(message, frame.at.resource, frame.at.property);
    if (frame.inConditions) {
      throw fail(`${fn} ${logicalId}: conditions can only refer to parameters and pseudo parameters`);
    }
    const resource = this.resourceNamed(logicalId);
    if (!resource) {
      const generator = this.samGenerator(logicalId);
      if (generator) {
        throw new UnresolvableError(
          `${fn} ${logicalId}: SAM generates it from ${generator}, but the local cloud does not`,
        );
      }
      throw fail(`${fn} ${logicalId}: there is no parameter or resource named '${logicalId}'`);
    }
    if (!this.isCreated(logicalId)) {
      throw fail(`${fn} ${logicalId}: that resource is not created (its Condition is false)`);
    }
    return resource;
  }

  private pseudoParameter(name: string, fail: (message: string) => TemplateError): unknown {
    const { env } = this.sources;
    switch (name) {
      case 'AWS::Region':
        return env.region;
      case 'AWS::AccountId':
        return env.accountId;
      case 'AWS::StackName':
        return env.stackName;
      case 'AWS::StackId':
        return env.stackId;
      case 'AWS::Partition':
        return env.partition;
      case 'AWS::URLSuffix':
        return env.urlSuffix;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
      default:
        throw fail(`${name} is not a pseudo parameter`);
    }
  }

  private view(logicalId: string, resource: RawResource): ResourceView {
    return {
      logicalId,
      type: resource.Type,
      env: this.sources.env,
      property: (key) => this.resourceProperty(logicalId, key),
      has: (key) => this.resourceHas(logicalId, key),
    };
  }

  /**
   * The SAM resource a missing name probably comes from: SAM names what it generates after the
   * resource (`FnAliaslive`, `ApiProdStage`) or `ServerlessRestApi` / `ServerlessHttpApi`.
   */
  private samGenerator(logicalId: string): string | undefined {
    if (logicalId === 'ServerlessRestApi' || logicalId === 'ServerlessHttpApi') {
      return 'the implicit API of Api events';
    }
    return Object.entries(this.sources.resources).find(
      ([id, resource]) => resource.Type.startsWith('AWS::Serverless::') && logicalId.startsWith(id),
    )?.[0];
  }

  private resourceNamed(logicalId: string): RawResource | undefined {
    return ownValue(this.sources.resources, logicalId) ?? ownValue(this.sources.generated, logicalId);
  }

  private scope(frame: Frame): IntrinsicScope {
    return {
      env: this.sources.env,
      mappings: this.sources.mappings,
      evaluate: (value) => this.evaluate(value, frame),
      fail: (message) => new TemplateError(message, frame.at.resource, frame.at.property),
      condition: (name) => this.condition(name, frame.at),
      ref: (name) => this.ref(name, frame),
      getAtt: (logicalId, attribute) => this.getAtt(logicalId, attribute, frame),
    };
  }

  private guarded<T>(key: string, compute: () => T): T {
    const start = this.inProgress.indexOf(key);
    if (start >= 0) {
      const cycle = [...this.inProgress.slice(start), key].join(' -> ');
      throw new TemplateError(`circular reference: ${cycle}`, resourceOfStep(key));
    }
    this.inProgress.push(key);
    try {
      return compute();
    } finally {
      this.inProgress.pop();
    }
  }
}

function within(frame: Frame, key: string | number): Frame {
  return { ...frame, at: { resource: frame.at.resource, property: childPath(frame.at.property, key) } };
}

function isConditionCall(value: TemplateObject): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'Condition' && typeof value.Condition === 'string';
}

/** The resource (or `Conditions`) a step of an evaluation chain belongs to: `Ref A`, `A.Properties.X`. */
function resourceOfStep(step: string): string {
  const subject = step.replace(/^(Ref|GetAtt) /, '');
  return subject.slice(0, subject.indexOf('.') < 0 ? undefined : subject.indexOf('.'));
}

function splitAtFirstDot(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}
