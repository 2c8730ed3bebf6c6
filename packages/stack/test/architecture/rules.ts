// The architecture as rules over import arrows. Pure: it takes the packages and the files (path and
// text) and returns every forbidden arrow, so a test can hand it a made-up tree with a forbidden
// import in it and see it caught.
import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import { type Import, parseImports } from './imports.ts';

export interface PackageInfo {
  name: string;
  /** Folder relative to the repository root, `''` for the root package. */
  dir: string;
  dependencies: readonly string[];
  devDependencies: readonly string[];
  /** Subpaths the package exports: `'.'`, `'./testing'`. */
  exports: readonly string[];
}

export interface SourceFile {
  /** Path relative to the repository root, with `/`. */
  path: string;
  text: string;
}

export interface Workspace {
  /** The root package (its `devDependencies` are the shared test tools) and every workspace. */
  packages: readonly PackageInfo[];
  files: readonly SourceFile[];
}

export type Rule =
  | 'app-imports-app'
  | 'widget-imports-workspace'
  | 'undeclared-dependency'
  | 'dev-dependency-at-run-time'
  | 'not-exported'
  | 'relative-outside-package'
  | 'node-builtin-in-browser-code'
  | 'bare-node-builtin'
  | 'computed-dynamic-import'
  | 'unparsable'
  | 'dependency-cycle'
  | 'folder-cycle';

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: Rule;
  message: string;
}

/** Files that run where there is no Node: protocol (browser and server alike), the widget, the wallet's page. */
const browserCode = [/^packages\/protocol\/src\//, /^packages\/checkout\/src\//, /^apps\/wallet\/src\//];

/**
 * Dynamic imports whose specifier is computed, with the reason each is safe. Nothing else may
 * compute one, since nothing could check where it points.
 */
export const computedImportsAllowed: Readonly<Record<string, string>> = {
  'packages/stack/src/bench/profiled.ts': 'loads the service entry file it is told to profile',
  'packages/stack/src/bench/sizes.ts': "runs the wallet's own bundle-size script",
};

/** Vite's virtual modules, made at build time by the plugin that serves them. */
const virtualModules: Readonly<Record<string, string>> = { 'virtual:pwa-register': 'vite-plugin-pwa' };

function virtualModulePlugin(specifier: string): string | undefined {
  return virtualModules[specifier.split('/')[0] ?? ''];
}

export type FileRole = 'runtime' | 'test' | 'tool';

/** Tests and fixtures may use test tools; tools (build scripts, configs, generators) build tools. */
export function roleOf(pathInPackage: string): FileRole {
  if (/\.test\.tsx?$/.test(pathInPackage)) return 'test';
  if (/^(test|e2e)\//.test(pathInPackage) || /(^|\/)testing(\/|\.ts$)/.test(pathInPackage)) return 'test';
  if (/^scripts\//.test(pathInPackage) || /(^|\/)vite\.config\.ts$/.test(pathInPackage)) return 'tool';
  if (/(^|\/)([a-z-]+-)?vectors\//.test(pathInPackage)) return 'tool'; // vector generators, run by hand
  return 'runtime';
}

/** `'@scope/name/sub'` -> `['@scope/name', './sub']`; `'name'` -> `['name', '.']`. */
export function splitSpecifier(specifier: string): [string, string] {
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(n).join('/');
  return [parts.slice(0, n).join('/'), rest ? `./${rest}` : '.'];
}

function exported(pkg: PackageInfo, subpath: string): boolean {
  return pkg.exports.some((key) => {
    const star = key.indexOf('*');
    if (star < 0) return key === subpath;
    return subpath.startsWith(key.slice(0, star)) && subpath.endsWith(key.slice(star + 1));
  });
}

function packageOf(packages: readonly PackageInfo[], path: string): PackageInfo | undefined {
  let best: PackageInfo | undefined;
  for (const p of packages) {
    const inside = p.dir === '' || path.startsWith(`${p.dir}/`);
    if (inside && (best === undefined || p.dir.length > best.dir.length)) best = p;
  }
  return best;
}

const isApp = (p: PackageInfo) => p.dir.startsWith('apps/');

export function checkArchitecture(workspace: Workspace): Violation[] {
  const byName = new Map(workspace.packages.map((p) => [p.name, p]));
  const root = workspace.packages.find((p) => p.dir === '');
  const testTools = new Set(root?.devDependencies ?? []);
  const violations: Violation[] = [];

  for (const file of workspace.files) {
    const pkg = packageOf(workspace.packages, file.path);
    if (!pkg) continue;
    const inPackage = pkg.dir === '' ? file.path : file.path.slice(pkg.dir.length + 1);
    const role = roleOf(inPackage);
    const browser = role === 'runtime' && browserCode.some((r) => r.test(file.path));
    const parsed = parseImports(file.path, file.text);
    const report = (imp: Pick<Import, 'line' | 'specifier'>, rule: Rule, message: string) =>
      violations.push({ file: file.path, line: imp.line, specifier: imp.specifier, rule, message });

    for (const error of parsed.errors) report({ line: 0, specifier: '' }, 'unparsable', error);
    for (const c of parsed.computed) {
      if (computedImportsAllowed[file.path] === undefined) {
        report(
          { line: c.line, specifier: c.text },
          'computed-dynamic-import',
          `import(${c.text}) names no module`,
        );
      }
    }

    for (const imp of parsed.imports) {
      const spec = imp.specifier.replace(/\?.*$/, ''); // Vite's `?raw`, `?url`
      if (spec.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file.path), spec));
        const owner = packageOf(workspace.packages, target);
        if (target.startsWith('../') || owner !== pkg) {
          report(
            imp,
            'relative-outside-package',
            `${spec} leaves ${pkg.name}; import ${owner?.name ?? 'it'} by name`,
          );
        }
        continue;
      }
      // A URL (a page's script importing '/checkout.js' or https://...) is fetched at run time by
      // the browser from a server, not resolved from the workspace: no arrow between packages.
      if (spec.startsWith('/') || /^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) continue;
      if (spec.startsWith('node:') || isBuiltin(spec)) {
        if (!spec.startsWith('node:')) report(imp, 'bare-node-builtin', `write node:${spec}`);
        else if (browser && !imp.typeOnly) {
          report(
            imp,
            'node-builtin-in-browser-code',
            `${file.path} runs in the browser too; ${spec} is Node only`,
          );
        }
        continue;
      }
      const plugin = virtualModulePlugin(spec);
      if (plugin) {
        if (![...pkg.dependencies, ...pkg.devDependencies].includes(plugin)) {
          report(
            imp,
            'undeclared-dependency',
            `${spec} comes from ${plugin}, which ${pkg.name} does not declare`,
          );
        }
        continue;
      }
      const [name, subpath] = splitSpecifier(spec);
      const target = byName.get(name);
      if (target && isApp(target) && target !== pkg) {
        const who = isApp(pkg) ? 'an app never imports another app' : `${pkg.name} never imports an app`;
        report(imp, 'app-imports-app', `${who} (${name})`);
        continue;
      }
      if (target && pkg.name === '@tokenos/checkout' && role === 'runtime' && !imp.typeOnly) {
        report(
          imp,
          'widget-imports-workspace',
          `the widget imports nothing of the workspace at run time (${name}); \`import type\` is fine`,
        );
        continue;
      }
      if (target && !exported(target, subpath)) {
        report(imp, 'not-exported', `${name} does not export ${subpath}`);
        continue;
      }
      if (name === pkg.name) continue;
      const runtime = pkg.dependencies.includes(name);
      const dev = pkg.devDependencies.includes(name);
      // The root package holds the journeys (e2e): they drive every workspace package.
      const rootUsesWorkspace = pkg.dir === '' && target !== undefined;
      if (runtime || rootUsesWorkspace) continue;
      if (role !== 'runtime' && (dev || testTools.has(name))) continue;
      if (dev && imp.typeOnly) continue; // erased at build: a type needs no run-time dependency
      if (dev) {
        report(imp, 'dev-dependency-at-run-time', `${name} is only a devDependency of ${pkg.name}`);
      } else {
        report(imp, 'undeclared-dependency', `${pkg.name} does not declare ${name} in its package.json`);
      }
    }
  }
  return [...violations, ...dependencyCycles(workspace.packages), ...folderCycles(workspace)];
}

/**
 * Dependencies point one way: the workspace packages, joined by what their package.json files
 * declare (dependencies and devDependencies), form no cycle.
 */
export function dependencyCycles(packages: readonly PackageInfo[]): Violation[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const uses = (p: PackageInfo) =>
    [...p.dependencies, ...p.devDependencies].flatMap((n) => byName.get(n) ?? []).filter((q) => q !== p);
  const done = new Set<PackageInfo>();
  const violations: Violation[] = [];
  const visit = (p: PackageInfo, path: PackageInfo[]) => {
    const at = path.indexOf(p);
    if (at >= 0) {
      const cycle = [...path.slice(at), p].map((q) => q.name).join(' -> ');
      const file = p.dir === '' ? 'package.json' : `${p.dir}/package.json`;
      violations.push({ file, line: 0, specifier: '', rule: 'dependency-cycle', message: cycle });
      return;
    }
    if (done.has(p)) return;
    for (const q of uses(p)) visit(q, [...path, p]);
    done.add(p);
  };
  for (const p of packages) visit(p, []);
  return violations;
}

/**
 * Inside an app, the top-level folders of src/ (its features) are layered: the imports of its
 * run-time files, `import type` included, join them into a graph with no cycle. A loop would make
 * every folder on it depend on every other, so none could be read, tested or moved alone. Files
 * directly in src/ (the app's wiring: app.ts, deps.ts) are outside the folder graph.
 */
export function folderCycles(workspace: Workspace): Violation[] {
  const violations: Violation[] = [];
  for (const app of workspace.packages.filter(isApp)) {
    const src = `${app.dir}/src/`;
    const folderOf = (path: string) => {
      if (!path.startsWith(src)) return undefined;
      const rest = path.slice(src.length).split('/');
      return rest.length > 1 ? rest[0] : undefined;
    };
    /** from folder -> to folder -> the first import making that arrow */
    const arrows = new Map<string, Map<string, { file: string; line: number; specifier: string }>>();
    for (const file of workspace.files) {
      const from = folderOf(file.path);
      if (from === undefined || roleOf(file.path.slice(app.dir.length + 1)) !== 'runtime') continue;
      for (const imp of parseImports(file.path, file.text).imports) {
        if (!imp.specifier.startsWith('.')) continue;
        const to = folderOf(posix.normalize(posix.join(posix.dirname(file.path), imp.specifier)));
        if (to === undefined || to === from) continue;
        const out = arrows.get(from) ?? new Map();
        arrows.set(from, out);
        if (!out.has(to)) out.set(to, { file: file.path, line: imp.line, specifier: imp.specifier });
      }
    }
    const done = new Set<string>();
    const visit = (folder: string, path: string[]) => {
      const at = path.indexOf(folder);
      if (at >= 0) {
        const cycle = [...path.slice(at), folder];
        const last = cycle.at(-2) ?? folder;
        const closing = arrows.get(last)?.get(folder);
        violations.push({
          file: closing?.file ?? src,
          line: closing?.line ?? 0,
          specifier: closing?.specifier ?? '',
          rule: 'folder-cycle',
          message: `${src}: folders import each other in a loop: ${cycle.join(' -> ')}`,
        });
        return;
      }
      if (done.has(folder)) return;
      for (const next of [...(arrows.get(folder)?.keys() ?? [])].sort()) visit(next, [...path, folder]);
      done.add(folder);
    };
    for (const folder of [...arrows.keys()].sort()) visit(folder, []);
  }
  return violations;
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `${v.file}:${v.line} imports ${v.specifier}: ${v.message} [${v.rule}]`)
    .join('\n');
}
