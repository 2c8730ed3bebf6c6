// The imports of one source file, read by a real TypeScript parser (oxc, through rolldown, which
// Vite already installs): a regular expression cannot tell `import` in a comment or a string from
// a real one, and the lexer-only alternative (es-module-lexer) reads JavaScript, not TypeScript, so
// it cannot say which imports are type-only.
import { parseSync } from 'rolldown/utils';

export interface Import {
  /** What the file names: `'@tokenos/protocol'`, `'./money.ts'`, `'node:fs'`. */
  specifier: string;
  /** `import ... from`, `export ... from`, or `import(...)`. */
  kind: 'import' | 'export' | 'dynamic';
  /**
   * Gone at run time: `import type { A } from`, `export type { A } from`. Inline markers
   * (`import { type A } from`) do not count: under `verbatimModuleSyntax` (our tsconfig) that
   * statement compiles to `import {} from`, which still loads the module.
   */
  typeOnly: boolean;
  /** 1-based line of the statement. */
  line: number;
}

export interface ParsedImports {
  imports: Import[];
  /** `import(expression)` whose specifier is not a string literal: nothing can check those. */
  computed: { line: number; text: string }[];
  /** Parse errors: a file the parser cannot read is not checked, so it is a failure. */
  errors: string[];
}

const literal = /^(['"`])([^'"`$\\]*)\1$/;

export function parseImports(fileName: string, source: string): ParsedImports {
  const result = parseSync(fileName, source);
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  const imports: Import[] = [];
  const computed: ParsedImports['computed'] = [];

  for (const s of result.module.staticImports) {
    const statement = source.slice(s.start, s.end);
    imports.push({
      specifier: s.moduleRequest.value,
      kind: 'import',
      typeOnly: /^import\s+type[\s{*]/.test(statement),
      line: lineOf(s.start),
    });
  }
  for (const s of result.module.staticExports) {
    const request = s.entries.find((e) => e.moduleRequest)?.moduleRequest;
    if (!request) continue; // `export const x`, `export { local }`: no module named
    const statement = source.slice(s.start, s.end);
    imports.push({
      specifier: request.value,
      kind: 'export',
      typeOnly: /^export\s+type[\s{*]/.test(statement),
      line: lineOf(s.start),
    });
  }
  for (const d of result.module.dynamicImports) {
    const text = source.slice(d.moduleRequest.start, d.moduleRequest.end);
    const match = literal.exec(text);
    if (match?.[2] === undefined) computed.push({ line: lineOf(d.start), text });
    else imports.push({ specifier: match[2], kind: 'dynamic', typeOnly: false, line: lineOf(d.start) });
  }
  imports.sort((a, b) => a.line - b.line);
  return { imports, computed, errors: result.errors.map((e) => e.message) };
}
