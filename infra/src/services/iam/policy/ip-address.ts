/**
 * IPv4 and IPv6 addresses and CIDR blocks, as the IpAddress/NotIpAddress operators compare them
 * (`aws:SourceIp`). An address written without a prefix is a block of one.
 */
export interface CidrBlock {
  bytes: Uint8Array;
  prefix: number;
}

/** Parses `203.0.113.0/24`, `2001:db8::/32` or a single address; undefined when it is neither. */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  const bytes = parseAddress(slash < 0 ? text : text.slice(0, slash));
  if (!bytes) return undefined;
  const bits = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: bits };
  const prefixText = text.slice(slash + 1);
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > bits) return undefined;
  return { bytes, prefix };
}

/** True when the address (text, as a request carries it) lies in the block; v4 and v6 never mix. */
export function cidrContains(block: CidrBlock, address: string): boolean | undefined {
  const bytes = parseAddress(address);
  if (!bytes) return undefined;
  if (bytes.length !== block.bytes.length) return false;
  const whole = block.prefix >> 3;
  for (let at = 0; at < whole; at++) if (bytes[at] !== block.bytes[at]) return false;
  const rest = block.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((bytes[whole] as number) & mask) === ((block.bytes[whole] as number) & mask);
}

export function parseAddress(text: string): Uint8Array | undefined {
  return text.includes(':') ? parseV6(text) : parseV4(text);
}

function parseV4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [at, part] of parts.entries()) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    bytes[at] = Number(part);
  }
  return bytes;
}

function parseV6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): number[] | undefined => {
    if (!half) return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (const [at, part] of parts.entries()) {
      // The last group may be a dotted IPv4 address (`::ffff:192.0.2.1`).
      if (at === parts.length - 1 && part.includes('.')) {
        const v4 = parseV4(part);
        if (!v4) return undefined;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) out.push(Number.parseInt(part, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  for (const [at, group] of all.entries()) {
    bytes[at * 2] = group >> 8;
    bytes[at * 2 + 1] = group & 0xff;
  }
  return bytes;
}
