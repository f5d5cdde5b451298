/** A stored form as label/value lines (the labels of the application form, values in words). */
import { fenToYuan } from './money';
import { ACHIEVEMENT_KINDS, DEGREES, INDUSTRIES, SKILL_LEVELS, TALENT_CATEGORIES, TITLE_LEVELS, TITLE_SERIES } from './labels';

const textOf = (options: readonly { value: string | number; text: string }[], v: unknown) => options.find((o) => String(o.value) === String(v))?.text ?? String(v ?? '');

/**
 * A bank account number as a screen shows it: the last four digits only (the owner gets the number in full from the
 * API, to correct it in a supplement, but a screen is looked over shoulders).
 */
export function maskedAccount(n: string): string {
  return n.length > 4 ? `${'*'.repeat(n.length - 4)}${n.slice(-4)}` : n;
}

export function formLines(program: string, form: Record<string, any>): [string, string][] {
  const bank = form.bankAccount as { bankName?: string; accountNumber?: string } | undefined;
  const bankLines: [string, string][] = bank ? [['开户银行', bank.bankName ?? ''], ['银行账号', maskedAccount(bank.accountNumber ?? '')]] : [];
  switch (program) {
    case 'skill-subsidy':
      return [['证书编号', form.certificateNumber], ['职业等级', textOf(SKILL_LEVELS, form.level)], ['职业（工种）', form.occupation], ['发证日期', form.issuedOn], ...bankLines];
    case 'degree-doubling':
      return [
        ['学位', textOf(DEGREES, form.degree)],
        ['毕业院校', form.university],
        ['毕业日期', form.graduatedOn],
        ['境外学历', form.overseas ? '是' : '否'],
        ...(form.degreeVerificationRef ? ([['学历认证编号', form.degreeVerificationRef]] as [string, string][]) : []),
        ['用人单位统一社会信用代码', form.employerOrgCode],
        ['劳动合同起始日', form.contractStart],
        ['劳动合同终止日', form.contractEnd],
        ...bankLines,
      ];
    case 'top-talent': {
      const s = form.requestedSupport ?? {};
      return [
        ['人才姓名', form.talent?.name ?? ''],
        ['人才类别', textOf(TALENT_CATEGORIES, form.talent?.category)],
        ['荣誉称号', (form.talent?.honours ?? []).join('、')],
        ['项目名称', form.project?.title ?? ''],
        ['所属产业', textOf(INDUSTRIES, form.project?.industry)],
        ['项目简介', form.project?.summary ?? ''],
        ['申请资助金额（元）', typeof s.fundingFen === 'number' ? fenToYuan(s.fundingFen) : ''],
        ...(s.spaceSqm !== undefined ? ([['场地面积（平方米）', String(s.spaceSqm)]] as [string, string][]) : []),
        ...(s.housing ? ([['住房需求', s.housing]] as [string, string][]) : []),
        ...(s.other ? ([['其他需求', s.other]] as [string, string][]) : []),
      ];
    }
    case 'title-fast-track':
      return [
        ['职称系列', textOf(TITLE_SERIES, form.series)],
        ['申报等级', textOf(TITLE_LEVELS, form.targetLevel)],
        ['用人单位统一社会信用代码', form.employerOrgCode],
        ...((form.achievements ?? []) as { kind: string; title: string; year: number }[]).map(
          (a, i) => [`业绩成果${i + 1}`, `${textOf(ACHIEVEMENT_KINDS, a.kind)} · ${a.title} · ${a.year}`] as [string, string],
        ),
      ];
    default:
      return Object.entries(form).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  }
}
