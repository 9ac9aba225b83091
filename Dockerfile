# install-on-linode: production image.
#
#   docker build -t install-on-linode .
#   docker run --rm -p 5000:5000 install-on-linode     # no LINODE_CLIENT_ID: sandbox mode
#
# Two stages so the compiler, the test tools and the npm cache never reach the image that runs.
# Both stages use the same base so native modules built by `npm ci` match the runtime's libc and Node ABI.
#
# Base: Node.js 24 LTS on Debian 12 (bookworm), slim. Pinned by tag only: no registry was reachable
# where this was written to resolve a digest. To pin and to bump it (keep both FROM lines equal):
#   docker pull node:24-bookworm-slim
#   docker inspect --format '{{index .RepoDigests 0}}' node:24-bookworm-slim
#     -> node@sha256:<64 hex>; write FROM node:24-bookworm-slim@sha256:<64 hex> below.
# Bump the digest for every Node 24 security release; move to the next even (LTS) major before 24's
# end of life (2028-04-30), together with `engines` and @types/node in package.json and .ci/run.

FROM node:24-bookworm-slim AS build
WORKDIR /app

# Manifests first: the dependency layer is reused until package*.json change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund


FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=5000
# glibc gives each thread that mallocs its own arena, ~10 MiB apiece here (V8's GC helpers, libuv's pool);
# two in all take ~10 MiB off the settled RSS with no CPU cost the bench could see (BENCHMARKS.md).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app

# Owned by root and left read-only to the app's user: the running process cannot rewrite its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY views ./views
COPY public ./public

USER node
EXPOSE 5000

# Slim images carry no curl or wget, so Node's own fetch probes; it reads PORT so an override still checks the right port.
# No --start-period: dockerfilelint 1.8 rejects it (its option regex stops at the hyphen), and the app boots in seconds.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||5000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Node flags, measured in the bench (BENCHMARKS.md): a 16 MiB semi-space lets most of a request's garbage die
# young, and without allocation-site pretenuring V8 does not start placing a request's objects in the old
# generation under sustained load. Memory peaks higher under load and is given back once idle (main.ts keeps
# V8's memory reducer working). Flags of the node command only; npm start (package.json) and the bench use the same.
CMD ["node", "--max-semi-space-size=16", "--no-allocation-site-pretenuring", "dist/main.js"]
