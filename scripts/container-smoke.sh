#!/usr/bin/env bash
# Container smoke test: builds the project's Dockerfile, unchanged, and starts the image it makes.
#
# No Docker engine runs here and no container registry is reachable, so:
#   - buildah (daemonless, `--isolation chroot`) builds and runs instead of docker;
#   - the Dockerfile's FROM image is replaced by a local stand-in of the same name: Debian (debootstrap,
#     minbase) plus this machine's own Node and npm laid out as the official node image lays them out
#     (/usr/local/bin/node, /usr/local/lib/node_modules/npm, user `node` uid 1000). Its rootfs tarball
#     is cached per Node version under $SMOKE_CACHE_DIR.
# The build's `npm ci` reaches the npm registry through the host's network (chroot isolation shares it).
#
# Then the image's own CMD runs in a container in sandbox mode (no LINODE_CLIENT_ID; PUBLIC_URL set to
# the probed origin), and the smoke passes when GET /healthz answers 200, GET / answers 200 HTML
# (redirects not followed), the app runs as a non-root user, the image's own HEALTHCHECK command
# succeeds inside the container, and a person's journey works through the published port alone:
# scripts/one-port-journey.js, run on the host, walks configure → authorize → consent → callback →
# running (plain form posts, as htmx leaves the final submit) and refuses every URL not on PUBLIC_URL —
# `buildah run --network host` would let a browser reach the sandbox's port, `docker run -p` would not.
# Last, node gets SIGTERM; an app that does not exit 0 is warned about.
# Prints the time of each phase and the image size. Takes ~1.5 min cold (debootstrap), ~1 min warm.
#
# Usage: scripts/container-smoke.sh [CONTEXT_DIR]     (default: the repository holding this script)
# Needs root and apt-get. Without them it skips loudly (exit 0), except under CI=true where it fails.
# Environment knobs (all optional):
#   SMOKE_PORT=5080 SMOKE_SANDBOX_PORT=5081 SMOKE_HOST=127.0.0.1  where the app listens while tested
#   SMOKE_BUILD_TIMEOUT=1200 SMOKE_START_TIMEOUT=60                seconds
#   SMOKE_STORAGE_DRIVER=auto|overlay|vfs                           containers/storage driver
#   SMOKE_CACHE_DIR=/var/cache/install-on-linode                    stand-in tarballs
#   SMOKE_STATE_DIR=/var/lib/install-on-linode                      this script's own image store
#   SMOKE_KEEP_IMAGE=1                                              keep the built image afterwards
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CONTEXT_DIR=$(cd "${1:-$SCRIPT_DIR/..}" && pwd)
readonly SCRIPT_DIR CONTEXT_DIR
readonly DOCKERFILE=$CONTEXT_DIR/Dockerfile
readonly PORT=${SMOKE_PORT:-5080}
readonly SANDBOX_PORT=${SMOKE_SANDBOX_PORT:-5081}
readonly LISTEN_HOST=${SMOKE_HOST:-127.0.0.1}
readonly BUILD_TIMEOUT=${SMOKE_BUILD_TIMEOUT:-1200}
readonly START_TIMEOUT=${SMOKE_START_TIMEOUT:-60}
readonly CACHE_DIR=${SMOKE_CACHE_DIR:-/var/cache/install-on-linode}
readonly STATE_DIR=${SMOKE_STATE_DIR:-/var/lib/install-on-linode}
readonly SMOKE_IMAGE=localhost/install-on-linode:container-smoke
readonly APP_CONTAINER=install-on-linode-container-smoke
readonly IMPORT_CONTAINER=install-on-linode-stand-in-import
# Bump when the stand-in recipe below changes, so cached tarballs and images made by the old one are not reused.
readonly STAND_IN_RECIPE=1
readonly STAND_IN_LABEL=io.install-on-linode.stand-in

SCRIPT_START=$(date +%s)
WORK_DIR=
APP_PID=
APP_EXIT=0
APP_FILES_SIZE='?'
STORAGE_DRIVER=
BUILDAH=()
declare -a TIMINGS=()

say() { printf '==> %s\n' "$*"; }
warn() { printf '!!! %s\n' "$*" >&2; }
FAILURE_REPORTED=
die() {
  warn "container smoke FAILED: $*"
  FAILURE_REPORTED=1
  exit 1
}

# Lacking root or apt is a skip on a developer's machine but a failure in CI, where it must have run.
skip_or_fail() {
  if [[ ${CI:-} == true ]]; then
    die "$1 (CI=true: the container smoke must run in CI)"
  fi
  printf '\n!!! ==================================================================\n' >&2
  printf '!!! container smoke SKIPPED: %s\n' "$1" >&2
  printf '!!! ==================================================================\n\n' >&2
  exit 0
}

now_ms() { date +%s%3N; }

# Runs "$@" as one named phase and records how long it took.
phase() {
  local name=$1
  shift
  local started
  started=$(now_ms)
  say "[$name] start"
  "$@"
  local took
  took=$(awk -v ms=$(($(now_ms) - started)) 'BEGIN { printf "%.1f", ms / 1000 }')
  TIMINGS+=("$name ${took}s")
  say "[$name] done in ${took}s"
}

cleanup() {
  local status=$?
  set +e
  if ((status != 0)) && [[ -z $FAILURE_REPORTED ]]; then
    warn "container smoke FAILED: a command exited with status $status (see the lines above)"
    [[ -s ${WORK_DIR:-/nonexistent}/app.log ]] && app_log_tail
  fi
  stop_app
  if ((${#BUILDAH[@]})); then
    "${BUILDAH[@]}" rm "$APP_CONTAINER" "$IMPORT_CONTAINER" >/dev/null 2>&1
    if [[ ${SMOKE_KEEP_IMAGE:-} != 1 ]]; then
      "${BUILDAH[@]}" rmi "$SMOKE_IMAGE" >/dev/null 2>&1
    fi
    "${BUILDAH[@]}" rmi --prune >/dev/null 2>&1
  fi
  [[ -n $WORK_DIR ]] && remove_tree "$WORK_DIR"
  exit "$status"
}

# A debootstrap cut short can leave /proc, /sys or a bound /dev mounted inside its target: unmount
# them first, and never let rm cross into another filesystem.
remove_tree() {
  local target
  while read -r target; do
    umount -l "$target" || true
  done < <(findmnt -rn -o TARGET | grep -F "$1/" | sort -r)
  rm -rf --one-file-system "$1"
}

# The app's node process in the app's process group. By its command line, not its name: Node 24
# names its main thread "MainThread", so `pgrep -x node` no longer finds it.
app_node_pid() {
  pgrep -g "$APP_PID" -f '^(/[^ ]*/)?node ' | head -n 1
}

# SIGTERM to node itself, as `docker stop` sends it, then the whole process group if it lingers.
stop_app() {
  [[ -n $APP_PID ]] || return 0
  local node_pid
  node_pid=$(app_node_pid) || true
  if [[ -n $node_pid ]]; then
    kill -TERM "$node_pid" 2>/dev/null || true
  else
    kill -TERM -- "-$APP_PID" 2>/dev/null || true
  fi
  local deadline=$((SECONDS + 15))
  while kill -0 -- "-$APP_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 -- "-$APP_PID" 2>/dev/null; then
    warn "app still running 15s after SIGTERM; killing it"
    kill -KILL -- "-$APP_PID" 2>/dev/null || true
  fi
  APP_EXIT=0
  wait "$APP_PID" 2>/dev/null || APP_EXIT=$?
  APP_PID=
}

# ---------------------------------------------------------------------------------------------------------------
# Preconditions and tools

check_preconditions() {
  [[ $(id -u) == 0 ]] || skip_or_fail "needs root (buildah --isolation chroot, debootstrap)"
  command -v apt-get >/dev/null || skip_or_fail "needs apt-get to install buildah and debootstrap"
  [[ -f $DOCKERFILE ]] || die "no Dockerfile at $DOCKERFILE"
  command -v node >/dev/null || die "needs this machine's node (it is copied into the stand-in base image)"
  command -v npm >/dev/null || die "needs this machine's npm (it is copied into the stand-in base image)"
}

install_tools() {
  local missing=()
  command -v buildah >/dev/null || missing+=(buildah)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if ((${#missing[@]} == 0)); then
    say "buildah and debootstrap already installed"
    return
  fi
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq
  # No recommends: chroot isolation needs no OCI runtime (runc/crun), and no podman, slirp or fuse-overlayfs.
  timeout 600 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# overlay where the kernel offers it (layers are shared, not copied); vfs, which works anywhere, otherwise.
choose_storage() {
  local driver=${SMOKE_STORAGE_DRIVER:-auto}
  if [[ $driver == auto ]]; then
    driver=vfs
    if grep -qw overlay /proc/filesystems 2>/dev/null || modprobe overlay 2>/dev/null; then
      mkdir -p "$STATE_DIR"
      # overlay on top of an overlay root (a container's own filesystem) does not mount.
      [[ $(stat -f -c %T "$STATE_DIR") != overlayfs ]] && driver=overlay
    fi
  fi
  # One store per driver: a store made by one driver cannot be opened with another.
  BUILDAH=(buildah --storage-driver "$driver" --root "$STATE_DIR/storage-$driver" --runroot "/run/install-on-linode/storage-$driver")
  if ! "${BUILDAH[@]}" info >/dev/null 2>&1; then
    [[ $driver == vfs ]] && die "buildah cannot open its store with the vfs driver"
    warn "storage driver $driver does not work here; falling back to vfs"
    BUILDAH=(buildah --storage-driver vfs --root "$STATE_DIR/storage-vfs" --runroot /run/install-on-linode/storage-vfs)
    "${BUILDAH[@]}" info >/dev/null || die "buildah cannot open its store with the vfs driver"
    driver=vfs
  fi
  STORAGE_DRIVER=$driver
  say "buildah $(buildah --version | awk '{print $3}'), storage driver $driver, store $STATE_DIR/storage-$driver"
  # Leftovers of a run that was killed before its cleanup: this store is ours alone.
  "${BUILDAH[@]}" rm "$APP_CONTAINER" "$IMPORT_CONTAINER" >/dev/null 2>&1 || true
}

# ---------------------------------------------------------------------------------------------------------------
# The stand-in for the Dockerfile's FROM image

# Every FROM that does not name an earlier stage, fully qualified the way docker resolves short names.
base_images() {
  awk '
    toupper($1) == "FROM" {
      image = ""
      for (i = 2; i <= NF; i++) if ($i !~ /^--/) { image = $i; break }
      for (j = i + 1; j < NF; j++) if (toupper($j) == "AS") stages[tolower($(j + 1))] = 1
      if (!(tolower(image) in stages)) print image
    }' "$DOCKERFILE" | sort -u
}

qualify() {
  local name=$1
  local first=${name%%/*}
  if [[ $name != */* ]]; then
    name=docker.io/library/$name
  elif [[ $first != *.* && $first != *:* && $first != localhost ]]; then
    name=docker.io/$name
  fi
  [[ ${name##*/} == *:* || $name == *@* ]] || name=$name:latest
  printf '%s\n' "$name"
}

resolve_base() {
  local images
  mapfile -t images < <(base_images)
  ((${#images[@]} == 1)) || die "expected every stage to build FROM one image, found: ${images[*]:-none}"
  local from=${images[0]}
  [[ $from != *'$'* ]] || die "FROM $from uses a build argument; the stand-in needs a literal image name"
  BASE_IMAGE=$(qualify "$from")
  local repo=${BASE_IMAGE%:*} tag=${BASE_IMAGE##*:}
  [[ $repo == docker.io/library/node ]] || die "FROM $from: only the official node image can be stood in for"
  NODE_VERSION=$(node --version)
  NODE_VERSION=${NODE_VERSION#v}
  local wanted_major=${tag%%[.-]*}
  if [[ $wanted_major =~ ^[0-9]+$ && $wanted_major != "${NODE_VERSION%%.*}" ]]; then
    die "FROM $from wants Node $wanted_major but this machine has Node $NODE_VERSION, which the stand-in would carry"
  fi
  SUITE=bookworm
  local codename
  for codename in bookworm bullseye trixie; do
    [[ $tag == *"$codename"* ]] && SUITE=$codename
  done
  local arch ca_sum
  arch=$(dpkg --print-architecture)
  ca_sum=none
  [[ -f /etc/ssl/certs/ca-certificates.crt ]] && ca_sum=$(sha256sum /etc/ssl/certs/ca-certificates.crt | cut -c1-12)
  STAND_IN_KEY=node-$NODE_VERSION-$SUITE-$arch-r$STAND_IN_RECIPE-ca$ca_sum
  STAND_IN_TARBALL=$CACHE_DIR/stand-in-$STAND_IN_KEY.tar
  say "FROM $from -> stand-in $BASE_IMAGE ($STAND_IN_KEY)"
}

# The Debian mirror apt already uses (the only one reachable), for the suite's main archive.
debian_mirror() {
  local mirror
  mirror=$(
    {
      cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { print $2 }'
      cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }'
    } | grep -v -e security -e '^$' | grep -i debian | head -n 1
  ) || true
  printf '%s\n' "${mirror:-http://deb.debian.org/debian}"
}

make_stand_in_tarball() {
  if [[ -s $STAND_IN_TARBALL ]]; then
    say "stand-in rootfs cached: $STAND_IN_TARBALL"
    return
  fi
  local rootfs=$WORK_DIR/rootfs mirror
  mirror=$(debian_mirror)
  say "debootstrap --variant=minbase $SUITE from $mirror"
  if ! timeout 600 debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$WORK_DIR/debootstrap.log" 2>&1; then
    tail -n 30 "$WORK_DIR/debootstrap.log" >&2
    die "debootstrap failed"
  fi
  # What debian:*-slim leaves out too: docs, manuals, translations, apt's caches and lists.
  rm -rf "$rootfs"/usr/share/{doc,man,info,locale}/* "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/var/log/*.log "$rootfs"/var/cache/debconf/*-old

  # The official image's layout: node in /usr/local/bin, npm beside it in /usr/local/lib/node_modules.
  local node_bin npm_dir node_prefix
  node_bin=$(readlink -f "$(command -v node)")
  npm_dir=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)
  node_prefix=$(dirname "$(dirname "$node_bin")")
  install -D -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules" "$rootfs/usr/local/etc"
  cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
  rm -f "$rootfs/usr/local/lib/node_modules/npm/npmrc"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  if [[ -d $node_prefix/include/node ]]; then
    mkdir -p "$rootfs/usr/local/include"
    cp -a "$node_prefix/include/node" "$rootfs/usr/local/include/node"
  fi
  # This machine reaches the npm registry through a TLS proxy whose CA only the host's bundle holds;
  # the official image carries none and relies on Node's built-in roots.
  if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
    install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
    printf 'cafile=/etc/ssl/certs/ca-certificates.crt\n' >"$rootfs/usr/local/etc/npmrc"
  fi
  printf 'update-notifier=false\n' >>"$rootfs/usr/local/etc/npmrc"

  chroot "$rootfs" groupadd --gid 1000 node
  chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  local in_root
  in_root=$(chroot "$rootfs" /usr/local/bin/node --version)
  [[ $in_root == "v$NODE_VERSION" ]] || die "node inside the stand-in answered '$in_root', expected v$NODE_VERSION"

  mkdir -p "$CACHE_DIR"
  # Drop stand-ins made for another Node version or recipe: one tarball is ~300 MB.
  find "$CACHE_DIR" -maxdepth 1 -name 'stand-in-*.tar' ! -name "${STAND_IN_TARBALL##*/}" -delete
  tar --numeric-owner -C "$rootfs" -cf "$STAND_IN_TARBALL.partial" .
  mv "$STAND_IN_TARBALL.partial" "$STAND_IN_TARBALL"
  remove_tree "$rootfs"
  say "stand-in rootfs: $(du -h "$STAND_IN_TARBALL" | cut -f1) at $STAND_IN_TARBALL"
}

stand_in_key_in_store() {
  "${BUILDAH[@]}" inspect --type image --format "{{index .OCIv1.Config.Labels \"$STAND_IN_LABEL\"}}" "$BASE_IMAGE" 2>/dev/null || true
}

import_stand_in() {
  if [[ $(stand_in_key_in_store) == "$STAND_IN_KEY" ]]; then
    say "stand-in image already in the store: $BASE_IMAGE"
    return
  fi
  "${BUILDAH[@]}" rmi --force "$BASE_IMAGE" >/dev/null 2>&1 || true
  "${BUILDAH[@]}" from --name "$IMPORT_CONTAINER" scratch >/dev/null
  "${BUILDAH[@]}" add --quiet "$IMPORT_CONTAINER" "$STAND_IN_TARBALL" / >/dev/null
  "${BUILDAH[@]}" config \
    --os linux --arch "$(dpkg --print-architecture)" \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env NODE_VERSION="$NODE_VERSION" \
    --label "$STAND_IN_LABEL=$STAND_IN_KEY" \
    --cmd node \
    "$IMPORT_CONTAINER"
  "${BUILDAH[@]}" commit --quiet --format docker --rm "$IMPORT_CONTAINER" "$BASE_IMAGE" >/dev/null
  [[ $(stand_in_key_in_store) == "$STAND_IN_KEY" ]] || die "imported stand-in is not in the store as $BASE_IMAGE"
  say "imported $BASE_IMAGE"
}

# ---------------------------------------------------------------------------------------------------------------
# Build and start

build_image() {
  "${BUILDAH[@]}" rmi --force "$SMOKE_IMAGE" >/dev/null 2>&1 || true
  # docker format, because the OCI image format has no HEALTHCHECK and buildah would drop it.
  if ! timeout "$BUILD_TIMEOUT" "${BUILDAH[@]}" bud \
    --isolation chroot --network host --pull=never --format docker --layers=false \
    --file "$DOCKERFILE" --tag "$SMOKE_IMAGE" "$CONTEXT_DIR" 2>&1 | tee "$WORK_DIR/build.log"; then
    warn "build log tail:"
    tail -n 40 "$WORK_DIR/build.log" >&2
    die "buildah bud failed (or took over ${BUILD_TIMEOUT}s)"
  fi
}

# Prints "<status> <content-type>" on line one and the body after it; status 000 when nothing answered.
# Redirects are not followed: one to another origin (say PUBLIC_URL's default port) is a failure, not a pass.
http_get() {
  node -e '
    fetch(process.argv[1], { redirect: "manual", signal: AbortSignal.timeout(3000) }).then(
      async (r) => { const body = await r.text(); process.stdout.write(r.status + " " + (r.headers.get("content-type") || "") + "\n" + body); },
      () => process.stdout.write("000 \n"),
    );' "$1"
}

app_log_tail() {
  warn "app log tail:"
  tail -n 40 "$WORK_DIR/app.log" >&2 || true
}

# One field of the built image's Docker config, as JSON; buildah 1.28's --format has no json function.
image_config() {
  "${BUILDAH[@]}" inspect --type image "$SMOKE_IMAGE" |
    node -e '
      const image = JSON.parse(require("fs").readFileSync(0, "utf8"));
      process.stdout.write(JSON.stringify(image.Docker.config[process.argv[1]] ?? null));' "$1"
}

json_argv() {
  node -e '
    const value = JSON.parse(process.argv[1]);
    if (!Array.isArray(value)) process.exit(1);
    process.stdout.write(value.map(String).join("\0") + "\0");' "$1"
}

check_ports() {
  local port
  for port in "$PORT" "$SANDBOX_PORT"; do
    port_is_free "$port" || die "port $port is already in use (a leftover app? see: ss -ltnp 'sport = :$port'); set SMOKE_PORT / SMOKE_SANDBOX_PORT"
  done
}

port_is_free() {
  node -e '
    const server = require("net").createServer();
    server.once("error", () => process.exit(1));
    server.listen(Number(process.argv[1]), "127.0.0.1", () => server.close());' "$1"
}

start_app() {
  check_ports
  local cmd_json
  cmd_json=$(image_config Cmd)
  mapfile -d '' -t APP_CMD < <(json_argv "$cmd_json") || die "image has no CMD array: $cmd_json"
  ((${#APP_CMD[@]})) || die "image has no CMD"
  "${BUILDAH[@]}" from --pull=never --name "$APP_CONTAINER" "$SMOKE_IMAGE" >/dev/null
  # PUBLIC_URL names the origin probed below; the app redirects requests for any other host to it.
  local public_url=http://127.0.0.1:$PORT
  say "starting: ${APP_CMD[*]} (PORT=$PORT HOST=$LISTEN_HOST SANDBOX_PORT=$SANDBOX_PORT PUBLIC_URL=$public_url, no LINODE_CLIENT_ID)"
  # Its own session, so stop_app can signal buildah and everything it started as one process group.
  setsid "${BUILDAH[@]}" run --isolation chroot --network host \
    --env PORT="$PORT" --env HOST="$LISTEN_HOST" --env SANDBOX_PORT="$SANDBOX_PORT" --env PUBLIC_URL="$public_url" \
    "$APP_CONTAINER" -- "${APP_CMD[@]}" >"$WORK_DIR/app.log" 2>&1 </dev/null &
  APP_PID=$!

  local deadline=$((SECONDS + START_TIMEOUT)) status=000
  while ((SECONDS < deadline)); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      app_log_tail
      die "the app exited before /healthz answered"
    fi
    status=$(http_get "http://127.0.0.1:$PORT/healthz" | head -n 1 | cut -d' ' -f1)
    [[ $status == 200 ]] && break
    sleep 0.5
  done
  if [[ $status != 200 ]]; then
    app_log_tail
    die "GET /healthz did not answer 200 within ${START_TIMEOUT}s (last status: $status)"
  fi
  say "GET /healthz -> 200"
}

check_app() {
  local response head status type
  response=$(http_get "http://127.0.0.1:$PORT/")
  head=$(head -n 1 <<<"$response")
  status=${head%% *}
  type=${head#* }
  if [[ $status != 200 || $type != text/html* ]] || ! grep -qi '<html\|<!doctype html' <<<"$response"; then
    app_log_tail
    die "GET / answered '$head', expected 200 text/html with an HTML page"
  fi
  say "GET / -> 200 $type"

  local node_pid uid
  node_pid=$(app_node_pid) || true
  [[ -n $node_pid ]] || die "found no node process in the app's process group"
  uid=$(ps -o uid= -p "$node_pid" | tr -d ' ')
  [[ $uid != 0 ]] || die "the app runs as root (uid 0); the image must set a non-root USER"
  say "app runs as uid $uid"

  # The image's own HEALTHCHECK, run in the container as the orchestrator would.
  local health_json
  health_json=$(image_config Healthcheck)
  [[ $health_json != null ]] || die "image has no HEALTHCHECK (built in OCI format?)"
  local test_json
  test_json=$(node -e 'process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).Test ?? null))' "$health_json")
  local probe=()
  mapfile -d '' -t probe < <(json_argv "$test_json")
  case ${probe[0]} in
  CMD) probe=("${probe[@]:1}") ;;
  CMD-SHELL) probe=(/bin/sh -c "${probe[1]}") ;;
  *) die "unexpected HEALTHCHECK test: $test_json" ;;
  esac
  if ! timeout 20 "${BUILDAH[@]}" run --isolation chroot --network host --env PORT="$PORT" \
    "$APP_CONTAINER" -- "${probe[@]}" >"$WORK_DIR/healthcheck.log" 2>&1; then
    cat "$WORK_DIR/healthcheck.log" >&2
    app_log_tail
    die "the image's HEALTHCHECK command failed inside the container"
  fi
  say "image HEALTHCHECK command -> exit 0"
}

# The journey as a browser outside the container makes it: only the published origin is reachable.
check_journey() {
  local public_url=http://127.0.0.1:$PORT mode report
  for mode in plain; do
    local flags=(--json)
    if ! report=$(node "$SCRIPT_DIR/one-port-journey.js" "$public_url" "${flags[@]}" 2>"$WORK_DIR/journey-$mode.err"); then
      cat "$WORK_DIR/journey-$mode.err" >&2
      printf '%s\n' "$report" >&2
      app_log_tail
      die "the sign-in journey ($mode) did not reach a running server through $public_url alone"
    fi
    # The client refuses other origins by itself; this says so in the log, with the sandbox's port named.
    node -e '
      const report = JSON.parse(process.argv[1]);
      const origins = [...new Set(report.transcript.map((entry) => new URL(entry.url).origin))];
      const sandbox = report.transcript.filter((entry) => new URL(entry.url).port === process.argv[2]);
      if (!report.ok || origins.length !== 1 || origins[0] !== process.argv[3] || sandbox.length) process.exit(1);
      process.stdout.write(`${report.transcript.length} requests, all to ${origins[0]}, none to the sandbox port ${process.argv[2]}`);' \
      "$report" "$SANDBOX_PORT" "$public_url" >"$WORK_DIR/journey-$mode.summary" ||
      die "the sign-in journey ($mode) touched another origin: $report"
    say "journey ($mode): configure -> authorize -> consent -> callback -> running; $(cat "$WORK_DIR/journey-$mode.summary")"
  done
}

stop_and_check() {
  stop_app
  local mount_point
  mount_point=$("${BUILDAH[@]}" mount "$APP_CONTAINER")
  APP_FILES_SIZE=$(du -sh "$mount_point/app" | cut -f1)
  "${BUILDAH[@]}" umount "$APP_CONTAINER" >/dev/null
  "${BUILDAH[@]}" rm "$APP_CONTAINER" >/dev/null
  if grep -q 'subprocess exited on terminated' "$WORK_DIR/app.log"; then
    # In a container node is PID 1, and PID 1 ignores signals it has no handler for: `docker stop`
    # would wait its 10 s and SIGKILL the app, cutting requests in flight.
    warn "the app has no SIGTERM handler: SIGTERM's default action ended it. As PID 1 in a container it would ignore SIGTERM."
  elif ((APP_EXIT != 0)); then
    warn "the app exited with status $APP_EXIT after SIGTERM (0 expected from a graceful shutdown)"
  else
    say "app shut down on SIGTERM with status 0"
  fi
}

report() {
  local size base_size
  size=$("${BUILDAH[@]}" images --format '{{.Size}}' "$SMOKE_IMAGE" | head -n 1)
  base_size=$("${BUILDAH[@]}" images --format '{{.Size}}' "$BASE_IMAGE" | head -n 1)
  say "image $SMOKE_IMAGE: $size, of which the stand-in base $BASE_IMAGE is $base_size and /app is $APP_FILES_SIZE (storage driver $STORAGE_DRIVER)"
  local line
  for line in "${TIMINGS[@]}"; do say "  time: $line"; done
  say "container smoke PASSED in $(($(date +%s) - SCRIPT_START))s"
}

main() {
  check_preconditions
  # One smoke at a time: runs share the store, the container names, the image tag and the ports.
  mkdir -p /run/install-on-linode
  exec 9>/run/install-on-linode/container-smoke.lock
  if ! flock -n 9; then
    say "another container smoke is running; waiting up to 20 minutes for it"
    flock -w 1200 9 || die "another container smoke held the lock for 20 minutes"
  fi
  # Checked again just before the start; here so a busy port fails the run before a minute of building.
  check_ports
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  WORK_DIR=$(mktemp -d /tmp/container-smoke.XXXXXX)
  say "context $CONTEXT_DIR"
  phase tools install_tools
  choose_storage
  resolve_base
  phase debootstrap make_stand_in_tarball
  phase import import_stand_in
  phase build build_image
  phase start start_app
  check_app
  phase journey check_journey
  phase stop stop_and_check
  report
}

main
