import { termsOf } from './key-phrase.extractor';
import { containsTermHash, decodeTermHashes, encodeTermHashes, termHash, termHashesOf } from './term-hash';

describe('term hashes', () => {
  const terms = termsOf('四足巡检机器人搭载红外热像仪，夜间自主巡检变电站，识别表计读数。');

  it('are sorted, distinct, exact integers below 2^53, and stable', () => {
    const hashes = termHashesOf([...terms, ...terms]);
    expect(hashes.length).toBe(new Set(terms).size);
    for (let i = 1; i < hashes.length; i++) expect(hashes[i]).toBeGreaterThan(hashes[i - 1]);
    for (const hash of hashes) expect(Number.isSafeInteger(hash)).toBe(true);
    expect(termHash('巡检')).toBe(termHash('巡检'));
    expect(termHash('巡检')).not.toBe(termHash('检巡'));
  });

  it('answer membership for every term and (almost surely) not for others', () => {
    const hashes = termHashesOf(terms);
    for (const term of terms) expect(containsTermHash(hashes, termHash(term))).toBe(true);
    for (const other of ['培养', '基因', '无人', '储能']) expect(containsTermHash(hashes, termHash(other))).toBe(false);
    expect(containsTermHash(new Float64Array(), termHash('巡检'))).toBe(false);
  });

  it('survive the bytea round trip', () => {
    const hashes = termHashesOf(terms);
    expect(Array.from(decodeTermHashes(encodeTermHashes(hashes)))).toEqual(Array.from(hashes));
  });
});
