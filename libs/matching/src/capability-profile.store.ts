import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { termsOf } from './key-phrase.extractor';
import { capabilityStatisticsText, capabilityText } from './match-inputs';
import { encodeTermHashes } from './term-hash';
import { type ProfiledText, hasProfile, primeProfile, profileSourceKey, profileText, storedProfileOf } from './text-profile';

type ProfiledCapability = ProfiledText & { id: string };

export interface StoredProfileRow {
  id: string;
  source_key: string;
  profile: Parameters<typeof primeProfile>[1];
}

const SAVE_BATCH = 500;

/**
 * Keeps `capability_match_profiles` in step with the capabilities' text: written when a capability is
 * matched (on publish and on every change), read when it is a candidate for a scenario, and used to count
 * the pool's term statistics without segmenting 100,000 descriptions at start-up. Derived data: a missing or
 * outdated row is recomputed on the spot, so nothing depends on it being complete.
 */
@Injectable()
export class CapabilityProfileStore {
  private readonly logger = new Logger(CapabilityProfileStore.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Gives each input the stored profile the caller read along with it (`stored`, by capability id); computes
   * (and stores) the ones missing or made from other text.
   */
  async prime(inputs: readonly ProfiledCapability[], stored: ReadonlyMap<string, StoredProfileRow>): Promise<{ reused: number; computed: number }> {
    const pending = inputs.filter((input) => !hasProfile(input));
    if (pending.length === 0) return { reused: 0, computed: 0 };
    const missing: ProfiledCapability[] = [];
    for (const input of pending) {
      const row = stored.get(input.id);
      if (row && row.source_key === profileSourceKey(input)) primeProfile(input, row.profile);
      else missing.push(input);
    }
    if (missing.length > 0) await this.save(missing);
    return { reused: pending.length - missing.length, computed: missing.length };
  }

  /** Computes and upserts the profiles of these capabilities (their text as given). */
  async save(capabilities: readonly ProfiledCapability[]): Promise<void> {
    // One lock order for every writer: concurrent jobs saving overlapping capabilities must not deadlock.
    const sorted = [...capabilities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let start = 0; start < sorted.length; start += SAVE_BATCH) {
      const payload = sorted.slice(start, start + SAVE_BATCH).map((capability) => ({
        capability_id: capability.id,
        source_key: profileSourceKey(capability),
        profile: storedProfileOf(capability),
        term_hashes: encodeTermHashes(profileText(capability).termHashes).toString('hex'),
        statistics_terms: [...new Set(termsOf(capabilityStatisticsText(capability)))],
      }));
      await this.dataSource.query(
        `INSERT INTO capability_match_profiles AS p (capability_id, source_key, profile, term_hashes, statistics_terms)
         SELECT x.capability_id, x.source_key, x.profile, decode(x.term_hashes, 'hex'), x.statistics_terms
           FROM jsonb_to_recordset($1::jsonb) AS x(capability_id uuid, source_key text, profile jsonb, term_hashes text, statistics_terms jsonb)
           JOIN capabilities c ON c.id = x.capability_id
         ON CONFLICT (capability_id) DO UPDATE SET
           source_key = EXCLUDED.source_key, profile = EXCLUDED.profile, term_hashes = EXCLUDED.term_hashes,
           statistics_terms = EXCLUDED.statistics_terms, updated_at = now()
         WHERE p.source_key IS DISTINCT FROM EXCLUDED.source_key OR p.term_hashes IS NULL`,
        [JSON.stringify(payload)],
      );
    }
  }

  /**
   * Computes the profiles of every published capability that has none for its current text (after an
   * upgrade that changed the format, or for capabilities imported in bulk). Returns how many it computed.
   * `missingOnly` looks only at rows without a profile or without term hashes, which SQL can tell without
   * reading every description (the worker does this at start; a changed format is caught on first use).
   */
  async backfill({ missingOnly = false, onProgress }: { missingOnly?: boolean; onProgress?: (done: number) => void } = {}): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let computed = 0;
    for (;;) {
      const rows: Array<{ id: string; title: string; description: string | null; tags: string[] | null; source_key: string | null }> = await this.dataSource.query(
        `SELECT c.id, c.title, c.description, c.tags, CASE WHEN p.term_hashes IS NOT NULL THEN p.source_key END AS source_key
           FROM capabilities c LEFT JOIN capability_match_profiles p ON p.capability_id = c.id
          WHERE c.status = 'published' AND c.id > $1 AND (NOT $3 OR p.term_hashes IS NULL) ORDER BY c.id LIMIT $2`,
        [after, SAVE_BATCH, missingOnly],
      );
      const outdated = rows
        .filter((row) => row.source_key !== profileSourceKey(capabilityText(row)))
        .map((row) => ({ id: row.id, ...capabilityText(row) }));
      if (outdated.length > 0) await this.save(outdated);
      computed += outdated.length;
      onProgress?.(computed);
      if (rows.length < SAVE_BATCH) break;
      after = rows[rows.length - 1].id;
    }
    if (computed > 0) this.logger.log({ computed }, 'Capability match profiles backfilled');
    return computed;
  }
}
