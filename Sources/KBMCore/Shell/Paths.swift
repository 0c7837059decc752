// Where kbm keeps its files by default (XDG base directories).

import Glibc

public enum Paths {
    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }

    public static var home: String { environment("HOME") ?? "." }

    public static var defaultSession: String {
        (environment("XDG_DATA_HOME") ?? home + "/.local/share") + "/kbm/sitzung.db"
    }

    public static var history: String {
        (environment("XDG_STATE_HOME") ?? home + "/.local/state") + "/kbm/history"
    }
}

extension Paths {
    /// The served BAMF's file when `kbm bamf serve` names none.
    public static var defaultBamf: String {
        (environment("XDG_DATA_HOME") ?? home + "/.local/share") + "/kbm/bamf.db"
    }
}
