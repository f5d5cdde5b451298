import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A key file made on first use and shared by every process that starts beside it (two workers, the API): the
 * content is written to a file of its own and linked into place, so a process never reads a half-written key and,
 * of several starting at once, the first one's key is everyone's. Answers the file's content.
 */
export function keyFileOnce(file: string, make: () => string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      // On disk before it is linked: a power cut must not leave an empty key in place of the real one.
      const fd = fs.openSync(draft, 'wx', 0o600);
      try {
        fs.writeFileSync(fd, make());
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      try {
        fs.linkSync(draft, file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return fs.readFileSync(file, 'utf8'); // another process was first: its key stands
        if (code !== 'EPERM' && code !== 'ENOTSUP') throw err;
        // A file system without hard links: create the file exclusively instead (the first writer wins).
        try {
          fs.copyFileSync(draft, file, fs.constants.COPYFILE_EXCL);
        } catch (copy) {
          if ((copy as NodeJS.ErrnoException).code !== 'EEXIST') throw copy;
        }
      }
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return fs.readFileSync(file, 'utf8');
}
