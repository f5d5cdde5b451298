import { DataSource } from 'typeorm';

/** The version in force of the policy document under `key` (a program, or the assessment policy): the newest. */
export async function newestVersion<D>(ds: DataSource, key: string): Promise<{ version: number; publishedAt: string; publishedBy: string; document: D } | null> {
  const [row] = (await ds.query(`SELECT version, published_at, published_by, document FROM policies WHERE program = $1 ORDER BY version DESC LIMIT 1`, [key])) as {
    version: number;
    published_at: Date;
    published_by: string;
    document: D;
  }[];
  return row ? { version: row.version, publishedAt: row.published_at.toISOString(), publishedBy: row.published_by, document: row.document } : null;
}

/**
 * The next version of a policy document under `key` (a program, or the assessment policy): versions are numbered
 * in the insert itself, and a conflict with a concurrent publisher is retried with the next number.
 */
export async function publishVersion(ds: DataSource, key: string, document: object, by: string): Promise<{ version: number; publishedAt: string }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const [row] = (await ds.query(
        `INSERT INTO policies (program, version, published_at, published_by, document)
         SELECT $1, coalesce(max(version), 0) + 1, now(), $2, $3 FROM policies WHERE program = $1
         RETURNING version, published_at`,
        [key, by, JSON.stringify(document)],
      )) as { version: number; published_at: Date }[];
      return { version: row.version, publishedAt: row.published_at.toISOString() };
    } catch (err) {
      if ((err as { code?: string }).code !== '23505' || attempt >= 5) throw err;
    }
  }
}
