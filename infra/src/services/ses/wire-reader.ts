import { badRequest } from './errors.js';

type Json = Record<string, unknown>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads the members of a restJson1 request body. `Shape` is the SDK's type of the structure, so
 * member names are checked against the model; a member of the wrong JSON type is a
 * `BadRequestException` naming it by its path (`Content.Simple.Subject.Data`).
 *
 * @example WireReader.of<SendEmailRequest>(request.body).structure<EmailContent>('Content')
 */
export class WireReader<Shape extends object> {
  private constructor(
    private readonly json: Json,
    /** Where this structure sits in the request (`Content.Simple.`), for the messages. */
    private readonly path = '',
  ) {}

  /** The reader of a whole request body; an empty body reads as `{}`, as the SDK may send none. */
  static of<Shape extends object>(body: Buffer): WireReader<Shape> {
    let json: unknown = {};
    if (body.length > 0) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw badRequest('The request body is not valid JSON.');
      }
    }
    if (!isStructure(json)) throw badRequest('The request body must be a JSON object.');
    return new WireReader<Shape>(json);
  }

  /** Whether the member is present (an explicit `null` counts as absent, as the service reads it). */
  has(member: keyof Shape & string): boolean {
    return this.member(member) !== undefined;
  }

  string(member: keyof Shape & string): string | undefined {
    const value = this.member(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw this.wrongType(member, 'a string');
    return value;
  }

  /** A string that must be there. */
  requiredString(member: keyof Shape & string): string {
    const value = this.string(member);
    if (value === undefined) throw badRequest(`${this.path}${member} is required.`);
    return value;
  }

  strings(member: keyof Shape & string): string[] | undefined {
    const value = this.member(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.wrongType(member, 'a list of strings');
    return value.map((item) => {
      if (typeof item !== 'string') throw this.wrongType(member, 'a list of strings');
      return item;
    });
  }

  structure<Member extends object>(member: keyof Shape & string): WireReader<Member> | undefined {
    const value = this.member(member);
    if (value === undefined) return undefined;
    if (!isStructure(value)) throw this.wrongType(member, 'an object');
    return new WireReader<Member>(value, `${this.path}${member}.`);
  }

  structures<Member extends object>(member: keyof Shape & string): Array<WireReader<Member>> | undefined {
    const value = this.member(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.wrongType(member, 'a list of objects');
    return value.map((item, index) => {
      if (!isStructure(item)) throw this.wrongType(member, 'a list of objects');
      return new WireReader<Member>(item, `${this.path}${member}.${index}.`);
    });
  }

  /** A blob member: base64 text on the wire (the SDK encodes `Uint8Array`s so). */
  blob(member: keyof Shape & string): Buffer | undefined {
    const value = this.string(member);
    if (value === undefined) return undefined;
    const compact = value.replace(/\s+/g, '');
    if (compact.length % 4 === 1 || !BASE64.test(compact))
      throw badRequest(`${this.path}${member} is not valid base64.`);
    return Buffer.from(compact, 'base64');
  }

  private member(member: string): unknown {
    const value = Object.hasOwn(this.json, member) ? this.json[member] : undefined;
    return value === null ? undefined : value;
  }

  private wrongType(member: string, expected: string): Error {
    return badRequest(`${this.path}${member} must be ${expected}.`);
  }
}

function isStructure(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
