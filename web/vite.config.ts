import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

export default defineConfig({
  plugins: [react(), devConfig()],
});

/**
 * Serves `/config.json` in `vite dev` as the website bucket serves it for the built app: `pnpm dev`
 * (infra/scripts/dev.ts) starts Vite with the local cloud's config in `LAMBDAGRAM_CONFIG`.
 */
function devConfig(): Plugin {
  return {
    name: 'lambdagram:dev-config',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/config.json', (_request, response) => {
        const config = process.env.LAMBDAGRAM_CONFIG;
        response.setHeader('cache-control', 'no-cache');
        if (!config) {
          response.statusCode = 503;
          response.setHeader('content-type', 'text/plain; charset=utf-8');
          response.end(
            'No config for the local cloud: start the dev server with `pnpm dev` at the repository root.\n',
          );
          return;
        }
        response.setHeader('content-type', 'application/json; charset=utf-8');
        response.end(config);
      });
    },
  };
}
