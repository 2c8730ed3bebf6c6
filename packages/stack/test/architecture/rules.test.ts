// The checker on a made-up repository: one clean tree, then the same tree with one forbidden arrow
// added at a time, to show each rule catches what it is for (and so that the real-tree test
// passing means something).
import { describe, expect, it } from 'vitest';
import { checkArchitecture, type PackageInfo, type Rule, type SourceFile } from './rules.ts';

const pkg = (name: string, dir: string, more: Partial<PackageInfo> = {}): PackageInfo => ({
  name,
  dir,
  dependencies: [],
  devDependencies: [],
  exports: ['.'],
  ...more,
});

const packages: PackageInfo[] = [
  pkg('tokenos', '', { devDependencies: ['vitest', 'fast-check'], exports: [] }),
  pkg('@tokenos/protocol', 'packages/protocol', { dependencies: ['zod'], exports: ['.', './testing'] }),
  pkg('@tokenos/sdk', 'packages/sdk', { dependencies: ['@tokenos/protocol'] }),
  pkg('@tokenos/checkout', 'packages/checkout', { devDependencies: ['@tokenos/protocol', 'vite'] }),
  pkg('@tokenos/cloud', 'apps/cloud', {
    dependencies: ['@tokenos/protocol', 'hono'],
    devDependencies: ['@tokenos/sdk'],
    exports: [],
  }),
  pkg('@tokenos/shop', 'apps/shop', { dependencies: ['@tokenos/sdk'], exports: [] }),
  pkg('@tokenos/wallet', 'apps/wallet', {
    dependencies: ['@tokenos/sdk'],
    devDependencies: ['vite-plugin-pwa'],
    exports: [],
  }),
];

const clean: SourceFile[] = [
  {
    path: 'packages/protocol/src/index.ts',
    text: `import { z } from 'zod';\nexport * from './money.ts';\n// import { readFileSync } from 'node:fs';\nconst s = "import x from 'hono'";`,
  },
  {
    path: 'packages/protocol/src/money.test.ts',
    text: `import { readFileSync } from 'node:fs';\nimport { it } from 'vitest';`,
  },
  { path: 'packages/sdk/src/index.ts', text: `export { canonicalize } from '@tokenos/protocol';` },
  {
    path: 'packages/checkout/src/index.ts',
    text: `import type { Money } from '@tokenos/protocol';\nexport const x = 1;`,
  },
  {
    path: 'packages/checkout/src/message.test.ts',
    text: `import { walletMessageSchema } from '@tokenos/protocol';`,
  },
  {
    path: 'packages/checkout/scripts/build.ts',
    text: `import { build } from 'vite';\nimport { spawn } from 'node:child_process';`,
  },
  {
    path: 'apps/cloud/src/app.ts',
    text: `import { Hono } from 'hono';\nimport { createHash } from 'node:crypto';`,
  },
  {
    path: 'apps/cloud/test/world.ts',
    text: `import { Member } from '@tokenos/sdk';\nimport { fixtures } from '@tokenos/protocol/testing';`,
  },
  { path: 'apps/shop/src/server.ts', text: `const sdk = await import('@tokenos/sdk');` },
  { path: 'apps/wallet/src/Update.tsx', text: `import { useRegisterSW } from 'virtual:pwa-register/react';` },
  { path: 'apps/shop/public/pay.js', text: `const { button } = await import('/checkout/v1/checkout.js');` },
  {
    path: 'e2e/pay.spec.ts',
    text: `import { Member } from '@tokenos/sdk';\nimport { helper } from './helpers/axe.ts';`,
  },
];

/** The rules broken by the clean tree plus one file. */
function rulesBrokenBy(path: string, text: string): Rule[] {
  const files = [...clean.filter((f) => f.path !== path), { path, text }];
  return checkArchitecture({ packages, files }).map((v) => v.rule);
}

describe('checkArchitecture', () => {
  it('finds nothing in a clean tree, imports in comments and strings included', () => {
    expect(checkArchitecture({ packages, files: clean })).toEqual([]);
  });

  it('names the file, line and import of a forbidden arrow', () => {
    const files = [
      ...clean,
      { path: 'apps/shop/src/cart.ts', text: `\nimport { createCloudApp } from '@tokenos/cloud';` },
    ];
    expect(checkArchitecture({ packages, files })).toEqual([
      {
        file: 'apps/shop/src/cart.ts',
        line: 2,
        specifier: '@tokenos/cloud',
        rule: 'app-imports-app',
        message: 'an app never imports another app (@tokenos/cloud)',
      },
    ]);
  });

  it('an app never imports an app: by name, dynamically, or by a relative path', () => {
    expect(rulesBrokenBy('apps/shop/src/a.ts', `export { x } from '@tokenos/cloud';`)).toEqual([
      'app-imports-app',
    ]);
    expect(rulesBrokenBy('apps/shop/src/a.ts', `await import('@tokenos/wallet');`)).toEqual([
      'app-imports-app',
    ]);
    expect(rulesBrokenBy('apps/shop/src/a.ts', `import { x } from '../../cloud/src/app.ts';`)).toEqual([
      'relative-outside-package',
    ]);
    // even in a test, and even with a type
    expect(
      rulesBrokenBy('apps/shop/src/a.test.ts', `import type { CloudDeps } from '@tokenos/cloud';`),
    ).toEqual(['app-imports-app']);
  });

  it('the SDK never imports an app', () => {
    expect(rulesBrokenBy('packages/sdk/src/a.ts', `import { x } from '@tokenos/cloud';`)).toEqual([
      'app-imports-app',
    ]);
  });

  it('protocol imports only its declared dependencies, its own files, and no Node module', () => {
    expect(rulesBrokenBy('packages/protocol/src/a.ts', `import { Hono } from 'hono';`)).toEqual([
      'undeclared-dependency',
    ]);
    expect(rulesBrokenBy('packages/protocol/src/a.ts', `import { x } from '@tokenos/sdk';`)).toEqual([
      'undeclared-dependency',
    ]);
    expect(rulesBrokenBy('packages/protocol/src/a.ts', `import { createHash } from 'node:crypto';`)).toEqual([
      'node-builtin-in-browser-code',
    ]);
    expect(rulesBrokenBy('packages/protocol/src/a.ts', `import { readFileSync } from 'fs';`)).toEqual([
      'bare-node-builtin',
    ]);
    expect(
      rulesBrokenBy('packages/protocol/src/a.ts', `import { x } from '../../sdk/src/index.ts';`),
    ).toEqual(['relative-outside-package']);
    expect(rulesBrokenBy('packages/protocol/src/a.ts', `import fc from 'fast-check';`)).toEqual([
      'undeclared-dependency',
    ]);
  });

  it('the widget imports nothing of the workspace at run time; `import type` is erased and allowed', () => {
    expect(
      rulesBrokenBy('packages/checkout/src/a.ts', `import { parseMoney } from '@tokenos/protocol';`),
    ).toEqual(['widget-imports-workspace']);
    // verbatimModuleSyntax keeps `import {} from '@tokenos/protocol'`: the module still loads
    expect(
      rulesBrokenBy('packages/checkout/src/a.ts', `import { type Money } from '@tokenos/protocol';`),
    ).toEqual(['widget-imports-workspace']);
    expect(
      rulesBrokenBy('packages/checkout/src/a.ts', `import type { Money } from '@tokenos/protocol';`),
    ).toEqual([]);
    expect(rulesBrokenBy('packages/checkout/src/a.ts', `import { build } from 'vite';`)).toEqual([
      'dev-dependency-at-run-time',
    ]);
  });

  it('every package imports only what its package.json declares, through what the target exports', () => {
    expect(rulesBrokenBy('apps/shop/src/a.ts', `import { Hono } from 'hono';`)).toEqual([
      'undeclared-dependency',
    ]);
    expect(rulesBrokenBy('apps/cloud/src/a.ts', `import { Member } from '@tokenos/sdk';`)).toEqual([
      'dev-dependency-at-run-time',
    ]);
    expect(rulesBrokenBy('apps/shop/src/a.ts', `import { x } from '@tokenos/sdk/src/member.ts';`)).toEqual([
      'not-exported',
    ]);
    expect(
      rulesBrokenBy('apps/cloud/test/a.ts', `import { x } from '@tokenos/protocol/src/money.ts';`),
    ).toEqual(['not-exported']);
    expect(rulesBrokenBy('apps/wallet/src/a.ts', `import { x } from 'virtual:pwa-register';`)).toEqual([]);
    expect(rulesBrokenBy('apps/shop/src/a.ts', `import { x } from 'virtual:pwa-register';`)).toEqual([
      'undeclared-dependency',
    ]);
  });

  it('package.json dependencies between workspaces form no cycle', () => {
    const cyclic = packages.map((p) =>
      p.name === '@tokenos/protocol' ? { ...p, devDependencies: ['@tokenos/sdk'] } : p,
    );
    expect(checkArchitecture({ packages: cyclic, files: clean })).toEqual([
      {
        file: 'packages/protocol/package.json',
        line: 0,
        specifier: '',
        rule: 'dependency-cycle',
        message: '@tokenos/protocol -> @tokenos/sdk -> @tokenos/protocol',
      },
    ]);
  });

  it("an app's top-level source folders import each other in no loop", () => {
    const layered: SourceFile[] = [
      ...clean,
      { path: 'apps/cloud/src/members/store.ts', text: `import type { Deps } from '../deps.ts';` },
      { path: 'apps/cloud/src/auth/signed.ts', text: `import { load } from '../members/store.ts';` },
      { path: 'apps/cloud/src/directory/routes.ts', text: `import { signed } from '../auth/signed.ts';` },
      // A test may reach across folders: only run-time files make the layers.
      {
        path: 'apps/cloud/src/members/store.test.ts',
        text: `import { routes } from '../directory/routes.ts';`,
      },
    ];
    expect(checkArchitecture({ packages, files: layered })).toEqual([]);
    const looped = [
      ...layered,
      {
        path: 'apps/cloud/src/members/passkeys.ts',
        text: `import { routes } from '../directory/routes.ts';\nimport type { Step } from "../directory/steps.ts";`,
      },
    ];
    expect(checkArchitecture({ packages, files: looped })).toEqual([
      {
        // The arrow that closes the loop, in the order the folders are walked.
        file: 'apps/cloud/src/directory/routes.ts',
        line: 1,
        specifier: '../auth/signed.ts',
        rule: 'folder-cycle',
        message: 'apps/cloud/src/: folders import each other in a loop: auth -> members -> directory -> auth',
      },
    ]);
    // `import type` joins folders too: a type is a dependency all the same.
    const typeOnly = [
      ...layered,
      {
        path: 'apps/cloud/src/members/passkeys.ts',
        text: `import type { R } from '../directory/routes.ts';`,
      },
    ];
    expect(checkArchitecture({ packages, files: typeOnly }).map((v) => v.rule)).toEqual(['folder-cycle']);
  });

  it('a computed dynamic import is refused, since nothing can check where it points', () => {
    expect(rulesBrokenBy('apps/shop/src/a.ts', 'const m = await import(name);')).toEqual([
      'computed-dynamic-import',
    ]);
  });

  it('a file the parser cannot read fails rather than passing unchecked', () => {
    expect(rulesBrokenBy('apps/shop/src/a.ts', `import { from 'hono';`)).toContain('unparsable');
  });
});
