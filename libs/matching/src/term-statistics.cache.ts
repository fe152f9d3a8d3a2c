import { Capability } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TermStatistics } from './key-phrase.extractor';
import { capabilityStatisticsText, capabilityText } from './match-inputs';
import { profileSourceKey } from './text-profile';

/** A full rebuild also picks up changes applied by other worker processes; incremental updates cover our own. */
const REBUILD_AFTER_MS = 15 * 60_000;

/**
 * Term rarity over the published capability pool, built once per process and kept current one capability
 * at a time (a full build over 100,000 capabilities takes seconds; a match must take milliseconds).
 * Both directions score with these statistics, so a pair scores the same whichever side asked.
 */
@Injectable()
export class TermStatisticsCache {
  private readonly logger = new Logger(TermStatisticsCache.name);
  private stats: TermStatistics | null = null;
  /** The text counted for each capability, needed to un-count it when it changes or leaves the pool. */
  private readonly texts = new Map<string, string>();
  private builtAt = 0;
  private building: Promise<TermStatistics> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(): Promise<TermStatistics> {
    if (this.stats && Date.now() - this.builtAt < REBUILD_AFTER_MS) return this.stats;
    if (this.stats && !this.building) {
      // Stale but usable: refresh in the background rather than stall a match.
      this.building = this.build().finally(() => (this.building = null));
      this.building.catch((error: unknown) => this.logger.warn({ err: error }, 'Term statistics rebuild failed'));
      return this.stats;
    }
    this.building ??= this.build().finally(() => (this.building = null));
    return this.building;
  }

  /** Counts the capability's current text if it is published, and un-counts its previous one. */
  async update(capability: Pick<Capability, 'id' | 'title' | 'description' | 'status'>): Promise<void> {
    const stats = await this.current();
    const previous = this.texts.get(capability.id);
    const next = capability.status === 'published' ? capabilityStatisticsText(capability) : undefined;
    if (previous === next) return;
    if (previous !== undefined) stats.removeDocument(previous);
    if (next !== undefined) {
      stats.addDocument(next);
      this.texts.set(capability.id, next);
    } else {
      this.texts.delete(capability.id);
    }
  }

  get size(): number {
    return this.texts.size;
  }

  /** Forgets everything; the next `current()` rebuilds from PostgreSQL. */
  invalidate(): void {
    this.stats = null;
    this.builtAt = 0;
  }

  private async build(): Promise<TermStatistics> {
    const started = Date.now();
    const stats = new TermStatistics();
    const texts = new Map<string, string>();
    const pageSize = 5000;
    // Keyset pagination keeps memory flat however large the pool is.
    let after = '00000000-0000-0000-0000-000000000000';
    let segmented = 0;
    for (;;) {
      // Stored profiles (capability_match_profiles) carry each text's distinct terms: counting them is what
      // keeps this build in seconds at 100,000 capabilities; text without a current profile is segmented here.
      const rows: Array<{ id: string; title: string; description: string | null; tags: string[] | null; source_key: string | null; statistics_terms: string[] | null }> =
        await this.dataSource.query(
          `SELECT c.id, c.title, c.description, c.tags, p.source_key, p.statistics_terms
             FROM capabilities c LEFT JOIN capability_match_profiles p ON p.capability_id = c.id
            WHERE c.status = 'published' AND c.id > $1 ORDER BY c.id LIMIT $2`,
          [after, pageSize],
        );
      for (const row of rows) {
        const text = capabilityStatisticsText({ title: row.title, description: row.description ?? '' });
        const current = row.statistics_terms !== null && row.source_key === profileSourceKey(capabilityText(row));
        if (current) stats.addTerms(row.statistics_terms as string[]);
        else {
          stats.addDocument(text);
          segmented++;
        }
        texts.set(row.id, text);
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].id;
    }
    this.stats = stats;
    this.texts.clear();
    for (const [id, text] of texts) this.texts.set(id, text);
    this.builtAt = Date.now();
    this.logger.log({ capabilities: texts.size, segmented, millis: Date.now() - started }, 'Term statistics built');
    return stats;
  }
}
