import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces go into the failure's encoded attributes — a payload, so the payload codec
 * encrypts them like everything else — and the server keeps only "Encoded failure". A message an applicant's input
 * made (a value echoed in an error) never reaches Temporal in clear. Loaded by path (the SDK bundles it into the
 * workflow code and requires it in clients and workers), so it exports `failureConverter` and nothing else.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
