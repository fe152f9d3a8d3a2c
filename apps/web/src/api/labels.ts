/** Chinese labels for the API's status values; the API keeps English identifiers. */
export const SCENARIO_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '待审核', color: 'processing' },
  returned: { text: '已退回', color: 'warning' },
  approved: { text: '已通过', color: 'cyan' },
  published: { text: '已发布', color: 'success' },
  closed: { text: '已结束', color: 'default' },
  withdrawn: { text: '已撤回', color: 'default' },
};

export const CAPABILITY_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '待核验', color: 'processing' },
  returned: { text: '已退回', color: 'warning' },
  verified: { text: '已核验', color: 'cyan' },
  published: { text: '已发布', color: 'success' },
  archived: { text: '已归档', color: 'default' },
};

export const RESPONSE_STATUS: Record<string, { text: string; color: string }> = {
  submitted: { text: '已提交', color: 'processing' },
  shortlisted: { text: '已入围', color: 'success' },
  accepted: { text: '已采纳', color: 'green' },
  rejected: { text: '未入选', color: 'error' },
  withdrawn: { text: '已撤回', color: 'default' },
};

export const BATCH_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: '编制中', color: 'default' },
  notice: { text: '公示中', color: 'processing' },
  published: { text: '已发布', color: 'success' },
  cancelled: { text: '已作废', color: 'default' },
};

export const MATCH_STATUS: Record<string, { text: string; color: string }> = {
  suggested: { text: '系统推荐', color: 'blue' },
  dismissed: { text: '已忽略', color: 'default' },
  interested_owner: { text: '业主方感兴趣', color: 'gold' },
  interested_supplier: { text: '供给方感兴趣', color: 'gold' },
  mutual: { text: '双向意向', color: 'success' },
  meeting: { text: '已约见', color: 'cyan' },
  landed: { text: '已落地', color: 'green' },
};

export const EVENT_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: '筹备中', color: 'default' },
  published: { text: '报名中', color: 'success' },
  cancelled: { text: '已取消', color: 'default' },
  completed: { text: '已结束', color: 'default' },
};

export const EVENT_TYPE: Record<string, string> = {
  matchmaking: '场景对接会',
  roadshow: '场景路演',
  experience: '场景体验',
};

export const REGISTRATION_STATUS: Record<string, { text: string; color: string }> = {
  registered: { text: '已报名', color: 'success' },
  waitlisted: { text: '候补中', color: 'warning' },
  cancelled: { text: '已取消', color: 'default' },
};

export const MEETING_REQUEST_STATUS: Record<string, { text: string; color: string }> = {
  pending: { text: '待回复', color: 'processing' },
  accepted: { text: '已接受', color: 'success' },
  declined: { text: '已婉拒', color: 'error' },
  expired: { text: '已过期', color: 'default' },
  cancelled: { text: '已取消', color: 'default' },
};

export const CHALLENGE_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  published: { text: '已发榜', color: 'blue' },
  open: { text: '揭榜中', color: 'success' },
  closed: { text: '已截止', color: 'default' },
  reviewing: { text: '评审中', color: 'processing' },
  notice: { text: '公示中', color: 'gold' },
  awarded: { text: '已定榜', color: 'green' },
  in_progress: { text: '攻关中', color: 'cyan' },
  accepted: { text: '已验收', color: 'green' },
  failed: { text: '未通过验收', color: 'error' },
  cancelled: { text: '已取消', color: 'default' },
};

export const APPLICATION_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '已提交', color: 'processing' },
  withdrawn: { text: '已撤回', color: 'default' },
  passed: { text: '形式审查通过', color: 'success' },
  rejected: { text: '形式审查未通过', color: 'error' },
};

export const ROLE_LABEL: Record<string, string> = {
  owner: '场景业主方',
  supplier: '能力供给方',
  organizer: '主办方',
  expert: '评审专家',
  admin: '管理员',
};

export const ORGANIZATION_TYPES = ['政府部门', '国有企业', '民营企业', '高校', '科研院所', '医院', '园区', '投资机构'];
export const SCENARIO_TIERS = ['小切口高价值场景', '行业领域集成式场景', '综合性重大场景'];
export const SCENARIO_STAGES = ['早期验证场景', '融合试验场景', '综合推广场景'];
export const CAPABILITY_KINDS = ['技术', '产品', '解决方案', '服务'];
export const QUALIFICATIONS = ['科技型中小企业', '高新技术企业', '专精特新中小企业', '专精特新“小巨人”', '独角兽', '链主企业', '首台（套）', '首批次', '首版次'];

export const READINESS_LABEL: Record<string, string> = {
  problem: '问题描述',
  core_needs: '核心需求',
  landing_conditions: '落地条件',
  budget: '预算',
  timeline: '时间要求',
  expected_trl: '期望技术成熟度',
};

/** The API's fixed list (MATCH_DISMISS_REASONS): the values are the Chinese labels. */
export const DISMISS_REASONS = ['技术不匹配', '价格超出预算', '成熟度不足', '地域不便', '已有合作方', '其他'];

export const SCENARIO_FIELD_LABEL: Record<string, string> = {
  title: '场景名称',
  description: '需求描述',
  domains: '领域',
  regionCode: '地区',
  tier: '场景层级',
  stage: '场景阶段',
  budgetMinWan: '预算下限',
  budgetMaxWan: '预算上限',
  budgetNegotiable: '预算面议',
  minTrl: '最低 TRL',
  deadline: '截止日期',
  tags: '关键词',
  landingConditions: '落地条件',
  contact: '联系方式',
  attachments: '附件',
  anonymous: '匿名发布',
};

export function budgetText(min?: number | null, max?: number | null, negotiable?: boolean | null): string {
  if (negotiable) return '面议';
  if (min == null && max == null) return '未填写';
  if (min != null && max != null) return min === max ? `${min} 万元` : `${min}–${max} 万元`;
  if (min != null) return `${min} 万元以上`;
  return `${max} 万元以内`;
}
