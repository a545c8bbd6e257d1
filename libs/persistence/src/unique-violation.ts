import { QueryFailedError } from 'typeorm';

/** Whether PostgreSQL refused a write for a unique constraint (SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

/** Runs `work`; a unique violation it meets becomes the error `duplicate` gives (a 409 to say what already exists). */
export async function refusingDuplicates<T>(work: () => Promise<T>, duplicate: () => Error): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
