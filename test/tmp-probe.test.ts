import { it } from "vitest";
import * as tfc from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { WASM_DIR } from "./tfjs/backends.js";
import * as sc from "../src/index.js";
import { seeded } from "./harness/random.js";
setWasmPaths(WASM_DIR);
const vals = (s: number[], n: number) => Array.from({ length: s.reduce((x, y) => x * y, 1) }, (_, i) => Math.sin(i * 1.3 + n));
it("x", async () => {
  const out: string[] = [];
  for (const backend of ["cpu", "wasm"]) {
    await tfc.setBackend(backend); await tfc.ready();
    const r = seeded(11);
    const bad: Record<string, number> = {}; const tot: Record<string, number> = {};
    const check = (name: string, shapeDesc: string, theirs: () => tfc.Tensor, mine: () => sc.Tensor) => {
      let m: sc.Tensor; try { m = mine(); } catch { return; }
      tot[name] = (tot[name] ?? 0) + 1;
      let t: tfc.Tensor; try { t = theirs(); } catch (e) { bad[name] = (bad[name] ?? 0) + 1; if (bad[name]! <= 2) out.push(`${backend} ${name} THROWS ${shapeDesc} ${String(e).slice(0, 80)}`); return; }
      const got = [...t.dataSync()], want = m.toFlatArray();
      const ok = JSON.stringify(t.shape) === JSON.stringify(m.shape) && got.every((v, i) => Math.abs(v - (want[i] as number)) <= 1e-4 * (1 + Math.abs(want[i] as number)));
      if (!ok) { bad[name] = (bad[name] ?? 0) + 1; if (bad[name]! <= 3) out.push(`${backend} ${name} WRONG ${shapeDesc}: ${JSON.stringify(t.shape)} vs ${JSON.stringify(m.shape)}`); }
      t.dispose();
    };
    for (let n = 0; n < 300; n++) {
      const rank = r.int(1, 5);
      const s = Array.from({ length: rank }, () => r.int(1, 3));
      const s2 = s.slice(r.int(0, rank - 1)).map((d) => (r.chance(0.3) ? 1 : d));
      const s1 = s.map((d) => (r.chance(0.3) ? 1 : d));
      for (const op of ["add", "mul", "sub", "maximum", "div"] as const) {
        check(op, `${JSON.stringify(s1)} ${JSON.stringify(s2)}`, () => (tfc as any)[op](tfc.tensor(vals(s1, n), s1), tfc.tensor(vals(s2, n + 1).map((v) => (op === "div" ? v + 3 : v)), s2)),
          () => (sc as any)[op](sc.fromArray(vals(s1, n), s1, { dtype: "float64" }), sc.fromArray(vals(s2, n + 1).map((v) => (op === "div" ? v + 3 : v)), s2, { dtype: "float64" })));
      }
      const axis = r.int(0, rank - 1); const keep = r.chance(0.5);
      for (const op of ["sum", "mean", "max", "min"] as const) {
        check(op, `${JSON.stringify(s)} axis ${axis} keep ${keep}`, () => (tfc as any)[op](tfc.tensor(vals(s, n), s), axis, keep), () => (sc as any)[op](sc.fromArray(vals(s, n), s, { dtype: "float64" }), axis, keep));
      }
      const perm = [...s.keys()].sort(() => r.next() - 0.5);
      check("transpose", `${JSON.stringify(s)} ${perm}`, () => tfc.transpose(tfc.tensor(vals(s, n), s), perm), () => sc.fromArray(vals(s, n), s, { dtype: "float64" }).permute(perm as never) as sc.Tensor);
      check("softmax", JSON.stringify(s), () => tfc.softmax(tfc.tensor(vals(s, n), s)), () => sc.softmax(sc.fromArray(vals(s, n), s, { dtype: "float64" }) as never, -1 as never) as sc.Tensor);
      check("concat", `${JSON.stringify(s)} axis ${axis}`, () => tfc.concat([tfc.tensor(vals(s, n), s), tfc.tensor(vals(s, n + 5), s)], axis), () => sc.concat([sc.fromArray(vals(s, n), s, { dtype: "float64" }), sc.fromArray(vals(s, n + 5), s, { dtype: "float64" })] as never, axis as never) as sc.Tensor);
      check("stack", `${JSON.stringify(s)} axis ${axis}`, () => tfc.stack([tfc.tensor(vals(s, n), s), tfc.tensor(vals(s, n + 5), s)], axis), () => sc.stack([sc.fromArray(vals(s, n), s, { dtype: "float64" }), sc.fromArray(vals(s, n + 5), s, { dtype: "float64" })] as never, axis as never) as sc.Tensor);
      check("argMax", `${JSON.stringify(s)} axis ${axis}`, () => tfc.argMax(tfc.tensor(vals(s, n), s), axis), () => sc.argmax(sc.fromArray(vals(s, n), s, { dtype: "float64" }) as never, axis as never) as sc.Tensor);
    }
    out.push(`${backend}: ${Object.keys(tot).map((k) => `${k} ${bad[k] ?? 0}/${tot[k]}`).join(", ")}`);
  }
  process.stdout.write("RESULT\n" + out.join("\n") + "\n");
});
