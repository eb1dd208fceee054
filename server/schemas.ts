// TypeBox building blocks shared by the route schemas. Enumerations come from domain/constants so the
// API, the database checks and the UI can never disagree.
import { Type, type TSchema } from 'typebox';

/** `type: 'string'` beside the values lets client generators emit a string union (and OpenAPI 3.0 a nullable one). */
export const Enum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Enum([...values] as T[], { type: 'string', ...options });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Uuid = Type.String({ format: 'uuid' });
/** `:id` of a path; the documentation names the resource from the path (server/openapi/operations.ts). */
export const IdParams = Type.Object({ id: Uuid });
export const DateTime = Type.String({ format: 'date-time' });
/** A nullable timestamp as the API sends it (ISO-8601, UTC). */
export const iso = (d: Date | null) => d?.toISOString() ?? null;
export const CalendarDate = Type.String({ format: 'date', description: '日期，YYYY-MM-DD（北京时间）' });
/** Money in 分; up to 10^13 分 (1000 亿元) is ample for a technology deal. */
export const Fen = Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 });

/** The largest value of a PostgreSQL `integer` column: counters, versions and sequence numbers stay below it. */
export const INT4_MAX = 2_147_483_647;
/** A row version (optimistic lock), bounded to its `integer` column so an overflow is a 400, not a 500. */
export const Version = (description?: string) =>
  Type.Integer({ minimum: 1, maximum: INT4_MAX, ...(description ? { description } : {}) });

/**
 * Control characters are refused in every text field: PostgreSQL cannot store NUL in text, and the
 * others only serve to hide or forge text. Multi-line fields keep tab, newline and carriage return;
 * single-line fields keep tab only. `plugins/validation.ts` applies the multi-line rule to any string
 * input schema that has no pattern or format of its own.
 */
export const SINGLE_LINE = '^[^\\u0000-\\u0008\\u000A-\\u001F\\u007F]*$';
export const MULTI_LINE = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

/** Free text: trimmed length bounds keep storage and pages sane. HTML is stored as typed, never interpreted. */
export const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max, pattern: MULTI_LINE });

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
  requestId: Type.String(),
});

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
};

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: '页码，从 1 开始' })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: '每页条数（最多 100）' })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const NoContent = Type.Null();
