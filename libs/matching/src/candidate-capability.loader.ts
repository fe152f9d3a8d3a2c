import type { OrganizationQualification } from '@app/database';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { CapabilityProfileStore, type StoredProfileRow } from './capability-profile.store';
import { toMatchCapability } from './match-inputs';
import type { MatchCapability } from './matching.types';
import { decodeTermHashes } from './term-hash';

/** A published capability as a candidate: the engine's input plus what storing a match needs. */
export interface CandidateCapability {
  input: MatchCapability;
  version: number;
  organizationId: string;
}

interface CandidateStamp {
  id: string;
  version: number;
  organization_id: string;
  stamp: string;
}

interface CandidateRow {
  id: string;
  title: string;
  description: string | null;
  domains: string[];
  kind: string | null;
  trl: number | null;
  region_code: string | null;
  price_min_wan: number | null;
  price_max_wan: number | null;
  tags: string[];
  published_at: string | null;
  supplier_name: string;
  supplier_type: string;
  supplier_region_code: string | null;
  qualifications: OrganizationQualification[] | null;
  case_count: number;
  source_key: string | null;
  term_hashes: Buffer | null;
  /** Only for rows stored before term hashes were kept. */
  terms: Array<[string, number]> | null;
  title_terms: string[] | null;
  synonym_hits: string[] | null;
}

function loadedProfile(row: CandidateRow): StoredProfileRow['profile'] {
  return {
    termHashes: row.term_hashes ? decodeTermHashes(row.term_hashes) : undefined,
    terms: row.terms ?? undefined,
    titleTerms: row.title_terms ?? [],
    synonymHits: row.synonym_hits ?? [],
  };
}

/**
 * Loads candidate capabilities for scoring with plain SQL: the engine needs a dozen columns, the supplier's
 * profile and the stored text profile, and entity hydration of hundreds of rows (with their organizations)
 * per scenario cost more than scoring them. A first, narrow query says which rows changed since they were
 * cached; only those are loaded in full.
 */
@Injectable()
export class CandidateCapabilityLoader {
  private readonly cache: LRUCache<string, { stamp: string; input: MatchCapability }> | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: CapabilityProfileStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Neighbouring scenarios share many candidates, and a rematch-all visits every candidate once per scenario.
    this.cache = config.MATCHING_CANDIDATE_CACHE > 0 ? new LRUCache({ max: config.MATCHING_CANDIDATE_CACHE }) : null;
  }

  /** Forgets every parsed candidate (the benchmark measures a cold rematch with it). */
  clear(): void {
    this.cache?.clear();
  }

  /** How many candidates the cache holds at most (0: no cache), and holds now. */
  get capacity(): number {
    return this.cache?.max ?? 0;
  }

  get cached(): number {
    return this.cache?.size ?? 0;
  }

  /** The published ones among `ids`, with their text profiles primed; `at` is the day qualifications are valid on. */
  async published(ids: readonly string[], at: Date): Promise<CandidateCapability[]> {
    if (ids.length === 0) return [];
    const stamps: CandidateStamp[] = await this.dataSource.query(
      `SELECT c.id, c.version, c.organization_id,
              c.version || ':' || (extract(epoch FROM c.updated_at) * 1000000)::bigint || ':' || (extract(epoch FROM o.updated_at) * 1000000)::bigint AS stamp
         FROM capabilities c JOIN organizations o ON o.id = c.organization_id
        WHERE c.id = ANY($1::uuid[]) AND c.status = 'published'`,
      [ids],
    );
    const day = at.toISOString().slice(0, 10);
    const inputs = new Map<string, MatchCapability>();
    const missing: string[] = [];
    for (const row of stamps) {
      const stamp = `${row.stamp}:${day}`;
      const hit = this.cache?.get(row.id);
      if (hit && hit.stamp === stamp) inputs.set(row.id, hit.input);
      else missing.push(row.id);
    }
    if (missing.length > 0) {
      const stampOf = new Map(stamps.map((row) => [row.id, `${row.stamp}:${day}`]));
      const loaded = await this.load(missing, at);
      for (const input of loaded) {
        inputs.set(input.id, input);
        this.cache?.set(input.id, { stamp: stampOf.get(input.id) as string, input });
      }
    }
    return stamps
      .filter((row) => inputs.has(row.id))
      .map((row) => ({ input: inputs.get(row.id) as MatchCapability, version: row.version, organizationId: row.organization_id }));
  }

  private async load(ids: readonly string[], at: Date): Promise<MatchCapability[]> {
    const rows: CandidateRow[] = await this.dataSource.query(
      `SELECT c.id, c.title, c.description, c.domains, c.kind, c.trl, c.region_code,
              c.price_min_wan::float8 AS price_min_wan, c.price_max_wan::float8 AS price_max_wan, c.tags,
              to_char(c.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at,
              o.name AS supplier_name, o.type AS supplier_type, o.region_code AS supplier_region_code, o.qualifications,
              jsonb_array_length(o.cases) AS case_count, p.source_key, p.term_hashes,
              CASE WHEN p.term_hashes IS NULL THEN p.profile->'terms' END AS terms,
              p.profile->'titleTerms' AS title_terms, p.profile->'synonymHits' AS synonym_hits
         FROM capabilities c
         JOIN organizations o ON o.id = c.organization_id
         LEFT JOIN capability_match_profiles p ON p.capability_id = c.id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    const stored = new Map<string, StoredProfileRow>();
    const inputs = rows.map((row) => {
      if (row.source_key) stored.set(row.id, { id: row.id, source_key: row.source_key, profile: loadedProfile(row) });
      return toMatchCapability(
        {
          id: row.id,
          title: row.title,
          description: row.description,
          domains: row.domains,
          kind: row.kind,
          trl: row.trl,
          regionCode: row.region_code,
          priceMinWan: row.price_min_wan,
          priceMaxWan: row.price_max_wan,
          tags: row.tags,
          publishedAt: row.published_at,
        },
        {
          name: row.supplier_name,
          type: row.supplier_type,
          regionCode: row.supplier_region_code,
          qualifications: row.qualifications,
          caseCount: row.case_count,
        },
        at,
      );
    });
    await this.profiles.prime(inputs, stored);
    return inputs;
  }
}
