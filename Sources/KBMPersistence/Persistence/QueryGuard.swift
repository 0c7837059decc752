// What a user's `sql` query may reach and use: the functions it may call, and its budget of steps, memory and time.

import CSQLite
import Glibc

/// Installed on the connection only while a user's query is prepared and run, so kbm's own statements pay nothing.
package final class QueryGuard {
    package struct Limits {
        var rows = 100_000
        var valueBytes: Int32 = 16 << 20
        /// SQLite's working memory, and apart from it the text of the rows kbm keeps until it prints them.
        var memoryBytes = 256 << 20
        /// SQLite's virtual-machine instructions; nil where a person can stop the query with Ctrl-C.
        package var steps: Int?
        /// Ctrl-C: polled while the query runs.
        var interrupted: () -> Bool = { false }

        /// Several seconds of work, and many times what a report on the largest session needs.
        package static let batchSteps = 250_000_000

        package init(interrupted: @escaping () -> Bool = { false }) {
            self.interrupted = interrupted
        }
    }

    /// Why the query was stopped or refused; read after SQLite reports the failure.
    enum Stop { case function(String), action, interrupted, steps, memory }

    /// Functions a report needs; none reaches files, code, pointers or the connection's settings.
    static let functions: Set<String> = [
        "abs", "avg", "count", "group_concat", "max", "min", "sum", "total",
        "length", "lower", "upper", "substr", "substring", "trim", "ltrim", "rtrim", "replace", "instr",
        "coalesce", "ifnull", "iif", "nullif", "typeof", "round", "printf", "format", "char", "unicode",
        "hex", "quote", "like", "glob", "likely", "unlikely", "likelihood", "sign",
        "date", "time", "datetime", "julianday", "strftime", "unixepoch",
        "ceil", "ceiling", "floor", "trunc", "mod", "pow", "power", "sqrt",
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
        "first_value", "last_value", "nth_value",
        "json", "json_array", "json_object", "json_extract", "json_group_array", "json_group_object",
        "json_array_length", "json_type", "json_valid",
    ]

    /// The instructions between two looks at Ctrl-C and the budget: a few microseconds of work.
    static let stepsPerCheck: Int32 = 1000
    /// Memory is looked at every this many checks: reading it is a system call.
    private static let checksPerMemoryLook = 64

    private let limits: Limits
    private let db: OpaquePointer
    private var checks = 0
    private let residentAtStart: Int
    private let lengthBefore: Int32
    private(set) var stop: Stop?

    init(_ db: OpaquePointer, limits: Limits) {
        self.db = db
        self.limits = limits
        residentAtStart = Self.residentBytes()
        lengthBefore = sqlite3_limit(db, SQLITE_LIMIT_LENGTH, limits.valueBytes)
        let context = Unmanaged.passUnretained(self).toOpaque()
        // For a function SQLite gives its name as the second detail.
        sqlite3_set_authorizer(db, { context, action, _, name, _, _ in
            let guardian = Unmanaged<QueryGuard>.fromOpaque(context!).takeUnretainedValue()
            return guardian.authorize(action, name)
        }, context)
        sqlite3_progress_handler(db, Self.stepsPerCheck, { context in
            Unmanaged<QueryGuard>.fromOpaque(context!).takeUnretainedValue().shouldStop() ? 1 : 0
        }, context)
    }

    /// Takes the guard off the connection; must run before the guard goes away.
    func remove() {
        sqlite3_set_authorizer(db, nil, nil)
        sqlite3_progress_handler(db, 0, nil, nil)
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, lengthBefore)
    }

    private func authorize(_ action: Int32, _ name: UnsafePointer<CChar>?) -> Int32 {
        switch action {
        case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
            return SQLITE_OK
        case SQLITE_FUNCTION:
            let function = name.map { String(cString: $0) } ?? ""
            if Self.functions.contains(function.lowercased()) { return SQLITE_OK }
            stop = .function(function)
            return SQLITE_DENY
        default:
            stop = .action
            return SQLITE_DENY
        }
    }

    private func shouldStop() -> Bool {
        checks += 1
        if limits.interrupted() {
            stop = .interrupted
        } else if let steps = limits.steps, checks > steps / Int(Self.stepsPerCheck) {
            stop = .steps
        } else if checks % Self.checksPerMemoryLook == 0, Self.residentBytes() - residentAtStart > limits.memoryBytes {
            stop = .memory
        }
        return stop != nil
    }

    /// The process's resident memory from /proc/self/statm. SQLite's own count is off (memory statistics cost a
    /// lock per allocation), and the rows the query returns are kbm's memory, not SQLite's.
    static func residentBytes() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return 0 }
        // "size resident shared …" in pages.
        let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
