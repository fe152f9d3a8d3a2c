import { ReadinessItem, ReadinessItemKey, ScenarioSnapshot } from '@app/database';

export const READINESS_LABELS: Record<ReadinessItemKey, string> = {
  problem: '问题描述清楚',
  core_needs: '核心需求明确',
  landing_conditions: '落地条件（场地、数据、配套）',
  budget: '预算区间或「面议」',
  timeline: '时间安排（截止日期或实施周期）',
  expected_trl: '期望技术成熟度（TRL）',
};

/** Below this many characters a description cannot state a problem and its context. */
export const MIN_PROBLEM_CHARS = 40;
export const MIN_LANDING_CONDITION_CHARS = 10;

const CORE_NEEDS_MARKERS =
  /核心需求|主要需求|需求内容|技术需求|技术要求|功能要求|性能要求|指标要求|关键指标|需要解决|拟解决|期望实现|要求[：:]/;
const TIMELINE_MARKERS = /周期|工期|进度|时间安排|个月|年底前|年内|季度|\d{4}\s*年\s*\d{1,2}\s*月/;

const visibleLength = (text: string | null | undefined): number => (text ?? '').replace(/\s+/g, '').length;

/**
 * 需求成熟度自检: what an organizer checks before a demand can go on a list. Computed on every submit, so the
 * organizer sees at a glance which items to send back for 二次诊断.
 */
export function assessReadiness(s: ScenarioSnapshot, today = new Date()): ReadinessItem[] {
  const description = s.description ?? '';
  const landing = s.landingConditions ?? '';
  const todayIso = today.toISOString().slice(0, 10);
  const hasBudget = s.budgetMinWan !== null || s.budgetMaxWan !== null;
  const items: Array<[ReadinessItemKey, boolean, string]> = [
    ['problem', visibleLength(description) >= MIN_PROBLEM_CHARS, `场景描述不少于 ${MIN_PROBLEM_CHARS} 字，说明要解决的问题和现状`],
    [
      'core_needs',
      s.domains.length > 0 && (CORE_NEEDS_MARKERS.test(description) || s.tags.length > 0),
      '写明核心需求（如「核心需求：…」）或填写需求标签，并选择所属领域',
    ],
    ['landing_conditions', visibleLength(landing) >= MIN_LANDING_CONDITION_CHARS, '说明可提供的场地、数据、配套条件'],
    ['budget', hasBudget || s.budgetNegotiable, '填写预算区间（万元），或明确选择「面议」'],
    [
      'timeline',
      (s.deadline !== null && s.deadline >= todayIso) || TIMELINE_MARKERS.test(description) || TIMELINE_MARKERS.test(landing),
      '填写未过期的征集截止日期，或在描述中说明实施周期',
    ],
    ['expected_trl', s.minTrl !== null, '填写期望的最低技术成熟度（TRL 1–9）'],
  ];
  return items.map(([key, ok, hint]) => ({ key, label: READINESS_LABELS[key], ok, hint: ok ? null : hint }));
}

export const missingReadinessItems = (items: readonly ReadinessItem[]): ReadinessItemKey[] => items.filter((i) => !i.ok).map((i) => i.key);
