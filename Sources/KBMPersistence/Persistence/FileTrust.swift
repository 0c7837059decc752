// Which files kbm trusts with a session's personal data: its own, and closed to changes by others.

import Glibc

enum FileTrust {
    /// Why kbm must not use the file, or nil. Writable for the group counts like writable for everyone: in a shared
    /// folder the group is exactly the others who could change the data between runs, a process that has the file
    /// open keeps writing after any chmod, and kbm itself never makes a file more than 0600.
    /// `singleName`: a file kbm writes beside the session must have no second name elsewhere (a hard link).
    static func problem(_ st: stat, singleName: Bool) -> StoreError.Distrust? {
        if (st.st_mode & S_IFMT) == S_IFLNK { return .symlink }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .notRegular }
        guard st.st_uid == geteuid() else { return .otherOwner(uid: st.st_uid) }
        if singleName && st.st_nlink != 1 { return .linked(count: Int(st.st_nlink)) }
        if st.st_mode & 0o022 != 0 { return .writableByOthers(mode: UInt32(st.st_mode & 0o7777)) }
        return nil
    }

    /// SQLite opens the -wal, -shm and -journal files beside a session as it finds them, following symlinks;
    /// one that someone else planted would get the session's pages, or have its own pages read into the session.
    static func checkSideFiles(of path: String) throws(StoreError) {
        for side in ["-wal", "-shm", "-journal"] {
            var st = stat()
            guard lstat(path + side, &st) == 0 else { continue }
            if let distrust = problem(st, singleName: true) { throw .untrusted(path: path + side, reason: distrust) }
        }
    }
}
