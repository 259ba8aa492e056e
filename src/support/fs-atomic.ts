// Writes that never leave a half-written file: each file goes to a temp name
// beside it (same filesystem, so rename is atomic), flushed to disk, and is
// renamed only once every file of the set is written.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface FileToWrite {
  path: string;
  text: string;
}

export async function writeFilesAtomic(files: readonly FileToWrite[]): Promise<void> {
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const jobs = files.map((f) => ({ ...f, temp: join(dirname(f.path), `.${basename(f.path)}.${tag}.tmp`) }));
  try {
    await Promise.all(
      jobs.map(async (j) => {
        await mkdir(dirname(j.path), { recursive: true });
        await writeDurably(j.temp, j.text);
      }),
    );
    for (const j of jobs) await rename(j.temp, j.path);
  } catch (err) {
    await Promise.all(jobs.map((j) => rm(j.temp, { force: true })));
    throw err;
  }
}

export function writeFileAtomic(path: string, text: string): Promise<void> {
  return writeFilesAtomic([{ path, text }]);
}

async function writeDurably(path: string, text: string): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}
