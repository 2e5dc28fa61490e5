import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dev script and the journey runner choose the port; 5173 matches supabase/config.toml's site_url.
const port = Number(process.env.WEB_PORT ?? process.env.PORT ?? 5173);
const host = process.env.WEB_HOST ?? "127.0.0.1";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { port, host, strictPort: true },
  preview: { port, host, strictPort: true },
  build: {
    target: "es2022",
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Toasts load after the first page (see app/providers.tsx); keep their library out of the entry chunk.
        // Icons are tiny and shared by routes in ever other combinations: left alone they become
        // dozens of 200-byte chunks that queue behind each other on an HTTP/1.1 connection
        // (bench:web). Grouped by the routes that use them, small groups merged into a neighbour:
        // a few icon chunks per route, and sign-in does not download the workspace's icons.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: "toasts", test: /node_modules[\\/]sonner[\\/]/, priority: 1 },
            {
              name: "icons",
              test: /node_modules[\\/]lucide-react[\\/]/,
              priority: 1,
              entriesAware: true,
              entriesAwareMergeThreshold: 1500,
            },
          ],
        },
      },
    },
  },
});
