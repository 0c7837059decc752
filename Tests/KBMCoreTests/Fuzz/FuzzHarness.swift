// Runs hostile input through lexer, parser, interpreter, completion, rendering and the shell, and collects
// every broken property: an internal error, an empty message, a failing command that changed the session,
// a session file that reads back different from what the shell held.

import Glibc
#if !KBM_FUZZ_SINGLE_MODULE
import KBMCore
#endif

final class FuzzHarness {
    /// Where file arguments point: copies, recordings, exports and output land here as `w-…`;
    /// `run` finds the prepared scripts `r-…` here. Nothing outside it is ever named.
    let directory: String
    private(set) var lines = 0
    private(set) var scripts = 0
    private(set) var damagedSessions = 0
    private(set) var plantedSchemas = 0
    private(set) var problems: [String] = []
    /// The input being tried, for the problem report.
    private var current = ""
    /// The last script the shell ran, as bytes (`KBM_FUZZ_DUMP` writes it out for a finding of libFuzzer).
    private(set) var lastScript: [UInt8] = []
    private var counter = 0

    static let startDay = Day(year: 2026, month: 2, day: 16)!

    /// Scripts `run` may reach: a cycle, self-inclusion, nesting deeper than the limit, CRLF, binary garbage, the workflow,
    /// a device (a link to /dev/zero, read only) and a file that is no kbm script.
    static let prepared = ["r-a.kbm", "r-b.kbm", "r-self.kbm", "r-d1.kbm", "r-crlf.kbm", "r-bin.kbm", "r-workflow.kbm", "r-fehlt.kbm",
                           "r-geraet.kbm", "r-fremd"]

    /// Where a file-writing command may be sent instead of a new `w-…` file: the open session and its side files
    /// (`s-N.db…`, named when the case's session is known), a link to it, a link to a file that must stay as it is,
    /// and that file itself. The shell must refuse each; the session must read back as it held it, the file unchanged.
    static let forbiddenTargets = ["SITZUNG", "SITZUNG-wal", "SITZUNG-shm", "SITZUNG-lock", "SITZUNG-journal", "l-sitzung",
                                   "l-fremd", "x-fremd.txt"]
    static let foreignContent = Array("nicht überschreiben\n".utf8)

    init(directory: String) {
        self.directory = directory
        write("r-a.kbm", Array("add kursort KO-A\nrun r-b.kbm\n".utf8))
        write("r-b.kbm", Array("run r-a.kbm\n".utf8))
        write("r-self.kbm", Array("echo selbst\nrun r-self.kbm\n".utf8))
        for depth in 1...40 { write("r-d\(depth).kbm", Array("echo \(depth)\nrun r-d\(depth + 1).kbm\n".utf8)) }
        write("r-crlf.kbm", Array("set today 02.03.2026\r\nmandant traegernummer=TR-1\r\nlist auftraege\r\n".utf8))
        write("r-bin.kbm", [0x00, 0xFF, 0xFE, 0x0A, 0xC3, 0x28, 0x0A] + Array("list kursorte\n".utf8) + [0x1B, 0x5B, 0x32, 0x4A, 0x0A])
        write("r-workflow.kbm", Array(LineGenerator.workflow.joined(separator: "\n").replacing("{k}", with: "99").utf8))
        symlink("/dev/zero", directory + "/r-geraet.kbm")
        write("r-fremd", Array("root:$6$salz$geheim:19000:0:99999:7:::\n".utf8))
        write("x-fremd.txt", Self.foreignContent)
        symlink(directory + "/x-fremd.txt", directory + "/l-fremd")
    }

    // MARK: inputs

    /// One generated case: lines made for the session as it evolves under the interpreter, then the same lines
    /// (with damaged line ends and bytes) as a script through the shell, on a session file every fourth time.
    func generated(_ random: FuzzRandom) {
        var generator = LineGenerator(random: random)
        var session = Session(today: Self.startDay)
        var script: [String] = []
        for _ in 0..<generator.random.int(1...80) {
            let line = generator.line(for: session)
            script.append(line)
            interpret(line, &session, completeAt: generator.random.int(0...line.count))
        }
        // A script cut off in its last line; cut before the files are moved into the directory,
        // or `record stop` would become `record s`, a recording in the working directory.
        var lines = script.map { Array($0.utf8) }
        let cut = generator.random.chance(5)
        if cut { lines[lines.count - 1].removeLast(generator.random.int(0...min(5, lines[lines.count - 1].count))) }
        var bytes: [UInt8] = []
        for (i, line) in lines.enumerated() {
            bytes += String(validating: line, as: UTF8.self).map { Array(sanitized($0).utf8) } ?? line
            // Bytes that make the line invalid UTF-8 or give it a NUL: it is reported, never run.
            if generator.random.chance(3) { bytes += generator.random.pick([[0xFF], [0xC3], [0x00], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]) }
            if cut && i == lines.count - 1 { break }
            bytes += generator.random.chance(10) ? [0x0D, 0x0A] : [0x0A]
        }
        shell(bytes, store: counter % 4 == 0, asUnit: generator.random.chance(50), bail: generator.random.chance(20),
              echo: generator.random.chance(20), format: generator.random.pick(OutputFormat.allCases))
    }

    /// Raw bytes as a script (libFuzzer's own mutations of the seed scripts), each line also through the interpreter.
    func raw(_ bytes: [UInt8]) {
        var session = Session(today: Self.startDay)
        var cleaned: [[UInt8]] = []
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard line.count <= ByteLineSource.maxLineBytes, !line.contains(0), let text = String(validating: line, as: UTF8.self) else {
                cleaned.append(Array(line))
                continue
            }
            interpret(text, &session, completeAt: text.count / 2)
            cleaned.append(Array(sanitized(text).utf8))
        }
        shell(Array(cleaned.joined(separator: [0x0A])), store: bytes.first.map { $0 & 3 == 0 } ?? false, asUnit: true,
              bail: false, echo: false, format: .table)
    }

    // MARK: values changed behind kbm's back

    /// Values a session file may hold after someone edited it with sqlite3: out of range, of the wrong kind, empty.
    static let storedValues: [SQLValue?] = [
        nil, .int(0), .int(-1), .int(1), .int(7), .int(51), .int(999), .int(Int(Int32.max)), .int(Int(Int32.max) + 1), .int(Int.max),
        .int(Int.min), .text(""), .text(" "), .text("x"), .text("T0"), .text("T-1"), .text("T9223372036854775807"),
        .text("9223372036854775807"), .text("-9223372036854775808"), .text("2147483648"), .text("9999-12-31"),
        .text("0001-01-01"), .text("0000-00-00"), .text("2026-02-30"), .text("31.12.9999"), .text("ja"), .text("nein"),
        .text("integrationskurs"), .text("allgemein"), .text("basis1"), .text("gemeldet"), .text("aktualisiert"),
        .text("storniert"), .text("erst"), .text("bamf"), .text("aktiv"), .text("wartet"), .text("IK-1"), .text("T1"),
        .text("AZ-100001"), .text("LK-1001"), .text("KO-4711-01"), .text("0,9"), .text("1,2,3,4,5,6,7,8"), .text("<a>&</a>"),
        .text("\u{1B}[2J"), .text("\u{1B}]0;titel\u{7}"), .text("x\u{9B}2J\u{202E}y\u{2066}"), .text("a\nb\tc\rd"),
        .text(String(repeating: "x", count: 100_000)),
    ]

    /// A session file with data in every table, made once by the workflow; its bytes are copied for each case.
    private lazy var template: [UInt8] = {
        let path = directory + "/vorlage.db"
        do {
            let (store, session) = try SessionStore.open(path: path, today: Clock.today())
            let shell = Shell(session: session, store: store, sink: ErrorCollectingSink())
            shell.options.bail = false
            let lines = LineGenerator.workflow.map { $0.replacing("{k}", with: "1") }
                + ["new auftrag BA-1 typ=ba", "open auftrag IK-1", "book T3 kostentraeger=jobcenter abschnitt=basis3",
                   "anmelden T3 nein", "bamf stoerung kursplanung fehler=1042", "bamf hoechstzahl allgemein 20",
                   "edit teilnehmer T1 strasse=\"Lindenweg 7\" plz=10115 ort=Berlin"]
                + LineGenerator.workflow.map { $0.replacing("{k}", with: "2") }
            _ = shell.run(ByteLineSource(name: "vorlage.kbm", directory: directory, bytes: Array(lines.joined(separator: "\n").utf8)),
                          asUnit: true)
        } catch {
            problem("Vorlage: " + Wording.message(error))
        }
        let bytes = FileSystem.read(path) ?? []
        for file in [path, path + "-wal", path + "-shm", path + "-lock"] { unlink(file) }
        return bytes
    }()

    /// One case: a copy of the template with a few values changed or rows deleted; kbm must refuse it with
    /// a German message, or open it and answer every command, never crash.
    func storedValues(_ random: FuzzRandom) {
        var random = random
        var plantedSchema = false
        let bytes = template
        damagedSessions += 1
        counter += 1
        let name = "s-\(counter).db"
        let path = directory + "/" + name
        write(name, bytes)
        current = ""
        do {
            let db = try Database(path: path, create: false)
            var tables: [(String, [String])] = []
            let list = try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            while try list.step() {
                guard let table = list.text(0) else { continue }
                var columns: [String] = []
                let info = try db.prepare("PRAGMA table_info(\(table))")
                while try info.step() { if let column = info.text(1) { columns.append(column) } }
                tables.append((table, columns))
            }
            // Without a template (reported as a problem when it was made) there is nothing to edit.
            guard !tables.isEmpty else { return }
            for _ in 0..<random.int(1...6) {
                let (table, columns) = random.pick(tables)
                let rows = try db.scalar("SELECT count(*) FROM \(table)")
                guard rows > 0 else { continue }
                let row = "(SELECT rowid FROM \(table) LIMIT 1 OFFSET \(random.int(0...rows - 1)))"
                if random.chance(15) {
                    current += "DELETE FROM \(table) WHERE rowid = \(row);\n"
                    try? db.execute("DELETE FROM \(table) WHERE rowid = \(row)")
                    continue
                }
                let column = random.pick(columns)
                let value = random.pick(Self.storedValues)
                current += "UPDATE \(table) SET \(column) = \(value.map { "\($0)".prefix(60) } ?? "NULL") WHERE rowid = \(row);\n"
                // A constraint may refuse the value; then nothing changed, which is a case too.
                try? db.prepare("UPDATE \(table) SET \(column) = ?1 WHERE rowid = \(row)").run([value])
            }
            // Sometimes an object kbm did not create, planted to run on kbm's own writes or to change what it reads.
            if random.chance(10) {
                let (table, columns) = random.pick(tables)
                let planted = random.pick([
                    "CREATE TRIGGER fremd AFTER INSERT ON \(table) BEGIN UPDATE einstellung SET wert = 'X'; END",
                    "CREATE TRIGGER fremd BEFORE UPDATE ON \(table) BEGIN SELECT 1; END",
                    "CREATE TABLE fremd(x)",
                    "CREATE INDEX fremd ON \(table)(\(random.pick(columns)))",
                    "CREATE VIEW fremd AS SELECT 1",
                    "DROP VIEW auftraege; CREATE VIEW auftraege AS SELECT 1 AS nummer",
                ])
                current += planted + ";\n"
                // Where SQLite refuses it (a name taken), nothing is planted and the case is an ordinary one.
                if (try? db.execute(planted)) != nil { plantedSchema = true; plantedSchemas += 1 }
            }
        } catch {
            problem("Kopie der Vorlage nicht zu ändern: \(error)")
            return
        }
        let edits = current
        let bytesBefore = FileSystem.read(path)
        let store: SessionStore
        let session: Session
        do {
            (store, session) = try SessionStore.open(path: path, today: Clock.today())
        } catch {
            checkMessage(Wording.message(error), kind: "StoreError")
            if FileSystem.read(path) != bytesBefore { problem("eine abgewiesene Sitzungsdatei wurde verändert") }
            removeWrittenFiles()
            return
        }
        if plantedSchema { problem("ein untergeschobenes Schemaobjekt wurde nicht abgewiesen") }
        let sink = ErrorCollectingSink()
        let shell = Shell(session: session, store: store, sink: sink)
        shell.options.bail = false
        let commands = [
            "show", "list auftraege", "list teilnehmer", "list lehrkraefte", "list kursorte", "report", "mandant", "bamf",
            "anmeldungen", "anmeldungen 1", "anmeldungen 2", "check", "kursdaten", "verlauf 3", "dump", "dump --anonym",
            "set format json", "list teilnehmer", "show", "set format csv", "report", "set format table",
            "add teilnehmer vorname=Neu nachname=Person geboren=01.01.2000 az=AZ-999999", "book T1 kostentraeger=bamf",
            "status T1 aktiv", "admit T2 verfahren=erst", "plan", "melden", "plan storno", "unbook T3", "remove teilnehmer T3",
            "open auftrag IK-2", "show", "plan", "check", "melden", "remove auftrag BA-1", "new auftrag IK-9 typ=integrationskurs",
            "kursdaten kursart=allgemein abschnitt=basis1 beginn=02.03.2026 kursort=KO-4711-01", "assign LK-1001", "plan",
            "sql \"SELECT * FROM auftraege\"", "sql \"SELECT * FROM teilnahmen\"",
        ]
        for line in commands {
            current = edits + line
            _ = shell.run(ByteLineSource(name: "fuzz.kbm", directory: directory, bytes: Array(line.utf8)), asUnit: false)
        }
        for report in sink.errors { current = edits; checkReport(report) }
        checkEscaped(sink)
        removeWrittenFiles()
    }

    // MARK: the interpreter on an evolving session

    func interpret(_ line: String, _ session: inout Session, completeAt cut: Int) {
        lines += 1
        current = line
        _ = Completer.complete(String(line.prefix(cut)), session: session)
        let before = session
        do {
            _ = try Lexer.tokenize(line)
            guard let command = try Parser.parse(line) else { return }
            if command.name == .shell(.help) {
                _ = try HelpText.render(topic: command[Keys.Help.befehl])
                return
            }
            // The shell's own commands are tried in `shell`; a simulated BAMF delay would only slow the fuzzer down.
            guard case .domain(let name) = command.name, name != .bamfVerzoegerung else { return }
            let outcome = try Interpreter.execute(command, on: &session, inge: SimulatedInGe())
            for item in outcome.output {
                for format in OutputFormat.allCases { _ = Renderer.render(item, format: format, in: session) }
            }
            if let failure = outcome.failure { checkMessage(Wording.message(failure), kind: "Ergebnis") }
        } catch {
            checkMessage(Wording.message(error), kind: "\(type(of: error))")
            if session != before { problem("ein fehlgeschlagener Befehl hat die Sitzung verändert") }
        }
    }

    func checkMessage(_ message: String, kind: String) {
        if message.trimmingBlanks.isEmpty { problem("leere Meldung (\(kind))") }
        if message.hasPrefix("Interner Fehler") { problem(message) }
    }

    // MARK: the shell

    /// Runs a script through the shell; with `store` on a session file that must then read back as the shell held it.
    func shell(_ bytes: [UInt8], store useStore: Bool, asUnit: Bool, bail: Bool, echo: Bool, format: OutputFormat) {
        scripts += 1
        counter += 1
        current = String(decoding: bytes.prefix(2000), as: UTF8.self)
        lastScript = bytes
        let path = directory + "/s-\(counter).db"
        symlink(path, directory + "/l-sitzung")
        defer { unlink(directory + "/l-sitzung") }
        var store: SessionStore?
        if useStore {
            do { store = try SessionStore.open(path: path, today: Clock.today()).0 } catch {
                problem("neue Sitzungsdatei: " + Wording.message(error))
                return
            }
        }
        let sink = ErrorCollectingSink()
        var session = Session(today: Self.startDay)
        var shell: Shell? = Shell(session: session, store: store, sink: sink)
        shell!.options.bail = bail
        shell!.options.echo = echo
        shell!.options.format = format
        let source = ByteLineSource(name: "fuzz.kbm", directory: directory, bytes: bytes)
        _ = shell!.run(source, asUnit: asUnit)
        let held = shell!.session
        shell = nil
        store = nil
        for report in sink.errors { checkReport(report) }
        checkEscaped(sink)
        if FileSystem.read(directory + "/x-fremd.txt") != Self.foreignContent {
            problem("eine fremde Datei wurde überschrieben")
            write("x-fremd.txt", Self.foreignContent)
        }
        if useStore {
            do {
                var (reopened, loaded) = try SessionStore.open(path: path, today: Clock.today())
                loaded.today = held.today
                if loaded != held { problem("die Sitzungsdatei liest sich anders, als die Shell sie hielt") }
                _ = reopened
            } catch {
                problem("Sitzungsdatei nicht wieder lesbar: " + Wording.message(error))
            }
        }
        removeWrittenFiles()
    }

    /// Nothing the shell printed may drive a terminal once escaped as every real sink does.
    func checkEscaped(_ sink: ErrorCollectingSink) {
        for text in sink.unescaped.prefix(1) { problem("Steuerzeichen nach dem Maskieren: " + String(reflecting: String(text.prefix(200)))) }
    }

    /// An error report: `FILE:LINE: Fehler: MESSAGE` with a message, and no internal error.
    func checkReport(_ report: String) {
        if report == "Abgebrochen.\n" { return }
        guard let range = report.firstRange(of: ": Fehler: ") else {
            problem("Fehlermeldung ohne „DATEI:ZEILE: Fehler:“: \(report.prefix(200))")
            return
        }
        let place = report[..<range.lowerBound]
        guard let colon = place.lastIndex(of: ":"), let number = Int(place[place.index(after: colon)...]), number >= 1 else {
            problem("Fehlermeldung ohne Zeilennummer: \(report.prefix(200))")
            return
        }
        let message = report[range.upperBound...].prefix { $0 != "\n" }
        checkMessage(String(message), kind: "Shell")
    }

    // MARK: files

    /// The line with every file it names moved into the directory: writers get `w-NAME`, `run` a prepared script.
    /// Any command with a file argument is rebuilt from its parsed values, so a new one is covered too.
    /// A simulated BAMF delay would only slow the fuzzer down.
    func sanitized(_ line: String) -> String {
        guard let command = try? Parser.parse(line) else { return line }
        if command.name == .domain(.bamfVerzoegerung) { return "bamf verzoegerung 0" }
        let spec = command.spec
        guard spec.arguments.contains(where: { $0.kind == .file }) || spec.options.contains(where: { $0.kind == .file }) else {
            return line
        }
        func shown(_ value: Value, _ kind: ValueKind) -> String {
            switch value {
            case .text(let text) where kind == .file:
                let hash = text.utf8.reduce(UInt32(0)) { $0 &* 31 &+ UInt32($1) }
                guard command.name == .shell(.run) else {
                    // One file name in eight is a place no command may write to.
                    guard hash % 8 == 0 else { return directory + "/w-" + Self.safeName(text) }
                    let target = Self.forbiddenTargets[Int(hash / 8 % UInt32(Self.forbiddenTargets.count))]
                    return directory + "/" + target.replacing("SITZUNG", with: "s-\(counter + 1).db")
                }
                let base = String(text.split(separator: "/").last ?? "")
                return directory + "/" + (Self.prepared.contains(base) ? base : Self.prepared[Int(hash % UInt32(Self.prepared.count))])
            case .text(let text): return "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
            case .date(let day): return day.description
            case .integer(let n): return String(n)
            case .bool(let b): return b ? "ja" : "nein"
            }
        }
        var words = [spec.phrase]
        for argument in spec.arguments { if let v = command.value(of: argument) { words.append(shown(v, argument.kind)) } }
        for option in spec.options { if let v = command.value(of: option) { words.append(option.name + "=" + shown(v, option.kind)) } }
        return words.joined(separator: " ")
    }

    /// Letters, digits, `.` and `-` of a name, at most 24; never empty, `.` or `..`.
    static func safeName(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") }
        let safe = String(String.UnicodeScalarView(kept.prefix(24)))
        return safe.isEmpty || safe.allSatisfy({ $0 == "." }) ? "datei" : safe
    }

    private func write(_ name: String, _ bytes: [UInt8]) {
        let fd = open(directory + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { problem("\(name) nicht anlegbar"); return }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// What the shell wrote (`w-…`, `s-…` and their -wal, -shm, -lock), so the directory does not grow.
    private func removeWrittenFiles() {
        guard let dir = opendir(directory) else { return }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("w-") || name.hasPrefix("s-") { names.append(name) }
        }
        closedir(dir)
        for name in names { unlink(directory + "/" + name) }
    }

    /// Names the case being tried in a problem report, e.g. `KBM_FUZZ_SEED=…`, so it can be run again.
    var caseName = ""

    private func problem(_ text: String) {
        let shown = current.count > 300 ? String(current.prefix(300)) + "… (\(current.utf8.count) Bytes)" : current
        problems.append(text + (caseName.isEmpty ? "" : " [\(caseName)]") + "\n    Eingabe: " + String(reflecting: shown))
    }
}
