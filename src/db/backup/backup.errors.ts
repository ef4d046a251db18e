// The refusals of backup and restore: a code a script can match on, and what to do about
// it in both languages.
import { AppError } from '../../core/errors.js';

const KIND_ZH = { pglite: '嵌入式数据库 (PGlite)', pg: 'PostgreSQL' } as const;
const KIND_EN = { pglite: 'embedded database (PGlite)', pg: 'PostgreSQL' } as const;

export const backupErrors = {
  failed: (why: string) => new AppError('BACKUP_FAILED', 500, `备份失败：${why}`, `The backup failed: ${why}`, { why }),
  toolMissing: (tool: string) =>
    new AppError(
      'BACKUP_TOOL_MISSING',
      500,
      `找不到 ${tool}：请安装 PostgreSQL 客户端工具（与服务器同一主版本或更新），或用 ERP_PG_BIN 指定其所在文件夹。`,
      `${tool} was not found: install the PostgreSQL client tools (the server's major version or newer), or set ERP_PG_BIN to their folder.`,
      { tool },
    ),
  fileMissing: (file: string) => new AppError('BACKUP_FILE_NOT_FOUND', 404, `备份文件不存在：${file}`, `No such backup file: ${file}`, { file }),
  notABackup: (file: string) =>
    new AppError('RESTORE_NOT_A_BACKUP', 422, `${file} 不是本系统的备份文件（或已损坏）。`, `${file} is not a backup made by this system (or it is damaged).`, {
      file,
    }),
  wrongKind: (file: string, made: 'pglite' | 'pg', target: 'pglite' | 'pg') =>
    new AppError(
      'RESTORE_WRONG_KIND',
      422,
      `${file} 是${KIND_ZH[made]}的备份，不能恢复到${KIND_ZH[target]}。${made === 'pg' ? '请设置 DATABASE_URL 指向一个空的 PostgreSQL 数据库。' : '请不设 DATABASE_URL，恢复到一个空的 DATA_DIR 文件夹。'}`,
      `${file} is a backup of the ${KIND_EN[made]}; it cannot be restored into the ${KIND_EN[target]}. ${made === 'pg' ? 'Set DATABASE_URL to an empty PostgreSQL database.' : 'Leave DATABASE_URL unset and restore into an empty DATA_DIR folder.'}`,
      { file, made, target },
    ),
  targetNotEmpty: (where: string) =>
    new AppError(
      'RESTORE_TARGET_NOT_EMPTY',
      409,
      `${where} 里已有数据，恢复会覆盖它，因此拒绝。请恢复到一个新的空文件夹（DATA_DIR=…）或新建的空数据库（DATABASE_URL=…）。`,
      `${where} already holds data and a restore would overwrite it, so it is refused. Restore into a new empty folder (DATA_DIR=…) or a new empty database (DATABASE_URL=…).`,
      { where },
    ),
  restoreFailed: (why: string) =>
    new AppError('RESTORE_FAILED', 500, `恢复失败，目标未写入任何数据：${why}`, `The restore failed and wrote nothing to the target: ${why}`, { why }),
};
