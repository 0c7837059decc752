// SQLite's quick check of a session file, on its own connection and thread while the rows are being read.

import CSQLite
import Glibc

/// Damage in pages that reading the rows never touches (indexes, free pages) would surface only at the next
/// write; the quick check finds it before anything is written. It reads the whole file once more, so it runs
/// beside the reading, on the second core, instead of before it.
final class PageCheck: @unchecked Sendable {
    private let path: String
    private var thread = pthread_t()
    private var started = false
    // Written only by the check's thread, read only after joining it.
    private var problems: [String] = []
    private var failure: SQLiteError?

    private init(path: String) { self.path = path }

    /// Starts the check; the caller must `finish()` it before writing to the file.
    static func start(path: String) -> PageCheck {
        let check = PageCheck(path: path)
        let context = Unmanaged.passRetained(check).toOpaque()
        let rc = pthread_create(&check.thread, nil, { context in
            Unmanaged<PageCheck>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if rc == 0 {
            check.started = true
        } else {
            // No thread to be had: the check runs here, as it would have before the reading.
            Unmanaged<PageCheck>.fromOpaque(context).release()
            check.run()
        }
        return check
    }

    private func run() {
        do throws(SQLiteError) {
            let db = try Database(path: path, create: false)
            // The reading connection holds no lock a reader waits for; this only bridges a moment's overlap.
            try db.execute("PRAGMA busy_timeout=5000")
            let statement = try db.prepare("PRAGMA quick_check")
            while try statement.step() { problems.append(statement.text(0) ?? "") }
        } catch {
            failure = error
        }
    }

    /// Waits for the check and throws what it found.
    func finish() throws(StoreError) {
        if started {
            pthread_join(thread, nil)
            started = false
        }
        if let failure { throw SessionStore.classify(failure, path: path) }
        guard problems == ["ok"] else {
            throw StoreError.corrupt(path: path, detail: problems.isEmpty ? "Prüfung fehlgeschlagen" : problems.prefix(2).joined(separator: "; "))
        }
    }

    deinit {
        if started { pthread_join(thread, nil) }
    }
}
