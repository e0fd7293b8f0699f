/**
 * Where the desktop app finds its parts, in development (`electron .` from the project
 * root) and packaged (electron-builder: app.asar plus extraResources). No Electron import.
 *
 *   built main        out/main/index.js            <asar>/out/main/index.js
 *   backend worker    out/main/backend-worker.js   <asar>/out/main/backend-worker.js
 *   preload           out/preload/index.cjs        <asar>/out/preload/index.cjs
 *   page              out/renderer/index.html      <asar>/out/renderer/index.html
 *   migrations        drizzle/                     <resources>/drizzle
 *   native SQLite     .native/electron/…node       <resources>/native/better_sqlite3.node
 *   icons             resources/icons/             <resources>/resources/icons/
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPathsInput {
  /** Folder of the built main file (out/main). */
  mainDir: string;
  isPackaged: boolean;
  /** process.resourcesPath (packaged apps). */
  resourcesPath?: string | undefined;
  /** True when running inside Electron (process.versions.electron is set). */
  inElectron: boolean;
  env: NodeJS.ProcessEnv;
}

export interface AppPaths {
  workerFile: string;
  preload: string;
  rendererHtml: string;
  rendererFileUrl: string;
  migrationsFolder: string;
  /** The Electron-ABI better-sqlite3 binding, when it exists and we run in Electron. */
  nativeBinding: string | undefined;
  icon: string;
  /** Dev server URL (development only). */
  devUrl: string | undefined;
}

export function resolveAppPaths(input: AppPathsInput): AppPaths {
  const outDir = resolve(input.mainDir, '..');
  const projectRoot = resolve(outDir, '..');
  const resources = input.isPackaged && input.resourcesPath ? input.resourcesPath : null;
  const rendererHtml = join(outDir, 'renderer', 'index.html');

  const migrationsFolder = input.env.DESK_MIGRATIONS_DIR
    ? resolve(input.env.DESK_MIGRATIONS_DIR)
    : resources
      ? join(resources, 'drizzle')
      : join(projectRoot, 'drizzle');

  // The Electron-ABI build only loads inside Electron; under plain Node (tests) the
  // default Node-ABI build in node_modules is the right one.
  const nativeCandidate = resources
    ? join(resources, 'native', 'better_sqlite3.node')
    : join(projectRoot, '.native', 'electron', 'better_sqlite3.node');
  const nativeBinding = input.inElectron && existsSync(nativeCandidate) ? nativeCandidate : undefined;

  return {
    workerFile: join(input.mainDir, 'backend-worker.js'),
    preload: join(outDir, 'preload', 'index.cjs'),
    rendererHtml,
    rendererFileUrl: pathToFileURL(rendererHtml).href,
    migrationsFolder,
    nativeBinding,
    icon: resources ? join(resources, 'resources', 'icons', 'icon.png') : join(projectRoot, 'resources', 'icons', 'icon.png'),
    devUrl: !input.isPackaged && input.env.ELECTRON_RENDERER_URL ? input.env.ELECTRON_RENDERER_URL : undefined,
  };
}
