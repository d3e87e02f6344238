// Result type: parsers and validators return a value or a reason instead of throwing.
export type Result<T, E = string> = { ok: true; data: T } | { ok: false; reason: E };

export const ok = <T>(data: T): Result<T, never> => ({ ok: true, data });
export const fail = <E = string>(reason: E): Result<never, E> => ({ ok: false, reason });
