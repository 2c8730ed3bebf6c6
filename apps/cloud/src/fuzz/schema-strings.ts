import { z } from 'zod';

type Json = Record<string, unknown>;

/** A string field of a request body: its path, how long it may be, and the values that choose its branch. */
export interface StringField {
  path: string[];
  maxLength: number | undefined;
  /** Discriminators on the way (`kind: 'transfer'`), so the body reaches the branch holding the field. */
  fixed: { path: string[]; value: unknown }[];
}

/**
 * Every string field a zod schema accepts, read from its JSON Schema (what the OpenAPI document
 * publishes): objects, arrays (first item), unions (each branch), records (one key), `$ref`s once.
 */
export function stringFields(schema: z.ZodType): StringField[] {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const defs = (root.$defs ?? {}) as Record<string, Json>;
  const out: StringField[] = [];
  const walk = (s: Json, path: string[], fixed: StringField['fixed'], seen: Set<string>): void => {
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/$defs/', '');
      const target = defs[name];
      if (!target || seen.has(name)) return;
      walk(target, path, fixed, new Set([...seen, name]));
      return;
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const branches = s[key];
      if (Array.isArray(branches)) for (const b of branches) walk(b as Json, path, fixed, seen);
    }
    if (s.type === 'string' && s.const === undefined && s.enum === undefined)
      out.push({ path, maxLength: typeof s.maxLength === 'number' ? s.maxLength : undefined, fixed });
    if (s.type === 'array') {
      if (Array.isArray(s.prefixItems))
        for (const [i, item] of s.prefixItems.entries())
          walk(item as Json, [...path, String(i)], fixed, seen);
      else if (s.items && typeof s.items === 'object') walk(s.items as Json, [...path, '0'], fixed, seen);
    }
    if (s.type === 'object' || s.properties) {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const here = [...fixed];
      for (const [name, p] of Object.entries(props)) {
        if (p.const !== undefined) here.push({ path: [...path, name], value: p.const });
        else if (Array.isArray(p.enum) && p.enum.length > 0)
          here.push({ path: [...path, name], value: p.enum[0] });
      }
      for (const [name, p] of Object.entries(props)) walk(p, [...path, name], here, seen);
      if (s.additionalProperties && typeof s.additionalProperties === 'object')
        walk(s.additionalProperties as Json, [...path, 'k'], here, seen);
    }
  };
  walk(root, [], [], new Set());
  return out;
}

/** A body holding `value` at `field.path` and the field's discriminators, nothing else. */
export function bodyWith(field: StringField, value: string): unknown {
  const body: Record<string, unknown> = {};
  const put = (path: string[], v: unknown) => {
    let at: Record<string, unknown> | unknown[] = body;
    path.forEach((key, i) => {
      const last = i === path.length - 1;
      const container = at as Record<string, unknown>;
      if (last) container[key] = v;
      else {
        const nextIsIndex = /^\d+$/.test(path[i + 1] ?? '');
        container[key] ??= nextIsIndex ? [] : {};
        at = container[key] as Record<string, unknown>;
      }
    });
  };
  for (const f of field.fixed) put(f.path, f.value);
  put(field.path, value);
  return field.path.length === 0 ? value : body;
}
