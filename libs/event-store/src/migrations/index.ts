import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Audit1764000001000 } from './1764000001000-audit';
import { Delegations1764000002000 } from './1764000002000-delegations';
import { Metrics1764000003000 } from './1764000003000-metrics';
import { Experts1764000004000 } from './1764000004000-experts';
import { ReadModelColumns1764000005000 } from './1764000005000-read-model-columns';
import { Procedure1764000006000 } from './1764000006000-procedure';
import { Calendars1764000007000 } from './1764000007000-calendars';
import { Organisations1764000008000 } from './1764000008000-organisations';
import { Indicators1764000009000 } from './1764000009000-indicators';
import { Documents1764000010000 } from './1764000010000-documents';
import { Notifications1764000011000 } from './1764000011000-notifications';
import { Sealing1764000012000 } from './1764000012000-sealing';
import { Scale1764000013000 } from './1764000013000-scale';
import { IdempotentSums1764000014000 } from './1764000014000-idempotent-sums';
import { PersonHash1764000015000 } from './1764000015000-person-hash';
import { ErasedDocuments1764000016000 } from './1764000016000-erased-documents';
import { StreamSubjects1764000017000 } from './1764000017000-stream-subjects';

/** Every migration, in order. Listed as classes so compiled and test runs load the same set. */
export const MIGRATIONS = [InitialSchema1764000000000, Audit1764000001000, Delegations1764000002000, Metrics1764000003000, Experts1764000004000, ReadModelColumns1764000005000, Procedure1764000006000, Calendars1764000007000, Organisations1764000008000, Indicators1764000009000, Documents1764000010000, Notifications1764000011000, Sealing1764000012000, Scale1764000013000, IdempotentSums1764000014000, PersonHash1764000015000, ErasedDocuments1764000016000, StreamSubjects1764000017000];
