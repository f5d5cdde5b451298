import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, in order. Listed as classes so compiled and test runs load the same set. */
export const MIGRATIONS = [InitialSchema1764000000000];
