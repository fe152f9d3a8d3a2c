import { FieldError, RequestValidationFailed } from '@app/common';
import { CAPABILITY_STATUSES, SCENARIO_STATUSES } from '@app/database';
import { IndexingJob, IndexingProducer, stableJobId } from '@app/queue';
import {
  FacetedSearchQuery,
  OutboxIndexer,
  quoteFilterValue,
  SearchEngine,
  SearchIndexKind,
  SearchIndexMaintenance,
  SearchQueryRejected,
  SearchUnavailable,
} from '@app/search';
import { expandDomainNames, findDomainByName } from '@app/taxonomy';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ConsistencyReportDto, ReindexJobDto, SearchQueryDto, SearchResultDto, SearchType } from './dto/search.dto';

interface TypeProfile {
  index: SearchIndexKind;
  facets: string[];
  highlight: string[];
  crop: string[];
  /** Filters that make sense for this type; others are refused with a field error. */
  accepts: ReadonlyArray<keyof SearchQueryDto>;
  trlField?: string;
  budget?: { min: string; max: string; negotiable?: string };
  sorts: Partial<Record<string, string>>;
  statuses: readonly string[];
  titleField: string;
}

const PROFILES: Record<SearchType, TypeProfile> = {
  scenario: {
    index: 'scenarios',
    facets: ['domains', 'regionCodes', 'tier', 'stage'],
    highlight: ['title'],
    crop: ['summary'],
    accepts: ['domain', 'region', 'tier', 'stage', 'trlMin', 'trlMax', 'budgetMin', 'budgetMax', 'batch', 'status'],
    trlField: 'minTrl',
    budget: { min: 'budgetMinWan', max: 'budgetMaxWan', negotiable: 'budgetNegotiable' },
    sorts: { publishedAt: 'publishedAt', deadline: 'deadline', budget: 'budgetMaxWan' },
    statuses: SCENARIO_STATUSES,
    titleField: 'title',
  },
  capability: {
    index: 'capabilities',
    facets: ['domains', 'regionCodes', 'kind', 'qualifications'],
    highlight: ['title'],
    crop: ['description'],
    accepts: ['domain', 'region', 'kind', 'trlMin', 'trlMax', 'budgetMin', 'budgetMax', 'qualification', 'batch', 'status'],
    trlField: 'trl',
    budget: { min: 'priceMinWan', max: 'priceMaxWan' },
    sorts: { publishedAt: 'publishedAt', budget: 'priceMinWan' },
    statuses: CAPABILITY_STATUSES,
    titleField: 'title',
  },
  organization: {
    index: 'organizations',
    facets: ['domains', 'regionCodes', 'qualifications', 'type'],
    highlight: ['name'],
    crop: ['description'],
    accepts: ['domain', 'region', 'qualification'],
    sorts: {},
    statuses: [],
    titleField: 'name',
  },
};

const FILTER_PARAMS: ReadonlyArray<keyof SearchQueryDto> = ['domain', 'region', 'tier', 'stage', 'kind', 'trlMin', 'trlMax', 'budgetMin', 'budgetMax', 'qualification', 'batch', 'status', 'sort'];
const TYPE_LABELS: Record<SearchType, string> = { scenario: '场景需求', capability: '能力供给', organization: '供给方' };

/** Public search over the derived Meilisearch indexes; PostgreSQL stays the truth. */
@Injectable()
export class SearchService {
  constructor(
    private readonly engine: SearchEngine,
    private readonly maintenance: SearchIndexMaintenance,
    private readonly indexer: OutboxIndexer,
    private readonly indexing: IndexingProducer,
  ) {}

  async search(query: SearchQueryDto): Promise<SearchResultDto> {
    const profile = PROFILES[query.type];
    const request = this.toEngineQuery(query, profile);
    try {
      const result = await this.engine.facetedSearch<Record<string, unknown> & { id: string }>(profile.index, request);
      return {
        type: query.type,
        q: request.q,
        page: query.page,
        pageSize: query.pageSize,
        total: result.total,
        totalPages: result.totalPages,
        hits: result.hits.map(({ document, highlight }) => ({
          id: document.id,
          type: query.type,
          title: String(document[profile.titleField] ?? ''),
          highlight,
          document,
        })),
        facets: result.facets,
        processingTimeMs: result.processingTimeMs,
      };
    } catch (error) {
      if (error instanceof SearchUnavailable) throw new ServiceUnavailableException('搜索服务暂不可用，请稍后重试');
      if (error instanceof SearchQueryRejected) throw new RequestValidationFailed([{ field: 'q', messages: ['查询条件无法执行，请检查筛选参数'] }]);
      throw error;
    }
  }

  /** Every value that reaches a filter string is validated and then quoted, so no input can break the filter syntax. */
  toEngineQuery(query: SearchQueryDto, profile: TypeProfile): FacetedSearchQuery {
    const errors: FieldError[] = [];
    for (const param of FILTER_PARAMS) {
      if (param === 'sort' || query[param] === undefined) continue;
      if (!profile.accepts.includes(param)) errors.push({ field: param, messages: [`${TYPE_LABELS[query.type]}搜索不支持此筛选条件`] });
    }
    if (query.trlMin !== undefined && query.trlMax !== undefined && query.trlMin > query.trlMax) errors.push({ field: 'trlMax', messages: ['不能小于 trlMin'] });
    if (query.budgetMin !== undefined && query.budgetMax !== undefined && query.budgetMin > query.budgetMax) errors.push({ field: 'budgetMax', messages: ['不能小于 budgetMin'] });
    if (query.status !== undefined && profile.statuses.length && !profile.statuses.includes(query.status)) {
      errors.push({ field: 'status', messages: [`${TYPE_LABELS[query.type]}没有此状态`] });
    }
    let sort: string[] | undefined;
    if (query.sort) {
      const [key, direction] = query.sort.split(':');
      const attribute = profile.sorts[key];
      if (!attribute) errors.push({ field: 'sort', messages: [`${TYPE_LABELS[query.type]}不支持按此排序`] });
      else sort = [`${attribute}:${direction}`];
    }
    if (query.page * query.pageSize > 5000) errors.push({ field: 'page', messages: ['最多浏览前 5000 条结果，请缩小搜索范围'] });
    if (errors.length) throw new RequestValidationFailed(errors);

    const filter: string[] = [];
    if (query.domain?.length) {
      const names = query.domain.map((name) => findDomainByName(name)?.name ?? name);
      if (query.type === 'organization') {
        // Organization documents carry plain domains; expanding the filter side gives the same Zhejiang/Ningbo equivalence.
        filter.push(`domains IN [${expandDomainNames(names).map(quoteFilterValue).join(', ')}]`);
      } else {
        filter.push(`domainsExpanded IN [${names.map(quoteFilterValue).join(', ')}]`);
      }
    }
    if (query.region) filter.push(`regionCodes = ${quoteFilterValue(query.region)}`);
    if (query.tier) filter.push(`tier = ${quoteFilterValue(query.tier)}`);
    if (query.stage) filter.push(`stage = ${quoteFilterValue(query.stage)}`);
    if (query.kind) filter.push(`kind = ${quoteFilterValue(query.kind)}`);
    if (profile.trlField) {
      if (query.trlMin !== undefined) filter.push(`${profile.trlField} >= ${quoteFilterValue(query.trlMin)}`);
      if (query.trlMax !== undefined) filter.push(`${profile.trlField} <= ${quoteFilterValue(query.trlMax)}`);
    }
    if (profile.budget && (query.budgetMin !== undefined || query.budgetMax !== undefined)) {
      const { min, max } = profile.budget;
      // Ranges overlap unless one ends before the other starts; an open end (null) overlaps everything on its side.
      if (query.budgetMin !== undefined) filter.push(`NOT ${max} < ${quoteFilterValue(query.budgetMin)}`);
      if (query.budgetMax !== undefined) filter.push(`NOT ${min} > ${quoteFilterValue(query.budgetMax)}`);
      filter.push(`(${min} IS NOT NULL OR ${max} IS NOT NULL)`);
    }
    for (const qualification of query.qualification ?? []) filter.push(`qualifications = ${quoteFilterValue(qualification)}`);
    if (query.batch) filter.push(`batchIds = ${quoteFilterValue(query.batch)}`);
    if (query.status) filter.push(`status = ${quoteFilterValue(query.status)}`);

    return {
      q: (query.q ?? '').trim(),
      filter,
      facets: profile.facets,
      sort,
      page: query.page,
      hitsPerPage: query.pageSize,
      highlight: profile.highlight,
      crop: profile.crop,
      cropLength: 60,
    };
  }

  async consistency(): Promise<ConsistencyReportDto> {
    try {
      const indexes = await this.maintenance.checkConsistency();
      return {
        checkedAt: new Date().toISOString(),
        consistent: indexes.every((r) => r.missing.length + r.stale.length + r.unexpected.length === 0),
        pendingOutbox: await this.indexer.pendingCount(),
        indexes,
      };
    } catch (error) {
      if (error instanceof Error && /fetch|ECONNREFUSED|Meili/i.test(error.message)) throw new ServiceUnavailableException('搜索服务暂不可用，无法检查一致性');
      throw error;
    }
  }

  async reindex(requestedBy: string): Promise<ReindexJobDto> {
    const jobId = await this.indexing.add(IndexingJob.ReindexAll, { requestedBy }, { jobId: stableJobId('reindex', Date.now()), attempts: 3 });
    return { jobId, state: 'waiting', result: null, failedReason: null };
  }

  async reindexStatus(jobId: string): Promise<ReindexJobDto | null> {
    const job = await this.indexing.queue.getJob(jobId);
    if (!job || job.name !== IndexingJob.ReindexAll) return null;
    return { jobId, state: await job.getState(), result: (job.returnvalue as Record<string, number> | null) ?? null, failedReason: job.failedReason ?? null };
  }
}
