/** The Chinese names of programs, queues and task kinds: on screen (UI.md "Names on screen") and in notifications. */

export const PROGRAM_NAMES: Record<string, string> = {
  'skill-subsidy': '技能补贴',
  'degree-doubling': '硕博倍增',
  'top-talent': '顶尖人才一事一议',
  'title-fast-track': '职称直通车',
};

export const QUEUE_NAMES: Record<string, string> = {
  'hrss-skill': '人社局技能审核',
  'hrss-skill-lead': '人社局技能审核（负责人）',
  'hrss-title': '人社局职称审核',
  'talent-office': '人才办',
  'talent-office-lead': '人才办（负责人）',
  finance: '财务拨付',
  leadership: '领导小组',
  experts: '专家评审',
  employers: '用人单位',
  applicants: '申请人本人',
  'hrss-title-lead': '人社局职称审核（负责人）',
};

export const TASK_KIND_NAMES: Record<string, string> = {
  review: '审核',
  prescreen: '预审',
  'payment-confirmation': '确认支付',
  'employment-confirmation': '在职确认',
  'employer-recommendation': '单位推荐',
  'qualification-review': '资格审查',
  'expert-scoring': '专家评分',
  'committee-vote': '评委会表决',
  'leadership-decision': '一事一议决策',
  'suspension-decision': '暂停处置决定',
  'panel-inconclusive': '评审未决处置',
  'objection-review': '异议核查',
  'agreement-signing': '签署协议',
  'milestone-report': '里程碑报告',
  'milestone-verification': '里程碑核验',
  reconsideration: '复核',
  'title-sign-off': '职称签发',
  'stop-review': '停发审查',
  'clawback-recovery': '追缴登记',
};
