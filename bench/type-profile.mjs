#!/usr/bin/env node
// `npm run profile:types -- <file.ts> [top]`: where a file's type-check cost goes. TypeScript 7 counts
// instantiations (`npm run bench:ops`, `bench:types`) but cannot say which type alias made them; this
// tool checks the file with TypeScript 6 (the in-process compiler ts-morph carries) and attributes each
// instantiation to the type alias being evaluated when it was made. The library's own files are
// checked first and left out, so the table is the file's own cost (as bench:ops measures it).
//
// How: the compiler is loaded from a copy of ts-morph's `typescript.js` with three hooks added (written
// to .run/type-profile/, once per TypeScript version), next to the default library files it needs.
//   - `getTypeAliasInstantiation` and `getConditionalType` push the alias they evaluate (a conditional
//     type's tail calls replace the top: `A<…> = … ? B<…> : …` is counted as B once it gets there);
//   - `instantiateTypeWithAlias` counts one instantiation for the alias on top, where the checker
//     increments its own counter.
// Environment:
//   FOCUS=Alias   also break Alias's count down by what was instantiated (`TP:X` is a reference to
//                 type parameter X; `A:Y` an alias; `tuple/2`, `COND`, `IA`, `TPL`, `U`, `I` …)
//   CALLER=Alias  list the aliases that instantiate Alias (last three on the stack)
//   INCL=1        inclusive counts (an alias and everything evaluated under it)
// Probe files import the library by a relative path (`../src/index.js` from .run/) and should make
// several calls on distinct shapes: a single call's profile counts work that later calls share.
// TypeScript 6's counts are close to, not equal to, TypeScript 7's.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const [fileArg, topArg] = process.argv.slice(2);
if (!fileArg) {
  console.error("usage: npm run profile:types -- <file.ts> [top]");
  process.exit(2);
}

/** Writes the hooked compiler and the default library files under .run/type-profile/ (once per version). */
function hookedCompiler() {
  const common = require("@ts-morph/common");
  const source = readFileSync(require.resolve("@ts-morph/common/dist/typescript.js"), "utf8");
  const version = /versionMajorMinor = "([\d.]+)"/.exec(source)?.[1] ?? "unknown";
  const dir = path.join(root, ".run/type-profile", version);
  const file = path.join(dir, "typescript.cjs"); // CommonJS: the repository is "type": "module"
  if (existsSync(file)) return require(file);
  const patches = [
    [
      "  function getConditionalType(root, mapper, forConstraint, aliasSymbol, aliasTypeArguments) {\n",
      "  function getConditionalType(root, mapper, forConstraint, aliasSymbol, aliasTypeArguments) {\n    globalThis.__typeProfile?.push(root.aliasSymbol);\n    try { return getConditionalTypeProfiled(root, mapper, forConstraint, aliasSymbol, aliasTypeArguments); } finally { globalThis.__typeProfile?.pop(); }\n  }\n  function getConditionalTypeProfiled(root, mapper, forConstraint, aliasSymbol, aliasTypeArguments) {\n",
    ],
    ["      if (tailCount === 1e3) {\n", "      globalThis.__typeProfile?.replace(root.aliasSymbol);\n      if (tailCount === 1e3) {\n"],
    [
      "  function getTypeAliasInstantiation(symbol, typeArguments, aliasSymbol, aliasTypeArguments) {\n",
      "  function getTypeAliasInstantiation(symbol, typeArguments, aliasSymbol, aliasTypeArguments) {\n    globalThis.__typeProfile?.push(symbol);\n    try { return getTypeAliasInstantiationProfiled(symbol, typeArguments, aliasSymbol, aliasTypeArguments); } finally { globalThis.__typeProfile?.pop(); }\n  }\n  function getTypeAliasInstantiationProfiled(symbol, typeArguments, aliasSymbol, aliasTypeArguments) {\n",
    ],
    ["    instantiationCount++;\n    instantiationDepth++;\n", "    instantiationCount++;\n    instantiationDepth++;\n    globalThis.__typeProfile?.count(type, aliasSymbol);\n"],
  ];
  let hooked = source;
  for (const [from, to] of patches) {
    if (hooked.split(from).length !== 2) throw new Error(`type-profile: TypeScript ${version}'s checker changed; the hook before ${JSON.stringify(from.trim())} no longer applies`);
    hooked = hooked.replace(from, to);
  }
  mkdirSync(dir, { recursive: true });
  // The compiler looks for its default library files next to itself; ts-morph keeps them in memory.
  for (const lib of common.getLibFiles()) writeFileSync(path.join(dir, path.basename(lib.fileName)), lib.text);
  writeFileSync(file, hooked);
  return require(file);
}

const ts = hookedCompiler();
const F = ts.TypeFlags;
/** What an instantiated type is, for FOCUS. */
function kind(type, aliasSymbol) {
  const alias = aliasSymbol ?? type.aliasSymbol;
  if (alias) return `A:${alias.escapedName}`;
  if (type.flags & F.TypeParameter) return `TP:${type.symbol?.escapedName ?? "?"}`;
  if (type.flags & F.Object) return type.target?.objectFlags & ts.ObjectFlags.Tuple ? `tuple/${type.target.elementFlags.length}` : `obj:${type.symbol?.escapedName ?? "anonymous"}`;
  for (const [flag, name] of [[F.Conditional, "COND"], [F.IndexedAccess, "IA"], [F.Union, "U"], [F.Intersection, "I"], [F.TemplateLiteral, "TPL"], [F.Substitution, "SUBST"]]) {
    if (type.flags & flag) return name;
  }
  return `flags:${type.flags}`;
}

const { FOCUS, CALLER, INCL } = process.env;
const exclusive = new Map();
const inclusive = new Map();
const focus = new Map();
const callers = new Map();
const stack = ["(call sites)"];
const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
globalThis.__typeProfile = {
  push(symbol) {
    const name = symbol ? String(symbol.escapedName) : stack.at(-1);
    if (CALLER !== undefined && name === CALLER && symbol) bump(callers, stack.slice(-3).join(" < "));
    stack.push(name);
  },
  pop() {
    stack.pop();
  },
  replace(symbol) {
    if (symbol) stack[stack.length - 1] = String(symbol.escapedName);
  },
  count(type, aliasSymbol) {
    const top = stack.at(-1);
    bump(exclusive, top);
    if (INCL) for (const name of new Set(stack)) bump(inclusive, name);
    if (FOCUS === top) bump(focus, kind(type, aliasSymbol));
  },
};

const file = path.resolve(fileArg);
const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} });
const program = ts.createProgram([file], { ...config.options, types: [] });
for (const source of program.getSourceFiles()) if (path.resolve(source.fileName) !== file) program.getSemanticDiagnostics(source);
for (const map of [exclusive, inclusive, focus, callers]) map.clear();
const checker = program.getTypeChecker();
const before = checker.getInstantiationCount();
for (const d of program.getSemanticDiagnostics(program.getSourceFile(file))) console.log(`error: ${ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 300)}`);
const counted = [...exclusive.values()].reduce((a, b) => a + b, 0);
// The hooks must see every instantiation the checker counts, or the table is not the file's cost.
if (counted !== checker.getInstantiationCount() - before) throw new Error(`type-profile: counted ${counted}, the checker ${checker.getInstantiationCount() - before}`);

const table = (map, limit, indent = "") => [...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([name, count]) => `${indent}${String(count).padStart(7)}  ${name}`).join("\n");
console.log(`${counted} instantiations in ${path.relative(process.cwd(), file)} (TypeScript ${ts.version}), by the alias being evaluated${INCL ? " (inclusive)" : ""}:`);
console.log(table(INCL ? inclusive : exclusive, Number(topArg ?? 30)));
if (FOCUS) console.log(`\n${FOCUS}, by what it instantiated:\n${table(focus, 30, "  ")}`);
if (CALLER) console.log(`\nwho instantiates ${CALLER}:\n${table(callers, 20, "  ")}`);
