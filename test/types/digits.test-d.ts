// Compile-time checks for types/internal/digits.ts. Every line is an assertion: a wrong result is a
// type error here. Run by test/digits.test.ts (ts-morph, TypeScript 6) and by
// `tsc --noEmit -p test/types/tsconfig.json` (TypeScript 7).
import type {
  Add,
  AddDigits,
  Compare,
  CompareDigits,
  DivExact,
  DivExactDigits,
  DivModDigits,
  FromDigits,
  IsDigits,
  IsNatural,
  Mod,
  ModDigits,
  Mul,
  MulDigits,
  Ordering,
  ReverseDigits,
  Sub,
  SubDigits,
  ToDigits,
} from "../../types/internal/digits.js";

type Expect<T extends true> = T;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;

type Max = 9007199254740991; // Number.MAX_SAFE_INTEGER, 2^53 − 1

export type AddCases = [
  Expect<Equal<Add<0, 0>, 0>>,
  Expect<Equal<Add<0, 7>, 7>>,
  Expect<Equal<Add<7, 0>, 7>>,
  Expect<Equal<Add<5, 5>, 10>>,
  Expect<Equal<Add<123, 456>, 579>>,
  Expect<Equal<Add<99999999, 1>, 100000000>>, // carry through eight digits
  Expect<Equal<Add<1, 99999999>, 100000000>>,
  Expect<Equal<Add<999, 1>, 1000>>,
  Expect<Equal<Add<1, 999>, 1000>>,
  Expect<Equal<Add<19, 81>, 100>>,
  Expect<Equal<Add<9007199254740990, 1>, Max>>,
  Expect<Equal<Add<Max, 0>, Max>>,
  Expect<Equal<Add<0, Max>, Max>>,
  Expect<Equal<Add<4503599627370495, 4503599627370496>, Max>>,
  // overflow past 2^53 − 1 → number, including 2^53 itself (which a literal could represent)
  Expect<Equal<Add<Max, 1>, number>>,
  Expect<Equal<Add<4503599627370496, 4503599627370496>, number>>,
  Expect<Equal<Add<Max, Max>, number>>,
  // non-literal operands → number
  Expect<Equal<Add<number, 1>, number>>,
  Expect<Equal<Add<1, number>, number>>,
  Expect<Equal<Add<1 | 2, 3>, number>>,
  Expect<Equal<Add<3, 1 | 2>, number>>,
  Expect<Equal<Add<any, 1>, number>>,
  Expect<Equal<Add<9007199254740992, 0>, number>>, // an operand above 2^53 − 1 is not exact
  Expect<Equal<Add<1e21, 1>, number>>,
  // not naturals → never
  Expect<Equal<Add<-1, 1>, never>>,
  Expect<Equal<Add<1, 1.5>, never>>,
  Expect<Equal<Add<never, 1>, never>>,
];

export type SubCases = [
  Expect<Equal<Sub<1000000, 1>, 999999>>, // borrow through six digits
  Expect<Equal<Sub<1000, 999>, 1>>,
  Expect<Equal<Sub<100, 99>, 1>>,
  Expect<Equal<Sub<5, 5>, 0>>,
  Expect<Equal<Sub<0, 0>, 0>>,
  Expect<Equal<Sub<7, 0>, 7>>,
  Expect<Equal<Sub<579, 456>, 123>>,
  Expect<Equal<Sub<Max, Max>, 0>>,
  Expect<Equal<Sub<Max, 1>, 9007199254740990>>,
  Expect<Equal<Sub<Max, 0>, Max>>,
  Expect<Equal<Sub<Max, 9007199254740990>, 1>>,
  Expect<Equal<Sub<Max, 4503599627370496>, 4503599627370495>>,
  Expect<Equal<Sub<0, 1>, never>>,
  Expect<Equal<Sub<1, 2>, never>>,
  Expect<Equal<Sub<12, 123>, never>>,
  Expect<Equal<Sub<9007199254740990, Max>, never>>,
  Expect<Equal<Sub<number, 1>, number>>,
  Expect<Equal<Sub<10, number>, number>>,
  Expect<Equal<Sub<-3, 1>, never>>,
];

export type MulCases = [
  Expect<Equal<Mul<50257, 768>, 38597376>>,
  Expect<Equal<Mul<768, 50257>, 38597376>>,
  Expect<Equal<Mul<67108864, 67108864>, 4503599627370496>>, // 2^26 × 2^26
  Expect<Equal<Mul<28, 28>, 784>>,
  Expect<Equal<Mul<10, 10>, 100>>,
  Expect<Equal<Mul<999, 999>, 998001>>,
  Expect<Equal<Mul<1000, 1000>, 1000000>>,
  Expect<Equal<Mul<0, 768>, 0>>,
  Expect<Equal<Mul<768, 0>, 0>>,
  Expect<Equal<Mul<0, 0>, 0>>,
  Expect<Equal<Mul<0, Max>, 0>>,
  Expect<Equal<Mul<Max, 0>, 0>>,
  Expect<Equal<Mul<Max, 1>, Max>>,
  Expect<Equal<Mul<1, Max>, Max>>,
  Expect<Equal<Mul<3, 3002399751580330>, 9007199254740990>>,
  Expect<Equal<Mul<6361, 1416003655831>, Max>>,
  Expect<Equal<Mul<94906265, 94906265>, 9007199136250225>>, // 16 digits, just below 2^53 − 1
  // overflow → number: 16 digits above the limit, 2^53 exactly, 17+ digits, the early exit
  Expect<Equal<Mul<94906266, 94906266>, number>>,
  Expect<Equal<Mul<134217728, 67108864>, number>>,
  Expect<Equal<Mul<Max, 2>, number>>,
  Expect<Equal<Mul<Max, Max>, number>>,
  Expect<Equal<Mul<number, 2>, number>>,
  Expect<Equal<Mul<2, number>, number>>,
  Expect<Equal<Mul<2 | 3, 2>, number>>,
  Expect<Equal<Mul<0.5, 2>, never>>,
];

export type DivExactCases = [
  Expect<Equal<DivExact<4503599627370496, 67108864>, 67108864>>,
  Expect<Equal<DivExact<38597376, 768>, 50257>>,
  Expect<Equal<DivExact<38597376, 50257>, 768>>,
  Expect<Equal<DivExact<784, 28>, 28>>,
  Expect<Equal<DivExact<1000000, 1000>, 1000>>,
  Expect<Equal<DivExact<7, 7>, 1>>,
  Expect<Equal<DivExact<0, 5>, 0>>,
  Expect<Equal<DivExact<0, Max>, 0>>,
  Expect<Equal<DivExact<Max, 1>, Max>>,
  Expect<Equal<DivExact<Max, Max>, 1>>,
  Expect<Equal<DivExact<Max, 6361>, 1416003655831>>,
  Expect<Equal<DivExact<9007199254740990, 3>, 3002399751580330>>,
  // inexact or by zero → never
  Expect<Equal<DivExact<10, 3>, never>>,
  Expect<Equal<DivExact<5, 10>, never>>,
  Expect<Equal<DivExact<Max, 3>, never>>,
  Expect<Equal<DivExact<Max, 2>, never>>,
  Expect<Equal<DivExact<5, 0>, never>>,
  Expect<Equal<DivExact<0, 0>, never>>,
  Expect<Equal<DivExact<number, 2>, number>>,
  Expect<Equal<DivExact<12, number>, number>>,
];

export type ModCases = [
  Expect<Equal<Mod<17, 5>, 2>>,
  Expect<Equal<Mod<3, 7>, 3>>,
  Expect<Equal<Mod<0, 7>, 0>>,
  Expect<Equal<Mod<1000000, 1>, 0>>,
  Expect<Equal<Mod<Max, 1000>, 991>>,
  Expect<Equal<Mod<Max, 2>, 1>>,
  Expect<Equal<Mod<Max, 10>, 1>>,
  Expect<Equal<Mod<Max, Max>, 0>>,
  Expect<Equal<Mod<Max, 9007199254740990>, 1>>,
  Expect<Equal<Mod<9007199254740990, Max>, 9007199254740990>>,
  Expect<Equal<Mod<7, 0>, never>>,
  Expect<Equal<Mod<0, 0>, never>>,
  Expect<Equal<Mod<number, 7>, number>>,
];

export type CompareCases = [
  Expect<Equal<Compare<99, 100>, "lt">>, // different lengths
  Expect<Equal<Compare<100, 99>, "gt">>,
  Expect<Equal<Compare<1, Max>, "lt">>,
  Expect<Equal<Compare<123, 124>, "lt">>, // equal lengths
  Expect<Equal<Compare<124, 123>, "gt">>,
  Expect<Equal<Compare<321, 123>, "gt">>, // first digit decides, later digits disagree
  Expect<Equal<Compare<5, 5>, "eq">>,
  Expect<Equal<Compare<0, 0>, "eq">>,
  Expect<Equal<Compare<0, 1>, "lt">>,
  Expect<Equal<Compare<Max, Max>, "eq">>,
  Expect<Equal<Compare<Max, 9007199254740990>, "gt">>,
  Expect<Equal<Compare<9007199254740990, Max>, "lt">>,
  Expect<Equal<Compare<number, 1>, Ordering>>,
  Expect<Equal<Compare<1, number>, "lt" | "eq" | "gt">>,
  Expect<Equal<Compare<1 | 2, 1>, Ordering>>,
  Expect<Equal<Compare<-1, 1>, never>>,
];

export type IsNaturalCases = [
  Expect<Equal<IsNatural<0>, true>>,
  Expect<Equal<IsNatural<768>, true>>,
  Expect<Equal<IsNatural<Max>, true>>,
  Expect<Equal<IsNatural<number>, false>>,
  Expect<Equal<IsNatural<-1>, false>>,
  Expect<Equal<IsNatural<1.5>, false>>,
  Expect<Equal<IsNatural<0.1>, false>>,
  Expect<Equal<IsNatural<1e-7>, false>>,
  Expect<Equal<IsNatural<1e999>, false>>, // Infinity
  Expect<Equal<IsNatural<-1e999>, false>>,
  Expect<Equal<IsNatural<9007199254740992>, false>>,
  Expect<Equal<IsNatural<1e21>, false>>,
  Expect<Equal<IsNatural<1 | 2>, false>>,
  Expect<Equal<IsNatural<any>, false>>,
  Expect<Equal<IsNatural<never>, false>>,
  Expect<Equal<IsNatural<unknown>, false>>,
  Expect<Equal<IsNatural<"3">, false>>,
  Expect<Equal<IsNatural<number & { readonly brand: "dim" }>, false>>,
];

export type DigitLevelCases = [
  Expect<Equal<AddDigits<"123", "456">, "579">>,
  Expect<Equal<AddDigits<"0", "0">, "0">>,
  Expect<Equal<AddDigits<"99999999999999999999", "1">, "100000000000000000000">>, // no cap
  Expect<Equal<SubDigits<"1000", "1">, "999">>,
  Expect<Equal<SubDigits<"5", "5">, "0">>,
  Expect<Equal<SubDigits<"1", "2">, never>>,
  Expect<Equal<MulDigits<"50257", "768">, "38597376">>,
  Expect<Equal<MulDigits<"9007199254740991", "9007199254740991">, "81129638414606663681390495662081">>,
  Expect<Equal<MulDigits<"0", "123">, "0">>,
  Expect<Equal<DivModDigits<"17", "5">, ["3", "2"]>>,
  Expect<Equal<DivModDigits<"4", "5">, ["0", "4"]>>,
  Expect<Equal<DivModDigits<"81129638414606663681390495662081", "9007199254740991">, ["9007199254740991", "0"]>>,
  Expect<Equal<DivModDigits<"5", "0">, never>>,
  Expect<Equal<DivExactDigits<"784", "28">, "28">>,
  Expect<Equal<DivExactDigits<"785", "28">, never>>,
  Expect<Equal<ModDigits<"785", "28">, "1">>,
  Expect<Equal<CompareDigits<"99", "100">, "lt">>,
  Expect<Equal<CompareDigits<"100000000000000000000", "99999999999999999999">, "gt">>,
  Expect<Equal<ReverseDigits<"1234567890">, "0987654321">>,
  Expect<Equal<ReverseDigits<"">, "">>,
  Expect<Equal<ToDigits<768>, "768">>,
  Expect<Equal<ToDigits<number>, never>>,
  Expect<Equal<FromDigits<"768">, 768>>,
  Expect<Equal<FromDigits<"0">, 0>>,
  Expect<Equal<FromDigits<"9007199254740991">, Max>>,
  Expect<Equal<FromDigits<"9007199254740992">, number>>,
  Expect<Equal<FromDigits<"18014398509481984">, number>>, // 2^54
  Expect<Equal<IsDigits<"0">, true>>,
  Expect<Equal<IsDigits<"120">, true>>,
  Expect<Equal<IsDigits<"012">, false>>,
  Expect<Equal<IsDigits<"">, false>>,
  Expect<Equal<IsDigits<"12a">, false>>,
  Expect<Equal<IsDigits<"-1">, false>>,
];

// Why FromDigits checks the size itself: the template-literal round trip only rejects strings that
// are not a number's exact text, and 2^53 (above the limit) is one.
type RoundTrip<Digits extends string> = Digits extends `${infer Value extends number}` ? Value : "rejected";
export type RoundTripCases = [
  Expect<Equal<RoundTrip<"9007199254740992">, 9007199254740992>>,
  Expect<Equal<RoundTrip<"9007199254740993">, number>>,
];

// Generic callers can pass every result on where a number (digit string, ordering) is required,
// with no `extends infer … extends number` gate; e.g. a tail-recursive product over a shape.
type NeedsNumber<Value extends number> = Value;
type NeedsDigits<Digits extends string> = Digits;
type NeedsOrdering<Order extends Ordering> = Order;
export type GenericUse<Left extends number, Right extends number, LeftDigits extends string, RightDigits extends string> = [
  NeedsNumber<Add<Left, Right>>,
  NeedsNumber<Sub<Left, Right>>,
  NeedsNumber<Mul<Left, Right>>,
  NeedsNumber<DivExact<Left, Right>>,
  NeedsNumber<Mod<Left, Right>>,
  NeedsOrdering<Compare<Left, Right>>,
  NeedsNumber<FromDigits<LeftDigits>>,
  NeedsDigits<ToDigits<Left>>,
  NeedsDigits<AddDigits<LeftDigits, RightDigits>>,
  NeedsDigits<SubDigits<LeftDigits, RightDigits>>,
  NeedsDigits<MulDigits<LeftDigits, RightDigits>>,
  NeedsDigits<DivExactDigits<LeftDigits, RightDigits>>,
  NeedsDigits<ModDigits<LeftDigits, RightDigits>>,
  NeedsDigits<DivModDigits<LeftDigits, RightDigits>[0]>,
  NeedsOrdering<CompareDigits<LeftDigits, RightDigits>>,
  NeedsDigits<ReverseDigits<LeftDigits>>,
];
type Product<Dims extends readonly number[], Acc extends number = 1> = Dims extends readonly [
  infer Head extends number,
  ...infer Rest extends readonly number[],
]
  ? Product<Rest, Mul<Acc, Head>>
  : Acc;
type ProductOfDigits<Dims extends readonly number[], Acc extends string = "1"> = Dims extends readonly [
  infer Head extends number,
  ...infer Rest extends readonly number[],
]
  ? ProductOfDigits<Rest, MulDigits<Acc, ToDigits<Head>>>
  : FromDigits<Acc>;
export type ChainCases = [
  Expect<Equal<Product<[32, 3, 224, 224]>, 4816896>>,
  Expect<Equal<Product<[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]>, 355687428096000>>, // 17!
  Expect<Equal<Product<[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]>, number>>, // 19! > 2^53
  Expect<Equal<ProductOfDigits<[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]>, 6402373705728000>>,
  Expect<Equal<DivExact<Product<[32, 3, 224, 224]>, Product<[3, 224, 224]>>, 32>>,
  Expect<Equal<Product<[32, number, 224]>, number>>,
];
