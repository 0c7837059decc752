// The few file-system calls kbm needs, with its privacy rule: directories 0700, files 0600.

import Glibc

public enum FileSystem {
    /// Creates missing parent directories with mode 0700.
    public static func makeParentDirectories(of path: String) throws(StoreError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        try makeDirectories(String(path[..<slash]))
    }

    public static func makeDirectories(_ directory: String) throws(StoreError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw .cannotOpen(path: current, reason: lastErrorText())
            }
        }
    }

    /// The last system error in German words for the errors users meet; others in the system's words.
    public static func lastErrorText() -> String { errorText(errno) }

    public static func errorText(_ code: Int32) -> String {
        switch code {
        case ENOENT: "Datei oder Verzeichnis nicht gefunden"
        case EACCES, EPERM: "keine Berechtigung"
        case EISDIR: "ist ein Verzeichnis"
        case ENOTDIR: "ein Teil des Pfades ist kein Verzeichnis"
        case EEXIST: "existiert bereits"
        case ENOSPC: "kein Platz mehr auf dem Datenträger"
        case EFBIG: "Datei zu groß, die Grenze für die Dateigröße ist erreicht"
        case EIO: "Ein-/Ausgabefehler"
        case EROFS: "Dateisystem nur lesbar"
        case EINTR: "unterbrochen"
        case ELOOP: "zu viele symbolische Verweise"
        case ENAMETOOLONG: "Name zu lang"
        case EMFILE, ENFILE: "zu viele offene Dateien"
        case ENOTTY, EBADF: "Ein-/Ausgabefehler"
        case ENOMEM: "nicht genug Speicher"
        case ETXTBSY, EBUSY: "Datei wird gerade benutzt"
        case ENXIO, ENODEV: "kein Gerät zu dieser Datei"
        case EDQUOT: "Kontingent für Plattenplatz erschöpft"
        case EOVERFLOW: "Datei zu groß"
        case ENOLCK: "keine Sperre verfügbar"
        default: String(cString: strerror(code))
        }
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Takes group and others' rights from a regular file kbm writes personal data to (a file that existed
    /// before keeps its mode through open). Only a regular file: /dev/null or a pipe is not kbm's to change.
    public static func restrictToOwner(_ fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_mode & 0o077 != 0 else { return }
        _ = fchmod(fd, st.st_mode & 0o700)
    }

    /// The whole file as bytes, or nil when it cannot be read; errno says why: ENODEV for a device (/dev/zero,
    /// /dev/urandom never end), EFBIG past `limit` (an endless pipe), EINTR for Ctrl-C while a pipe or FIFO
    /// keeps kbm waiting (the SIGINT handler does not restart the call).
    public static func read(_ path: String, limit: Int = Int.max) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        // Regular files and pipes are fine (`kbm <(…)`), directories and devices are not.
        switch st.st_mode & S_IFMT {
        case S_IFDIR: errno = EISDIR; return nil
        case S_IFCHR, S_IFBLK: errno = ENODEV; return nil
        case S_IFREG where Int(st.st_size) > limit: errno = EFBIG; return nil
        default: break
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n < 0 { return nil }
            if n == 0 { break }
            guard bytes.count + n <= limit else { errno = EFBIG; return nil }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return bytes
    }

    /// The absolute, symlink-free form of a path (for detecting `run` cycles), or nil if it does not exist.
    public static func canonical(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` relative to `base` unless it is absolute.
    public static func resolve(_ path: String, relativeTo base: String) -> String {
        path.hasPrefix("/") ? path : (base == "." ? path : base + "/" + path)
    }

    /// The names in a directory (without `.` and `..`), directories marked with a trailing `/`; empty when it
    /// cannot be read. At most `limit` names: a huge directory must not hold up a Tab.
    public static func entries(of directory: String, limit: Int = 1000) -> [String] {
        guard let dir = opendir(directory.isEmpty ? "." : directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while names.count < limit, let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                var st = stat()
                isDirectory = stat(resolve(name, relativeTo: directory.isEmpty ? "." : directory), &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            names.append(isDirectory ? name + "/" : name)
        }
        return names.sorted()
    }
}
