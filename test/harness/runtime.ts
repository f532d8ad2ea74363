/**
 * The runtime leg of compile-fail fixtures. A fixture writes each line that must not compile as
 * `fails(() => expression)`; when the fixture module runs, `fails` runs the thunk at once and records
 * what it threw, in order, so the harness can compare it with what the compiler printed.
 */

/** What one `fails(...)` call saw: the thrown error's message, or `undefined` when nothing was thrown. */
export interface RuntimeOutcome {
  readonly message: string | undefined;
  readonly name: string | undefined;
}

let outcomes: RuntimeOutcome[] = [];

/** Runs `thunk` and records its error; a fixture's erroring lines are wrapped in this. */
export function fails(thunk: () => unknown): void {
  try {
    thunk();
    outcomes.push({ message: undefined, name: undefined });
  } catch (error) {
    const e = error as Error;
    outcomes.push({ message: e.message, name: e.name });
  }
}

/** Returns the outcomes recorded since the last call and starts a new record. */
export function takeOutcomes(): RuntimeOutcome[] {
  const taken = outcomes;
  outcomes = [];
  return taken;
}

/** The error `fn` throws; fails the test when it throws nothing. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}
