import { defineConfig } from "vitest/config";

// The screens in headless Chromium against the built UI (npm run build first); apart from the unit
// tests because they need a browser and ui/dist.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    testTimeout: 30_000,
    // One browser at a time: the machines running this have two cores.
    fileParallelism: false,
    hookTimeout: 60_000,
  },
});
