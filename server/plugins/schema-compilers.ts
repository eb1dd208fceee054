// Route schemas compiled on a route's first request, not all at start (issue 17, the export's memory).
//
// Fastify compiles every route's validators (Ajv) and response serializers (fast-json-stringify) when
// the app becomes ready — twice for a GET, once more for its automatic HEAD route. Measured on the
// api as production builds it (README "Ledger and statistics benchmarks"), that compiling made
// ~50 MB of garbage and generated code at start: an idle api at ~268 MB RSS, ~217 MB with both
// deferred. A process compiles what its requests use — one route's schemas take a few milliseconds,
// once — and an api process that never serves a route never pays for it.
//
// A schema that does not compile would fail its route's first request instead of the start, so
// `compileAll()` compiles every deferred one: test/api/route-schemas.test.ts calls it on the whole app.
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify';

type AnyFn = (...args: never[]) => unknown;

export interface DeferredSchemas {
  /** Wraps a validator compiler (Fastify's setValidatorCompiler) so that it compiles on first use. */
  validator<T>(compile: FastifySchemaCompiler<T>): FastifySchemaCompiler<T>;
  /** Fastify's `schemaController` option: its default serializer compiler, deferred the same way. */
  schemaController: NonNullable<FastifyServerOptions['schemaController']>;
  /** Compiles every schema not compiled yet; throws the first error (with the route it belongs to). */
  compileAll(): void;
}

export function deferredSchemas(): DeferredSchemas {
  const pending = new Set<() => unknown>();

  /** A function that compiles `compile()` on its first call and carries the compiled one's `errors`. */
  function onFirstCall<F extends AnyFn>(what: string, compile: () => F): F {
    let compiled: F | null = null;
    const get = (): F => {
      if (!compiled) {
        try {
          compiled = compile();
        } catch (err) {
          throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
        }
        pending.delete(get);
      }
      return compiled;
    };
    pending.add(get);
    const deferred = ((...args: Parameters<F>) => {
      const fn = get();
      const result = fn(...args);
      // Fastify reads a failed Ajv validator's `errors` from the function it was given.
      (deferred as unknown as { errors?: unknown }).errors = (fn as unknown as { errors?: unknown }).errors;
      return result;
    }) as unknown as F;
    return deferred;
  }

  return {
    validator(compile) {
      return (route) =>
        onFirstCall(`${route.method} ${route.url} ${route.httpPart ?? ''} schema`, () => compile(route));
    },
    schemaController: {
      compilersFactory: {
        buildSerializer: (externalSchemas: unknown, options: unknown) => {
          const compile = SerializerSelector()(externalSchemas, options as never);
          return (route: SerializerSelector.RouteDefinition) =>
            onFirstCall(`${route.method} ${route.url} response ${route.httpStatus} schema`, () => compile(route));
        },
      },
    },
    compileAll() {
      for (const get of [...pending]) get();
    },
  };
}
