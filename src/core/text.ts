// The one string type of the API: every string a route reads (body, query, header,
// path) is built from text() here, never from a bare z.string() (a test greps for it).
// PostgreSQL cannot keep a NUL (U+0000) in text or JSON, and a lone surrogate (half of a
// UTF-16 pair) has no UTF-8 form, so the driver would store U+FFFD in its place: what is
// read back would not be what was sent. Both are refused with INVALID_TEXT naming the
// field; all other Unicode (emoji, right-to-left, combining marks, 4-byte CJK) is kept as is.
import { z } from '@hono/zod-openapi';

export const INVALID_TEXT = 'INVALID_TEXT';

// With the `u` flag a surrogate pair is one code point: only a lone half matches.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL is the point
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** The same rule as a JSON Schema pattern, for the OpenAPI document (it holds read by code unit or by code point). */
export const TEXT_PATTERN = '^(?:[^\\u0000\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$';

/** Whether a string can be stored and read back unchanged. */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

export const INVALID_TEXT_MESSAGE = {
  zh: '包含无法保存的字符（NUL 字符或不成对的代理项）',
  en: 'contains a character that cannot be stored (a NUL or an unpaired surrogate)',
} as const;

/** A string any route accepts: chain .trim(), .min(), .max(), .regex() on it as on z.string(). */
export function text() {
  return z
    .string()
    .refine(isStorableText, { message: INVALID_TEXT_MESSAGE.en, params: { zh: INVALID_TEXT_MESSAGE.zh, code: INVALID_TEXT } })
    .openapi({ pattern: TEXT_PATTERN });
}

/** A file's bytes (an Excel sheet) in a request or an answer: never read as text. */
export function binary() {
  return z.string().openapi({ format: 'binary' });
}
