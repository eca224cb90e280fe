#pragma once
// One round of the crash check of `muster serve` (bench/serve_crash.cpp runs 20,
// tests/tools/server/test_serve_crash.cpp 5): start the server on a database, send PATCH
// /teams/{id} from a client as fast as it answers, kill the server with SIGKILL at a moment the
// caller draws, and check the database as the server left it, read through SQLite's C API as
// another program would:
//   - PRAGMA integrity_check says ok;
//   - the event log is seq 1..N without a hole;
//   - every change answered 2xx is there, at the seq its answer named (its "state" version), with
//     the team, status and location it set;
//   - each team's row is what the last event about it says (status, and the position time the
//     change sent);
// and, restarted on the same database, the server's state version is N.
//
// Each change is made recognisable: change k sets the location (k × 1e-6, 0) and the position
// time 2026-12-04T00:00:00Z + k ms. Plain C++ with no test framework, so that the benchmark and
// the test share it; a failed check is a line in CrashRound::violations.

#include <httplib.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/serve_process.hpp"

namespace muster::crash {

using test::ServeLog;
using test::ServeProcess;

using Clock = std::chrono::steady_clock;

inline const std::vector<std::string> kTeams{"amb-west", "amb-north", "amb-east", "amb-flood"};
inline const std::vector<std::string> kStatuses{"dispatched", "on_scene", "available"};

/// The position time change k sends: 2026-12-04T00:00:00Z + k ms.
inline std::string position_time(long k) {
    char text[40];
    std::snprintf(text, sizeof text, "2026-12-04T%02ld:%02ld:%02ld.%03ldZ", k / 3'600'000 % 24,
                  k / 60'000 % 60, k / 1000 % 60, k % 1000);
    return text;
}

/// One change answered 2xx: what it set and the seq its answer named.
struct Acknowledged {
    long k = 0;
    std::string team, status;
    std::int64_t seq = 0;
};

struct CrashRound {
    long sent = 0;                        ///< changes sent (the last may have had no answer)
    std::vector<Acknowledged> answered;   ///< changes answered 2xx
    std::int64_t events = 0;              ///< the log's last seq after the kill
    double killed_after_ms = 0;           ///< from the first change sent to the kill
    double restart_ms = 0;                ///< from the restart to the server listening
    std::vector<std::string> violations;  ///< the checks that failed, empty if none
};

/// The first column of each row of `sql` on `db`, through SQLite's C API.
inline std::vector<std::string> sql_rows(const std::string& db, const std::string& sql) {
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(raw);
        throw std::runtime_error(db + ": cannot open");
    }
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> handle(raw, sqlite3_close);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(raw));
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> owned(statement, sqlite3_finalize);
    std::vector<std::string> rows;
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(statement, 0);
        rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
    }
    if (rc != SQLITE_DONE)
        throw std::runtime_error(sql + ": " + sqlite3_errmsg(raw));
    return rows;
}

/// Runs one round on `db` (the server is started on it, with `args`, which must give the tokens
/// file of a dispatcher whose token is `token`), killing it `kill_after` after the first change.
/// `next_k` numbers the changes across rounds. The server is left stopped.
inline CrashRound run_crash_round(const std::string& muster, const std::string& db,
                                  const std::string& log, const std::vector<std::string>& args,
                                  const std::string& token, std::chrono::milliseconds kill_after,
                                  long& next_k) {
    CrashRound round;
    const auto fail = [&round](std::string what) { round.violations.push_back(std::move(what)); };
    {
        ServeProcess server(muster, db, log, args, ServeLog::append);
        std::atomic<bool> started{false};
        std::vector<Acknowledged> answered;
        long sent = 0;
        std::thread client([&] {
            httplib::Client http("127.0.0.1", server.port());
            http.set_keep_alive(true);
            http.set_tcp_nodelay(true);
            const httplib::Headers headers{{"Authorization", "Bearer " + token}};
            for (;;) {
                const long k = next_k++;
                Acknowledged change{k, kTeams[static_cast<std::size_t>(k) % kTeams.size()],
                                    kStatuses[static_cast<std::size_t>(k / 4) % kStatuses.size()],
                                    0};
                const nlohmann::json body{{"status", change.status},
                                          {"location", {static_cast<double>(k) * 1e-6, 0.0}},
                                          {"time", position_time(k)}};
                ++sent;
                started = true;
                const auto result = http.Patch(("/teams/" + change.team).c_str(), headers,
                                               body.dump(), "application/json");
                if (!result)
                    return;  // the server is gone
                if (result->status / 100 != 2)
                    continue;
                const auto answer = nlohmann::json::parse(result->body, nullptr, false);
                change.seq = answer.is_discarded()
                                 ? -1
                                 : answer.value(nlohmann::json::json_pointer("/state/version"),
                                                std::int64_t{-1});
                answered.push_back(change);
            }
        });
        while (!started)
            std::this_thread::yield();
        const auto first = Clock::now();
        std::this_thread::sleep_for(kill_after);
        server.kill_now();
        round.killed_after_ms =
            std::chrono::duration<double, std::milli>(Clock::now() - first).count();
        client.join();
        round.sent = sent;
        round.answered = std::move(answered);
    }

    // The database as the killed server left it.
    const auto integrity = sql_rows(db, "PRAGMA integrity_check");
    if (integrity != std::vector<std::string>{"ok"})
        fail("integrity_check: " + (integrity.empty() ? std::string("nothing") : integrity[0]));
    std::map<std::int64_t, nlohmann::json> events;  // seq -> {target, after}
    for (const std::string& row :
         sql_rows(db,
                  "SELECT json_object('seq', seq, 'target', target, 'after', json(after)) FROM "
                  "event ORDER BY seq")) {
        const auto event = nlohmann::json::parse(row);
        events[event.at("seq").get<std::int64_t>()] = event;
    }
    round.events = events.empty() ? 0 : events.rbegin()->first;
    if (static_cast<std::int64_t>(events.size()) != round.events)
        fail("the event log has holes: " + std::to_string(events.size()) + " events up to seq " +
             std::to_string(round.events));
    for (const Acknowledged& change : round.answered) {
        const std::string which = "change " + std::to_string(change.k) + " (seq " +
                                  std::to_string(change.seq) + ", " + change.team + ")";
        const auto found = events.find(change.seq);
        if (found == events.end()) {
            fail(which + ": answered 2xx but not in the event log");
            continue;
        }
        const auto& event = found->second;
        const auto& after = event.at("after");
        if (event.at("target") != change.team || after.value("status", "") != change.status ||
            std::abs(after.at("location")[0].get<double>() - static_cast<double>(change.k) * 1e-6) >
                1e-10)
            fail(which + ": the log has " + event.dump());
    }
    // Each team's row is its last event's after (the change that made it, by its location).
    for (const std::string& team : kTeams) {
        const auto last = std::find_if(events.rbegin(), events.rend(), [&](const auto& entry) {
            return entry.second.at("target") == team;
        });
        if (last == events.rend())
            continue;
        const auto& after = last->second.at("after");
        const long k = std::lround(after.at("location")[0].get<double>() / 1e-6);
        const auto row = sql_rows(
            db, "SELECT status || '|' || position_time FROM team WHERE id = '" + team + "'");
        const std::string expected = after.value("status", "") + "|" + position_time(k);
        if (row != std::vector<std::string>{expected})
            fail(team + ": the row is " + (row.empty() ? "missing" : row[0]) + ", its last event " +
                 expected);
    }

    // Restarted, the server resumes at the last event's version.
    const auto restart = Clock::now();
    ServeProcess server(muster, db, log, args, ServeLog::append);
    round.restart_ms = std::chrono::duration<double, std::milli>(Clock::now() - restart).count();
    httplib::Client http("127.0.0.1", server.port());
    const auto teams = http.Get("/teams");
    const auto answer =
        teams ? nlohmann::json::parse(teams->body, nullptr, false) : nlohmann::json();
    const std::int64_t version =
        answer.is_object()
            ? answer.value(nlohmann::json::json_pointer("/state/version"), std::int64_t{-1})
            : -1;
    if (version != round.events)
        fail("restarted at version " + std::to_string(version) + ", the log's last seq is " +
             std::to_string(round.events));
    server.kill_now();
    return round;
}

}  // namespace muster::crash
