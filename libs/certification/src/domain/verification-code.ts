import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A verification code: 80 random bits as 16 base32 letters in four groups, `7K2M-9QXD-…`. */
export function mintVerificationCode(bytes: Buffer = randomBytes(10)): string {
  let bits = 0n;
  for (const b of bytes.subarray(0, 10)) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** A code as typed by a person: case and separators do not matter, and O/I/L read as 0/1/1. */
export function normaliseVerificationCode(typed: string): string | null {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(clean)) return null;
  return clean.match(/.{4}/g)!.join('-');
}
