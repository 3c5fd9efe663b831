import { randomBytes, randomUUID } from 'node:crypto';

/** IAM unique-id prefixes (IAM User Guide, "Unique ID prefixes"). */
export type UniqueIdPrefix = 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'ANVA' | 'AIPA' | 'AKIA' | 'ASIA' | 'APKA' | 'ASCA';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Makes every identifier Kiln hands out, so tests can swap in a predictable sequence. */
export interface IdGenerator {
  /** A unique id such as `AROA` + 17 characters (21 in all), like IAM's. */
  uniqueId(prefix: UniqueIdPrefix): string;
  /** An access key id: `AKIA`/`ASIA` + 16 characters (20 in all). */
  accessKeyId(prefix: 'AKIA' | 'ASIA'): string;
  /** A 40-character secret access key. */
  secretAccessKey(): string;
  /** A lower-case UUID, as AWS request ids and deletion tasks use. */
  uuid(): string;
}

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export class RandomIds implements IdGenerator {
  uniqueId(prefix: UniqueIdPrefix): string {
    return prefix + randomFrom(BASE32, 17);
  }
  accessKeyId(prefix: 'AKIA' | 'ASIA'): string {
    return prefix + randomFrom(BASE32, 16);
  }
  secretAccessKey(): string {
    return randomFrom(SECRET_ALPHABET, 40);
  }
  uuid(): string {
    return randomUUID();
  }
}

/** Predictable ids for tests: AROA00000000000000001, AROA00000000000000002, ... */
export class SequentialIds implements IdGenerator {
  private n = 0;
  private next(width: number): string {
    this.n += 1;
    return String(this.n).padStart(width, '0');
  }
  uniqueId(prefix: UniqueIdPrefix): string {
    return prefix + this.next(17);
  }
  accessKeyId(prefix: 'AKIA' | 'ASIA'): string {
    return prefix + this.next(16);
  }
  secretAccessKey(): string {
    return 'secret'.padEnd(28, '0') + this.next(12);
  }
  uuid(): string {
    return `00000000-0000-4000-8000-${this.next(12)}`;
  }
}
