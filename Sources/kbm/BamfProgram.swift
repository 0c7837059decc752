// `kbm bamf …` hands over to kbm-bamf, the served BAMF's own program beside kbm.

import CEditLine
import Glibc
import KBMCore

enum BamfProgram {
    /// Replaces this process with `kbm-bamf ARGS…` from kbm's own directory; says why in German when it cannot.
    static func execute(_ arguments: [String]) -> Never {
        let path = sibling("kbm-bamf")
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) }
        argv.append(nil)
        execv(path, argv)
        fputs(Wording.Served.programMissing(path: path, reason: FileSystem.errorText(errno)), kbm_stderr())
        exit(ExitStatus.usage.rawValue)
    }

    /// A file in the directory of the running kbm (through /proc, so a symlink to kbm finds the real directory).
    private static func sibling(_ name: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard n > 0 else { return name }
        let exe = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = exe.lastIndex(of: "/") else { return name }
        return String(exe[...slash]) + name
    }
}
