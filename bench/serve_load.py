#!/usr/bin/env python3
"""Load benchmark of `muster serve` on the Malta sample while its live state changes.

Starts `muster serve` on its own copy of a Malta database (127.0.0.1, a free port), holds idle
connections open, runs a changer that makes --changes-per-s changes a second (a small closure
zone posted and lifted in turn with PATCHes of ambulances' positions and statuses), and drives
GET /route or GET /nearest with wrk (bench/serve_load.lua: seeded random points near the roads).
Prints answers/s, p50/p99 latency and errors, then checks answers sampled during the load against
a fresh computation on the state they name: `muster route` / `muster nearest` (the command line:
a process of its own, its network loaded and customized from scratch, nearest by Dijkstra) on a
pristine copy of the database with that state's team positions written into it and, when the
answer names the closure, the closure given as --hazards. With --soak it runs --soak-minutes
(10) and samples the server's resident memory from /proc every 10 s: flat means no sample after
the first minute exceeds the one-minute sample by more than 5 %.

  bench/serve_load.py --muster build/tools/muster [--db out/malta.sqlite] [--endpoint route]
      [--threads 2] [--seconds 30] [--connections 32] [--soak]

Without --db it imports samples/malta as `make demo` does. Needs wrk, sqlite3 with
mod_spatialite (libsqlite3-mod-spatialite) and Python 3; exits 1 when a check fails.
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MALTA = os.path.join(ROOT, "samples", "malta")

# Malta's main island, where the random points are drawn.
BOX = (14.35, 35.82, 14.57, 35.99)
# The closure posted and lifted: the Msida valley (about 2 by 1.5 km), whose roads join the north
# and the south of the island, so that many routes change with it and the check sees whether an
# answer was computed with it or without.
CLOSURE_ID = "bench-closure"
CLOSURE_RING = [[14.472, 35.885], [14.492, 35.885], [14.492, 35.898], [14.472, 35.898],
                [14.472, 35.885]]
CLOSURE_MARGIN = 0.003  # points this near the closure (degrees) are not drawn
MOVED_TEAMS = 8  # ambulances the changer moves
SNAP_LIMIT_M = 150  # points farther from a road are not drawn


def log(text):
    print(text, flush=True)


def closure_feature():
    return {"type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [CLOSURE_RING]},
            "properties": {"id": CLOSURE_ID, "effect": "closed", "name": "bench closure"}}


class Server:
    """`muster serve` on a database, with a writer's token."""

    def __init__(self, muster, db, workdir, threads, log_path):
        tokens = os.path.join(workdir, "tokens")
        self.token = subprocess.run(
            [muster, "token", tokens, "--user", "bench", "--role", "dispatcher"],
            check=True, capture_output=True, text=True).stdout.strip()
        self.log_file = open(log_path, "wb")
        command = [muster, "serve", db, "--port", "0", "--tokens", tokens,
                   "--idle-timeout", "3600"]
        if threads:
            command += ["--threads", str(threads)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log_file,
                                        text=True)
        line = self.process.stdout.readline()
        match = re.search(r"http://([0-9.]+):(\d+) with (\d+) threads", line)
        if not match:
            raise SystemExit("serve_load: muster serve did not start: " + line)
        self.host, self.port, self.threads = match.group(1), int(match.group(2)), match.group(3)
        self.url = "http://%s:%d" % (self.host, self.port)

    def request(self, method, path, body=None, write=False):
        headers = {"Content-Type": "application/json"}
        if write:
            headers["Authorization"] = "Bearer " + self.token
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def rss_kib(self):
        with open("/proc/%d/status" % self.process.pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def cpu_s(self):
        """CPU time the server has used so far, user and system."""
        with open("/proc/%d/stat" % self.process.pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log_file.close()


def import_malta(muster, db):
    log("importing samples/malta into " + db)
    layers = ["townships", "shelters", "depots", "teams", "hospitals", "hazards"]
    command = [muster, "import", db, "--roads", os.path.join(MALTA, "malta-latest.osm.pbf"),
               "--inventory", os.path.join(MALTA, "inventory.csv")]
    for layer in layers:
        command += ["--" + layer, os.path.join(MALTA, layer + ".geojson")]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def near_closure(lon, lat):
    return (CLOSURE_RING[0][0] - CLOSURE_MARGIN <= lon <= CLOSURE_RING[1][0] + CLOSURE_MARGIN and
            CLOSURE_RING[0][1] - CLOSURE_MARGIN <= lat <= CLOSURE_RING[2][1] + CLOSURE_MARGIN)


def draw_points(server, rng, count):
    """Seeded random points of the box that snap within SNAP_LIMIT_M to a road from which the
    route to Valletta exists (so that a route between any two of them does)."""
    points = []
    while len(points) < count:
        lon = round(rng.uniform(BOX[0], BOX[2]), 5)
        lat = round(rng.uniform(BOX[1], BOX[3]), 5)
        if near_closure(lon, lat):
            continue
        status, answer = server.request("GET", "/route?from=%s,%s&to=14.5146,35.8989" % (lon, lat))
        if status == 200 and answer["from"]["snap_distance_m"] <= SNAP_LIMIT_M:
            points.append("%s,%s" % (lon, lat))
    return points


class IdleConnections:
    """Connections opened and left idle; alive() asks each for /health at the end."""

    def __init__(self, server, count):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, count + 1024)), hard))
        self.sockets = [socket.create_connection((server.host, server.port)) for _ in range(count)]

    def alive(self):
        answered = 0
        for s in self.sockets:
            try:
                s.settimeout(10)
                s.sendall(b"GET /health HTTP/1.1\r\nHost: bench\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    answered += 1
            except OSError:
                pass
        return answered

    def close(self):
        for s in self.sockets:
            s.close()


class Changer(threading.Thread):
    """Changes the live state `rate` times a second: the closure posted or lifted, then a team
    moved, in turn. Keeps, for every state version, the PATCH that made it."""

    def __init__(self, server, rng, points, teams, rate):
        super().__init__(daemon=True)
        self.server, self.rng, self.points, self.teams, self.rate = server, rng, points, teams, rate
        self.patches = []  # (state version, team id, lon, lat, status)
        self.changes = 0
        self.failures = []
        self.closure_in_force = False
        self.stopping = threading.Event()

    def run(self):
        period = 1.0 / self.rate
        next_at = time.monotonic()
        hazard_turn = True
        while not self.stopping.is_set():
            if hazard_turn:
                self.toggle_closure()
            else:
                self.move_team()
            hazard_turn = not hazard_turn
            self.changes += 1
            next_at += period
            self.stopping.wait(max(0.0, next_at - time.monotonic()))

    def toggle_closure(self):
        if self.closure_in_force:
            status, _ = self.server.request("DELETE", "/hazards/" + CLOSURE_ID, write=True)
        else:
            status, _ = self.server.request("POST", "/hazards", closure_feature(), write=True)
        if status not in (200, 201):
            self.failures.append("hazard change answered %d" % status)
        self.closure_in_force = not self.closure_in_force

    def move_team(self):
        team = self.rng.choice(self.teams)
        lon, lat = (float(x) for x in self.rng.choice(self.points).split(","))
        status_word = "dispatched" if self.rng.random() < 0.25 else "available"
        status, answer = self.server.request(
            "PATCH", "/teams/" + team, {"status": status_word, "location": [lon, lat]}, write=True)
        if status != 200:
            self.failures.append("PATCH answered %d: %s" % (status, answer))
            return
        self.patches.append((answer["state"]["version"], team, lon, lat, status_word))

    def stop(self):
        self.stopping.set()
        self.join()


class Sampler(threading.Thread):
    """Asks `count` questions like wrk's, spread over the run, and keeps the answers."""

    def __init__(self, server, rng, points, endpoint, count, seconds):
        super().__init__(daemon=True)
        self.server, self.rng, self.points = server, rng, points
        self.endpoint, self.count, self.seconds = endpoint, count, seconds
        self.samples = []  # (query, answer)

    def run(self):
        for _ in range(self.count):
            time.sleep(self.seconds / (self.count + 1))
            if self.endpoint == "route":
                query = {"from": self.rng.choice(self.points), "to": self.rng.choice(self.points)}
                path = "/route?from=%s&to=%s" % (query["from"], query["to"])
            else:
                query = {"at": self.rng.choice(self.points)}
                path = "/nearest?at=%s&kind=ambulance&k=3" % query["at"]
            status, answer = self.server.request("GET", path)
            self.samples.append((query, status, answer))


def run_wrk(server, endpoint, points_file, seconds, connections, wrk_threads, seed):
    command = ["wrk", "-t", str(wrk_threads), "-c", str(connections), "-d", "%ds" % seconds,
               "--latency", "--timeout", "10s", "-s", os.path.join(HERE, "serve_load.lua"),
               server.url, "--", points_file, endpoint, str(seed)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("wrk-result"))
    return {k: float(v) for k, v in (pair.split("=") for pair in line.split()[1:])}


def sql_text(text):
    return "'" + text.replace("'", "''") + "'"


def team_state_db(pristine, workdir, patches, version):
    """A copy of the pristine database with every team as the PATCHes up to `version` left it."""
    db = os.path.join(workdir, "check.sqlite")
    shutil.copyfile(pristine, db)
    last = {}
    for v, team, lon, lat, status in patches:
        if v <= version:
            last[team] = (lon, lat, status)
    statements = [".load mod_spatialite"]
    for team, (lon, lat, status) in last.items():
        statements.append("UPDATE team SET status = %s, geom = MakePoint(%r, %r, 4326) "
                          "WHERE id = %s;" % (sql_text(status), lon, lat, sql_text(team)))
    subprocess.run(["sqlite3", db], input="\n".join(statements), check=True, text=True,
                   capture_output=True)
    return db


def fresh_answer(muster, db, endpoint, query, closure_file, closure_in_force):
    command = [muster, endpoint, db, "--format", "json"]
    if endpoint == "route":
        command += ["--from", query["from"], "--to", query["to"]]
    else:
        command += ["--at", query["at"], "--kind", "ambulance", "-k", "3"]
    if closure_in_force:
        command += ["--hazards", closure_file]
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip()}
    return json.loads(out.stdout)


def figures(endpoint, answer):
    """What must agree: the route's time and length; the nearest teams, in order, with theirs."""
    if endpoint == "route":
        return (answer.get("duration_s"), answer.get("distance_m"))
    return [(r["id"], r["duration_s"], r["distance_m"]) for r in answer.get("results", [])]


def check_samples(args, workdir, pristine, closure_file, endpoint, samples, patches):
    passed = 0
    for query, status, answer in samples:
        if status != 200:
            log("  check: %s answered %d: %s" % (query, status, answer))
            continue
        closed = CLOSURE_ID in answer["hazards"]["ids"]
        version = answer["state"]["version"]
        db = team_state_db(pristine, workdir, patches, version) if endpoint == "nearest" else pristine
        fresh = fresh_answer(args.muster, db, endpoint, query, closure_file, closed)
        same = figures(endpoint, answer) == figures(endpoint, fresh)
        passed += same
        if not same:
            log("  check FAILED %s (hazards %s, state %d): served %s, fresh %s" % (
                query, answer["hazards"]["version"], version, figures(endpoint, answer),
                figures(endpoint, fresh)))
    return passed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--muster", default=os.path.join(ROOT, "build", "tools", "muster"))
    parser.add_argument("--db", help="a Malta resource database (copied); default: import one")
    parser.add_argument("--endpoint", choices=["route", "nearest", "both"], default="both")
    parser.add_argument("--threads", type=int, default=0, help="serve's --threads")
    parser.add_argument("--seconds", type=int, default=30, help="each wrk run")
    parser.add_argument("--connections", type=int, default=32, help="wrk's connections")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--changes-per-s", type=float, default=10, help="0: no changes")
    parser.add_argument("--idle", type=int, default=1000, help="idle connections held")
    parser.add_argument("--samples", type=int, default=20, help="answers checked per endpoint")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--soak", action="store_true", help="one long /route run, RSS sampled")
    parser.add_argument("--soak-minutes", type=float, default=10)
    parser.add_argument("--log", default=os.devnull, help="serve's request log (stderr)")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    args = parser.parse_args()
    args.muster = os.path.abspath(args.muster)

    workdir = tempfile.mkdtemp(prefix="muster-serve-load-")
    pristine = os.path.join(workdir, "pristine.sqlite")
    if args.db:
        shutil.copyfile(args.db, pristine)
    else:
        import_malta(args.muster, pristine)
    served = os.path.join(workdir, "served.sqlite")
    shutil.copyfile(pristine, served)
    closure_file = os.path.join(workdir, "closure.geojson")
    with open(closure_file, "w") as f:
        json.dump({"type": "FeatureCollection", "features": [closure_feature()]}, f)

    server = Server(args.muster, served, workdir, args.threads, args.log)
    failed = False
    try:
        rng = random.Random(args.seed)
        points = draw_points(server, rng, 200)
        points_file = os.path.join(workdir, "points.txt")
        with open(points_file, "w") as f:
            f.write("\n".join(points) + "\n")
        _, teams = server.request("GET", "/teams")
        teams_list = teams["teams"] if isinstance(teams, dict) else teams
        ambulances = [t["id"] for t in teams_list if t["kind"] == "ambulance"][:MOVED_TEAMS]
        idle = IdleConnections(server, args.idle)
        changer = Changer(server, rng, points, ambulances, args.changes_per_s)
        if args.changes_per_s > 0:
            changer.start()
        log("muster serve: %s threads; %d idle connections; %g changes/s; wrk -t%d -c%d" % (
            server.threads, args.idle, args.changes_per_s, args.wrk_threads, args.connections))

        endpoints = ["route", "nearest"] if args.endpoint == "both" else [args.endpoint]
        seconds = int(args.soak_minutes * 60) if args.soak else args.seconds
        if args.soak:
            endpoints = [args.endpoint if args.endpoint != "both" else "route"]
        results = {}
        for endpoint in endpoints:
            sampler = Sampler(server, random.Random(args.seed + 7), points, endpoint,
                              args.samples, seconds)
            sampler.start()
            rss = []
            if args.soak:
                stop_rss = threading.Event()

                def sample_rss():
                    start = time.monotonic()
                    while not stop_rss.wait(10):
                        rss.append((round(time.monotonic() - start), server.rss_kib()))
                rss_thread = threading.Thread(target=sample_rss, daemon=True)
                rss_thread.start()
            cpu_before = server.cpu_s()
            figures_ = run_wrk(server, endpoint, points_file, seconds, args.connections,
                               args.wrk_threads, args.seed)
            figures_["cpu_s"] = server.cpu_s() - cpu_before
            if args.soak:
                stop_rss.set()
                rss_thread.join()
            sampler.join()
            results[endpoint] = (figures_, sampler.samples, rss)
        if args.changes_per_s > 0:
            changer.stop()
        alive = idle.alive()
        idle.close()
    finally:
        server.stop()

    log("changes made: %d (%d PATCHes), failed: %d%s" % (
        changer.changes, len(changer.patches), len(changer.failures),
        (" (" + changer.failures[0] + ")") if changer.failures else ""))
    log("idle connections still answering at the end: %d of %d" % (alive, args.idle))
    failed |= alive != args.idle or bool(changer.failures)
    for endpoint, (f, samples, rss) in results.items():
        errors = int(f["non2xx"] + f["connect"] + f["read"] + f["write"] + f["timeout"])
        log("/%s: %.0f answers/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms, "
            "%d answers, %d errors (non-2xx %d, socket %d, timeout %d)" % (
                endpoint, f["rate"], f["p50_ms"], f["p90_ms"], f["p99_ms"], f["max_ms"],
                f["requests"], errors, f["non2xx"], f["connect"] + f["read"] + f["write"],
                f["timeout"]))
        # Figures that hold when other processes share the CPU: the server's CPU time per answer.
        log("/%s: server CPU %.2f s of %.0f s, %.0f us per answer" % (
            endpoint, f["cpu_s"], f["seconds"], 1e6 * f["cpu_s"] / max(1, f["requests"])))
        passed = check_samples(args, workdir, pristine, closure_file, endpoint, samples,
                               changer.patches)
        closed = sum(CLOSURE_ID in a["hazards"]["ids"] for _, s, a in samples if s == 200)
        versions = sorted({a["state"]["version"] for _, s, a in samples if s == 200})
        log("/%s: %d of %d sampled answers match a fresh computation (%d under the closure; "
            "state versions %s..%s)" % (endpoint, passed, len(samples), closed,
                                        versions[0] if versions else "-",
                                        versions[-1] if versions else "-"))
        failed |= errors > 0 or passed != len(samples)
        if rss:
            base = next((kib for t, kib in rss if t >= 60), rss[0][1])
            peak = max(kib for t, kib in rss if t >= 60) if rss[-1][0] >= 60 else base
            log("RSS (KiB) every 10 s: " + " ".join(str(kib) for _, kib in rss))
            growth = 100.0 * (peak - base) / base
            log("RSS after 1 min %d KiB, highest later %d KiB (%+.1f %%), last %d KiB: %s" % (
                base, peak, growth, rss[-1][1], "flat" if growth <= 5 else "NOT flat"))
            failed |= growth > 5
    if args.keep:
        log("working directory: " + workdir)
    else:
        shutil.rmtree(workdir)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
