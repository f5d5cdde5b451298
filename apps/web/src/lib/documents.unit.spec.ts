import { describe, expect, it } from '@jest/globals';
import { PROGRAM_MATERIALS } from '#domain';
import { documentRows } from './documents';

describe('the document list of an application', () => {
  const doc = (key: string, documentId: string, erased?: boolean) => ({ key, documentId, name: `${key}.pdf`, sha256: 'a'.repeat(64), bytes: 10, type: 'pdf' as const, ...(erased ? { erased } : {}) });

  it('names each material, marks versions a later one replaced, and says which were erased', () => {
    const rows = documentRows(
      [doc('diploma', 'd1'), doc('labour-contract', 'c1', true), doc('diploma', 'd2'), doc('evidence', 'e1'), doc('evidence', 'e2'), doc('passport', 'p1')],
      PROGRAM_MATERIALS['degree-doubling'],
    );
    expect(rows.map((r) => [r.documentId, r.material, r.superseded, r.erased])).toEqual([
      ['d1', '毕业证书', true, false],
      ['c1', '劳动合同', false, true],
      ['d2', '毕业证书', false, false],
      ['e1', '办理附件', false, false], // attachments are each their own, never a version of another
      ['e2', '办理附件', false, false],
      ['p1', '其他材料', false, false],
    ]);
  });
});
