// Reads the real repository into the shape the rules take: every workspace's package.json and
// every source file git knows (tracked or new, never ignored ones such as dist/ or node_modules/).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageInfo, SourceFile, Workspace } from './rules.ts';

interface PackageJson {
  name: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  exports?: string | Record<string, unknown>;
}

const sourceFile = /\.(ts|tsx|mts|js|mjs|jsx)$/;

function packageInfo(root: string, dir: string): PackageInfo {
  const json = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as PackageJson;
  const exportsField = json.exports;
  const exports =
    exportsField === undefined
      ? []
      : typeof exportsField === 'string' || !Object.keys(exportsField).some((k) => k.startsWith('.'))
        ? ['.']
        : Object.keys(exportsField);
  return {
    name: json.name,
    dir,
    dependencies: [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.peerDependencies ?? {})],
    devDependencies: Object.keys(json.devDependencies ?? {}),
    exports,
  };
}

/** The workspace, and every path git knows (tracked or new), for checks beyond imports. */
export function readWorkspace(root: string): Workspace & { paths: string[] } {
  const paths = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((p) => p !== '');
  const existing = new Set(paths);
  const packageDirs = paths
    .filter((p) => /^(apps|packages)\/[^/]+\/package\.json$/.test(p))
    .map((p) => p.slice(0, -'/package.json'.length));
  const packages = [packageInfo(root, ''), ...packageDirs.map((dir) => packageInfo(root, dir))];
  const files: SourceFile[] = paths
    .filter((p) => sourceFile.test(p) && /^(apps|packages|e2e)\//.test(p) && existing.has(p))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
  return { packages, files, paths };
}
