#!/usr/bin/env node
// Build better-sqlite3 for the installed Electron's ABI into .native/electron/better_sqlite3.node.
//
// The desktop app passes that file to better-sqlite3 as `nativeBinding`, so the Node-ABI build
// in node_modules/better-sqlite3/build (which vitest and `npm run web` use) stays untouched:
// the package is copied to a temporary folder and compiled there with node-gyp against the
// Electron headers.
//
// Needs the internet the first time (Electron headers from electronjs.org), a C++ compiler
// and Python. It is part of `npm start` / `npm run dist`, never of `npm test`.
//
//   node scripts/native-for-electron.mjs            build if missing or out of date
//   node scripts/native-for-electron.mjs --force    build even if up to date
//   node scripts/native-for-electron.mjs --arch=arm64   build for another CPU (default: this one)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const arch = (args.find((a) => a.startsWith('--arch=')) ?? `--arch=${process.arch}`).slice('--arch='.length);

const say = (msg) => process.stdout.write(`[native-for-electron] ${msg}\n`);
class Failure extends Error {}
const fail = (msg) => {
  throw new Failure(msg);
};
const report = (err) => {
  process.stderr.write(`[native-for-electron] ${err instanceof Failure ? err.message : err?.stack ?? String(err)}\n`);
  process.exitCode = 1;
};

async function main() {
  const electronPkgFile = join(root, 'node_modules', 'electron', 'package.json');
  const sqlitePkgDir = join(root, 'node_modules', 'better-sqlite3');
  const sqlitePkgFile = join(sqlitePkgDir, 'package.json');
  if (!existsSync(electronPkgFile)) fail('node_modules/electron is missing. Run `npm ci` first.');
  if (!existsSync(sqlitePkgFile)) fail('node_modules/better-sqlite3 is missing. Run `npm ci` first.');

  const electronVersion = JSON.parse(readFileSync(electronPkgFile, 'utf8')).version;
  // node_modules/better-sqlite3 is better-sqlite3-multiple-ciphers (package.json aliases it),
  // whose version numbers follow better-sqlite3's: the package name is part of the stamp, so
  // a build of plain better-sqlite3 (no encryption) is never taken as up to date.
  const sqlitePkg = JSON.parse(readFileSync(sqlitePkgFile, 'utf8'));
  const sqliteVersion = sqlitePkg.version;
  const sqliteName = sqlitePkg.name;
  const outDir = join(root, '.native', 'electron');
  const outFile = join(outDir, 'better_sqlite3.node');
  const stampFile = join(outDir, 'build-info.json');
  const stamp = { electron: electronVersion, driver: sqliteName, betterSqlite3: sqliteVersion, platform: process.platform, arch };

  // ---------------------------------------------------------------- up to date?
  function upToDate() {
    if (!existsSync(outFile) || !existsSync(stampFile)) return false;
    const built = statSync(outFile).mtimeMs;
    if (built <= statSync(electronPkgFile).mtimeMs || built <= statSync(sqlitePkgFile).mtimeMs) return false;
    try {
      const previous = JSON.parse(readFileSync(stampFile, 'utf8'));
      return Object.entries(stamp).every(([k, v]) => previous[k] === v);
    } catch {
      return false;
    }
  }

  if (!force && upToDate()) {
    say(`up to date: .native/electron/better_sqlite3.node (${sqliteName} ${sqliteVersion} for Electron ${electronVersion}, ${process.platform}-${arch}).`);
    return;
  }

  // ---------------------------------------------------------------- node-gyp
  function findNodeGyp() {
    const candidates = [];
    try {
      candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
    } catch {
      /* not installed in the project */
    }
    // npm bundles node-gyp: <prefix>/lib/node_modules/npm/node_modules/node-gyp (Unix),
    // <prefix>/node_modules/npm/node_modules/node-gyp (Windows).
    const prefix = dirname(process.execPath);
    candidates.push(
      join(prefix, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      join(prefix, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    );
    if (process.env.npm_execpath) {
      // npm_execpath is .../npm/bin/npm-cli.js when run through an npm script.
      candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    }
    const found = candidates.find((c) => existsSync(c));
    return found ? { command: process.execPath, prefixArgs: [found], label: found } : null;
  }

  // ---------------------------------------------------------------- headers / network
  function headersCached() {
    // node-gyp keeps downloaded headers in its devdir, named after the target version.
    const devdirs = [
      process.env.npm_config_devdir,
      process.platform === 'win32' && process.env.LOCALAPPDATA ? join(process.env.LOCALAPPDATA, 'node-gyp', 'Cache') : null,
      process.env.XDG_CACHE_HOME ? join(process.env.XDG_CACHE_HOME, 'node-gyp') : join(homedir(), '.cache', 'node-gyp'),
      process.platform === 'darwin' ? join(homedir(), 'Library', 'Caches', 'node-gyp') : null,
    ].filter(Boolean);
    return devdirs.some((d) => existsSync(join(d, electronVersion, 'include', 'node', 'node.h')));
  }

  async function canReachHeaders() {
    const url = `https://electronjs.org/headers/v${electronVersion}/SHASUMS256.txt`;
    try {
      const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(15_000) });
      return res.ok;
    } catch {
      return false;
    }
  }

  if (!headersCached()) {
    say(`checking that the Electron ${electronVersion} headers can be downloaded from electronjs.org ...`);
    if (!(await canReachHeaders())) {
      fail(
        `Cannot reach https://electronjs.org/headers for Electron ${electronVersion}. ` +
          'Building the database driver for Electron needs the internet once (to fetch the Electron headers). ' +
          'Connect and run this again. Tests (`npm test`) do not need this step.',
      );
    }
  }

  // ---------------------------------------------------------------- build
  const gyp = findNodeGyp();
  const work = mkdtempSync(join(tmpdir(), 'infusion-desk-native-'));
  const pkgCopy = join(work, 'better-sqlite3');
  try {
    say(`building ${sqliteName} ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch}).`);
    say(`copying node_modules/better-sqlite3 to ${pkgCopy} (node_modules stays as it is) ...`);
    cpSync(sqlitePkgDir, pkgCopy, {
      recursive: true,
      // The copy gets its own build folder; never reuse the Node-ABI one.
      filter: (src) => src !== join(sqlitePkgDir, 'build') && !src.startsWith(join(sqlitePkgDir, 'build') + sep),
    });

    const gypArgs = [
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
    ];
    let result;
    if (gyp) {
      say(`running node-gyp (${gyp.label}) ${gypArgs.join(' ')}`);
      result = spawnSync(gyp.command, [...gyp.prefixArgs, ...gypArgs], { cwd: pkgCopy, stdio: 'inherit' });
    } else {
      say(`node-gyp not found locally; running npx --yes node-gyp ${gypArgs.join(' ')}`);
      result = spawnSync('npx', ['--yes', 'node-gyp', ...gypArgs], {
        cwd: pkgCopy,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
    }
    if (result.error) fail(`could not run node-gyp: ${result.error.message}`);
    if (result.status !== 0) {
      fail(
        `node-gyp failed (exit ${result.status}). It needs the internet (Electron headers), Python 3 and a C++ compiler ` +
          '(build-essential on Debian/Ubuntu, Xcode command line tools on macOS, Visual Studio Build Tools on Windows).',
      );
    }

    const builtFile = join(pkgCopy, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(builtFile)) fail(`node-gyp finished but ${builtFile} is missing.`);
    mkdirSync(outDir, { recursive: true });
    copyFileSync(builtFile, outFile);
    writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
    say(`wrote .native/electron/better_sqlite3.node; node_modules/better-sqlite3/build was not touched.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main().catch(report);
