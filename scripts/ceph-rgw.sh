#!/usr/bin/env bash
# A throwaway single-host Ceph cluster with the RADOS Gateway, for running the S3 tests (blob store contract, the
# archive's Object Lock) against a real S3 implementation with Object Lock. Debian bookworm's Ceph 16 (Pacific),
# no systemd, no cephadm, no containers: one monitor, one OSD on memstore (data lives in the OSD's memory, nothing
# is written to a disk image), one radosgw with the beast frontend on 127.0.0.1. Run as root.
#
#   scripts/ceph-rgw.sh start   # installs the packages when missing, starts everything (no-op when running)
#   scripts/ceph-rgw.sh env     # prints S3_ENDPOINT=… S3_BUCKET=… S3_ACCESS_KEY=… S3_SECRET_KEY=… lines
#   scripts/ceph-rgw.sh stop    # stops the daemons and removes the directory
#
# Settings (environment): CEPH_RGW_DIR (default /tmp/kartoteka-ceph-rgw), CEPH_RGW_PORT (7480), CEPH_MON_PORT (6789),
# CEPH_RGW_BUCKET (kartoteka-ci). The cluster runs without authentication (auth none, loopback only); the S3 user's
# keys are random, made at each start, and kept only in the directory.
set -euo pipefail

dir="${CEPH_RGW_DIR:-/tmp/kartoteka-ceph-rgw}"
rgw_port="${CEPH_RGW_PORT:-7480}"
mon_port="${CEPH_MON_PORT:-6789}"
bucket="${CEPH_RGW_BUCKET:-kartoteka-ci}"
conf="$dir/ceph.conf"
# No ceph-mgr: RGW and the monitor work without one (only status reports and mgr modules need it).
packages=(ceph-mon ceph-osd radosgw ceph-common curl)

log() { printf 'ceph-rgw: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

pids() {
  local f
  for f in "$dir"/run/*.pid; do [ -f "$f" ] && cat "$f"; done
  return 0
}

running() {
  [ -f "$dir/s3.env" ] || return 1
  local p
  for p in $(pids); do kill -0 "$p" 2>/dev/null || return 1; done
  curl -fsS -o /dev/null "http://127.0.0.1:${rgw_port}/" 2>/dev/null
}

stop() {
  local p all alive
  all=$(pids)
  # Killed outright: everything is thrown away (a clean OSD shutdown would first save memstore to disk, ≈ 7 s).
  for p in $all; do kill -9 "$p" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=0
    for p in $all; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  rm -rf "$dir"
}

install_packages() {
  local missing=() p
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || log "apt-get update failed; trying with the cached lists"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

wait_for() {
  local what="$1" tries="$2"
  shift 2
  for _ in $(seq 1 "$tries"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  die "$what did not come up; logs in $dir/log"
}

osd_up() { ceph -c "$conf" osd dump 2>/dev/null | grep -q '^osd.0 up'; }

start() {
  [ "$(id -u)" = 0 ] || die "run as root (the daemons are started as root, without systemd)"
  if running; then log "already running ($dir)"; return 0; fi
  stop
  install_packages
  mkdir -p "$dir"/{run,log,mon,osd/ceph-0}
  local fsid
  fsid=$(cat /proc/sys/kernel/random/uuid)
  cat >"$conf" <<EOF
[global]
fsid = $fsid
mon_host = [v1:127.0.0.1:${mon_port}]
ms_bind_msgr2 = false
ms_bind_ipv6 = false
public_network = 127.0.0.0/8
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
mon_warn_on_insecure_global_id_reclaim_allowed = false
# a throwaway monitor on a shared disk: never stop for the disk's free space
mon_data_avail_warn = 2
mon_data_avail_crit = 1
run_dir = $dir/run
pid_file = $dir/run/\$name.pid
admin_socket = $dir/run/\$name.asok
log_file = $dir/log/\$name.log
log_to_stderr = false
err_to_stderr = true
keyring = $dir/keyring
mon_data = $dir/mon/\$cluster-\$id
osd_data = $dir/osd/\$cluster-\$id
# one OSD: one copy, placement across OSDs rather than hosts, few placement groups, no autoscaler
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
osd_crush_chooseleaf_type = 0
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_max_pg_per_osd = 1000
# memory: the OSD keeps objects in memory (memstore); everything else small
osd_objectstore = memstore
memstore_device_bytes = 2147483648
osd_memory_target = 536870912
osd_op_num_shards = 1
osd_op_num_threads_per_shard = 2
mon_osd_min_down_reporters = 1
# The OSD's own crush commands at start race its monitor client (they can go out before it knows the cluster's fsid,
# and the refusal stops the OSD): the script places the OSD itself.
osd_crush_update_on_start = false
osd_class_update_on_start = false

[client.rgw.ci]
rgw_frontends = beast endpoint=127.0.0.1:${rgw_port}
rgw_thread_pool_size = 32
rgw_data = $dir/rgw
rgw_enable_usage_log = false
rgw_enable_gc_threads = false
rgw_enable_lc_threads = false
EOF
  : >"$dir/keyring"

  local t0=$SECONDS
  monmaptool --create --fsid "$fsid" --addv a "[v1:127.0.0.1:${mon_port}]" "$dir/monmap" >/dev/null
  ceph-mon -c "$conf" -i a --mkfs --monmap "$dir/monmap" 2>>"$dir/log/setup.log"
  ceph-mon -c "$conf" -i a 2>>"$dir/log/setup.log"
  wait_for "the monitor" 60 ceph -c "$conf" --connect-timeout 5 mon stat
  log "monitor up (+$((SECONDS - t0))s)"

  local uuid id
  uuid=$(cat /proc/sys/kernel/random/uuid)
  # The monitor answers before it takes writes (a fresh one elects itself first): retried.
  for _ in $(seq 1 60); do
    id=$(ceph -c "$conf" --connect-timeout 5 osd new "$uuid" 2>>"$dir/log/setup.log") && break
    sleep 0.5
  done
  [ "${id:-}" = 0 ] || die "could not add the OSD (id '${id:-}'); logs in $dir/log"
  ceph -c "$conf" osd crush add osd.0 1.0 host=localhost root=default 2>>"$dir/log/setup.log" >/dev/null
  ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$uuid" 2>>"$dir/log/setup.log"
  ceph-osd -c "$conf" -i 0 2>>"$dir/log/setup.log"
  wait_for "the OSD" 120 osd_up
  log "OSD up (+$((SECONDS - t0))s)"

  mkdir -p "$dir/rgw"
  radosgw -c "$conf" -n client.rgw.ci 2>>"$dir/log/setup.log"
  wait_for "radosgw" 240 curl -fsS -o /dev/null "http://127.0.0.1:${rgw_port}/"
  log "radosgw up (+$((SECONDS - t0))s)"

  local user access secret
  access=$(head -c 15 /dev/urandom | base32 | tr -d '=' | head -c 20)
  secret=$(head -c 30 /dev/urandom | base64 | tr -d '=+/' | head -c 40)
  user=$(radosgw-admin -c "$conf" user create --uid=kartoteka-ci --display-name="Kartoteka CI" \
    --access-key="$access" --secret-key="$secret" 2>>"$dir/log/setup.log") || die "radosgw-admin user create failed"
  grep -q "\"$access\"" <<<"$user" || die "the S3 user was not created with the generated key"
  umask 077
  cat >"$dir/s3.env" <<EOF
S3_ENDPOINT=http://127.0.0.1:${rgw_port}
S3_BUCKET=${bucket}
S3_ACCESS_KEY=${access}
S3_SECRET_KEY=${secret}
S3_REGION=us-east-1
EOF
  log "ready in $((SECONDS - t0))s: $(head -1 "$dir/s3.env")"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env)
    [ -f "$dir/s3.env" ] || die "not running: scripts/ceph-rgw.sh start"
    cat "$dir/s3.env"
    ;;
  *) die "usage: $0 start | stop | env" ;;
esac
