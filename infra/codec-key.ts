import { newCodecKey } from '#temporal';

/**
 * `npm run codec:new-key`: prints a new payload-codec key as `id:base64`. Rotation: put it first in
 * TEMPORAL_CODEC_KEYS (or the key file) and keep the old ones after it — new payloads are encrypted with the new
 * key, histories written with the old ones still decrypt. Drop an old key only when no retained history uses it.
 */
process.stdout.write(`${newCodecKey()}\n`);
