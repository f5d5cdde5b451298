import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, newCodecKey, parseCodecKeys } from './payload-codec';

const text = (b?: Uint8Array | null) => Buffer.from(b ?? new Uint8Array()).toString();

describe('the payload codec (AES-256-GCM)', () => {
  const oldKey = newCodecKey();
  const newKey = newCodecKey();
  const payload = defaultPayloadConverter.toPayload({ applicant: { name: '李四', idNumber: '11010519491231002X' } });

  it('seals a payload (metadata says encrypted and names the key; no clear text) and opens it again', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(oldKey));
    const [sealed] = await codec.encode([payload]);
    expect(text(sealed.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed.metadata!['encryption-key-id'])).toBe(oldKey.split(':')[0]);
    expect(Buffer.from(sealed.data!).includes(Buffer.from('11010519491231002X'))).toBe(false);
    const [again] = await codec.encode([payload]);
    expect(Buffer.from(again.data!).equals(Buffer.from(sealed.data!))).toBe(false); // a fresh IV each time
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual({ applicant: { name: '李四', idNumber: '11010519491231002X' } });
  });

  it('rotation: the first key encrypts, every listed key decrypts; a key no longer listed cannot', async () => {
    const [underOld] = await new AesGcmPayloadCodec(parseCodecKeys(oldKey)).encode([payload]);
    const rotated = new AesGcmPayloadCodec(parseCodecKeys(`${newKey},${oldKey}`));
    const [underNew] = await rotated.encode([payload]);
    expect(text(underNew.metadata!['encryption-key-id'])).toBe(newKey.split(':')[0]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([underOld]))[0])).toEqual(defaultPayloadConverter.fromPayload(payload));
    await expect(new AesGcmPayloadCodec(parseCodecKeys(newKey)).decode([underOld])).rejects.toThrow(/no codec key/);
  });

  it('refuses a changed ciphertext, passes an unencrypted payload through (histories of before), and wants 32-byte keys', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(oldKey));
    const [sealed] = await codec.encode([payload]);
    const changed = Buffer.from(sealed.data!);
    changed[20] ^= 1;
    await expect(codec.decode([{ ...sealed, data: changed }])).rejects.toThrow();
    expect(await codec.decode([payload])).toEqual([payload]);
    expect(() => new AesGcmPayloadCodec(parseCodecKeys(`short:${Buffer.alloc(16).toString('base64')}`))).toThrow(/32 bytes/);
    expect(() => parseCodecKeys('no-colon')).toThrow(/id:base64/);
  });
});
