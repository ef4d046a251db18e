// How `npm run backup` reaches the server that holds the embedded database.
//
// PGlite lives inside the server process, and the folder lock keeps every other process
// out, so only the server can take a consistent backup while it runs. At start it writes
// erp.server.json into DATA_DIR: its process id, the local address of its API and a fresh
// random token (readable by the folder's owner only). The command reads that file and
// asks POST /api/v1/backups with the token; the server checks it and backs up. Whoever
// can read DATA_DIR can copy the whole database anyway, so the token gives nothing more.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BackupRecord } from './backup.js';

const FILE = 'erp.server.json';

export interface ServerChannel {
  pid: number;
  /** Base URL of the server as seen from this machine (http://127.0.0.1:3000). */
  url: string;
  token: string;
}

export const newChannelToken = () => randomBytes(32).toString('base64url');

/** The header a local command sends; compared in constant time. */
export function isChannelToken(authorization: string | undefined, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Where a local command finds a server listening on host:port. */
export function localUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function publishChannel(dataDir: string, channel: ServerChannel): () => void {
  const path = join(resolve(dataDir), FILE);
  writeFileSync(path, JSON.stringify(channel), { mode: 0o600 });
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    try {
      const current = JSON.parse(readFileSync(path, 'utf8')) as ServerChannel;
      if (current.pid === channel.pid) rmSync(path, { force: true });
    } catch {
      /* already gone */
    }
  };
  process.once('exit', remove);
  return remove;
}

function readChannel(dataDir: string): ServerChannel | undefined {
  try {
    const c = JSON.parse(readFileSync(join(resolve(dataDir), FILE), 'utf8')) as Partial<ServerChannel>;
    if (typeof c.pid === 'number' && typeof c.url === 'string' && typeof c.token === 'string') return c as ServerChannel;
  } catch {
    /* no server, or a file of some other program */
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type ServerAnswer =
  | { reached: false }
  | { reached: true; ok: true; backup: BackupRecord }
  | { reached: true; ok: false; status: number; error: unknown };

/** Asks the running server for a backup; `reached: false` when no server holds the folder. */
export async function askServerToBackUp(dataDir: string): Promise<ServerAnswer> {
  const channel = readChannel(dataDir);
  if (!channel || !alive(channel.pid)) return { reached: false };
  let res: Response;
  try {
    res = await fetch(`${channel.url}/api/v1/backups`, { method: 'POST', headers: { authorization: `Bearer ${channel.token}` } });
  } catch {
    // The file outlived its server (killed): nothing answers there.
    return { reached: false };
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 201) return { reached: true, ok: true, backup: body as unknown as BackupRecord };
  return { reached: true, ok: false, status: res.status, error: body.error ?? body };
}
