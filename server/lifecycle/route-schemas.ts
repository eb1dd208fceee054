// A reply schema the lifecycle route plugins share (notices-, claims-, showcase-, demands-routes.ts):
// the `{ items }` list of a listing's objections, claims, inquiries or proposals.
import { Type } from 'typebox';

export const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });
