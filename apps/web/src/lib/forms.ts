/**
 * The application forms as people type them (strings, one per field) and as the API takes them (API.md,
 * "Forms"). Errors are keyed by the API's paths (`form.issuedOn`), so the client's checks and the server's
 * problem+json `errors[]` land next to the same field.
 */
import { isCalendarDate, isValidUscc } from './checks';
import { fenToYuan, yuanToFen } from './money';

export type FieldErrors = Record<string, string>;

export interface Achievement {
  kind: string;
  title: string;
  year: string;
}

export interface FormModel {
  town: string;
  // 技能补贴
  certificateNumber: string;
  level: string;
  occupation: string;
  issuedOn: string;
  // 硕博倍增
  degree: string;
  university: string;
  graduatedOn: string;
  overseas: boolean;
  fullTime: boolean;
  degreeVerificationRef: string;
  employerOrgCode: string;
  contractStart: string;
  contractEnd: string;
  // both
  bankName: string;
  accountNumber: string;
  // 顶尖人才
  talentName: string;
  talentCategory: string;
  honours: string;
  projectTitle: string;
  industry: string;
  projectSummary: string;
  fundingYuan: string;
  spaceSqm: string;
  housing: string;
  other: string;
  // 职称直通车
  series: string;
  targetLevel: string;
  achievements: Achievement[];
}

export function emptyForm(): FormModel {
  return {
    town: '',
    certificateNumber: '',
    level: '',
    occupation: '',
    issuedOn: '',
    degree: '',
    university: '',
    graduatedOn: '',
    overseas: false,
    fullTime: true,
    degreeVerificationRef: '',
    employerOrgCode: '',
    contractStart: '',
    contractEnd: '',
    bankName: '',
    accountNumber: '',
    talentName: '',
    talentCategory: '',
    honours: '',
    projectTitle: '',
    industry: '',
    projectSummary: '',
    fundingYuan: '',
    spaceSqm: '',
    housing: '',
    other: '',
    series: '',
    targetLevel: '',
    achievements: [{ kind: '', title: '', year: '' }],
  };
}

const t = (s: string) => s.trim();

/** The API's form object for a program (only that program's fields; optional ones only when given). */
export function toApiForm(program: string, m: FormModel): Record<string, unknown> {
  const bankAccount = { bankName: t(m.bankName), accountNumber: t(m.accountNumber) };
  switch (program) {
    case 'skill-subsidy':
      return { certificateNumber: t(m.certificateNumber), level: Number(m.level), occupation: t(m.occupation), issuedOn: t(m.issuedOn), bankAccount };
    case 'degree-doubling':
      return {
        degree: m.degree,
        university: t(m.university),
        graduatedOn: t(m.graduatedOn),
        overseas: m.overseas,
        fullTime: m.fullTime,
        ...(t(m.degreeVerificationRef) ? { degreeVerificationRef: t(m.degreeVerificationRef) } : {}),
        employerOrgCode: t(m.employerOrgCode).toUpperCase(),
        contractStart: t(m.contractStart),
        contractEnd: t(m.contractEnd),
        bankAccount,
      };
    case 'top-talent':
      return {
        talent: {
          name: t(m.talentName),
          category: m.talentCategory,
          honours: m.honours
            .split(/[\n,，、;；]/)
            .map((h) => h.trim())
            .filter(Boolean),
        },
        project: { title: t(m.projectTitle), industry: m.industry, summary: t(m.projectSummary) },
        requestedSupport: {
          fundingFen: yuanToFen(m.fundingYuan) ?? NaN,
          ...(t(m.spaceSqm) ? { spaceSqm: Number(t(m.spaceSqm)) } : {}),
          ...(t(m.housing) ? { housing: t(m.housing) } : {}),
          ...(t(m.other) ? { other: t(m.other) } : {}),
        },
      };
    case 'title-fast-track':
      return {
        series: t(m.series),
        targetLevel: m.targetLevel,
        employerOrgCode: t(m.employerOrgCode).toUpperCase(),
        achievements: m.achievements.map((a) => ({ kind: a.kind, title: t(a.title), year: Number(a.year) })),
      };
    default:
      throw new Error(`unknown program ${program}`);
  }
}

/** The form model filled from a stored form (to correct it in a supplement). */
export function fromApiForm(program: string, town: string, form: Record<string, any>): FormModel {
  const m = emptyForm();
  m.town = town;
  const bank = (form.bankAccount ?? {}) as { bankName?: string; accountNumber?: string };
  m.bankName = bank.bankName ?? '';
  m.accountNumber = bank.accountNumber ?? '';
  if (program === 'skill-subsidy') {
    Object.assign(m, { certificateNumber: form.certificateNumber ?? '', level: String(form.level ?? ''), occupation: form.occupation ?? '', issuedOn: form.issuedOn ?? '' });
  } else if (program === 'degree-doubling') {
    Object.assign(m, {
      degree: form.degree ?? '',
      university: form.university ?? '',
      graduatedOn: form.graduatedOn ?? '',
      overseas: form.overseas === true,
      fullTime: form.fullTime !== false,
      degreeVerificationRef: form.degreeVerificationRef ?? '',
      employerOrgCode: form.employerOrgCode ?? '',
      contractStart: form.contractStart ?? '',
      contractEnd: form.contractEnd ?? '',
    });
  } else if (program === 'top-talent') {
    const talent = form.talent ?? {};
    const project = form.project ?? {};
    const support = form.requestedSupport ?? {};
    Object.assign(m, {
      talentName: talent.name ?? '',
      talentCategory: talent.category ?? '',
      honours: (talent.honours ?? []).join('、'),
      projectTitle: project.title ?? '',
      industry: project.industry ?? '',
      projectSummary: project.summary ?? '',
      fundingYuan: typeof support.fundingFen === 'number' ? fenToYuan(support.fundingFen).replace(/,/g, '') : '',
      spaceSqm: support.spaceSqm !== undefined ? String(support.spaceSqm) : '',
      housing: support.housing ?? '',
      other: support.other ?? '',
    });
  } else if (program === 'title-fast-track') {
    Object.assign(m, {
      series: form.series ?? '',
      targetLevel: form.targetLevel ?? '',
      employerOrgCode: form.employerOrgCode ?? '',
      achievements: ((form.achievements ?? []) as { kind: string; title: string; year: number }[]).map((a) => ({ kind: a.kind, title: a.title, year: String(a.year) })),
    });
  }
  return m;
}

const REQUIRED = '请填写此项';
const CHOOSE = '请选择此项';
const DATE = '请按 YYYY-MM-DD 填写真实日期';

/** The checks the API would make on the form's shape, in Chinese, keyed by API path. Empty when it may be sent. */
export function validateForm(program: string, m: FormModel): FieldErrors {
  const e: FieldErrors = {};
  const need = (path: string, value: string, message = REQUIRED) => {
    if (!t(value)) e[path] = message;
  };
  const date = (path: string, value: string) => {
    if (!t(value)) e[path] = REQUIRED;
    else if (!isCalendarDate(t(value))) e[path] = DATE;
  };
  const uscc = (path: string, value: string) => {
    if (!t(value)) e[path] = REQUIRED;
    else if (!isValidUscc(t(value).toUpperCase())) e[path] = '统一社会信用代码不正确（18位，含校验位）';
  };
  const bank = () => {
    need('form.bankAccount.bankName', m.bankName);
    if (!t(m.accountNumber)) e['form.bankAccount.accountNumber'] = REQUIRED;
    else if (!/^\d{8,32}$/.test(t(m.accountNumber))) e['form.bankAccount.accountNumber'] = '银行账号应为8至32位数字';
  };
  need('town', m.town, CHOOSE);
  switch (program) {
    case 'skill-subsidy':
      if (!t(m.certificateNumber)) e['form.certificateNumber'] = REQUIRED;
      else if (!/^[A-Za-z0-9-]{4,64}$/.test(t(m.certificateNumber))) e['form.certificateNumber'] = '证书编号为4至64位字母、数字或短横线';
      need('form.level', m.level, CHOOSE);
      need('form.occupation', m.occupation);
      date('form.issuedOn', m.issuedOn);
      bank();
      break;
    case 'degree-doubling':
      need('form.degree', m.degree, CHOOSE);
      need('form.university', m.university);
      date('form.graduatedOn', m.graduatedOn);
      if (m.overseas) need('form.degreeVerificationRef', m.degreeVerificationRef, '境外学历须填写学历认证编号');
      uscc('form.employerOrgCode', m.employerOrgCode);
      date('form.contractStart', m.contractStart);
      date('form.contractEnd', m.contractEnd);
      if (!e['form.contractStart'] && !e['form.contractEnd'] && t(m.contractEnd) <= t(m.contractStart)) e['form.contractEnd'] = '终止日应晚于起始日';
      bank();
      break;
    case 'top-talent':
      need('form.talent.name', m.talentName);
      need('form.talent.category', m.talentCategory, CHOOSE);
      need('form.project.title', m.projectTitle);
      need('form.project.industry', m.industry, CHOOSE);
      need('form.project.summary', m.projectSummary);
      if (!t(m.fundingYuan)) e['form.requestedSupport.fundingFen'] = REQUIRED;
      else if (!yuanToFen(m.fundingYuan)) e['form.requestedSupport.fundingFen'] = '请填写金额（元），最多两位小数';
      if (t(m.spaceSqm) && !/^\d+$/.test(t(m.spaceSqm))) e['form.requestedSupport.spaceSqm'] = '请填写整数平方米';
      break;
    case 'title-fast-track':
      need('form.series', m.series, CHOOSE);
      need('form.targetLevel', m.targetLevel, CHOOSE);
      uscc('form.employerOrgCode', m.employerOrgCode);
      if (m.achievements.length === 0) e['form.achievements'] = '至少填写一项业绩成果';
      m.achievements.forEach((a, i) => {
        need(`form.achievements.${i}.kind`, a.kind, CHOOSE);
        need(`form.achievements.${i}.title`, a.title);
        if (!/^\d{4}$/.test(t(a.year)) || Number(a.year) < 1950 || Number(a.year) > 2100) e[`form.achievements.${i}.year`] = '请填写四位年份';
      });
      break;
  }
  return e;
}
