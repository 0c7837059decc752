// The session file: opening, checking, transactions and the command log.

import CSQLite
import Glibc
import KBMModel

public final class SessionStore {
    public static let schemaVersion = 5
    /// "KBM1": marks a file as a kbm session, so another program's SQLite file is refused.
    static let applicationID: Int32 = 0x4B42_4D31

    public let path: String
    let db: Database
    /// Held for the store's lifetime; nil only for a private in-memory snapshot.
    private let lock: SessionLock?
    private var depth = 0
    private let statements = StatementCache()
    /// The mode in force; a script's unit may change it (see `beginUnit(script:)`).
    private var journal = JournalMode.wal
    private let commandLogWriter: CommandLogWriter
    /// `pos` for the next new booking: above every stored one, so it comes last in its Auftrag.
    var nextBookingPosition = 1

    init(path: String, db: Database, lock: SessionLock?) {
        self.path = path
        self.db = db
        self.lock = lock
        commandLogWriter = CommandLogWriter(db: db)
        // The cache of the mode the file is opened in, already while it is read; the other settings come with
        // the mode once the file is accepted (`configure()`), so nothing is written to a file that may be refused.
        try? db.execute("PRAGMA cache_size=-\(JournalMode.wal.cacheKiB)")
    }

    /// Opens a session file (creating it when missing) and reads every row into a Session, whose clock is the
    /// file's own `set today` or else `today`.
    public static func open(path: String, today: Day) throws(StoreError) -> (SessionStore, Session) {
        do { try FileSystem.makeParentDirectories(of: path) } catch {
            // Named by the session, not by the folder on its way that could not be made.
            if case .cannotOpen(_, let reason) = error { throw .cannotOpen(path: path, reason: reason) }
            throw error
        }
        let lock = try SessionLock.acquire(path: path)
        let isNew = try checkHeader(path: path, lock: lock)
            let db: Database
            do { db = try Database(path: path, create: false) } catch {
                throw StoreError.cannotOpen(path: path, reason: openFailureReason(error, path: path))
            }
            // Until the file is accepted, closing it must not checkpoint: a WAL that SQLite recovered for a file
            // refused afterwards would go into the file that the message calls unchanged.
            _ = kbm_sqlite_db_config(db.handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1)
            // Functions with side effects never run from the file's own views or triggers.
            try? db.execute("PRAGMA trusted_schema=OFF")
            let store = SessionStore(path: path, db: db, lock: lock)
            // SQLite opens a file it may not write read-only without a word; every command would then fail.
            if sqlite3_db_readonly(db.handle, "main") == 1 { throw .cannotOpen(path: path, reason: FileSystem.errorText(EACCES)) }
            if !isNew, try !store.isOurs() { throw StoreError.notASession(path: path) }
            // A session copied with cp may be readable by others; once it is known to be ours, it is closed to them.
            // By name, never by opening: closing any descriptor of a file drops every POSIX lock the process holds
            // on it, SQLite's included, and a reader closed meanwhile would then take the WAL away from under kbm.
            for file in [path, path + "-wal", path + "-shm"] { closeToOthers(file) }
            let empty = try isNew ? true : store.isEmptyFile()
            if empty {
                do { try store.createSchema() } catch { throw openFailure(error, path: path) }
                store.acceptFile()
                return (store, Session(today: today))
            }
            // Reads the file once, so SQLite has recovered its WAL before a second connection looks at it.
            let needsMigration = try store.checkVersion()
            let check = PageCheck.start(path: path)
            if needsMigration {
                try check.finish()
                try store.migrate()
            } else {
                try store.checkSchema()
            }
            let session: Session
            do {
                session = try store.load(today: today)
            } catch {
                // Damage the check names is the better report than whatever row it broke.
                try check.finish()
                throw error
            }
            try check.finish()
            try store.configure()
            store.acceptFile()
            return (store, session)
    }

    private static func closeToOthers(_ file: String) {
        var st = stat()
        guard stat(file, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_mode & 0o077 != 0 else { return }
        _ = chmod(file, st.st_mode & 0o700)
    }

    /// From now on closing checkpoints the WAL into the file and removes it, as SQLite does by default.
    private func acceptFile() {
        _ = kbm_sqlite_db_config(db.handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0)
    }

    /// Why SQLite could not open the file, in German. Its message names only its own code ("unable to open
    /// database file"), so the system is asked again by opening the file here.
    private static func openFailureReason(_ error: SQLiteError, path: String) -> String {
        if error.systemErrno != 0 { return FileSystem.errorText(error.systemErrno) }
        let fd = Glibc.open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return FileSystem.lastErrorText() }
        close(fd)
        return FileSystem.errorText(EIO)
    }

    /// Writing the schema of a new file failed and was rolled back: no command ran,
    /// the file is as it was, it just cannot be used now (disk full, file size limit).
    private static func openFailure(_ error: StoreError, path: String) -> StoreError {
        guard case .writeFailed(let reason) = error else { return error }
        return .cannotOpen(path: path, reason: reason)
    }

    /// Writes the whole session into a new file that must not exist yet. The copy is built under a temporary name
    /// beside it and takes the name only complete and synced: a copy that cannot be written (disk full, file size
    /// limit) or a process killed meanwhile leaves no file under the name, and a file that appeared there meanwhile
    /// is not replaced. Nobody else knows the temporary name, so it needs no lock.
    public static func create(path: String, from session: Session, log: [LoggedCommand] = []) throws(StoreError) {
        if access(path, F_OK) == 0 { throw .targetExists(path: path) }
        let temporary: String
        do {
            // Created here with mode 0600, so SQLite neither widens it nor its -wal and -shm files.
            let created = try AtomicFile.createTemporary(beside: path)
            close(created.fd)
            temporary = created.path
        } catch {
            throw .saveFailed(path: path, detail: error.text)
        }
        do throws(StoreError) {
            try write(session, log: log, into: temporary)
            do { try AtomicFile.publish(temporary, as: path) } catch {
                throw error.code == EEXIST ? .targetExists(path: path) : .writeFailed(detail: error.text)
            }
        } catch {
            AtomicFile.discard(temporary)
            switch error {
            case .writeFailed(let detail): throw .saveFailed(path: path, detail: detail)
            default: throw error
            }
        }
    }

    /// The session and its log into an empty file; the file is closed (its WAL gone into it) on return.
    private static func write(_ session: Session, log: [LoggedCommand], into path: String) throws(StoreError) {
        let db: Database
        do { db = try Database(path: path, create: false) } catch { throw Self.writeFailure(error) }
        let store = SessionStore(path: path, db: db, lock: nil)
        try store.createSchema()
        try store.beginUnit()
        try store.writeAll(session)
        for entry in log { try store.log(entry) }
        try store.endUnit()
        // Into the file itself: a copy is one file, and closing would checkpoint without reporting a failure.
        try store.checkpoint()
    }

    /// Refuses what is not a kbm session, or not safe to use as one, before SQLite writes a byte; true for an empty
    /// (new) file, which it creates with mode 0600 (SQLite gives its -wal and -shm files the same mode).
    /// The file stays open, locked, for the store's lifetime.
    private static func checkHeader(path: String, lock: SessionLock) throws(StoreError) -> Bool {
        let fd = try openFile(path)
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = FileSystem.lastErrorText()
            close(fd)
            throw .cannotOpen(path: path, reason: reason)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            if (st.st_mode & S_IFMT) == S_IFDIR { throw .cannotOpen(path: path, reason: FileSystem.errorText(EISDIR)) }
            throw .notASession(path: path)
        }
        if let distrust = FileTrust.problem(st, singleName: false) { close(fd); throw .untrusted(path: path, reason: distrust) }
        try lock.lockFile(fd, path: path)
        // SQLite keeps its -wal and -shm files beside the file a symlink points to.
        var link = stat()
        let file = lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK ? FileSystem.canonical(path) ?? path : path
        try FileTrust.checkSideFiles(of: file)
        if st.st_size == 0 {
            try WALCheck.check(path: file, file: fd, pageSize: nil, fileSize: 0)
            return true
        }
        let magic = Array("SQLite format 3".utf8) + [0]
        guard st.st_size >= 100 else {
            // The start of an SQLite file cut short is damage, not another kind of file.
            var start = [UInt8](repeating: 0, count: 16)
            let n = pread(fd, &start, 16, 0)
            if n >= 6, magic.starts(with: start[0..<n]) { throw .corrupt(path: path, detail: "Datei ist kürzer als ihr Inhalt (abgeschnitten)") }
            throw .notASession(path: path)
        }
        var header = [UInt8](repeating: 0, count: 100)
        guard pread(fd, &header, 100, 0) == 100 else { throw .corrupt(path: path, detail: "Kopf nicht lesbar") }
        guard Array(header[0..<16]) == magic else { throw .notASession(path: path) }
        func be32(_ at: Int) -> Int { header[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let rawPageSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawPageSize == 1 ? 65536 : rawPageSize
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0 else { throw .corrupt(path: path, detail: "ungültige Seitengröße") }
        try WALCheck.check(path: file, file: fd, pageSize: pageSize, fileSize: Int(st.st_size))
        // The in-header page count is trustworthy only when its version stamp matches the change counter.
        // A checkpoint killed midway leaves page 1 with the new count before the file has grown to it: with
        // a WAL that recovery replays this is no damage; the quick check after opening judges that case.
        var wal = stat()
        let walHoldsFrames = stat(file + "-wal", &wal) == 0 && wal.st_size > 0
        // Likewise a script's unit killed while writing its pages, with the journal that rolls them back.
        var journal = stat()
        let journalIsHot = stat(file + "-journal", &journal) == 0 && journal.st_size > 0
        if be32(92) == be32(24), be32(28) * pageSize > Int(st.st_size), !walHoldsFrames, !journalIsHot {
            throw .corrupt(path: path, detail: "Datei ist kürzer als ihr Inhalt (abgeschnitten)")
        }
        return false
    }

    /// The session file, created with mode 0600 when missing, but never through a symlink that points nowhere
    /// (O_EXCL does not follow one): a planted link must not make kbm create a file elsewhere.
    private static func openFile(_ path: String) throws(StoreError) -> Int32 {
        // Non-blocking: a FIFO given as session file would otherwise hang here until someone writes to it.
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        var fd = Glibc.open(path, flags)
        if fd < 0 && errno == ENOENT {
            fd = Glibc.open(path, flags | O_CREAT | O_EXCL, 0o600)
            // Made meanwhile by someone else, or a dangling symlink.
            if fd < 0 && errno == EEXIST { fd = Glibc.open(path, flags) }
        }
        guard fd >= 0 else {
            let reason = FileSystem.lastErrorText()
            var st = stat()
            if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK { throw .untrusted(path: path, reason: .symlink) }
            throw .cannotOpen(path: path, reason: reason)
        }
        return fd
    }

    /// Our application id; a file without it is refused unless it holds nothing at all.
    private func isOurs() throws(StoreError) -> Bool {
        do {
            let id = try db.scalar("PRAGMA application_id")
            if id == Int(SessionStore.applicationID) { return true }
            guard id == 0 else { return false }
            return try db.scalar("SELECT count(*) FROM sqlite_master") == 0
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// A newer file is refused before anything, a migration included, could write to it.
    /// true when the file is of an older schema and must be migrated before it is read.
    private func checkVersion() throws(StoreError) -> Bool {
        let version: Int
        do { version = try db.scalar("PRAGMA user_version") } catch { throw Self.classify(error, path: path) }
        if version > Self.schemaVersion { throw .newerVersion(path: path, found: version, supported: Self.schemaVersion) }
        return version < Self.schemaVersion
    }

    /// A file left empty by a process killed while creating it.
    private func isEmptyFile() throws(StoreError) -> Bool {
        do { return try db.scalar("SELECT count(*) FROM sqlite_master") == 0 } catch { throw Self.classify(error, path: path) }
    }

    /// A failed write, with the system's reason in German when there is one (disk full, file size limit).
    static func writeFailure(_ error: SQLiteError) -> StoreError {
        let code = error.code & 0xFF
        if code == SQLITE_FULL { return .writeFailed(detail: FileSystem.errorText(error.systemErrno == 0 ? ENOSPC : error.systemErrno)) }
        // SQLite's record of errno is stale for a file it may only read (it may say "Inappropriate ioctl").
        if code == SQLITE_READONLY { return .writeFailed(detail: FileSystem.errorText(EACCES)) }
        if [SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM].contains(code) {
            return .writeFailed(detail: FileSystem.errorText(error.systemErrno == 0 ? EIO : error.systemErrno))
        }
        return .writeFailed(detail: error.message)
    }

    /// Moves everything from the WAL into the database file and empties the WAL; throws if any of it fails.
    func checkpoint() throws(StoreError) {
        do throws(SQLiteError) {
            let statement = try db.prepare("PRAGMA wal_checkpoint(TRUNCATE)")
            guard try statement.step(), statement.int(0) == 0 else { throw SQLiteError(code: SQLITE_BUSY, message: "WAL nicht übertragen") }
        } catch {
            throw Self.writeFailure(error)
        }
    }

    static func classify(_ error: SQLiteError, path: String) -> StoreError {
        switch error.code & 0xFF {
        case SQLITE_NOTADB: return .notASession(path: path)
        case SQLITE_BUSY, SQLITE_LOCKED: return .locked(path: path, pid: nil)
        case SQLITE_READONLY: return .cannotOpen(path: path, reason: FileSystem.errorText(EACCES))
        // SQLite's message names only its code; the system's errno says why.
        case SQLITE_CANTOPEN, SQLITE_PERM:
            return .cannotOpen(path: path, reason: error.systemErrno == 0
                ? "sie oder ihre -wal- und -shm-Dateien lassen sich nicht öffnen" : FileSystem.errorText(error.systemErrno))
        // No room for the -wal and -shm files: the disk is the problem, not the session.
        case SQLITE_FULL: return .cannotOpen(path: path, reason: FileSystem.errorText(ENOSPC))
        case SQLITE_IOERR where [ENOSPC, EFBIG].contains(error.systemErrno):
            return .cannotOpen(path: path, reason: FileSystem.errorText(error.systemErrno))
        default: return .corrupt(path: path, detail: error.message)
        }
    }

    private func configure() throws(StoreError) {
        do { try enter(.wal) } catch { throw .corrupt(path: path, detail: error.message) }
    }

    /// Puts the file into `mode` with the settings that go with it. SQLite keeps the mode it has while another
    /// connection has the file open; false then, and the settings stay as they were.
    @discardableResult
    func enter(_ mode: JournalMode) throws(SQLiteError) -> Bool {
        guard try db.text("PRAGMA journal_mode=\(mode.name)") == mode.name else { return false }
        try db.execute(mode.settings)
        journal = mode
        return true
    }

    // MARK: transactions

    /// Nested units share one transaction: a script is one unit, also when commands inside it are units.
    /// A script's unit is journaled as `JournalMode.forScript` says. SQLite allows the switch only while no other
    /// connection has the file open; otherwise the unit runs in WAL mode as always. A killed process leaves a hot
    /// journal that the next open rolls back.
    public func beginUnit(script: Bool = false) throws(StoreError) {
        if depth == 0 && script && journal != JournalMode.forScript { _ = try? enter(JournalMode.forScript) }
        // Prepared once: each acknowledged command is a unit of its own, and parsing BEGIN and COMMIT anew
        // for each cost as much as writing its rows.
        if depth == 0 { try run(statement("BEGIN IMMEDIATE")) }
        depth += 1
    }

    public func endUnit() throws(StoreError) {
        guard depth > 0 else { return }
        depth -= 1
        guard depth == 0 else { return }
        do throws(StoreError) {
            try commandLogWriter.flush()
        } catch {
            rollback()
            throw error
        }
        let commit = try statement("COMMIT")
        do {
            try commit.runBound()
        } catch {
            try? db.execute("ROLLBACK")
            returnToWAL()
            commandLogWriter.discard()
            throw Self.writeFailure(error)
        }
        returnToWAL()
    }

    /// Abandons the whole unit, whatever its depth.
    public func rollback() {
        if depth > 0 { try? db.execute("ROLLBACK"); returnToWAL() }
        depth = 0
        commandLogWriter.discard()
    }

    public var inUnit: Bool { depth > 0 }

    /// After a script's unit: commands acknowledged one by one need WAL. A reader that opened the file meanwhile
    /// keeps it in journal mode (with full syncs) until the next unit ends or the next open.
    private func returnToWAL() {
        if journal != .wal { _ = try? enter(.wal) }
    }

    /// Keeps a command line in the log, with where it came from and how it ended; in the file with its unit.
    public func log(_ entry: LoggedCommand) throws(StoreError) {
        try commandLogWriter.append(entry, inUnit: depth > 0)
    }

    /// The log lines of the unit so far into the table, before anything reads it.
    func flushLog() throws(StoreError) {
        try commandLogWriter.flush()
    }

    /// The logged command lines, oldest first; with `last`, only that many of the newest.
    public func commandLog(last: Int? = nil) throws(StoreError) -> [LoggedCommand] {
        try flushLog()
        do { return try commandLogWriter.read(last: last) } catch { throw .corrupt(path: path, detail: error.message) }
    }

    func run(_ sql: String) throws(StoreError) {
        do { try db.execute(sql) } catch { throw Self.writeFailure(error) }
    }

    /// Runs a statement that returns no rows with the values bound since its `reset()`.
    func run(_ statement: Statement) throws(StoreError) {
        do { try statement.runBound() } catch { throw Self.writeFailure(error) }
    }

    /// A statement written in the source, reset for new values: prepared once.
    func statement(_ sql: StaticString) throws(StoreError) -> Statement {
        let statement = try statements.statement(sql, prepare: prepare)
        statement.reset()
        return statement
    }

    /// A statement put together at run time (table names), reset for new values: prepared once.
    func statement(built sql: String) throws(StoreError) -> Statement {
        let statement = try statements.statement(built: sql, prepare: prepare)
        statement.reset()
        return statement
    }

    private func prepare(_ sql: String) throws(StoreError) -> Statement {
        do { return try db.prepare(sql) } catch { throw Self.writeFailure(error) }
    }
}
