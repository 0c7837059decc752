// The open session's files (database, -wal, -shm, -lock, -journal), which no command may write a file onto.

import Glibc

public struct SessionFiles {
    static let suffixes = ["", "-wal", "-shm", "-lock", "-journal"]
    /// Every name the files have or will have: as given (kbm's lock) and with symlinks resolved (SQLite's
    /// -wal and -shm follow the resolved database name), with the directory always resolved.
    let names: [String]

    public init(session path: String) {
        var bases = [Self.canonicalName(path) ?? path]
        if let resolved = FileSystem.canonical(path), resolved != bases[0] { bases.append(resolved) }
        names = bases.flatMap { base in Self.suffixes.map { base + $0 } }
    }

    /// True when writing `target` would write into one of the files: the same file under another name
    /// (a symlink, a hard link, `x/../s.db`), or the name of one that does not exist yet (a -wal, a -journal).
    public func contains(_ target: String) -> Bool {
        var t = stat()
        if stat(target, &t) == 0 {
            for name in names {
                var s = stat()
                if stat(name, &s) == 0 && s.st_dev == t.st_dev && s.st_ino == t.st_ino { return true }
            }
        }
        guard let name = Self.canonicalName(target) else { return false }
        return names.contains(name)
    }

    /// The absolute path with symlinks, `.` and `..` resolved as the kernel would once missing directories are
    /// created: the longest existing start by realpath, the rest (which holds no symlink) by its words.
    static func canonicalName(_ path: String) -> String? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        var base = path.hasPrefix("/") ? "/" : "."
        while true {
            let prefix = (path.hasPrefix("/") ? "/" : "./") + parts.joined(separator: "/")
            // The last word is kept as it is unless it is `.` or `..`: the file itself may be a symlink to resolve
            // by inode, not by name (SQLite's -wal follows the resolved name, kbm's -lock the given one).
            if !parts.isEmpty, rest.isEmpty, parts.last != ".", parts.last != ".." {
                rest.append(parts.removeLast())
                continue
            }
            if let resolved = FileSystem.canonical(parts.isEmpty ? base : prefix) { base = resolved; break }
            guard !parts.isEmpty else { return nil }
            rest.insert(parts.removeLast(), at: 0)
        }
        var result = base.split(separator: "/").map(String.init)
        for part in rest {
            if part == ".." { if !result.isEmpty { result.removeLast() } } else if part != "." { result.append(part) }
        }
        return "/" + result.joined(separator: "/")
    }
}
