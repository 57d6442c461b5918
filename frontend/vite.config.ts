// The build `hindsight serve --static-dir frontend/dist` serves: hashed files under assets/,
// no inline script or style (the server's Content-Security-Policy allows neither).
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      "/api": { target: "https://127.0.0.1:8443", secure: false },
    },
  },
});
