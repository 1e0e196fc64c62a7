/** One mailbox of an address header: `noreply@example.com` or `"Example Team" <noreply@example.com>`. */
export interface Mailbox {
  /** The bare address, `local@domain`. */
  address: string;
  /** The display name before `<…>`, unquoted; absent for a bare address. */
  displayName?: string;
}

const LOCAL_PART = /^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+|"(?:[^"\\\r\n]|\\.)*")$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Reads a mailbox as SES takes one in `FromEmailAddress`, the destinations and `ReplyToAddresses`.
 * Returns the problem in SES's own words when it is not one ("Missing final '@domain'", "Illegal
 * address"): SES does not say which address, so neither does the local cloud.
 *
 * @example parseMailbox('"Example" <noreply@example.com>') // { mailbox: { address: 'noreply@example.com', displayName: 'Example' } }
 */
export function parseMailbox(text: string): { mailbox: Mailbox } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'Invalid email address .' };
  const angled = /^(.*?)\s*<([^<>]*)>$/s.exec(trimmed);
  const address = angled ? (angled[2] as string).trim() : trimmed;
  const problem = addressProblem(address);
  if (problem) return { problem };
  const displayName = angled ? unquote((angled[1] as string).trim()) : '';
  return { mailbox: displayName ? { address, displayName } : { address } };
}

/** What is wrong with a bare address (`local@domain`), in SES's words; undefined when nothing is. */
export function addressProblem(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return "Missing final '@domain'";
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return 'Illegal address';
  return domainProblem(domain) ? 'Illegal address' : undefined;
}

/** What is wrong with a domain name (ASCII labels; internationalised names go as punycode). */
export function domainProblem(domain: string): string | undefined {
  if (domain === '' || domain.length > 253) return 'must be 1 to 253 characters';
  const bad = domain.split('.').find((label) => !DOMAIN_LABEL.test(label));
  return bad === undefined ? undefined : `'${bad}' is not a valid domain label`;
}

/** The domain of a bare address, lowercase (domain names are not case-sensitive). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Splits an address header (`To: a@x.com, "Doe, Jane" <j@x.com>`) into its mailboxes: commas inside
 * quotes or angle brackets do not separate.
 */
export function splitAddressList(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (let i = 0; i < header.length; i++) {
    const char = header[i] as string;
    if (char === '\\' && quoted) {
      current += char + (header[++i] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angled = true;
    else if (!quoted && char === '>') angled = false;
    if (char === ',' && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function unquote(name: string): string {
  const quoted = /^"(.*)"$/s.exec(name);
  return quoted ? (quoted[1] as string).replace(/\\(.)/g, '$1') : name;
}
