// A lock file in the embedded database's folder: a second process refuses to open it
// with a clear message instead of silently corrupting data.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';

export interface FolderLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireFolderLock(dir: string): FolderLock {
  const path = join(dir, 'erp.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isFinite(pid) && pid !== process.pid && processAlive(pid)) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          409,
          `数据目录 ${dir} 正被另一个进程 (PID ${pid}) 使用；请先停止它，或改用 DATABASE_URL 连接 PostgreSQL 以支持多进程。`,
          `The data folder ${dir} is in use by another process (PID ${pid}). Stop it first, or use DATABASE_URL with a PostgreSQL server for several processes.`,
          { pid, dir },
        );
      }
      if (pid === process.pid) {
        throw new AppError('DATA_DIR_LOCKED', 409, `数据目录 ${dir} 已在本进程中打开。`, `The data folder ${dir} is already open in this process.`, { dir });
      }
      // Stale lock from a process that died: take it over.
      unlinkSync(path);
    }
  }
  throw new Error(`could not lock ${path}`);
}
