// Running the built kbm binary from tests: where it is, a hermetic sandbox, one-shot runs and live processes.

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
@testable import KBMCore
@testable import KBMPersistence
#endif

// MARK: - the binary

enum KBMBinary {
    /// `.build/debug/kbm`: beside the test bundle, else found by walking up from this file.
    static let path: String = locate()

    private static func locate() -> String {
        let fm = FileManager.default
        var candidates: [String] = []
        if let first = CommandLine.arguments.first {
            let absolute = first.hasPrefix("/") ? first : fm.currentDirectoryPath + "/" + first
            var url = URL(fileURLWithPath: absolute).standardizedFileURL
            // The runner is `…/debug/kbmPackageTests.xctest` (Linux: an executable; macOS: a bundle with Contents/…).
            while url.path != "/" {
                if url.pathExtension == "xctest" {
                    candidates.append(url.deletingLastPathComponent().appendingPathComponent("kbm").path)
                    break
                }
                url.deleteLastPathComponent()
            }
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            candidates.append(dir.appendingPathComponent(".build/debug/kbm").path)
            dir.deleteLastPathComponent()
        }
        for candidate in candidates where fm.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return candidates.first ?? "kbm"
    }
}

// MARK: - results

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// stdout and stderr of a merged run, in the order they were written.
    var output: String { stdout + stderr }
}

// MARK: - a hermetic place to run in

/// A temporary directory with its own HOME and XDG directories; removed when the test ends.
final class Sandbox {
    let root: String
    var home: String { root + "/home" }
    var dataHome: String { root + "/data" }
    var stateHome: String { root + "/state" }
    var work: String { root + "/work" }
    /// Where kbm keeps its session when no --session is given.
    var defaultSession: String { dataHome + "/kbm/sitzung.db" }

    init() {
        var template = Array((NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/")
                             .appending("kbm-test.XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        root = String(cString: template)
        for dir in [home, work] {
            try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// No variable of the calling environment leaks in (LC_ALL, EDITRC, a real XDG_DATA_HOME …).
    var environment: [String: String] {
        [
            "HOME": home,
            "XDG_DATA_HOME": dataHome,
            "XDG_STATE_HOME": stateHome,
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
            "TZ": "UTC",
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "EDITRC": "/dev/null",
        ]
    }

    /// A path inside the work directory.
    func path(_ name: String) -> String { work + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let p = path(name)
        let dir = (p as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// The example script up to its Kursbeginnmeldung, as `beispiel.kbm` in the work directory: an open Auftrag
    /// with four Tn (three transmitted), checked and ready to be reported.
    func writeExampleUntilMelden() throws -> String {
        let beispiel = try String(contentsOfFile: BadInputTests.repository + "/scripts/beispiel.kbm", encoding: .utf8)
        return write("beispiel.kbm", beispiel.components(separatedBy: "\nmelden\n")[0] + "\n")
    }

    func makeFIFO(_ name: String) -> String {
        let p = path(name)
        precondition(mkfifo(p, 0o600) == 0, "mkfifo \(p): \(String(cString: strerror(errno)))")
        return p
    }

    /// Runs kbm to the end. `stdin` nil means /dev/null; `merge` sends stderr into the stdout pipe.
    func run(_ arguments: [String], stdin: String? = nil, merge: Bool = false, cwd: String? = nil,
             environment extra: [String: String?] = [:], timeout: TimeInterval = 20) -> RunResult {
        var env = environment
        for (k, v) in extra { env[k] = v }
        return ProcessRunner.run(KBMBinary.path, arguments, cwd: cwd ?? work, environment: env,
                                 stdin: stdin, merge: merge, timeout: timeout)
    }

    /// Starts kbm with a stdin pipe kept open and stdout+stderr into one file that the test polls.
    func start(_ arguments: [String], cwd: String? = nil) throws -> LiveKBM {
        try LiveKBM(arguments: arguments, cwd: cwd ?? work, environment: environment, logPath: root + "/live-\(UUID().uuidString).log")
    }
}

// MARK: - one-shot runs

enum ProcessRunner {
    static let ignoreSigpipe: Void = { signal(SIGPIPE, SIG_IGN); return () }()

    static func run(_ executable: String, _ arguments: [String], cwd: String, environment: [String: String],
                    stdin: String?, merge: Bool, timeout: TimeInterval) -> RunResult {
        _ = ignoreSigpipe
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let outPipe = Pipe()
        let errPipe = merge ? outPipe : Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        let inPipe: Pipe? = stdin == nil ? nil : Pipe()
        process.standardInput = inPipe ?? FileHandle.nullDevice
        do { try process.run() } catch {
            return RunResult(status: -1, stdout: "", stderr: "cannot start \(executable): \(error)")
        }
        let pid = process.processIdentifier
        // A hung kbm must not hang the suite: kill it after the timeout, so the pipes reach EOF.
        let finished = Atomic()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if !finished.value { kill(pid, SIGKILL) }
        }
        if let inPipe, let stdin {
            let writer = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                try? writer.write(contentsOf: Data(stdin.utf8))
                try? writer.close()
            }
        }
        let errData = DataBox()
        let group = DispatchGroup()
        if !merge {
            let reader = errPipe.fileHandleForReading
            group.enter()
            DispatchQueue.global().async {
                errData.data = reader.readDataToEndOfFile()
                group.leave()
            }
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        finished.value = true
        return RunResult(status: exitStatus(process), stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.data, as: UTF8.self))
    }

    /// The exit status, or 128+signal when the process was killed, as a shell reports it.
    static func exitStatus(_ process: Process) -> Int32 {
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}

final class DataBox: @unchecked Sendable {
    var data = Data()
}

final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var _value = false
    var value: Bool {
        get { lock.lock(); defer { lock.unlock() }; return _value }
        set { lock.lock(); _value = newValue; lock.unlock() }
    }
}

// MARK: - a live process

/// kbm running with its stdin held open: send lines, wait for output, signal it.
final class LiveKBM {
    let process = Process()
    private let input = Pipe()
    private let logPath: String
    private let log: FileHandle

    init(arguments: [String], cwd: String, environment: [String: String], logPath: String) throws {
        _ = ProcessRunner.ignoreSigpipe
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: KBMBinary.path)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: cwd)
        process.standardInput = input
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        try? input.fileHandleForWriting.close()
        try? log.close()
        unlink(logPath)
    }

    var pid: Int32 { process.processIdentifier }

    /// Everything kbm wrote so far (stdout and stderr in order).
    var output: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    func send(_ line: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Polls the output until it contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if output.contains(text) { return true }
            if !process.isRunning { return output.contains(text) }
            usleep(10_000)
        }
        return false
    }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// The exit status (128+signal when killed); nil when it did not end in time (it is then killed).
    func waitExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return ProcessRunner.exitStatus(process)
    }
}

// MARK: - files

/// Size, modification time and bytes: enough to prove a file was not written.
struct FileSnapshot: Equatable, CustomStringConvertible {
    var size: Int
    var mtimeSeconds: Int
    var mtimeNanoseconds: Int
    var bytes: [UInt8]

    init(_ path: String) {
        var st = stat()
        precondition(stat(path, &st) == 0, "stat \(path)")
        size = Int(st.st_size)
        mtimeSeconds = Int(st.st_mtim.tv_sec)
        mtimeNanoseconds = Int(st.st_mtim.tv_nsec)
        bytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data())
    }

    var description: String { "\(size) Bytes, mtime \(mtimeSeconds).\(mtimeNanoseconds)" }
}

func fileMode(_ path: String) -> mode_t? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return st.st_mode & 0o7777
}

func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

/// Overwrites `count` bytes at `offset` with `byte`, in place.
func overwrite(_ path: String, at offset: Int, count: Int, with byte: UInt8) {
    let fd = open(path, O_WRONLY)
    precondition(fd >= 0, "open \(path)")
    defer { close(fd) }
    let bytes = [UInt8](repeating: byte, count: count)
    precondition(pwrite(fd, bytes, count, off_t(offset)) == count, "pwrite \(path)")
}

func copyFile(_ from: String, _ to: String) {
    try? FileManager.default.removeItem(atPath: to)
    try! FileManager.default.copyItem(atPath: from, toPath: to)
}

/// Lines a/b as a readable diff: `-` expected only, `+` actual only, two-space context (LCS based).
func lineDiff(expected: String, actual: String, context: Int = 2) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let n = a.count, m = b.count
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
    }
    var ops: [(Character, String)] = []
    var i = 0, j = 0
    while i < n || j < m {
        if i < n, j < m, a[i] == b[j] { ops.append((" ", a[i])); i += 1; j += 1 }
        else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] { ops.append(("-", a[i])); i += 1 }
        else { ops.append(("+", b[j])); j += 1 }
    }
    // Show changed lines with a little context; elide long unchanged stretches.
    var keep = [Bool](repeating: false, count: ops.count)
    for (k, op) in ops.enumerated() where op.0 != " " {
        for c in max(0, k - context)...min(ops.count - 1, k + context) { keep[c] = true }
    }
    var out: [String] = []
    var skipped = false
    for (k, op) in ops.enumerated() {
        if keep[k] {
            out.append("\(op.0) \(op.1.replacingOccurrences(of: "\t", with: "→"))" + (op.1.hasSuffix(" ") ? "⏎" : ""))
            skipped = false
        } else if !skipped {
            out.append("  …")
            skipped = true
        }
    }
    return out.joined(separator: "\n")
}

/// Every row of a query on a session file, read through kbm's own SQLite wrapper (no sqlite3 CLI needed).
func rows(_ path: String, _ sql: String) throws -> [[String?]] {
    let db = try Database(path: path, create: false, readOnly: true)
    let statement = try db.prepare(sql)
    var result: [[String?]] = []
    while try statement.step() {
        result.append((0..<statement.columnCount).map { statement.text($0) })
    }
    return result
}
