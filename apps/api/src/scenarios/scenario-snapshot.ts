import { Scenario, ScenarioRefinement, ScenarioSnapshot } from '@app/database';
import { findDomainByName } from '@app/taxonomy';

export function snapshotOf(s: Scenario, refinement: Pick<ScenarioRefinement, 'budgetNegotiable'> | null): ScenarioSnapshot {
  return {
    title: s.title,
    description: s.description,
    domains: [...s.domains],
    regionCode: s.regionCode,
    tier: s.tier,
    stage: s.stage,
    budgetMinWan: s.budgetMinWan,
    budgetMaxWan: s.budgetMaxWan,
    budgetNegotiable: refinement?.budgetNegotiable ?? false,
    minTrl: s.minTrl,
    deadline: s.deadline,
    tags: [...s.tags],
    landingConditions: s.landingConditions,
    contact: s.contact,
    attachments: s.attachments,
    anonymous: s.anonymous,
  };
}

/** Aliases (e.g. 未来海洋's synonyms) are stored under their canonical domain name, once. */
export function canonicalDomains(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => findDomainByName(name)?.name ?? name))];
}

/** Scenario columns of a snapshot (budgetNegotiable lives in scenario_refinements). */
export function scenarioColumnsOf(s: ScenarioSnapshot): Partial<Scenario> {
  const { budgetNegotiable, ...columns } = s;
  void budgetNegotiable;
  return columns;
}

/** Contacts are personal data: the audit trail records that they changed, not what they are. */
export function redactForAudit(values: Partial<ScenarioSnapshot>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...values };
  if ('contact' in copy) copy.contact = copy.contact ? '（已填写）' : null;
  return copy;
}
