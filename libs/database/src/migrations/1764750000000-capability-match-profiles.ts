import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Derived data, like the search index: the segmented text of each capability as the matching engine reads
 * it. Segmenting a description with ICU costs about a millisecond; a scenario scores a few hundred candidate
 * capabilities, and the term statistics count the whole pool, so both read these rows instead. A row is used
 * only while its `source_key` (a hash of the text and of the segmentation code's format) still matches.
 */
export class CapabilityMatchProfiles1764750000000 implements MigrationInterface {
  name = 'CapabilityMatchProfiles1764750000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE capability_match_profiles (
        capability_id uuid PRIMARY KEY REFERENCES capabilities(id) ON DELETE CASCADE,
        source_key text NOT NULL,
        profile jsonb NOT NULL CHECK (jsonb_typeof(profile) = 'object'),
        statistics_terms jsonb NOT NULL CHECK (jsonb_typeof(statistics_terms) = 'array'),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE capability_match_profiles`);
  }
}
