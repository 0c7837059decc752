// Whether the WAL beside a session belongs to it, decided before SQLite sees it.

import Glibc

/// SQLite applies the committed frames of any intact WAL it finds beside a database: nothing in the WAL names the
/// file it was written for. kbm closes a session with its WAL checkpointed and removed; a WAL with changes is left
/// only by a process that died on this file, and that process also left the WAL's index (FILE-shm), whose header
/// names the WAL's salts (random per WAL generation). So a WAL is used when
/// - SQLite would apply nothing of it (too short, a broken header, no committed frame), or
/// - the index beside it names its salts, knows no frame yet (the process died in its first commit) or is being
///   rebuilt (a process died opening the file), or
/// - every page it holds is already in the file as it would write it (a process died removing it after its checkpoint).
/// Any other WAL (another file's, or a copy's) is refused before SQLite could apply it.
enum WALCheck {
    /// `file` is the open session file; `pageSize` is nil for an empty file.
    static func check(path: String, file: Int32, pageSize: Int?, fileSize: Int) throws(StoreError) {
        guard let wal = FileSystem.read(path + "-wal"), wal.count > 32 else { return }
        func be32(_ at: Int) -> UInt32 { wal[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        let magic = be32(0)
        let walPageSize = Int(be32(8))
        guard magic & ~1 == 0x377F_0682, be32(4) == 3_007_000,
              walPageSize >= 512, walPageSize <= 65536, walPageSize & (walPageSize - 1) == 0 else { return }
        // The whole WAL as the 32-bit words its checksums add up, in the byte order its magic names.
        let words: [UInt32] = wal.withUnsafeBytes { raw in
            (0..<wal.count / 4).map { i in
                let word = raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
                return magic & 1 == 1 ? UInt32(bigEndian: word) : UInt32(littleEndian: word)
            }
        }
        // SQLite's checksum: pairs of words, each sum feeding the other.
        func checksum(_ range: Range<Int>, _ sum: inout (UInt32, UInt32)) {
            var i = range.lowerBound / 4
            while i < range.upperBound / 4 {
                sum.0 = sum.0 &+ words[i] &+ sum.1
                sum.1 = sum.1 &+ words[i + 1] &+ sum.0
                i += 2
            }
        }
        var sum: (UInt32, UInt32) = (0, 0)
        checksum(0..<24, &sum)
        guard sum == (be32(24), be32(28)) else { return }

        // The frames SQLite would apply: those up to the last commit, in an unbroken chain of checksums and salts.
        let frameSize = 24 + walPageSize
        var latest: [UInt32: Int] = [:]
        var committed: [UInt32: Int] = [:]
        var pagesAfterCommit = 0
        var at = 32
        while at + frameSize <= wal.count {
            let page = be32(at)
            guard page > 0, wal[at + 8..<at + 16] == wal[16..<24] else { break }
            checksum(at..<at + 8, &sum)
            checksum(at + 24..<at + frameSize, &sum)
            guard sum == (be32(at + 16), be32(at + 20)) else { break }
            latest[page] = at + 24
            if be32(at + 4) != 0 {
                committed = latest
                pagesAfterCommit = Int(be32(at + 4))
            }
            at += frameSize
        }
        guard !committed.isEmpty else { return }
        if let pageSize, pageSize != walPageSize { throw .foreignWAL(path: path, reason: .pageSize(wal: walPageSize, file: pageSize)) }
        if indexBelongs(path: path, salts: Array(wal[16..<24])) { return }
        // Already in the file: applying it changes no byte, and SQLite removes it.
        guard fileSize == pagesAfterCommit * walPageSize else { throw .foreignWAL(path: path, reason: .notLeftHere) }
        var page = [UInt8](repeating: 0, count: walPageSize)
        for (number, offset) in committed {
            guard pread(file, &page, walPageSize, off_t(Int(number) - 1) * off_t(walPageSize)) == walPageSize,
                  page.elementsEqual(wal[offset..<offset + walPageSize]) else {
                throw .foreignWAL(path: path, reason: .notLeftHere)
            }
        }
    }

    /// The wal-index header (two copies of 48 bytes, in the machine's byte order) left beside the WAL: isInit at 12,
    /// mxFrame at 16, the salts at 32. A copy torn by a death while it was written is fine if the other one fits.
    private static func indexBelongs(path: String, salts: [UInt8]) -> Bool {
        let fd = Glibc.open(path + "-shm", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 96)
        let n = pread(fd, &header, 96, 0)
        guard n == 96 else { return n >= 0 }
        var initialized = false
        for copy in [0, 48] where header[copy + 12] == 1 {
            initialized = true
            let frames = header[copy + 16..<copy + 20].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            if frames == 0 || Array(header[copy + 32..<copy + 40]) == salts { return true }
        }
        return !initialized
    }
}
