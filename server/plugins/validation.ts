import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';

/**
 * Two validators: query strings and path parameters arrive as text and are coerced to the declared
 * types; JSON bodies are not coerced at all, so `42` is not silently accepted as the string "42"
 * and `null` never becomes `0`.
 */
export function installValidators(app: FastifyInstance): void {
  const base: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false };
  const make = (coerce: boolean) => {
    const ajv = new Ajv({ ...base, coerceTypes: coerce ? 'array' : false });
    addFormats.default(ajv);
    return ajv;
  };
  const forText = make(true);
  const forBody = make(false);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? forBody : forText).compile(schema as FastifySchema & object),
  );
}
