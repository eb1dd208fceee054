// The web app's API types are the server's schemas (server/contract.ts): a server schema change the
// web side does not follow fails the type-check. Shown by type-checking the web app (from its entry,
// with the server modules it imports as types) against an edited copy of one server file.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const config = ts.parseJsonConfigFileContent(
  ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config,
  ts.sys,
  root,
);
/** Type errors in web/src when each file of `edits` reads as edited. */
function webErrors(edits: Record<string, (source: string) => string>): string[] {
  const changed = new Map<string, string>();
  for (const [file, edit] of Object.entries(edits)) {
    const target = resolve(root, file);
    const original = readFileSync(target, 'utf8');
    const text = edit(original);
    expect(text, `the edit of ${file} must change it`).not.toBe(original);
    changed.set(target, text);
  }
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) => {
    const text = changed.get(resolve(name));
    return text === undefined ? read(name, language, onError) : ts.createSourceFile(name, text, language);
  };
  const program = ts.createProgram({ rootNames: [join(root, 'web/src/main.tsx')], options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName.includes('/web/src/'))
    .map((d) => `${d.file!.fileName.slice(root.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

// The unedited web app type-checks: that is `npm run typecheck`, run before the tests.
describe('web types follow the server schemas', () => {
  it('fails to type-check when a field the web reads or sends is renamed on the server', () => {
    const errors = webErrors({
      // A response field the listing form reads…
      'server/listings/views.ts': (s) =>
        s.replace(
          '  contactPhone: Nullable(Type.String()),\n  resultId',
          '  contactTel: Nullable(Type.String()),\n  resultId',
        ),
      // …and a request field it sends.
      'server/listings/routes.ts': (s) =>
        s.replace('  deadline: Type.Optional(Nullable(DateTime)),', '  closesAt: Type.Optional(Nullable(DateTime)),'),
    });
    expect(errors.some((e) => e.includes("'contactPhone'"))).toBe(true);
    expect(errors.some((e) => e.includes("'deadline'"))).toBe(true);
  });
});
