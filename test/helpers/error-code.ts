// The domain tables' one way to read a refusal: the AppError code a rule throws, or null if it passes.
import { AppError } from '../../domain/errors.js';

export function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
}
