/** One-click demo identities for AUTH_MODE=dev (the dev seed's 张三 and employer, a reviewer per queue, …). */
export interface Persona {
  label: string;
  claims: { sub: string; roles: string[]; name?: string; idNumber?: string; orgCode?: string; queues?: string[]; towns?: string[]; department?: string; email?: string; phone?: string };
}

export const PERSONAS: Persona[] = [
  { label: '张三 · 申请人', claims: { sub: 'demo-applicant', roles: ['applicant'], name: '张三', idNumber: '11010519491231002X', email: 'zhangsan@example.cn', phone: '13800138000' } },
  {
    label: '示例单位经办人 · 顶尖人才申报',
    claims: { sub: 'demo-sponsor', roles: ['applicant'], name: '示例单位经办人', idNumber: '330411198001010010', orgCode: '914403001922038216' },
  },
  { label: '示例单位 · 用人单位', claims: { sub: 'demo-employer', roles: ['employer'], name: '示例单位人事', orgCode: '914403001922038216' } },
  { label: '技能审核员 · 人社局', claims: { sub: 'demo-hrss-skill', roles: ['reviewer'], name: '技能审核员', queues: ['hrss-skill'], email: 'hrss-skill@example.cn' } },
  { label: '技能审核负责人 · 人社局', claims: { sub: 'demo-hrss-skill-lead', roles: ['reviewer'], name: '技能审核负责人', queues: ['hrss-skill', 'hrss-skill-lead'] } },
  { label: '职称审核员 · 人社局', claims: { sub: 'demo-hrss-title', roles: ['reviewer'], name: '职称审核员', queues: ['hrss-title'] } },
  { label: '职称审核负责人 · 人社局', claims: { sub: 'demo-hrss-title-lead', roles: ['reviewer'], name: '职称审核负责人', queues: ['hrss-title', 'hrss-title-lead'] } },
  { label: '人才办审核员', claims: { sub: 'demo-talent-office', roles: ['reviewer'], name: '人才办审核员', queues: ['talent-office'] } },
  { label: '人才办负责人', claims: { sub: 'demo-talent-office-lead', roles: ['reviewer'], name: '人才办负责人', queues: ['talent-office', 'talent-office-lead'] } },
  { label: '财务人员', claims: { sub: 'demo-finance', roles: ['finance'], name: '财务人员', queues: ['finance'] } },
  { label: '领导小组成员', claims: { sub: 'demo-leader', roles: ['leadership'], name: '领导小组成员', queues: ['leadership'] } },
  ...Array.from({ length: 7 }, (_, i) => ({ label: `示例专家${i + 1}`, claims: { sub: `demo-expert-${i + 1}`, roles: ['expert'], name: `示例专家${i + 1}` } })),
  { label: '科技局填报员 · 区科技局', claims: { sub: 'demo-reporter-tech', roles: ['reporter'], name: '科技局填报员', department: '区科技局' } },
  { label: '统计局填报员 · 区统计局', claims: { sub: 'demo-reporter-stats', roles: ['reporter'], name: '统计局填报员', department: '区统计局' } },
  { label: '审计人员', claims: { sub: 'demo-auditor', roles: ['auditor'], name: '审计人员' } },
  { label: '系统管理员', claims: { sub: 'demo-admin', roles: ['admin'], name: '系统管理员' } },
];

/** "a, b，c" → ['a','b','c']. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
