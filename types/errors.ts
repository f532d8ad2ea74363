/**
 * The compile-time side of errors. A type rule that fails yields `ShapeError<Message>` — the runtime
 * `ShapeError` class itself with its message as a string literal type — so the text a diagnostic shows
 * is the text the runtime throws. Message writers live beside their op, mirrored by name
 * (`WriteBroadcastMessage` here ↔ `writeBroadcastMessage` in src/).
 */
import type { ShapeError } from "../src/errors.js";
import type { Shape } from "./shape.js";

export type { ShapeError, ShapeErrorCode } from "../src/errors.js";

/** `true` when `T` is a shape error (the failed result of a type rule), else `false`. */
export type IsShapeError<T> = [T] extends [never] ? false : [T] extends [ShapeError<string>] ? true : false;

/** A rule's result without its errors: `never` exactly when the result is a shape error. */
type OkPart<Result> = Result extends ShapeError<string> ? never : Result;

/**
 * The parameter-side check, by intersection (`Item & CheckArg<…>`, the items of a `concat`/`stack`
 * list) and the building block of the other checks: `unknown` when `Result` is fine, the error itself
 * when it is a shape error. Arguments themselves take `CheckedArg`, whose diagnostic is the message
 * alone.
 *
 * Where a type parameter keeps TypeScript from deciding the rule, this check is undecided too, and
 * TypeScript relates the argument to both branches: the error branch rejects it. That is the policy
 * — a type parameter is a name, equal only to itself — applied to every rule: the rules compute
 * around type parameters by identity (the same dim, the same shape, dims kept in place) wherever the
 * answer holds for every size, and what they cannot decide is an error whose message the rule puts
 * where the diagnostic shows it (an alias argument such as `ReshapeAligned<"SHAPE_RESHAPE: …", …>`).
 * Not every undecided outcome is rejected, though (TypeScript accepted an undecided einsum, loss or
 * conv channel check as `CheckedArg`, test/generic/bugs.ts): comparisons of dims that may be type
 * parameters are therefore asked apart, each as a `SameDimCheck` in `IdentityFirst`, which is
 * rejected when undecided; size tests a name passes are `RuntimeDecidesArg`, accepted when undecided.
 * The rule's result is `NoInfer`: TypeScript infers an argument's type parameters from the argument,
 * never from the shapes the rule computes out of them.
 */
export type CheckArg<Result> = CheckOf<NoInfer<Result>>;
type CheckOf<Result> = [OkPart<Result>] extends [never] ? ([Result] extends [never] ? unknown : Result) : unknown;

/** A message as a check: `unknown` when there is none (`never`), else the error carrying it. */
export type MessageCheck<Message extends string> = [Message] extends [never] ? unknown : ShapeError<Message>;

/** `CheckArg` for a message: `unknown` when there is none (`never`), else the error carrying it. */
export type CheckMessage<Message extends string> = CheckArg<[Message] extends [never] ? unknown : ShapeError<Message>>;

/** The message of a failed check: `ShapeError<"…">` → `"…"`. */
export type MessageOf<Failed> = Failed extends ShapeError<infer Message> ? Message : never;

/**
 * The parameter type of an argument whose check holds in every branch (broadcasting, matmul,
 * `where`): `Param` while `Check` is `unknown`, the check's message — a string literal type — when it
 * is a `ShapeError`. A wrong argument then fails against the message itself, and the diagnostic reads
 *
 *     Argument of type 'Tensor<[4, 5]>' is not assignable to parameter of type '"SHAPE_MATMUL: matmul: …"'.
 *
 * with the message once, on its first line, and nothing after it (an intersection with the error, as
 * `CheckArg` makes, has TypeScript repeat the message and list the error's properties). Where a type
 * parameter keeps TypeScript from deciding the check (`[B, 3] + [M, 3]`), this gate stays undecided
 * too, the argument is related to both branches, and the message branch rejects it: a type parameter
 * is a name (types/ops/broadcast.ts).
 */
export type Checked<Param, Check> = unknown extends Check ? Param : MessageOf<Check>;

/**
 * `Checked` for a rule's whole result (`Result`, the shape or the `ShapeError`) rather than a
 * per-axis check: `Param` when the rule succeeds, the error's message when it fails, so the
 * diagnostic is the message alone as with `Checked`; undecided — a type parameter the rule cannot
 * compute around — is rejected, as with `CheckArg`. Used for every argument: a tensor, an axis, a
 * pattern, `this`, and array literals (targets, axis lists, option objects, shapes), which TypeScript
 * still infers as tuples through this single conditional.
 */
export type CheckedArg<Param, Result> = CheckedOf<Param, NoInfer<Result>>;

/**
 * `true` for an operand's shape that TypeScript has not inferred yet. When the argument is itself a
 * generic call (`x.matmul(zeros([784, 128]))`), TypeScript types that call in the context of the
 * parameter before it infers the operand's shape parameter, which then stands at its default (or, with
 * none, at its constraint: a shape of unknown rank, which a rule works through at length). The ops
 * whose rules are costly give that parameter the default `never`, and their rules pass it at once
 * when this is `true` (matmul 324 → 182 instantiations per nested call). Decided `false` for any real
 * shape, type parameters included; a whole-shape type parameter leaves it undecided, as the rules'
 * own first tests do.
 */
export type Uninferred<S> = [S] extends readonly [never] ? true : false;

/**
 * A parameter type whose identity checks come first: `Param` where `Check` (`SameDimCheck`s,
 * types/ops/concat.ts — a dim that is a type parameter against another dim) holds, else `Check`.
 * Where a type parameter keeps it undecided, TypeScript relates the argument to both outcomes and
 * the check's message rejects it, as the name policy says; `Check` is the first argument so that a
 * diagnostic shows its message first. The rule's own check (`Param`, a `CheckedArg`) accepts some
 * outcomes a type parameter leaves undecided, so identity is asked apart.
 */
export type IdentityFirst<Check, Param> = unknown extends Check ? Param : Check;

/**
 * `CheckedArg` for a rule whose outcome a dim that is a type parameter can leave undecided where the
 * runtime decides it: a size test, such as an empty axis under max or a window larger than the input
 * under a convolution. A type parameter is a name, of a size the runtime checks (as for `"h"`), so
 * undecided is accepted here: `Param` when the rule succeeds or cannot be decided, the message when
 * it fails. The outcome is tested in a conditional indexed at `[0]`, which TypeScript relates
 * through its constraint (which `Param` satisfies) while it stays undecided; the outer conditional
 * keeps `Param`'s inference — TypeScript infers to the branches of a conditional parameter type,
 * and it is one while `S`, a type parameter of the call (the operand's shape), is being inferred.
 */
export type RuntimeDecidesArg<S, Param, Result> = [S] extends [unknown] ? NoInfer<ResultTest<Param, Result>[0]> : Param;
type ResultTest<Param, Result> = [OkPart<Result>] extends [never] ? ([Result] extends [never] ? [Param] : [MessageOf<Result>]) : [Param];

/**
 * `CheckedArg` carrying the message for the case a type parameter leaves undecided: `Names` is not
 * used by the check, but where the check is undecided the diagnostic prints this type, and the
 * message is its first argument (as with reshape's `ReshapeAligned`).
 */
export type NamedCheckedArg<Names extends string, Param, Result> = [OkPart<NoInfer<Result>>] extends [never]
  ? [NoInfer<Result>] extends [never]
    ? Param
    : MessageOf<NoInfer<Result>>
  : Param;
type CheckedOf<Param, Result> = [OkPart<Result>] extends [never] ? ([Result] extends [never] ? Param : MessageOf<Result>) : Param;

/**
 * The shape of an op's result: the rule's shape, or — when the rule failed, which the argument check
 * reports — `number[]`. A failed op's result has unknown rank, so the code after one mistake is
 * checked at run time instead of failing again on a `never` (error recovery, as compilers do).
 * Written so that it resolves for shapes holding type parameters (`[B, 64, T]`): `Out extends Shape`
 * would not — TypeScript decides it for every instantiation of `B` at once, and without its constraint
 * `B` is not known to be a `Dim`; `infer S extends Shape` checks the constraint on `B` itself. The
 * first test is written `readonly [never]`: with a tuple written on both sides TypeScript leaves a
 * batch group's result (`[...Batch, 8, 64]`, rearrange's `...`) undecided. (It was kept in the plain
 * form so that it would stay undecided while `Out` is an undecided rule inside another alias; an alias
 * over `ResultShape<ReduceShape<S, 5>>` and one over a failing `RearrangeShape` still give
 * `number[]`, and the generic layers' exact types and the recovery fixture are unchanged.)
 */
export type ResultShape<Out> = [Out] extends readonly [never]
  ? number[]
  : [Out] extends readonly [infer S extends Shape]
    ? S
    : number[];
