// The one re-entrant loop over any line source: read, parse, execute, persist, print.

import Glibc
import KBMDomain
import KBMLanguage
import KBMModel
import KBMPersistence
import KBMRender

public final class Shell {
    public enum RunResult: Equatable, Sendable {
        /// Ran to the end; `failures` commands failed along the way.
        case completed(failures: Int)
        /// Stopped at a failing command.
        case stopped
        /// `exit` ended the run; `failures` commands failed before it.
        case exitRequested(failures: Int)
        case interrupted
    }

    public internal(set) var session: Session
    public let store: SessionStore?
    public var options = ShellOptions()
    public let sink: Sink
    /// The BAMF side; the simulator unless a real client is plugged in.
    public var inge: any InGe = SimulatedInGe()
    /// The served BAMF's password for this run only (`bamf verbinden`): never in the session, the log or a file.
    var bamfPasswort: (benutzer: String, passwort: String)?
    /// Asks for the password without echo; nil where there is no terminal (then KBM_BAMF_PASSWORT is the way).
    public var askPassword: (String) -> String? = { PasswordPrompt.ask($0) }
    /// Polled between commands; true once the user pressed Ctrl-C during a batch run.
    public var interruptRequested: () -> Bool = { false }
    /// The width of the terminal a descriptor (1, 2) writes to, asked for each command so a resized window
    /// counts; nil for a pipe or a file, whose output is never wrapped.
    public var terminalWidth: (Int32) -> Int? = { _ in nil }
    /// Whether a long script shows "Zeile N von M" on stderr (a terminal, and no echo of each line).
    public var showsProgress = false
    /// When the script that shows progress began, and when its line was last drawn.
    private var progressClock: (since: Int, drawn: Int)?

    private var logClock: (second: Int, text: String) = (0, "")
    /// The session's clock when the outermost unit began. A clock given for the run (`--today`) is not in the
    /// file, so a unit that is rolled back returns to this one, not to the date the file holds.
    private var todayBeforeUnit: Day?

    /// The command log of a session without a file (`--fresh`), for `verlauf`.
    var memoryLog: [LoggedCommand] = []
    /// The script that `record FILE` is writing.
    var recording: TextFile?
    /// Where output goes instead of the screen: all of it (`output FILE`) or the next command's (`once FILE`).
    var outputFile: TextFile?
    var onceFile: TextFile?

    /// What the previous command did, for `expect`.
    var last = LastCommand(failed: false, message: "", output: "")

    /// The scripts being run, outermost first, for `FILE:LINE` chains and cycle detection.
    private var includes: [(source: LineSource, canonical: String?)] = []
    /// A write failed inside a script's unit: the unit is rolled back, so every script in it stops.
    private var unitAbandoned = false
    static let maxIncludeDepth = 32

    public init(session: Session, store: SessionStore?, sink: Sink) {
        self.session = session
        self.store = store
        self.sink = sink
    }

    /// The prompt is asked for before every line, also of scripts; it changes only with the open Auftrag.
    private var promptCache: (open: String?, text: String) = (nil, "kbm> ")

    public var prompt: String {
        if session.openAuftrag != promptCache.open {
            promptCache = (session.openAuftrag, session.openAuftrag.map { "kbm \($0)> " } ?? "kbm> ")
        }
        return promptCache.text
    }

    /// Runs every line of a source. With `asUnit` the whole run is one transaction.
    public func run(_ source: LineSource, asUnit: Bool, canonical: String? = nil) -> RunResult {
        includes.append((source, canonical))
        defer { includes.removeLast() }
        let outermost = asUnit && store?.inUnit == false
        let progressOwner = showsProgress && progressClock == nil && source.lineCount != nil
        if progressOwner { progressClock = (Clock.monotonicNanoseconds(), 0) }
        defer { if progressOwner { progressClock = nil; sink.progress(nil) } }
        if asUnit, let store {
            if outermost { todayBeforeUnit = session.today }
            do { try store.beginUnit(script: outermost) } catch { report(error, at: source); return .stopped }
        }
        let result = loop(source)
        defer { sink.flush() }
        if asUnit, let store {
            if unitAbandoned {
                if outermost { unitAbandoned = false }
                return .stopped
            }
            do { try store.endUnit() } catch {
                report(Self.unitFailure(error), at: source)
                reload()
                return .stopped
            }
        }
        return result
    }

    private func loop(_ source: LineSource) -> RunResult {
        var failures = 0
        // A failing command stops a script unless the next command expects exactly that failure;
        // a failure an `expect fehler` confirms does not count as one.
        var stopPending = false
        var lastFailed = false
        while true {
            if interruptRequested() && !source.isInteractive { return .interrupted }
            // Piped input and the terminal wait for the answer to each line; a script in memory does not.
            if !source.isHeldInMemory { sink.flush() }
            let read = source.readLine(prompt: prompt)
            let line: String
            switch read {
            case .end: return stopPending ? .stopped : .completed(failures: failures)
            case .interrupted: continue
            case .invalid(let error):
                report(error, at: source)
                failures += 1
                if !source.isInteractive && options.bail { return .stopped }
                continue
            case .line(let text): line = text
            }
            let kind = lastFailed ? Self.kind(of: line) : .other
            if stopPending {
                switch kind {
                case .blank: execute(line, from: source); continue
                case .expectFehler: stopPending = false
                case .other: return .stopped
                }
            }
            let result = execute(line, from: source)
            sink.flushIfDue()
            if progressClock != nil { showProgress(of: source) }
            if unitAbandoned { return .stopped }
            if lastFailed && kind == .expectFehler && result == .ok { failures -= 1 }
            if kind != .blank { lastFailed = result == .failed }
            switch result {
            case .ok: break
            case .failed:
                failures += 1
                if !source.isInteractive && options.bail { stopPending = true }
            case .exit: return .exitRequested(failures: failures)
            case .interrupted:
                if source.isInteractive { sink.err("Abgebrochen.\n"); failures += 1; continue }
                return .interrupted
            }
        }
    }

    enum LineResult { case ok, failed, exit, interrupted }

    /// A script that has run for a second shows where it is, redrawn at most ten times a second.
    private func showProgress(of source: LineSource) {
        guard let clock = progressClock, let total = source.lineCount, !options.echo else { return }
        let now = Clock.monotonicNanoseconds()
        guard now - clock.since >= 1_000_000_000, now - clock.drawn >= 100_000_000 else { return }
        progressClock = (clock.since, now)
        sink.progress(Wording.progress(line: source.lineNumber, of: total, file: source.name))
    }

    enum LineKind { case blank, expectFehler, other }

    static func kind(of line: String) -> LineKind {
        guard let command = try? Parser.parse(line) else {
            return (try? Lexer.tokenize(line).isEmpty) == true ? .blank : .other
        }
        return command.name == .expect(.fehler) ? .expectFehler : .other
    }

    /// One command line: everything it changed is written in one unit before its output is shown.
    @discardableResult
    func execute(_ line: String, from source: LineSource) -> LineResult {
        if options.echo {
            // Narration (comments) and blank lines read better without a prompt in front.
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            sink.out((trimmed.isEmpty || trimmed.hasPrefix("#") ? "" : prompt) + line + "\n")
        }
        let command: ParsedCommand
        do {
            guard let parsed = try Parser.parse(line) else { return .ok }
            command = parsed
        } catch {
            last = LastCommand(failed: true, message: Wording.message(error), output: "")
            report(error, at: source)
            // What kbm cannot read as a command may be anything (a line of `run /etc/shadow.kbm`): never stored.
            logLine(Self.refusedLine, source: source, outcome: "fehler")
            return .failed
        }
        if case .expect(let expectation) = command.name {
            do {
                try judge(expectation, command)
                logLine(line, source: source, outcome: "ok")
                return .ok
            } catch {
                report(error, at: source)
                logLine(line, source: source, outcome: "fehler")
                return .failed
            }
        }
        if command.name.isShell(.exit) {
            logLine(line, source: source, outcome: "ok")
            return .exit
        }
        // What ran so far is shown before kbm waits for a file to read (perhaps a pipe).
        if command.name.isShell(.run) { sink.flush() }
        if command.name.isShell(.run) {
            return include(command[Keys.Run.datei], line: line, from: source)
        }
        // Only `set timer on` makes the clock worth reading; `set timer` itself never reports.
        let started = options.timer ? Clock.monotonicNanoseconds() : nil
        defer {
            if let started, options.timer && !command.name.isShell(.setTimer) {
                sink.out(Wording.duration(Clock.monotonicNanoseconds() - started) + "\n")
            }
        }
        let inUnit = store?.inUnit ?? false
        if !inUnit { todayBeforeUnit = session.today }
        do {
            try store?.beginUnit()
        } catch {
            report(error, at: source)
            return .failed
        }
        var printed = ""
        // What a terminal shows: the same output fitted to its width; `printed` stays as it is for `expect`
        // and files. A dump on the screen is a script to copy: its lines stay whole.
        // A machine format is one document, never fitted.
        let width = command.name.isShell(.dump) || command.name.isShell(.dumpAnonym) || options.format != .table
            ? nil : terminalWidth(1)
        var shown = ""
        var result = LineResult.ok
        var failure: DomainError?
        var interrupted = false
        var findings: [Finding] = []
        var bamf: [String] = []
        var touched: [Touched] = []
        do {
            let outcome = try perform(command, line: line, from: source)
            // The BAMF's answer took its time: what ran so far is shown while kbm waits it out.
            if outcome.delayMs > 0 { sink.flush(); usleep(UInt32(outcome.delayMs) * 1000) }
            Shell.print(outcome.output, format: options.format, width: width, into: &printed, shown: &shown, findings: &findings,
                        bamf: &bamf, lentFrom: &session)
            touched = outcome.touched
            if let f = outcome.failure { result = .failed; failure = f }
        } catch ShellError.interrupted {
            // Ctrl-C stopped the command (a query); the loop says "Abgebrochen." and decides whether to go on.
            last = LastCommand(failed: true, message: Wording.message(ShellError.interrupted), output: printed)
            result = .failed
            interrupted = true
        } catch {
            // The command failed (a failed `save FILE` too); what the session's file gets is decided below.
            last = LastCommand(failed: true, message: Wording.message(error), output: printed)
            report(error, at: source)
            result = .failed
        }
        if result == .ok || failure != nil {
            last = LastCommand(failed: result == .failed, message: failure.map { Wording.message($0) } ?? "",
                               output: printed, findings: findings, bamf: bamf)
        }
        // Ctrl-C is no failure a replay could repeat.
        // Read only after a failure: reading it copies `last`, the whole output with it.
        let failureText = interrupted || !last.failed ? nil : last.failureText
        let entry = logEntry(line, source: source, outcome: result == .ok ? "ok" : "fehler", fehler: failureText)
        if let store {
            // The changes and the log line are one transaction: both are in the file, or neither.
            do {
                try store.write(touched, lentFrom: &session)
                if let entry { try store.log(entry) }
                try store.endUnit()
            } catch {
                abandon(error, enclosingUnit: inUnit, at: source)
                last = LastCommand(failed: true, message: Wording.message(error), output: printed)
                return .failed
            }
        } else if let entry {
            memoryLog.append(entry)
        }
        // A failed command is recorded with the failure a replay must meet: a fault demo replays as it ran.
        let unrecorded = recording != nil && !interrupted && command.spec.replay != .skipped
            ? record(line, command, failed: result == .failed, failureText: failureText) : nil
        let unwritten = emit(printed, onScreen: width == nil ? printed : shown, after: command.name)
        if let failure { report(failure, at: source) }
        // The command ran and is saved; that its recording or its output was lost is its failure all the same.
        if unrecorded != nil || unwritten != nil {
            for lost in [unrecorded, unwritten].compactMap({ $0 }) {
                report(lost, at: source)
                last = LastCommand(failed: true, message: Wording.message(lost), output: printed)
            }
            result = .failed
        }
        return interrupted ? .interrupted : result
    }

    /// The interpreter gives domain commands their meaning; the shell answers its own.
    /// Lays out and renders a command's outputs, keeping the findings among them. The session is lent `inout` and
    /// not changed, as to the store: Listing and Renderer are in another module, and for a call into one the compiler
    /// copies a class's stored session, retaining each of its collections, twice for every command.
    private static func print(_ outputs: [Output], format: OutputFormat, width: Int?, into printed: inout String, shown: inout String,
                              findings: inout [Finding], bamf: inout [String], lentFrom session: inout Session) {
        let items = Listing.expanded(outputs, in: session)
        Renderer.render(items, format: format, in: session, into: &printed)
        for item in items {
            // Only the table format is fitted, and there the document is its items one after another.
            if let width { shown += Renderer.fit(item, rendered: Renderer.render(item, format: format, in: session), format: format, width: width) }
            switch item {
            case .findings(let f), .warnings(let f): findings += f
            case .message(let m) where m.ergebnis == .abgelehnt || m.ergebnis == .nichtZugestellt: bamf += m.meldungen
            default: break
            }
        }
    }

    private func perform(_ command: ParsedCommand, line: String, from source: LineSource) throws -> Outcome {
        switch command.name {
        case .domain(let name) where session.verbindung != nil && (Self.servedCommands.contains(name) || Self.embeddedOnly.contains(name)):
            return try served(name, line: line, command)
        case .domain(.melden) where source.isInteractive: return try meldenAsked(command, from: source)
        case .domain(let name):
            // Only a command that sends needs the service (and its password).
            return try Interpreter.execute(command, on: &session, inge: Self.sending.contains(name) ? try currentInGe() : inge)
        case .shell(let name): return try perform(name, command, from: source)
        case .expect: preconditionFailure("execute judges \(command.spec.phrase) itself")
        }
    }

    private func perform(_ name: ShellCommand, _ command: ParsedCommand, from source: LineSource) throws -> Outcome {
        switch name {
        case .help:
            return Outcome(output: [], touched: []).with(text: try HelpText.render(topic: command[Keys.Help.befehl]))
        case .setFormat:
            options.format = command[Keys.SetFormat.format]
            return Outcome()
        case .setBail:
            options.bail = command[Keys.SetSwitch.wert]
            return Outcome()
        case .setEcho:
            options.echo = command[Keys.SetSwitch.wert]
            return Outcome()
        case .setTimer:
            options.timer = command[Keys.SetSwitch.wert]
            return Outcome()
        case .echo:
            return Outcome(output: [.text((command[Keys.Echo.text] ?? "") + "\n")])
        case .complete:
            let candidates = Completer.complete(command[Keys.Complete.text], session: session).candidates
            return Outcome(output: [.text(candidates.map { $0 + "\n" }.joined())])
        case .pause:
            sink.flush()
            source.pause(command[Keys.Echo.text] ?? "")
            return Outcome()
        case .save:
            let path = command[Keys.Run.datei]
            try refuseSessionFiles(path, command: command)
            try SessionStore.create(path: path, from: session, log: try commandLog(last: nil))
            return Outcome(output: [.notice(.sessionSaved(path))])
        case .record: return try startRecording(command)
        case .recordStop: return try stopRecording()
        case .verlauf: return try showLog(command)
        case .verlaufExport: return try exportLog(command)
        case .sql: return try query(command, from: source)
        case .output: return try redirectOutput(command)
        case .once: return try redirectOnce(command)
        case .dump: return try dump(command, anonym: false)
        case .dumpAnonym: return try dump(command, anonym: true)
        case .bamfVerbinden: return try connect(command)
        case .bamfLokal: return disconnect()
        case .exit, .run: preconditionFailure("execute runs \(command.spec.phrase) itself")
        }
    }

    /// `melden` at the keyboard: the warnings are shown and must be accepted before anything is sent.
    private func meldenAsked(_ command: ParsedCommand, from source: LineSource) throws -> Outcome {
        let asked = warningsToConfirm()
        if !asked.isEmpty {
            let text = Renderer.render(.findings(asked), format: .table, in: session)
            sink.out(terminalWidth(1).map { Renderer.fit(.findings(asked), rendered: text, format: .table, width: $0) } ?? text)
            sink.flush()
            guard source.confirm("Trotz Warnungen an das BAMF senden? [j/N] ") else { throw DomainError.meldungNotSent }
        }
        var outcome = try Interpreter.execute(command, on: &session, inge: try currentInGe())
        // The person has just read the warnings; the answer need not repeat them.
        if !asked.isEmpty { outcome.output.removeAll { if case .findings = $0 { true } else { false } } }
        return outcome
    }

    /// The warnings a person at the keyboard must see and accept before `melden` sends; none when a Fehler
    /// stops it anyway (melden then reports the findings itself).
    private func warningsToConfirm() -> [Finding] {
        guard let nr = session.openAuftrag, let auftrag = session.auftraege[nr] else { return [] }
        let findings = Checker.findings(for: auftrag, in: session)
        return findings.contains(where: { $0.severity == .fehler }) ? [] : findings
    }

    private func include(_ path: String, line: String, from source: LineSource) -> LineResult {
        let resolved = FileSystem.resolve(path, relativeTo: source.directory)
        guard includes.count < Self.maxIncludeDepth else {
            report(ShellError.includeTooDeep(limit: Self.maxIncludeDepth), at: source)
            return .failed
        }
        let canonical = FileSystem.canonical(resolved)
        if let canonical, includes.contains(where: { $0.canonical == canonical }) {
            let chain = includes.compactMap { $0.canonical == nil ? nil : $0.source.name } + [resolved]
            report(ShellError.includeCycle(chain: chain), at: source)
            return .failed
        }
        let script: ByteLineSource
        do {
            script = try ByteLineSource(script: resolved)
            try script.requireScriptShape()
        } catch .interrupted {
            return .interrupted
        } catch {
            report(error, at: source)
            return .failed
        }
        // The recording gets the script's commands themselves, so it replays without the file.
        logLine(line, source: source, outcome: "ok", replayable: false)
        if unitAbandoned { return .failed }
        switch run(script, asUnit: true, canonical: canonical) {
        case .completed(let failures): return failures == 0 ? .ok : .failed
        case .stopped: return .failed
        case .exitRequested: return .exit
        case .interrupted: return .interrupted
        }
    }

    /// Prints an error with the place it happened: `FILE:LINE:` for scripts, with the chain of `run` includes.
    func report(_ error: any Error, at source: LineSource) {
        var text = ""
        if source.isInteractive || source.name.isEmpty {
            text = "Fehler: " + Wording.message(error) + "\n"
        } else {
            text = "\(source.name):\(source.lineNumber): Fehler: " + Wording.message(error) + "\n"
        }
        for outer in includes.dropLast().reversed() where outer.source !== source {
            text += "  aufgerufen von \(outer.source.name)" + (outer.source.isInteractive ? "" : ":\(outer.source.lineNumber)") + "\n"
        }
        sink.err(terminalWidth(2).map { Renderer.wrap(text, width: $0) } ?? text)
    }

    /// Logs a line that changes nothing else (a parse error, an expectation, `exit`, `run FILE`).
    private func logLine(_ line: String, source: LineSource, outcome: String, replayable: Bool = true) {
        if outcome == "ok" && replayable, let lost = record(line, nil) { report(lost, at: source) }
        guard let entry = logEntry(line, source: source, outcome: outcome) else { return }
        guard let store else { memoryLog.append(entry); return }
        let inUnit = store.inUnit
        do {
            if !inUnit { try store.beginUnit() }
            try store.log(entry)
            if !inUnit { try store.endUnit() }
        } catch {
            // Inside a script SQLite may have dropped the whole transaction: the script cannot go on.
            if inUnit { abandon(error, enclosingUnit: true, at: source) } else { store.rollback() }
        }
    }

    /// The log's entry for a line; nil for a private line typed at the terminal (`isPrivate`).
    private func logEntry(_ line: String, source: LineSource, outcome: String, fehler: String? = nil) -> LoggedCommand? {
        if source.isInteractive && Self.isPrivate(line) { return nil }
        let now = Clock.epochSeconds()
        // A script runs thousands of lines a second; the time is formatted once per second.
        if now != logClock.second { logClock = (now, Clock.timestamp(at: now)) }
        return LoggedCommand(zeit: logClock.text, quelle: source.name.isEmpty ? "terminal" : source.name, zeile: line, ergebnis: outcome,
                             fehler: fehler)
    }

    /// A write of the session failed and its transaction is rolled back: memory goes back to what the file holds.
    /// Inside a script that is the script's whole unit, so the script is reported as not saved and stops.
    private func abandon(_ error: StoreError, enclosingUnit: Bool, at source: LineSource) {
        store?.rollback()
        reload()
        if enclosingUnit { unitAbandoned = true }
        report(enclosingUnit ? Self.unitFailure(error) : error, at: source)
    }

    static func unitFailure(_ error: StoreError) -> StoreError {
        if case .writeFailed(let detail) = error { return .scriptNotSaved(detail: detail) }
        return error
    }

    /// After a failed write the file holds the truth: read it back so memory matches disk.
    /// The clock goes back to the one before the unit, which the file need not hold (the system's, or --today).
    private func reload() {
        let today = todayBeforeUnit ?? session.today
        guard let store, var fresh = try? store.load(today: today) else { return }
        fresh.today = today
        session = fresh
    }
}

extension Outcome {
    func with(text: String) -> Outcome {
        var copy = self
        copy.output.append(.text(text))
        return copy
    }
}
