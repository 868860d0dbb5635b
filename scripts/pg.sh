#!/usr/bin/env bash
# Throwaway local PostgreSQL for tests, benchmarks and development.
#
#   scripts/pg.sh start [--durable]   start (installing PostgreSQL if needed), print the url
#   scripts/pg.sh url                 print the Npgsql connection string
#   scripts/pg.sh status              say whether it is running (exit 0 running, 3 not)
#   scripts/pg.sh stop                stop it and delete all of its state
#
# State lives in ${KINERJAFLOW_PG_DIR:-${TMPDIR:-/tmp}/kinerjaflow-pg}: the data
# directory, the Unix socket directory, the server log and the chosen port.
#
# Deliberately independent of Debian's cluster management (pg_ctlcluster): a
# private cluster on its own port, socket and directory can never disturb, or be
# disturbed by, a system PostgreSQL on 5432, and several can run side by side.
#
# stdout carries only the connection string so callers can capture it with
# $(...); every progress message goes to stderr.
set -Eeuo pipefail

DIR=${KINERJAFLOW_PG_DIR:-${TMPDIR:-/tmp}/kinerjaflow-pg}
DATA=$DIR/data
SOCK=$DIR/sock
LOG=$DIR/postgres.log
PORT_FILE=$DIR/port
MODE_FILE=$DIR/mode
# Marks a directory as ours, so that 'stop' (which deletes the state dir) can
# never wipe an unrelated directory that KINERJAFLOW_PG_DIR pointed at by mistake.
MARKER=$DIR/.kinerjaflow-pg
FIRST_PORT=55432
PORT_ATTEMPTS=50
SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { echo "pg.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
    sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# Highest installed major version wins, so a machine upgraded from 15 to 16
# that still has both installed uses the newer server.
find_bindir() {
    local dir best=
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x $dir/postgres && -x $dir/initdb && -x $dir/pg_ctl ]] || continue
        if [[ -z $best ]] || [[ $(printf '%s\n%s\n' "$best" "$dir" | sort -V | tail -n1) == "$dir" ]]; then
            best=$dir
        fi
    done
    [[ -n $best ]] && echo "$best"
}

ensure_bindir() {
    BINDIR=$(find_bindir) && return 0
    log "no PostgreSQL server found under /usr/lib/postgresql; installing Debian package 'postgresql'"
    # The package may start Debian's default cluster on 5432; that one is left
    # alone, we never connect to it.
    "$SCRIPTS/apt-install.sh" postgresql
    BINDIR=$(find_bindir) || die "PostgreSQL installed but no server binaries found under /usr/lib/postgresql/*/bin"
}

# PostgreSQL refuses to run as root, so as root the server and its tools run as
# the 'postgres' system user (created by the Debian package), which owns the
# state dir. A normal developer simply runs them as themselves.
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        # cd first: the caller's cwd (e.g. /root) may be unreadable for postgres.
        (cd "$DIR" && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

is_running() {
    [[ -f $DATA/PG_VERSION ]] || return 1
    BINDIR=${BINDIR:-$(find_bindir)} || return 1
    as_pg "$BINDIR/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

url() {
    echo "Host=127.0.0.1;Port=$(<"$PORT_FILE");Username=postgres;Password=postgres;Database=postgres"
}

# bash's /dev/tcp keeps us free of python/ss/netstat: a refused connect means
# nobody listens there. 'timeout' guards against a connect that would hang.
port_in_use() {
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

next_free_port() {
    local port=$1
    while port_in_use "$port"; do
        ((port++))
        ((port < 65536)) || die "no free TCP port found on 127.0.0.1"
    done
    echo "$port"
}

# Refuses to adopt (and later delete) a directory that is not ours.
check_dir_is_ours() {
    if [[ -d $DIR && ! -e $MARKER ]] && [[ -n $(ls -A "$DIR") ]]; then
        die "$DIR exists, is not empty and was not created by pg.sh; refusing to use it (set KINERJAFLOW_PG_DIR)"
    fi
}

prepare_dir() {
    check_dir_is_ours
    # Anything left in here belongs to a cluster that is no longer running
    # (reboot, crash); with fsync=off its data cannot be trusted, so start over.
    rm -rf "$DIR"
    mkdir -p "$DATA" "$SOCK"
    touch "$MARKER"
    chmod 700 "$DIR"
    if [[ $EUID -eq 0 ]]; then
        getent passwd postgres >/dev/null || die "running as root but there is no 'postgres' user to run the server as"
        chown -R postgres: "$DIR"
        runuser -u postgres -- test -w "$DIR" ||
            die "user 'postgres' cannot reach $DIR; a parent directory is not traversable (chmod o+x it or set KINERJAFLOW_PG_DIR elsewhere)"
    fi
}

init_cluster() {
    local locale
    # C.UTF-8 gives UTF-8 text with byte-order collation on every glibc; plain C
    # is the fallback for systems that lack that locale.
    for locale in C.UTF-8 C; do
        if as_pg "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale="$locale" \
            >"$DIR/initdb.log" 2>&1; then
            return 0
        fi
        log "initdb with --locale=$locale failed"
        as_pg rm -rf "$DATA"
        as_pg mkdir -p "$DATA"
    done
    cat "$DIR/initdb.log" >&2
    die "initdb failed"
}

# Starts the server on the first free port from $1. Returns 0 on success, 1 on
# a real failure, 2 when the port was taken between probing and binding (another
# process raced us), in which case the caller tries the next port.
start_server() {
    local port=$1 durable=$2 opts
    # Single quotes: pg_ctl hands -o to /bin/sh, and the socket path may contain spaces.
    opts="-c listen_addresses=127.0.0.1 -p $port -k '$SOCK' -c max_connections=300 -c shared_buffers=256MB"
    if [[ $durable != yes ]]; then
        # Tests recreate their data on every run, so crash safety buys nothing
        # and costs a lot of time; benchmarks pass --durable to measure real commits.
        opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_pg truncate -s 0 "$LOG" 2>/dev/null || true
    if as_pg "$BINDIR/pg_ctl" start -w -t 60 -D "$DATA" -l "$LOG" -o "$opts" >&2; then
        return 0
    fi
    if grep -qE 'could not (bind|create listen socket)|Address already in use' "$LOG" 2>/dev/null; then
        return 2
    fi
    return 1
}

cmd_start() {
    local durable=no arg
    for arg in "$@"; do
        case $arg in
            --durable) durable=yes ;;
            *) usage ;;
        esac
    done

    check_dir_is_ours
    ensure_bindir
    if is_running && [[ -f $PORT_FILE ]]; then
        local mode
        mode=$(cat "$MODE_FILE" 2>/dev/null || echo unknown)
        log "already running from $DIR (mode: $mode)"
        if [[ $durable == yes && $mode != durable ]] || [[ $durable == no && $mode == durable ]]; then
            log "warning: requested mode differs from the running cluster; run 'pg.sh stop' first to change it"
        fi
        url
        return 0
    fi

    log "using $BINDIR, state in $DIR"
    prepare_dir
    init_cluster

    local port=$FIRST_PORT attempt rc
    for ((attempt = 1; attempt <= PORT_ATTEMPTS; attempt++)); do
        port=$(next_free_port "$port")
        rc=0
        start_server "$port" "$durable" || rc=$?
        if ((rc == 0)); then
            echo "$port" >"$PORT_FILE"
            if [[ $durable == yes ]]; then echo durable; else echo fast; fi >"$MODE_FILE"
            log "running on 127.0.0.1:$port ($(<"$MODE_FILE"))"
            url
            return 0
        fi
        ((rc == 2)) || break
        log "port $port was taken meanwhile, trying the next one"
        ((port++))
    done

    log "PostgreSQL failed to start; last lines of $LOG:"
    tail -n 30 "$LOG" >&2 2>/dev/null || true
    exit 1
}

cmd_stop() {
    [[ -d $DIR ]] || { log "not running"; return 0; }
    check_dir_is_ours
    if is_running; then
        as_pg "$BINDIR/pg_ctl" stop -w -m fast -D "$DATA" >&2 || log "warning: pg_ctl stop failed"
    fi
    rm -rf "$DIR"
    log "stopped, removed $DIR"
}

cmd_url() {
    if is_running && [[ -f $PORT_FILE ]]; then
        url
    else
        log "not running (start it with: $0 start)"
        exit 1
    fi
}

cmd_status() {
    if is_running && [[ -f $PORT_FILE ]]; then
        echo "running on 127.0.0.1:$(<"$PORT_FILE") ($(cat "$MODE_FILE" 2>/dev/null || echo unknown)), state in $DIR"
    else
        echo "not running"
        exit 3
    fi
}

[[ $# -ge 1 ]] || usage
command=$1
shift
case $command in
    start) cmd_start "$@" ;;
    stop) [[ $# -eq 0 ]] || usage; cmd_stop ;;
    url) [[ $# -eq 0 ]] || usage; cmd_url ;;
    status) [[ $# -eq 0 ]] || usage; cmd_status ;;
    *) usage ;;
esac
