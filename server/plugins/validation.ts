import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type {
  FastifyInstance,
  FastifySchema,
  FastifySchemaCompiler,
  preValidationAsyncHookHandler,
  RouteOptions,
} from 'fastify';
import { INT4_MAX, MULTI_LINE } from '../schemas.js';

/**
 * Two validators: query strings and path parameters arrive as text and are coerced to the declared
 * types; JSON bodies are not coerced at all, so `42` is not silently accepted as the string "42"
 * and `null` never becomes `0`.
 *
 * Before either sees a route's schema, `hardenInput` closes the gaps a route author can leave open
 * (so hostile input is a 400, never a 500, and never written): every string without a pattern or a
 * format refuses control characters (PostgreSQL cannot store NUL), every integer without bounds is
 * bounded to PostgreSQL's `integer`, and every body object without an `additionalProperties` rule
 * refuses unknown fields. It runs in an `onRoute` hook added before the OpenAPI plugin, so the
 * published document states the same rules. `defer` (server/plugins/schema-compilers.ts) compiles each
 * schema on its route's first request instead of at start.
 */
export function installValidators(
  app: FastifyInstance,
  defer?: (compile: FastifySchemaCompiler<unknown>) => FastifySchemaCompiler<unknown>,
): void {
  const base: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false };
  const make = (coerce: boolean) => {
    const ajv = new Ajv({ ...base, coerceTypes: coerce ? 'array' : false });
    addFormats.default(ajv);
    return ajv;
  };
  const forText = make(true);
  const forBody = make(false);
  const compiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
    (httpPart === 'body' ? forBody : forText).compile(schema as FastifySchema & object);
  app.setValidatorCompiler(defer ? defer(compiler) : compiler);
  app.addHook('onRoute', (route) => {
    closeBodylessRoute(route);
    const schema = route.schema as Record<string, unknown> | undefined;
    if (!schema) return;
    if (schema.body) schema.body = hardenInput(schema.body, true);
    if (schema.querystring) schema.querystring = hardenInput(schema.querystring, false);
    if (schema.params) schema.params = hardenInput(schema.params, false);
  });
}

/**
 * The body of an action that takes none (submit, approve, confirm, include in the pool…): nothing,
 * or an empty JSON object (the web client sends `{}`). Any field is refused, so a request that
 * carries one is a 400 and acts on nothing (issue 16 item 8).
 */
export const EMPTY_BODY = {
  type: 'object',
  properties: {},
  additionalProperties: false,
  description: '此操作不接受任何字段：省略请求体，或发送空对象 {}',
} as const;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An api route that changes state and declares no body (and no multipart upload) gets EMPTY_BODY, so
 * it is documented and validated like any other; a request without a body is read as `{}` before
 * validation. Without this, Fastify parses and hands over whatever JSON arrives, unchecked.
 */
function closeBodylessRoute(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!route.url.startsWith('/api/') || !methods.some((m) => BODY_METHODS.has(m))) return;
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  if (schema.body !== undefined || schema.consumes !== undefined) return;
  route.schema = { ...schema, body: EMPTY_BODY };
  const absentIsEmpty: preValidationAsyncHookHandler = async (request) => {
    if (request.body === undefined) request.body = {};
  };
  const existing = route.preValidation;
  route.preValidation = [
    absentIsEmpty,
    ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
  ];
}

type Schema = Record<string | symbol, unknown>;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A hardened copy of an input schema (TypeBox's symbol keys kept); shared schema objects are never changed. */
export function hardenInput(input: unknown, closeObjects: boolean): unknown {
  if (!isSchema(input)) return input;
  const s: Schema = { ...input };
  for (const sym of Object.getOwnPropertySymbols(input)) s[sym] = input[sym];

  if (s.type === 'string' && s.pattern === undefined && s.format === undefined && !s.enum && s.const === undefined) {
    s.pattern = MULTI_LINE;
  }
  if (s.type === 'integer') {
    if (s.maximum === undefined && s.exclusiveMaximum === undefined) s.maximum = INT4_MAX;
    if (s.minimum === undefined && s.exclusiveMinimum === undefined) s.minimum = -INT4_MAX - 1;
  }
  if (
    s.type === 'object' &&
    closeObjects &&
    s.additionalProperties === undefined &&
    s.patternProperties === undefined
  ) {
    s.additionalProperties = false;
  }
  if (isSchema(s.properties)) {
    s.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, hardenInput(v, closeObjects)]));
  }
  if (isSchema(s.additionalProperties)) s.additionalProperties = hardenInput(s.additionalProperties, closeObjects);
  if (isSchema(s.items)) s.items = hardenInput(s.items, closeObjects);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) s[key] = list.map((v) => hardenInput(v, closeObjects));
  }
  return s;
}
