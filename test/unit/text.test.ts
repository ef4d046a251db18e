// 10.1 One string type for every route: text() refuses what PostgreSQL cannot store (a
// NUL) or cannot store unchanged (a lone surrogate), and nothing else; no module builds
// its own bare z.string(), so a new field cannot slip past the rule.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errors } from '../../src/core/errors.js';
import { isStorableText, TEXT_PATTERN, text } from '../../src/core/text.js';
import { issuesOf } from '../../src/core/validation.js';

const root = join(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );

/** No lone surrogate: encodeURIComponent throws on one (String.isWellFormed is ES2024). */
const wellFormed = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

describe('10.1 the shared text type', () => {
  it('10.1 no module but src/core/text.ts builds a bare z.string()', () => {
    const files = sources(join(root, 'src'));
    expect(files.length).toBeGreaterThan(50);
    const bare = files
      .filter((f) => relative(root, f) !== join('src', 'core', 'text.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(root, f)}:${i + 1}` }))
          .filter(({ line }) => /\bz\s*\.\s*(coerce\s*\.\s*)?string\s*\(/.test(line) || /^\s*\.string\s*\(/.test(line)),
      )
      .map((x) => `${x.at} ${x.line.trim()}`);
    expect(bare).toEqual([]);
  });

  it('10.1 refuses a NUL and a lone surrogate anywhere, with INVALID_TEXT naming the field', () => {
    const schema = z.object({ lines: z.array(z.object({ remark: text().trim().max(50) })) });
    for (const bad of ['\u0000', 'a\u0000', '\uD800', 'x\uDFFFy', '\uDE00\uD83D']) {
      const r = schema.safeParse({ lines: [{ remark: 'ok' }, { remark: bad }] });
      expect(r.success).toBe(false);
      const err = errors.validation(issuesOf((r as { error: z.ZodError }).error));
      expect(err.code).toBe('INVALID_TEXT');
      expect(err.status).toBe(400);
      expect(err.details).toMatchObject({ field: 'lines.1.remark' });
    }
  });

  it('10.1 other refusals keep VALIDATION_FAILED; mixed with bad text, the text names the refusal', () => {
    const schema = z.object({ a: text().max(2), b: text() });
    const tooLong = errors.validation(issuesOf((schema.safeParse({ a: 'xyz', b: 'ok' }) as { error: z.ZodError }).error));
    expect(tooLong.code).toBe('VALIDATION_FAILED');
    const both = errors.validation(issuesOf((schema.safeParse({ a: 'xyz', b: '\u0000' }) as { error: z.ZodError }).error));
    expect(both.code).toBe('INVALID_TEXT');
    expect(both.details).toMatchObject({ field: 'b' });
    expect((both.details as { issues: unknown[] }).issues).toHaveLength(2);
  });

  it('10.1 accepts every well-formed string without a NUL, unchanged, and the OpenAPI pattern agrees with the check', () => {
    const pattern = new RegExp(TEXT_PATTERN);
    const patternByCodePoint = new RegExp(TEXT_PATTERN, 'u');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        fc.pre(!s.includes('\u0000'));
        expect(text().parse(s)).toBe(s);
        expect(pattern.test(s)).toBe(true);
        expect(patternByCodePoint.test(s)).toBe(true);
      }),
    );
    // any UTF-16 code units at all: the check, and the pattern read either way, say the same
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 12 }), (s) => {
        const ok = isStorableText(s);
        expect(pattern.test(s)).toBe(ok);
        expect(patternByCodePoint.test(s)).toBe(ok);
        expect(ok).toBe(!s.includes('\u0000') && wellFormed(s));
      }),
    );
  });
});
