// Runs `kbm-bamf senden` beside kbm for one message: the request on its stdin, the result from its stdout, and
// a deadline after which the child is killed, so the shell never waits longer than the time limit allows.

import Glibc
import KBMDomain
import KBMModel
import KBMPersistence

public enum BamfSender {
    /// kbm-bamf gets the time limit for the HTTP exchange; kbm allows this much more for starting it and TLS.
    static let graceSeconds = 3

    /// The program beside the running executable (through /proc, so a symlink to kbm finds the real directory);
    /// KBM_BAMF_PROGRAMM names another, for tests of a program that is missing.
    public static var program: String {
        if let named = Paths.environment("KBM_BAMF_PROGRAMM") { return named }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard n > 0 else { return "kbm-bamf" }
        let exe = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = exe.lastIndex(of: "/") else { return "kbm-bamf" }
        return String(exe[...slash]) + "kbm-bamf"
    }

    /// Sends one request; never throws and never waits beyond the time limit and the grace.
    public static func send(_ request: SendRequest) -> SendResult {
        let path = program
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { return failed(FileSystem.errorText(errno), path) }
        guard pipe(&output) == 0 else {
            close(input[0]); close(input[1])
            return failed(FileSystem.errorText(errno), path)
        }
        // Not inherited by anything else kbm starts; the child gets its ends through dup2 alone.
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup("senden"), nil]
        defer { for a in argv { free(a) } }
        // The child's environment is kbm's without the password: it reads that from stdin only.
        var environment: [UnsafeMutablePointer<CChar>?] = []
        var entry = environ
        while let e = entry.pointee {
            if strncmp(e, "KBM_BAMF_PASSWORT=", 18) != 0 { environment.append(strdup(e)) }
            entry += 1
        }
        environment.append(nil)
        defer { for e in environment { free(e) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environment)
        close(input[0])
        close(output[1])
        guard spawned == 0 else {
            close(input[1]); close(output[0])
            return failed(FileSystem.errorText(spawned), path)
        }
        writeAll(request.encoded, to: input[1])
        close(input[1])
        let deadline = Clock.monotonicNanoseconds() + (request.verbindung.zeitlimit + graceSeconds) * 1_000_000_000
        let (text, complete) = readAll(output[0], until: deadline)
        close(output[0])
        if !complete { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard complete else {
            return .undelivered(Uebertragung.message(Uebertragung.zeitueberschreitung,
                "Zeitüberschreitung: \(request.verbindung.url) hat nicht innerhalb von \(request.verbindung.zeitlimit) Sekunden geantwortet."))
        }
        if let result = SendResult.decode(text) { return result }
        return .undelivered(Uebertragung.message(Uebertragung.programm,
            "\(path) endete ohne verwertbares Ergebnis (Status \(status))."))
    }

    private static func failed(_ reason: String, _ path: String) -> SendResult {
        .undelivered(Uebertragung.message(Uebertragung.programm,
            "Das Sendeprogramm \(path) ließ sich nicht starten: \(reason)."))
    }

    /// A child that exits early must not take kbm with it: SIGPIPE is held back while writing and dropped after.
    private static func writeAll(_ text: String, to fd: Int32) {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; break }
            offset += n
        }
        var pending = sigset_t()
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1 {
            var zero = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&blocked, nil, &zero)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// Everything up to end of file, or what came before the deadline (`complete` false).
    private static func readAll(_ fd: Int32, until deadline: Int) -> (String, complete: Bool) {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let left = deadline - Clock.monotonicNanoseconds()
            guard left > 0 else { return (String(decoding: bytes, as: UTF8.self), false) }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left / 1_000_000 + 1, 60_000)))
            if ready < 0 { if errno == EINTR { continue }; return (String(decoding: bytes, as: UTF8.self), false) }
            if ready == 0 { continue }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return (String(decoding: bytes, as: UTF8.self), true) }
            if n == 0 { return (String(decoding: bytes, as: UTF8.self), true) }
            // A result is a few lines; a child that floods is cut off rather than held in memory.
            guard bytes.count < 4 << 20 else { return (String(decoding: bytes, as: UTF8.self), true) }
            bytes += buffer[..<n]
        }
    }
}
