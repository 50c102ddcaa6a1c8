/**
 * TOTP codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) computed from the base32 setup
 * key the enrolment page shows — what an authenticator app does — with node:crypto.
 */
import { createHmac } from 'node:crypto';

export const STEP_SECONDS = 30;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, spaces and padding ignored, case-insensitive. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The time step a moment (ms since the epoch) falls in. */
export function stepAt(ms: number = Date.now()): number {
  return Math.floor(ms / 1000 / STEP_SECONDS);
}

/** The code of one step for a raw key. */
export function codeForStep(key: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 1_000_000).toString().padStart(6, '0');
}

/** The code the app shows for `secret` (base32) at `ms`. */
export function totp(secret: string, ms: number = Date.now()): string {
  return codeForStep(base32Decode(secret), stepAt(ms));
}
