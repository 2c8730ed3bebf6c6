import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArchitecture, formatViolations } from './rules.ts';
import { readWorkspace } from './workspace.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the repository', () => {
  const workspace = readWorkspace(root);

  it('reads every workspace and its sources', () => {
    const names = workspace.packages.map((p) => p.name);
    for (const name of [
      '@tokenos/protocol',
      '@tokenos/sdk',
      '@tokenos/checkout',
      '@tokenos/cloud',
      '@tokenos/wallet',
    ]) {
      expect(names).toContain(name);
    }
    expect(workspace.files.some((f) => f.path === 'packages/protocol/src/index.ts')).toBe(true);
    expect(workspace.files.some((f) => f.path.startsWith('e2e/'))).toBe(true);
  });

  it('has no forbidden import arrow', () => {
    // Each line names the file, the import and the rule it breaks (rules.ts says why each rule is).
    expect(formatViolations(checkArchitecture(workspace))).toBe('');
  });
});
