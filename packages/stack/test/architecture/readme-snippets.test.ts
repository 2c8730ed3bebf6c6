// Every package README shows how to use the package in a TypeScript snippet; this typechecks each
// snippet against the packages' real exports and types, so a README cannot drift from the code
// (a renamed export or option fails here). The snippets are written, unchanged, into a folder
// under node_modules/.cache (inside the repository, so `@tokenos/*` resolves as it does for any
// workspace) and checked by one run of tsc with the repository's compiler options.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readWorkspace } from './workspace.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

interface Snippet {
  readme: string;
  line: number;
  code: string;
}

/** The ```ts blocks of a Markdown file, with the line each starts on. */
export function tsBlocks(readme: string, markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = markdown.split('\n');
  let start = -1;
  for (const [i, line] of lines.entries()) {
    if (start < 0 && /^```(ts|typescript)\s*$/.test(line)) start = i;
    else if (start >= 0 && /^```\s*$/.test(line)) {
      snippets.push({ readme, line: start + 2, code: lines.slice(start + 1, i).join('\n') });
      start = -1;
    }
  }
  return snippets;
}

describe('package READMEs', () => {
  const { packages, paths } = readWorkspace(root);
  // Every README in apps/ and packages/ (the apps' usage is a shell command; folders such as
  // packages/protocol/src/member-tokens have their own).
  const readmes = paths.filter((p) => /^(apps|packages)\/.*README\.md$/.test(p));
  const snippets = readmes.flatMap((path) => tsBlocks(path, readFileSync(join(root, path), 'utf8')));

  it('each library package has a README with a TypeScript usage snippet', () => {
    const libraries = packages.filter((p) => p.dir.startsWith('packages/')).map((p) => `${p.dir}/README.md`);
    expect(libraries.length).toBeGreaterThan(5);
    expect(libraries.filter((path) => !snippets.some((s) => s.readme === path))).toEqual([]);
  });

  it('every snippet typechecks against the real packages', () => {
    const dir = join(root, 'node_modules/.cache/readme-snippets');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const names = snippets.map((s, i) => {
      const name = `${s.readme.replaceAll('/', '-').replace(/\.md$/, '')}-${i}.ts`;
      writeFileSync(join(dir, name), `${s.code}\nexport {};\n`);
      return name;
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.json',
        compilerOptions: { lib: ['es2023', 'dom', 'dom.iterable'], types: ['node'], noUnusedLocals: false },
        include: names,
      }),
    );
    const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
    });
    // Each error line names the snippet file: <readme path with dashes>-<n>.ts(line,col).
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});
