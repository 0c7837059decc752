// The interactive line source: libedit with emacs keys, history, Tab completion and Ctrl-C handling.

import CEditLine
import Glibc
import KBMCore

final class Terminal: LineSource {
    let name = ""
    let directory = "."
    private(set) var lineNumber = 0
    var isInteractive: Bool { true }

    private var editLine: OpaquePointer?
    private let history: History?
    private var promptBuffer: [CChar] = [0]
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    /// The session the completer looks at; the shell keeps it current.
    var session: (() -> Session)?

    init(historyPath: String) {
        Terminal.setUTF8Locale()
        // With stdout piped, libedit would stop editing: talk to the terminal itself.
        if isatty(1) == 0, let tty = fopen("/dev/tty", "r+") {
            input = tty
            output = tty
        } else {
            input = kbm_stdin()
            output = kbm_stdout()
        }
        history = History(path: historyPath)
        let term = Paths.environment("TERM")
        guard term != "dumb", let el = el_init("kbm", input, output, kbm_stderr()) else {
            editLine = nil
            return
        }
        editLine = el
        kbm_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        kbm_el_set_prompt(el) { el in
            guard let el, let data = kbm_el_get_clientdata(el) else { return nil }
            let terminal = Unmanaged<Terminal>.fromOpaque(data).takeUnretainedValue()
            return terminal.promptBuffer.withUnsafeMutableBufferPointer { $0.baseAddress }
        }
        kbm_el_set_editor(el, "emacs")
        if let history { kbm_el_set_hist(el, history.handle) }
        kbm_el_set_addfn(el, "kbm-complete", "Vervollständigen") { el, _ in
            guard let el, let data = kbm_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<Terminal>.fromOpaque(data).takeUnretainedValue().complete(el)
        }
        kbm_el_bind(el, "^I", "kbm-complete")
        el_source(el, nil)
    }

    deinit {
        if let editLine { el_end(editLine) }
    }

    /// The columns of the terminal `fd` writes to, asked anew each time so a resized window counts (SIGWINCH
    /// needs no handler then); 80 when the terminal does not say.
    static func columns(_ fd: Int32) -> Int {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// A line before the first prompt, on the terminal (also when stdout goes to a file).
    func show(_ line: String) {
        fputs(Unprintable.escaped(line, lineBreaks: false) + "\n", output)
        fflush(output)
    }

    static func setUTF8Locale() {
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    func readLine(prompt: String) -> LineRead {
        let read = rawRead(prompt: prompt)
        if case .line(let line) = read { history?.add(line) }
        return read
    }

    func pause(_ text: String) {
        _ = rawRead(prompt: (text.isEmpty ? "" : text + " ") + "[Enter] weiter ")
    }

    func confirm(_ question: String) -> Bool {
        guard case .line(let answer) = rawRead(prompt: question) else { return false }
        return ["j", "ja", "y", "yes"].contains(Keyword.normalize(answer.trimmingBlanks))
    }

    private func rawRead(prompt: String) -> LineRead {
        // The prompt names the open Auftrag and `pause` shows a script's text: stored values, shown like all output.
        let prompt = Unprintable.escaped(prompt, lineBreaks: false)
        fflush(kbm_stdout())
        guard let editLine else { return plainRead(prompt: prompt) }
        let el = editLine
        promptBuffer = Array(prompt.utf8CString)
        var count: Int32 = 0
        _ = Interrupt.take()
        guard let raw = el_gets(el, &count) else {
            let interrupted = Interrupt.take()
            if count == -1 || interrupted {
                el_reset(el)
                fputs("\n", output)
                fflush(output)
                return .interrupted
            }
            fputs("\n", output)
            fflush(output)
            return .end
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        lineNumber += 1
        return .line(line)
    }

    /// Without a usable terminal description (TERM=dumb): prompt and read a plain line.
    private func plainRead(prompt: String) -> LineRead {
        fputs(prompt, output)
        fflush(output)
        var bytes: [UInt8] = []
        while true {
            let c = getc(input)
            if c == EOF {
                if ferror(input) != 0 && errno == EINTR { clearerr(input); _ = Interrupt.take(); fputs("\n", output); return .interrupted }
                if bytes.isEmpty { fputs("\n", output); return .end }
                break
            }
            if c == 10 { break }
            bytes.append(UInt8(c))
        }
        lineNumber += 1
        guard let line = String(validating: bytes, as: UTF8.self) else { return .invalid(.invalidUTF8) }
        return .line(line)
    }

    /// Tab: complete the word before the cursor; when several fit, insert what they share or list them.
    private func complete(_ el: OpaquePointer) -> UInt8 {
        let elp = el
        guard let info = el_line(elp)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: length).bindMemory(to: UInt8.self), as: UTF8.self)
        let (stem, candidates) = Completer.complete(before, session: session?() ?? Session(today: Clock.today()))
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        if candidates.count == 1 {
            let word = candidates[0]
            replace(stem: stem, with: word + (word.hasSuffix("=") || word.hasSuffix("/") ? "" : " "), el: elp)
            return UInt8(CC_REFRESH)
        }
        let shared = Terminal.commonPrefix(candidates)
        // A cut list (Completer.limit) may share more than all candidates do: then only list.
        if shared.count > stem.count && candidates.count < Completer.limit {
            replace(stem: stem, with: shared, el: elp)
            return UInt8(CC_REFRESH)
        }
        fputs("\n" + Unprintable.escaped(candidates.joined(separator: "  "), lineBreaks: false) + "\n", output)
        return UInt8(CC_REDISPLAY)
    }

    private func replace(stem: String, with word: String, el: OpaquePointer) {
        if !stem.isEmpty { el_deletestr(el, Int32(stem.count)) }
        el_insertstr(el, word)
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let w = Array(word)
            var n = 0
            while n < prefix.count && n < w.count && prefix[n] == w[n] { n += 1 }
            prefix = Array(prefix[0..<n])
        }
        return String(prefix)
    }
}
