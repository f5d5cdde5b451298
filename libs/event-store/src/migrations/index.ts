import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Audit1764000001000 } from './1764000001000-audit';

/** Every migration, in order. Listed as classes so compiled and test runs load the same set. */
export const MIGRATIONS = [InitialSchema1764000000000, Audit1764000001000];
