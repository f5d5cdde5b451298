/**
 * 登记数据导入: rows of a CSV or XLSX file as the admin registry routes take them. Headers may be the API's field
 * names or their Chinese names. The browser checks what it can (so the preview shows row errors at once); the API
 * checks every row again and refuses the whole import if any row is wrong.
 */
export type RegistryKind = 'skill-certificates' | 'social-insurance';

interface Column {
  key: string;
  name: string;
  type: 'text' | 'integer';
  pattern?: RegExp;
  hint?: string;
}

export const REGISTRY_COLUMNS: Record<RegistryKind, Column[]> = {
  'skill-certificates': [
    { key: 'certificateNumber', name: '证书编号', type: 'text', pattern: /^[A-Za-z0-9-]{4,64}$/, hint: '4至64位字母、数字或连字符' },
    { key: 'idNumber', name: '身份证号', type: 'text', pattern: /^\d{17}[\dXx]$/, hint: '18位身份证号' },
    { key: 'level', name: '职业等级', type: 'integer', pattern: /^[1-5]$/, hint: '1至5' },
    { key: 'occupation', name: '职业（工种）', type: 'text', pattern: /^.{1,64}$/, hint: '1至64个字' },
    { key: 'issuedOn', name: '发证日期', type: 'text', pattern: /^\d{4}-\d{2}-\d{2}$/, hint: 'YYYY-MM-DD' },
  ],
  'social-insurance': [
    { key: 'idNumber', name: '身份证号', type: 'text', pattern: /^\d{17}[\dXx]$/, hint: '18位身份证号' },
    { key: 'orgCode', name: '单位代码', type: 'text', pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, hint: '18位统一社会信用代码' },
    { key: 'town', name: '镇街', type: 'text', pattern: /^[a-z0-9-]{1,64}$/, hint: '镇街代码，如 wangdian' },
    { key: 'months', name: '缴纳月数', type: 'integer', pattern: /^\d{1,4}$/, hint: '0至1200' },
    { key: 'lastPaidMonth', name: '最近缴费月份', type: 'text', pattern: /^\d{4}-(0[1-9]|1[0-2])$/, hint: 'YYYY-MM' },
  ],
};

export const REGISTRY_NAMES: Record<RegistryKind, string> = { 'skill-certificates': '职业技能等级证书', 'social-insurance': '社保缴纳记录' };

export interface PreviewRow {
  line: number;
  values: Record<string, string>;
  errors: string[];
}

/** RFC 4180 CSV: quoted fields with "" for a quote, commas and line breaks inside quotes; a BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** The first sheet of an XLSX workbook as rows of text (exceljs, loaded only when such a file is chosen). */
export async function parseXlsx(buffer: ArrayBuffer): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) {
      const v = row.getCell(c).value;
      cells.push(v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v));
    }
    rows.push(cells);
  });
  return rows;
}

/** Rows under a header line, each checked; the header names each column by key or by its Chinese name. */
export function previewRows(kind: RegistryKind, table: string[][]): { rows: PreviewRow[]; missing: string[] } {
  const columns = REGISTRY_COLUMNS[kind];
  const header = (table[0] ?? []).map((h) => h.trim());
  const index = Object.fromEntries(columns.map((c) => [c.key, header.findIndex((h) => h === c.key || h === c.name)]));
  const missing = columns.filter((c) => index[c.key] < 0).map((c) => c.name);
  const rows = table.slice(1).map((cells, i) => {
    const values: Record<string, string> = {};
    const errors: string[] = [];
    for (const c of columns) {
      const v = (cells[index[c.key]] ?? '').trim();
      values[c.key] = v;
      if (!v) errors.push(`${c.name}：请填写`);
      else if (c.pattern && !c.pattern.test(v)) errors.push(`${c.name}：应为${c.hint}`);
    }
    return { line: i + 2, values, errors };
  });
  return { rows, missing };
}

/** The body for POST /admin/registries/<kind>. */
export function toRecords(kind: RegistryKind, rows: PreviewRow[]): Record<string, string | number>[] {
  return rows.map((r) =>
    Object.fromEntries(REGISTRY_COLUMNS[kind].map((c) => [c.key, c.type === 'integer' && /^-?\d+$/.test(r.values[c.key]) ? Number(r.values[c.key]) : r.values[c.key]])),
  );
}
