import { ERASED_TEXT } from '#domain';
import { SEALED_PREFIX, Sealer, newPiiKeys } from './sealing';

const keys = () => {
  const k = JSON.parse(newPiiKeys()) as { master: { id: string; key: string }[]; hmac: string };
  return { master: k.master.map((m) => ({ id: m.id, key: Buffer.from(m.key, 'base64') })), hmac: Buffer.from(k.hmac, 'base64') };
};

describe('sealing personal fields', () => {
  const sealer = new Sealer(keys());
  const dataKey = Buffer.alloc(32, 7);
  const subject = sealer.subjectOf('11010519491231002x');
  const data = { applicant: { sub: 's', name: '张三', idNumber: '11010519491231002X' }, form: { level: 3 } };

  it('names a person by a keyed hash (case-insensitive check letter), not by anything guessable without the key', () => {
    expect(subject).toBe(sealer.subjectOf('11010519491231002X'));
    expect(subject).toMatch(/^[0-9a-f]{32}$/);
    expect(new Sealer(keys()).subjectOf('11010519491231002X')).not.toBe(subject);
  });

  it('seals only the personal paths, opens them again, and reads an erased subject as [已删除]', () => {
    const sealed = sealer.seal('ApplicationSubmitted', data, subject, dataKey) as typeof data;
    expect(sealed.applicant.sub).toBe('s');
    expect(sealed.form).toEqual({ level: 3 });
    expect(sealed.applicant.name.startsWith(`${SEALED_PREFIX}${subject}:`)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('11010519491231002X');
    expect(sealer.subjectsIn([{ type: 'ApplicationSubmitted', data: sealed }])).toEqual([subject]);
    expect(sealer.open('ApplicationSubmitted', sealed, new Map([[subject, dataKey]]))).toEqual(data);
    expect(sealer.open('ApplicationSubmitted', sealed, new Map())).toEqual({ ...data, applicant: { sub: 's', name: ERASED_TEXT, idNumber: ERASED_TEXT } });
    expect(sealer.seal('TaskCreated', data, subject, dataKey)).toBe(data); // not a personal event
  });

  it('binds each sealed value to its field: moved to another field, it does not open', () => {
    const sealed = sealer.seal('ApplicationSubmitted', data, subject, dataKey) as typeof data;
    const swapped = { ...sealed, applicant: { ...sealed.applicant, name: sealed.applicant.idNumber } };
    expect(() => sealer.open('ApplicationSubmitted', swapped, new Map([[subject, dataKey]]))).toThrow();
  });
});
