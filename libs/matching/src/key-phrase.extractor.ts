/**
 * Chinese key-phrase extraction without a dictionary beyond the one ICU ships with Node.
 *
 * `Intl.Segmenter('zh')` splits domain terms too finely (四足|巡|检|机器|人), so the unit of meaning here is a
 * "chunk": a run of adjacent segments that are neither punctuation, numbers nor stop words. Chunks give
 * (a) character bigrams, the matching currency (robust to 巡检 vs 巡检机器人 vs 巡回检测), and
 * (b) phrase candidates (windows of whole segments inside a chunk) for search queries and explanations.
 */

/** A piece of text and how much what it says counts (title > core needs > background > landing conditions). */
export interface TextSection {
  text: string;
  weight: number;
}

export interface KeyPhrase {
  text: string;
  weight: number;
}

/**
 * Function words and the boilerplate every posting repeats (核心需求, 落地条件, 预算, 我院, 辖区…): they say
 * nothing about what is needed or offered, and in a 10-word Meilisearch query they would crowd out what does.
 */
const STOP_SEGMENTS: ReadonlySet<string> = new Set(
  (
    '的 地 得 了 着 过 和 与 及 或 而 且 并 在 对 沿 将 为 是 把 被 从 向 于 以 其 该 这 那 此 之 也 又 都 就 还 则 即 ' +
    '我 你 他 她 它 您 本 各 每 某 个 们 有 无 可 能 会 要 需 已 未 不 没 很 较 更 最 约 近 超 达 至 等 如 若 因 所 ' +
    '年 月 日 天 周 时 分 秒 万 元 亿 次 台 套 件 例 名 人 家 项 条 座 批 前 后 内 外 间 中 上 下 多 少 大 小 ' +
    '我们 我院 我局 我区 我市 我县 我司 我校 我所 本院 本公司 辖区 公司 企业 单位 地区 集团 ' +
    '核心 需求 落地 条件 预算 万元 元/ 资金 经费 周期 时间 目前 现有 现在 当前 已经 正在 今年 明年 年内 年底 年初 ' +
    '主要 采用 希望 能够 可以 可 提供 负责 相关 要求 符合 满足 形成 取得 投入 使用 进行 开展 完成 具备 具有 支持 ' +
    '实现 需要 通过 基于 用于 适用 适用于 以及 并且 或者 如果 其中 同时 一个 一种 一套 一批 多个 多家 多种 每年 ' +
    '每日 每天 每批 以上 以下 以内 左右 不超过 不少于 不低于 超过 低于 高于 达到 提高 提升 降低 减少 增加 改善 ' +
    '问题 情况 方面 方式 方法 能力 建设 开发 研发 技术 产品 服务 系统 设备 装置 平台 方案 项目 工作 应用 场景 ' +
    '参数 对象 案例 资质 产能 指标 性能 功能 效果 成果 合作 费用 价格 报价 试点 示范 验证 上线 ' +
    '导致 造成 存在 出现 发生 缺乏 不足 难以 无法 较大 较高 较低 大量 部分 全部 整体 基本 一般 常规 传统 ' +
    '国内 国外 国际 行业 领域 市场 客户 用户 运行 管理 相应 对应 有效 稳定 可靠 快速 新型'
  ).split(/\s+/),
);

/** Function words that end a chunk even inside a run of single characters (表|计|读|数|和 → 表计读数). */
const ALWAYS_STOP_SEGMENTS: ReadonlySet<string> = new Set(
  '的 地 得 了 着 过 和 与 及 或 而 且 并 在 对 沿 将 为 是 把 被 从 向 于 以 其 该 这 那 此 之 也 又 都 就 还 则 即 如 若 因 所 我 你 他 她 它 您'.split(' '),
);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const CJK = /\p{Script=Han}/u;
const LATIN_LETTERS = /[a-z]/g;

export function normalizeText(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').toLowerCase();
}

/**
 * Latin/digit tokens carry meaning only when they name something (pet, car-t, 10kv, 6g), not a quantity
 * with a unit (60m2, 5mm): keep those with two letters or more, plus generation names like 5g/6g.
 */
function isMeaningfulLatinToken(token: string): boolean {
  const letters = token.match(LATIN_LETTERS)?.length ?? 0;
  return letters >= 2 || /^\d+g$/.test(token);
}

/** A chunk is a list of adjacent segments that together may name a thing. */
export type Chunk = readonly string[];

const LATIN_TOKEN = /[a-z0-9]+(?:-[a-z0-9]+)*/g;

export function chunkText(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) chunks.push(current);
    current = [];
  };
  const segmentHan = (piece: string): void => {
    for (const { segment, isWordLike } of segmenter.segment(piece)) {
      if (!isWordLike || !CJK.test(segment)) {
        flush();
        continue;
      }
      // ICU splits unknown words into single characters (实|时, 斗|臂|车): a one-character stop word right after
      // such a character is more likely the rest of a word than a function word.
      const previous = current[current.length - 1];
      const continuesSplitWord =
        segment.length === 1 && previous !== undefined && previous.length === 1 && !ALWAYS_STOP_SEGMENTS.has(segment);
      if (STOP_SEGMENTS.has(segment) && !continuesSplitWord) flush();
      else current.push(segment);
    }
  };
  const normalized = normalizeText(text);
  let cursor = 0;
  // Latin/digit runs are cut out first: ICU would split "car-t" into car|-|t.
  for (const match of normalized.matchAll(LATIN_TOKEN)) {
    const index = match.index ?? 0;
    segmentHan(normalized.slice(cursor, index));
    flush();
    // A Latin token is a term of its own (pet, 10kv, car-t), never glued to the Chinese around it.
    if (isMeaningfulLatinToken(match[0])) chunks.push([match[0]]);
    cursor = index + match[0].length;
  }
  segmentHan(normalized.slice(cursor));
  flush();
  return chunks;
}

/**
 * Matching terms of a chunk: its character bigrams when it is Chinese (a lone character is too ambiguous),
 * or the token itself when it is Latin.
 */
export function chunkTerms(chunk: Chunk): string[] {
  const text = chunk.join('');
  if (chunk.length === 1 && !CJK.test(text)) return text.length >= 2 ? [text] : [];
  const chars = Array.from(text);
  const terms: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i] + chars[i + 1]);
  return terms;
}

export function termsOf(text: string): string[] {
  return chunkText(text).flatMap(chunkTerms);
}

/**
 * Document frequencies of matching terms over a corpus (the capability pool, or all published entries),
 * for rarity weighting. Cheap to keep current: add or remove one document at a time.
 */
export class TermStatistics {
  private readonly documentFrequency = new Map<string, number>();
  private documents = 0;
  private revisionCounter = 0;

  static fromTexts(texts: Iterable<string>): TermStatistics {
    const stats = new TermStatistics();
    for (const text of texts) stats.addDocument(text);
    return stats;
  }

  /** Changes whenever the statistics change, so derived values (a text's key phrases) can be cached safely. */
  get revision(): number {
    return this.revisionCounter;
  }

  get documentCount(): number {
    return this.documents;
  }

  addDocument(text: string): void {
    this.documents++;
    this.revisionCounter++;
    for (const term of new Set(termsOf(text))) {
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
  }

  /** Counts a document from its distinct terms, already segmented (`new Set(termsOf(text))`). */
  addTerms(distinctTerms: readonly string[]): void {
    this.documents++;
    this.revisionCounter++;
    for (const term of distinctTerms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  removeDocument(text: string): void {
    this.documents = Math.max(0, this.documents - 1);
    this.revisionCounter++;
    for (const term of new Set(termsOf(text))) {
      const df = (this.documentFrequency.get(term) ?? 0) - 1;
      if (df > 0) this.documentFrequency.set(term, df);
      else this.documentFrequency.delete(term);
    }
  }

  frequency(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  /** BM25-style idf, floored at a small positive value so a common term still counts a little. */
  idf(term: string): number {
    if (this.documents === 0) return 1;
    const df = this.frequency(term);
    return Math.max(0.05, Math.log(1 + (this.documents - df + 0.5) / (df + 0.5)));
  }
}

/** Boilerplate labels in postings ("核心需求：", "主要参数：") and how much the text after them says about the match. */
const SECTION_LABEL_WEIGHTS: ReadonlyArray<readonly [RegExp, number]> = [
  [/(核心)?需求|目标|要求|痛点|功能/, 2],
  [/参数|指标|性能|适配|适用|应用|特点|优势/, 1.2],
  [/落地条件|条件|预算|周期|进度|计划|资质|产能|案例|合作|价格|报价/, 0.5],
];

/**
 * Splits a description at "label：" markers (核心需求：…, 落地条件：…) and weights each part by its label;
 * unlabelled text keeps `baseWeight`.
 */
export function describeSections(description: string | null | undefined, baseWeight: number): TextSection[] {
  const text = normalizeText(description);
  if (text.trim() === '') return [];
  const sections: TextSection[] = [];
  // A label is a short run of Han characters right after a sentence boundary, followed by a colon.
  const labelPattern = /(^|[。；;!！?？\n])\s*([\p{Script=Han}]{2,6})[:：]/gu;
  let cursor = 0;
  let weight = baseWeight;
  for (const match of text.matchAll(labelPattern)) {
    const labelStart = (match.index ?? 0) + match[1].length;
    if (labelStart > cursor) sections.push({ text: text.slice(cursor, labelStart), weight });
    const label = match[2];
    weight = SECTION_LABEL_WEIGHTS.find(([pattern]) => pattern.test(label))?.[1] ?? baseWeight;
    cursor = labelStart + match[0].length - match[1].length;
  }
  if (cursor < text.length) sections.push({ text: text.slice(cursor), weight });
  return sections.filter((section) => section.text.trim() !== '').flatMap(discountStatusQuo);
}

/** Sentences about what is in place today ("现用车载探地雷达普查…能力不足"), i.e. what does not solve the problem. */
const STATUS_QUO = /现有|现用|现行|目前|原有|以往|传统|常规/;
const STATUS_QUO_DISCOUNT = 0.5;

/**
 * In a demand, the sentences describing the current practice name the very technology that falls short; a
 * capability echoing them is often the look-alike an owner has already ruled out, so they count half.
 */
function discountStatusQuo(section: TextSection): TextSection[] {
  if (!STATUS_QUO.test(section.text)) return [section];
  return section.text
    .split(/(?<=[。；;!！?？])/)
    .filter((sentence) => sentence.trim() !== '')
    .map((sentence) => ({ text: sentence, weight: STATUS_QUO.test(sentence) ? section.weight * STATUS_QUO_DISCOUNT : section.weight }));
}

/** Weighted term vector of a list of sections: Σ section weight per term (a term repeated in the title counts more). */
export function weightedTerms(sections: readonly TextSection[]): Map<string, number> {
  const vector = new Map<string, number>();
  for (const section of sections) {
    for (const term of termsOf(section.text)) {
      vector.set(term, (vector.get(term) ?? 0) + section.weight);
    }
  }
  return vector;
}

const MAX_PHRASE_CHARS = 6;
const MAX_PHRASE_SEGMENTS = 3;

/**
 * Merges runs of single characters, which is how ICU splits words it does not know (巡|检, 细|纱|机), so that a
 * phrase never starts or ends inside such a word ("夜间巡" is not a phrase, "夜间巡检" is).
 */
function wordUnits(chunk: Chunk): Chunk {
  const units: string[] = [];
  let lastIsSingleRun = false;
  for (const segment of chunk) {
    const single = Array.from(segment).length === 1;
    if (single && lastIsSingleRun) units[units.length - 1] += segment;
    else units.push(segment);
    lastIsSingleRun = single;
  }
  return units;
}

/**
 * Key phrases ranked by section weight × rarity, where rarity only counts terms the corpus has seen: a phrase
 * no capability contains cannot retrieve anything, however rare. Overlapping phrases are collapsed so that the
 * few query words go to different ideas.
 */
export function extractKeyPhrases(sections: readonly TextSection[], stats: TermStatistics | null, limit: number): KeyPhrase[] {
  const scores = new Map<string, number>();
  for (const section of sections) {
    for (const chunk of chunkText(section.text).map(wordUnits)) {
      for (let start = 0; start < chunk.length; start++) {
        let text = '';
        for (let end = start; end < chunk.length && end - start < MAX_PHRASE_SEGMENTS; end++) {
          text += chunk[end];
          const length = Array.from(text).length;
          if (length > MAX_PHRASE_CHARS && end > start) break;
          if (length < 2) continue;
          const terms = chunkTerms(chunk.slice(start, end + 1));
          if (terms.length === 0) continue;
          let rarity = 0;
          let unseen = false;
          for (const term of terms) {
            if (stats && stats.documentCount > 0 && stats.frequency(term) === 0) unseen = true;
            rarity += stats ? stats.idf(term) : 1;
          }
          if (unseen) continue;
          // Mean rarity, with a mild bonus for longer phrases (more specific) that stays below doubling.
          const score = section.weight * (rarity / terms.length) * Math.sqrt(Math.min(terms.length, 4));
          scores.set(text, (scores.get(text) ?? 0) + score);
        }
      }
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const chosen: KeyPhrase[] = [];
  for (const [text, weight] of ranked) {
    if (chosen.some((phrase) => phrase.text.includes(text) || text.includes(phrase.text))) continue;
    chosen.push({ text, weight });
    if (chosen.length >= limit) break;
  }
  return chosen;
}
