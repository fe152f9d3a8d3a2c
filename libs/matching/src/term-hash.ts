/**
 * A text's distinct terms as a sorted array of 53-bit hashes. Scoring a demand against hundreds of candidates
 * only asks "does the candidate contain this term?": on sorted numbers that is a merge, and a candidate's
 * terms load from PostgreSQL as one binary value instead of a map built term by term. Two FNV-1a hashes with
 * different offsets make a collision between two of a market's ~10⁶ terms about as likely as one in 10⁴ markets,
 * and a collision only makes two rare terms count as one.
 */
export type TermHashes = Float64Array;

const SHIFT_21 = 2 ** 21;

export function termHash(term: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * SHIFT_21 + ((b >>> 0) >>> 11);
}

export function termHashesOf(terms: Iterable<string>): TermHashes {
  const hashes = new Set<number>();
  for (const term of terms) hashes.add(termHash(term));
  return Float64Array.from(hashes).sort();
}

/** Whether the sorted hashes contain `hash` (binary search). */
export function containsTermHash(hashes: TermHashes, hash: number): boolean {
  let low = 0;
  let high = hashes.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = hashes[middle];
    if (value === hash) return true;
    if (value < hash) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Stored as little-endian float64s (`bytea`). */
export function encodeTermHashes(hashes: TermHashes): Buffer {
  const buffer = Buffer.alloc(hashes.length * 8);
  for (let i = 0; i < hashes.length; i++) buffer.writeDoubleLE(hashes[i], i * 8);
  return buffer;
}

export function decodeTermHashes(buffer: Buffer): TermHashes {
  if (!LITTLE_ENDIAN) {
    const hashes = new Float64Array(buffer.length >>> 3);
    for (let i = 0; i < hashes.length; i++) hashes[i] = buffer.readDoubleLE(i * 8);
    return hashes;
  }
  // One copy into an aligned buffer instead of a read per number (pg's Buffers start anywhere in a pool).
  const bytes = new Uint8Array(buffer.length - (buffer.length % 8));
  bytes.set(buffer.subarray(0, bytes.length));
  return new Float64Array(bytes.buffer);
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
