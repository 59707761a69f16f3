/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";

import { defineConfig } from "vite";

// The Tauri app loads ui/dist from its own custom protocol, so assets must be addressed relative to
// index.html; in development it loads the dev server at the fixed port that tauri.conf.json names.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: "localhost",
    // Cargo rewrites target/ while the app builds; reloading the page for that is pointless.
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.40+ (Debian 12) and WebView2 both run ES2022.
    target: "es2022",
    // Two pages: the clerk's window, and the customer's window on a second display (window label
    // `customer`, src-tauri/src/commands/customer_display.rs).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL("index.html", import.meta.url)),
        customer: fileURLToPath(new URL("customer.html", import.meta.url)),
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
