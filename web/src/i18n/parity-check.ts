// Compile-time guard: en.json and ru.json must have exactly the same keys.
// If one file gains or loses a key, `tsc --noEmit` fails on this line.
import type en from './en.json';
import type ru from './ru.json';

type MissingIn<A, B> = Exclude<keyof A, keyof B>;
type KeyMismatch = MissingIn<typeof en, typeof ru> | MissingIn<typeof ru, typeof en>;

export const cataloguesHaveSameKeys: [KeyMismatch] extends [never] ? true : KeyMismatch = true;
