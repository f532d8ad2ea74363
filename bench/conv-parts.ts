import { randn, noGrad } from "../src/index.js";
const x = randn([64, 1, 8, 8], { seed: 1, requiresGrad: true });
const w1 = randn([8, 1, 3, 3], { seed: 2, requiresGrad: true });
const w2 = randn([16, 8, 3, 3], { seed: 3, requiresGrad: true });
const time = (name: string, f: () => unknown) => {
  for (let i = 0; i < 20; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) f();
  console.log(name, ((performance.now() - t0) / 100).toFixed(3), "ms");
};
time("conv1 fwd", () => noGrad(() => x.conv2d(w1, { padding: 1 })));
const h = noGrad(() => x.conv2d(w1, { padding: 1 }).relu());
time("relu", () => noGrad(() => h.relu()));
time("pool", () => noGrad(() => h.maxPool2d(2)));
const p = noGrad(() => h.maxPool2d(2));
time("conv2 fwd", () => noGrad(() => p.conv2d(w2)));
time("all fwd", () => noGrad(() => x.conv2d(w1, { padding: 1 }).relu().maxPool2d(2).conv2d(w2)));
time("fwd+bwd", () => x.conv2d(w1, { padding: 1 }).relu().maxPool2d(2).conv2d(w2).sum().backward());
