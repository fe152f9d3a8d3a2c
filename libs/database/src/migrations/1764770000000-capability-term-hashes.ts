import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each stored capability profile also keeps its distinct terms as sorted 53-bit hashes (little-endian
 * float64s): scoring only tests term membership, and a binary value loads without building a map per
 * candidate. Rows from before are filled in by the profile backfill (NULL reads as "not computed").
 */
export class CapabilityTermHashes1764770000000 implements MigrationInterface {
  name = 'CapabilityTermHashes1764770000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE capability_match_profiles ADD COLUMN term_hashes bytea`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE capability_match_profiles DROP COLUMN term_hashes`);
  }
}
