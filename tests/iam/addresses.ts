/**
 * IPv4/IPv6 addresses and CIDR blocks as numbers, for choosing the outside caller's aws:VpcSourceIp: an address
 * outside every block of a document that the pack counts as restricting, and inside the broader blocks
 * where that makes a difference. Only what that choice needs: parsing, containment, the address at a
 * given offset inside a block, and printing.
 */

export type Family = "ipv4" | "ipv6";

export interface Block {
  family: Family;
  /** The network address (host bits cleared). */
  network: bigint;
  prefix: number;
}

const widths: Record<Family, number> = { ipv4: 32, ipv6: 128 };

function parseIpv4(text: string): bigint | undefined {
  const octets = text.split(".");
  if (octets.length !== 4 || !octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255)) {
    return undefined;
  }
  return octets.reduce((n, o) => (n << 8n) | BigInt(o), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((n, g) => (n << 16n) | BigInt(`0x${g}`), 0n);
}

/** An address or a CIDR block (an address alone is a block of one); undefined for anything else. */
export function parseBlock(text: string): Block | undefined {
  const [address, prefixText, ...rest] = text.split("/");
  if (rest.length > 0) return undefined;
  const family: Family = address.includes(":") ? "ipv6" : "ipv4";
  const value = family === "ipv4" ? parseIpv4(address) : parseIpv6(address);
  const width = widths[family];
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (value === undefined || !(prefix >= 0 && prefix <= width)) return undefined;
  return { family, network: value & networkMask(family, prefix), prefix };
}

function networkMask(family: Family, prefix: number): bigint {
  const width = BigInt(widths[family]);
  return ((1n << width) - 1n) ^ ((1n << (width - BigInt(prefix))) - 1n);
}

export function contains(block: Block, address: Block): boolean {
  return (
    block.family === address.family &&
    (address.network & networkMask(block.family, block.prefix)) === block.network
  );
}

/** The address whose host bits (those the block's prefix leaves free) are taken from `hostBits`. */
export function addressInside(block: Block, hostBits: bigint): Block {
  const hostMask = ((1n << BigInt(widths[block.family])) - 1n) ^ networkMask(block.family, block.prefix);
  return {
    family: block.family,
    network: block.network | (hostBits & hostMask),
    prefix: widths[block.family],
  };
}

export function formatAddress(address: Block): string {
  if (address.family === "ipv4") {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.network >> shift) & 255n)).join(".");
  }
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n)
    groups.push(((address.network >> shift) & 0xffffn).toString(16));
  return groups.join(":");
}
