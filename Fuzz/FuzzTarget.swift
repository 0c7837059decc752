// The libFuzzer entry point (scripts/fuzz): an input is a script; after 0xFF generator choices, after 0xFE session-file edits.

import Glibc

nonisolated(unsafe) private var harness: FuzzHarness?

/// Where the harness keeps its scripts and lets the shell write: a directory of this process's own under
/// KBM_FUZZ_DIR (with --jobs the workers share that variable, and their sessions of one name would lock each
/// other out), else a new directory under /tmp.
private func workDirectory() -> String {
    if let dir = getenv("KBM_FUZZ_DIR") {
        let own = String(cString: dir) + "/\(getpid())"
        guard mkdir(own, 0o700) == 0 || errno == EEXIST else { abort() }
        return own
    }
    var template = Array("/tmp/kbm-fuzz.XXXXXX".utf8CString)
    guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { abort() }
    return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if harness == nil { harness = FuzzHarness(directory: workDirectory()) }
    guard let harness else { return 0 }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if bytes.first == 0xFF {
        harness.generated(FuzzRandom(bytes: Array(bytes.dropFirst())))
    } else if bytes.first == 0xFE {
        harness.storedValues(FuzzRandom(bytes: Array(bytes.dropFirst())))
    } else {
        harness.raw(bytes)
    }
    // To read what an input made of it: KBM_FUZZ_DUMP=FILE kbm-fuzz INPUT writes the script the shell ran.
    if let dump = getenv("KBM_FUZZ_DUMP") {
        let fd = open(dump, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = harness.lastScript.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
    // A broken property is a finding like a crash: libFuzzer keeps the input that caused it.
    if let problem = harness.problems.first {
        let text = Array(("kbm-fuzz: " + problem + "\n").utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }
    return 0
}
