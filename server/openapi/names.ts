// Component names of the contract's shapes: schema object → its export name in server/contract.ts.
import * as contract from '../contract.js';

export function contractNames(): Map<object, string> {
  const names = new Map<object, string>();
  for (const [name, schema] of Object.entries(contract)) {
    if (typeof schema === 'object' && schema !== null && !names.has(schema)) names.set(schema, name);
  }
  return names;
}
