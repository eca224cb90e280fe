// The PostgreSQL store (geodata/detail/sql.hpp): a database with PostGIS, through libpq.
// Statements keep their `?` and `?N` placeholders in muster's SQL and become `$N` here; values
// go as text (bytes as binary) and come back as text, each column read as its type's text.

#include <libpq-fe.h>

#include <poll.h>

#include <charconv>
#include <cstdlib>
#include <vector>

#include "engine/errors.hpp"
#include "geodata/detail/sql.hpp"

namespace muster::detail {
namespace {

// pg_type.oid of the types read as other than text (PostgreSQL's catalog/pg_type.dat).
constexpr Oid kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700,
              kFloat8Oid = 701, kNumericOid = 1700;

// The advisory lock a writer holds for its transaction, and the channel its commits are told on
// (ResourceDb::append_event).
constexpr std::int64_t kWriterLock = 0x6d75737465720001;  // "muster", writer
constexpr const char* kChannel = "muster_events";

// `target` as libpq takes it: GDAL's "PG:" form loses its prefix, a URI stays as it is.
std::string conninfo_of(const std::string& target) {
    return target.starts_with("PG:") ? target.substr(3) : target;
}

// The target as messages name it: its database, host, port and user, never its password.
std::string display_name(const std::string& target) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo_of(target).c_str(), &error);
    if (!options) {
        PQfreemem(error);
        return "PG:(unreadable connection string)";
    }
    std::string name = "PG:";
    for (const std::string keyword : {"dbname", "host", "port", "user"}) {
        for (const PQconninfoOption* o = options; o->keyword; ++o) {
            if (o->keyword == keyword && o->val && *o->val)
                name += (name.size() > 3 ? " " : "") + keyword + "=" + o->val;
        }
    }
    PQconninfoFree(options);
    return name;
}

// `sql` with `?N` as `$N` and each bare `?` as the next number, quoted text left alone; the
// highest number into `count`.
std::string numbered_placeholders(const std::string& sql, int& count) {
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 0;
    count = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            quote = c == quote ? 0 : quote;
            out += c;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            out += c;
            continue;
        }
        if (c != '?') {
            out += c;
            continue;
        }
        std::size_t end = i + 1;
        while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9')
            ++end;
        int number = ++next;
        if (end > i + 1)
            std::from_chars(sql.data() + i + 1, sql.data() + end, number);
        count = std::max(count, number);
        out += "$" + std::to_string(number);
        i = end - 1;
    }
    return out;
}

// libpq's message without the line end it comes with.
std::string trimmed(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return message;
}

// The error for a failed command, by its SQLSTATE: WriteError when the database cannot be
// written (full, read-only, no privilege), else DataError.
[[noreturn]] void throw_failure(const PGresult* result, const PGconn* conn, const std::string& name,
                                const std::string& sql) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string code = state ? state : "";
    const std::string message =
        trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
    if (code == "53100" || code == "25006" || code == "42501") {
        throw WriteError(name + ": cannot write the resource database: " + message +
                         (code == "53100"
                              ? " (the server's disk is full)"
                              : " (this user may not write it: ask its administrator)"));
    }
    throw DataError(name + ": " + message + " (in: " + sql.substr(0, 60) + ")");
}

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

class PostgresStatement final : public StoreStatement {
  public:
    PostgresStatement(PGconn* conn, const std::string& name, const std::string& sql)
        : m_conn(conn), m_name(name), m_result(nullptr, PQclear) {
        int count = 0;
        m_sql = numbered_placeholders(sql, count);
        m_values.resize(static_cast<std::size_t>(count));
        m_binary.resize(static_cast<std::size_t>(count));
    }

    void bind(int index, std::int64_t value) override { set(index, std::to_string(value), false); }
    void bind(int index, double value) override {
        char text[32];
        const auto end = std::to_chars(text, text + sizeof text, value).ptr;  // shortest exact
        set(index, std::string(text, end), false);
    }
    void bind(int index, const std::string& value) override { set(index, value, false); }
    void bind(int index, std::span<const unsigned char> blob) override {
        set(index, std::string(reinterpret_cast<const char*>(blob.data()), blob.size()), true);
    }
    void bind_null(int index) override { slot(index).reset(); }

    bool step() override {
        if (!m_result)
            execute();
        return ++m_row < PQntuples(m_result.get());
    }
    std::int64_t changes() const override {
        const char* tuples = m_result ? PQcmdTuples(m_result.get()) : "";
        return *tuples ? std::atoll(tuples) : 0;
    }
    void reset() override {
        m_result.reset();
        for (auto& value : m_values)
            value.reset();
    }

    bool is_null(int column) const override {
        return PQgetisnull(m_result.get(), m_row, column) != 0;
    }
    std::int64_t integer(int column) const override {
        const std::string_view value = text(column);
        if (value == "t" || value == "f")  // a boolean
            return value == "t";
        std::int64_t out = 0;
        std::from_chars(value.data(), value.data() + value.size(), out);
        return out;
    }
    double real(int column) const override {
        // PostgreSQL's text of a float8, read whatever the C locale's decimal point.
        const std::string_view value = text(column);
        double out = 0;
        std::from_chars(value.data(), value.data() + value.size(), out);
        return out;
    }
    std::string_view text(int column) const override {
        return {PQgetvalue(m_result.get(), m_row, column),
                static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, column))};
    }
    std::span<const unsigned char> blob(int column) const override {
        const auto* value =
            reinterpret_cast<const unsigned char*>(PQgetvalue(m_result.get(), m_row, column));
        if (PQftype(m_result.get(), column) != kByteaOid)
            return {value, static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, column))};
        std::size_t size = 0;
        unsigned char* bytes = PQunescapeBytea(value, &size);
        if (!bytes)
            throw DataError(m_name + ": cannot read a bytea value (out of memory)");
        m_blob.assign(bytes, bytes + size);
        PQfreemem(bytes);
        return m_blob;
    }

    int column_count() const override { return PQnfields(m_result.get()); }
    std::string column_name(int column) const override { return PQfname(m_result.get(), column); }
    SqlValue value_type(int column) const override {
        if (is_null(column))
            return SqlValue::null;
        switch (PQftype(m_result.get(), column)) {
            case kInt2Oid:
            case kInt4Oid:
            case kInt8Oid:
                return SqlValue::integer;
            case kFloat4Oid:
            case kFloat8Oid:
            case kNumericOid:
                return SqlValue::real;
            case kByteaOid:
                return SqlValue::blob;
            default:
                return SqlValue::text;
        }
    }

  private:
    std::optional<std::string>& slot(int index) {
        if (index < 1 || static_cast<std::size_t>(index) > m_values.size())
            throw ContractError("a statement's parameter " + std::to_string(index) +
                                " is not in its SQL: " + m_sql.substr(0, 60));
        return m_values[static_cast<std::size_t>(index - 1)];
    }
    void set(int index, std::string value, bool binary) {
        slot(index) = std::move(value);
        m_binary[static_cast<std::size_t>(index - 1)] = binary ? 1 : 0;
    }
    void execute() {
        std::vector<const char*> values(m_values.size());
        std::vector<int> lengths(m_values.size());
        for (std::size_t i = 0; i < m_values.size(); ++i) {
            values[i] = m_values[i] ? m_values[i]->data() : nullptr;
            lengths[i] = m_values[i] ? static_cast<int>(m_values[i]->size()) : 0;
        }
        m_result.reset(PQexecParams(m_conn, m_sql.c_str(), static_cast<int>(values.size()), nullptr,
                                    values.data(), lengths.data(), m_binary.data(), 0));
        const ExecStatusType status = m_result ? PQresultStatus(m_result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
            throw_failure(m_result.get(), m_conn, m_name, m_sql);
        m_row = -1;
    }

    PGconn* m_conn;
    const std::string& m_name;  // the store's, which outlives its statements
    std::string m_sql;
    std::vector<std::optional<std::string>> m_values;
    std::vector<int> m_binary;
    Result m_result;
    int m_row = -1;
    mutable std::vector<unsigned char> m_blob;  // the last bytea read
};

class PostgresStore final : public Store {
  public:
    explicit PostgresStore(const std::string& target)
        : Store(display_name(target)), m_conn(PQconnectdb(conninfo_of(target).c_str())) {
        if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
            const std::string reason = m_conn ? trimmed(PQerrorMessage(m_conn)) : "out of memory";
            PQfinish(m_conn);
            throw InputError(name() + ": cannot connect to the resource database (" + reason + ")");
        }
        PQsetNoticeProcessor(
            m_conn, [](void*, const char*) {}, nullptr);  // no "skipping" notes
        exec("SET client_encoding = 'UTF8'; SET extra_float_digits = 3");
    }
    ~PostgresStore() override { PQfinish(m_conn); }
    PostgresStore(const PostgresStore&) = delete;
    PostgresStore& operator=(const PostgresStore&) = delete;

    SqlDialect dialect() const override { return SqlDialect::postgis; }
    void exec(const std::string& sql) override {
        const Result result(PQexec(m_conn, sql.c_str()), PQclear);
        const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
            throw_failure(result.get(), m_conn, name(), sql);
    }
    // One writer at a time across every connection, as SQLite's BEGIN IMMEDIATE: the lock is
    // the transaction's, so the event log's numbers are taken in the order changes commit.
    void begin() override {
        exec("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLock) + ")");
    }
    void begin_read() override { exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    bool in_transaction() const override {
        const PGTransactionStatusType status = PQtransactionStatus(m_conn);
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
    }
    std::unique_ptr<StoreStatement> prepare(const std::string& sql) override {
        return std::make_unique<PostgresStatement>(m_conn, name(), sql);
    }

    void notify_change() override { exec("NOTIFY " + std::string(kChannel)); }  // at commit
    void listen() override { exec("LISTEN " + std::string(kChannel)); }
    bool wait_for_change(std::chrono::milliseconds timeout) override {
        const auto until = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            if (!PQconsumeInput(m_conn)) {
                throw InputError(name() + ": lost the connection to the resource database (" +
                                 std::string(PQerrorMessage(m_conn)) + ")");
            }
            bool heard = false;
            while (PGnotify* note = PQnotifies(m_conn)) {
                heard = true;
                PQfreemem(note);
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                until - std::chrono::steady_clock::now());
            if (heard || left.count() <= 0)
                return heard;
            pollfd socket{PQsocket(m_conn), POLLIN, 0};
            ::poll(&socket, 1, static_cast<int>(left.count()));
        }
    }

  private:
    PGconn* m_conn;
};

}  // namespace

std::unique_ptr<Store> open_postgis(const std::string& target) {
    return std::make_unique<PostgresStore>(target);
}

}  // namespace muster::detail
