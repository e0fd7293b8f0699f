/**
 * Watched folders in Settings. A folder must exist, be a folder and be readable by the app;
 * it may not be (or hold, or sit inside) the app's own data folder, whose copies would be
 * indexed again and again, nor overlap another watched folder.
 */
import { accessSync, constants, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../../../src-shared/api/errors';
import type { WatchedFolder, WatchedFolderFields } from '../../../src-shared/api/schemas/records';
import type { HandlerContext } from '../api/context';
import { runtimeFor } from './runtime';
import { watchedFolders } from './schema';

type FolderRow = typeof watchedFolders.$inferSelect;

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/** The folder's real path, or a VALIDATION error in plain words. */
export function checkFolderPath(path: string, dataDir: string, others: readonly FolderRow[]): string {
  const bad = (message: string) => ApiError.validation('path', message);
  if (!isAbsolute(path)) throw bad('Enter the full path of the folder, such as C:\\Scans\\Faxes or /Volumes/Faxes.');
  let real: string;
  try {
    const s = statSync(path);
    if (!s.isDirectory()) throw bad(`${path} is a file, not a folder. Enter the folder that holds the scans.`);
    real = realpathSync(path);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw bad(`The folder ${path} does not exist. Check the spelling, or that the network share is connected.`);
    if (code === 'EACCES' || code === 'EPERM') throw bad(`The app is not allowed to open ${path}. Ask the administrator for read access.`);
    throw bad(`The folder ${path} cannot be opened (${code ?? 'unknown error'}).`);
  }
  try {
    accessSync(real, constants.R_OK | constants.X_OK);
    readdirSync(real);
  } catch {
    throw bad(`The app is not allowed to read the folder ${path}. Ask the administrator for read access.`);
  }
  let data: string;
  try {
    data = realpathSync(dataDir);
  } catch {
    data = resolve(dataDir);
  }
  if (inside(real, data) || inside(data, real)) {
    throw bad(`${path} holds the app's own data folder. Choose the folder where scans and faxes arrive.`);
  }
  for (const o of others) {
    if (o.path === real) throw new ApiError('CONFLICT', `${path} is already watched.`, { field: 'path' });
    if (inside(real, o.path)) throw bad(`${path} is inside ${o.path}, which is already watched.`);
    if (inside(o.path, real)) throw bad(`${path} holds ${o.path}, which is already watched. Remove that one first.`);
  }
  return real;
}

export function folderView(ctx: HandlerContext, f: FolderRow): WatchedFolder {
  const state = runtimeFor(ctx.sqlite)?.folderState(f.id) ?? { watching: false, problem: null };
  const files = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM record_files WHERE folder_id = ?`).get(f.id) as { n: number }).n;
  return {
    id: f.id,
    path: f.path,
    polling: f.polling,
    pollIntervalSeconds: f.pollIntervalMs / 1000,
    stabilitySeconds: f.stabilityMs / 1000,
    enabled: f.enabled,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    watching: state.watching,
    problem: state.problem,
    files,
  };
}

function requireFolder(ctx: HandlerContext, id: string): FolderRow {
  const f = ctx.db.select().from(watchedFolders).where(eq(watchedFolders.id, id)).get();
  if (!f) throw ApiError.notFound('This watched folder');
  return f;
}

export function listFolders(ctx: HandlerContext): WatchedFolder[] {
  return ctx.db
    .select()
    .from(watchedFolders)
    .all()
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => folderView(ctx, f));
}

export function addFolder(ctx: HandlerContext, fields: WatchedFolderFields): WatchedFolder {
  const others = ctx.db.select().from(watchedFolders).all();
  const path = checkFolderPath(fields.path, ctx.dataDir, others);
  const now = ctx.now();
  const row = ctx.db
    .insert(watchedFolders)
    .values({
      id: uuidv7(),
      path,
      polling: fields.polling,
      pollIntervalMs: Math.round(fields.pollIntervalSeconds * 1000),
      stabilityMs: Math.round(fields.stabilitySeconds * 1000),
      enabled: fields.enabled,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  runtimeFor(ctx.sqlite)?.refreshFolder(row.id);
  return folderView(ctx, row);
}

export function updateFolder(
  ctx: HandlerContext,
  input: { id: string; path?: string | undefined; polling?: boolean | undefined; pollIntervalSeconds?: number | undefined; stabilitySeconds?: number | undefined; enabled?: boolean | undefined },
): WatchedFolder {
  const current = requireFolder(ctx, input.id);
  const patch: Partial<FolderRow> = { updatedAt: ctx.now() };
  if (input.path !== undefined && input.path !== current.path) {
    const others = ctx.db.select().from(watchedFolders).all().filter((f) => f.id !== current.id);
    patch.path = checkFolderPath(input.path, ctx.dataDir, others);
  }
  if (input.polling !== undefined) patch.polling = input.polling;
  if (input.pollIntervalSeconds !== undefined) patch.pollIntervalMs = Math.round(input.pollIntervalSeconds * 1000);
  if (input.stabilitySeconds !== undefined) patch.stabilityMs = Math.round(input.stabilitySeconds * 1000);
  if (input.enabled !== undefined) patch.enabled = input.enabled;
  const row = ctx.db.update(watchedFolders).set(patch).where(eq(watchedFolders.id, current.id)).returning().get();
  runtimeFor(ctx.sqlite)?.refreshFolder(row.id);
  return folderView(ctx, row);
}

export function removeFolder(ctx: HandlerContext, id: string): { id: string } {
  requireFolder(ctx, id);
  // record_files.folder_id is set to NULL by the foreign key: the records stay.
  ctx.db.delete(watchedFolders).where(eq(watchedFolders.id, id)).run();
  runtimeFor(ctx.sqlite)?.refreshFolder(id);
  return { id };
}
