// The process: arguments, choice of session and line source, exit status.

import ArgumentParser
import CEditLine
import Glibc
import KBMCore

@main
struct KBM: ParsableCommand {

    static let configuration = CommandConfiguration(
        commandName: "kbm",
        abstract: "Shell für die Kursbeginnmeldung (BAMF, InGe-Online) mit eingebautem Simulator.",
        discussion: """
        Ohne Argumente interaktiv auf der Standardsitzung (oder Befehle von der Standardeingabe).
        Ein Skript läuft auf einer frischen Sitzung, außer mit --session.
        Exit-Status: 0 Erfolg, 1 ein Befehl schlug fehl (--keep-going), 2 Aufruffehler oder Skript unlesbar,
        3 Skript bei einem Fehler angehalten, 4 Sitzungsdatei unbrauchbar, 130 abgebrochen.
        """,
        version: "kbm \(KBMVersion.string)"
    )

    @Argument(help: ArgumentHelp("Skriptdatei (.kbm), die auf einer frischen Sitzung läuft.", valueName: "DATEI"))
    var script: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Befehl ausführen (mehrfach möglich).", valueName: "BEFEHL"))
    var commands: [String] = []

    @Option(help: ArgumentHelp("Diese Sitzungsdatei verwenden (mit einem Skript: Ergebnis wird gespeichert).", valueName: "DATEI"))
    var session: String?

    @Flag(help: "Nur im Speicher arbeiten: nichts wird gelesen oder geschrieben.")
    var fresh = false

    @Flag(help: "Jede Eingabezeile vor ihrer Ausgabe wiederholen (für Mitschriften).")
    var echo = false

    @Flag(name: .customLong("keep-going"), help: "Ein Skript beim ersten fehlgeschlagenen Befehl nicht anhalten.")
    var keepGoing = false

    @Flag(help: "Schrittmodus für Vorführungen: Erzählung und Befehl zeigen, auf Enter warten (c: ohne Halt weiter, q: beenden).")
    var step = false

    @Flag(name: .customShort("i"), help: "Nach dem Skript interaktiv auf der entstandenen Sitzung weitermachen.")
    var interactiveAfter = false

    @Option(help: ArgumentHelp("Ausgabeformat: table, csv oder json.", valueName: "FORMAT"))
    var format: String?

    @Option(help: ArgumentHelp("Datum der Sitzungsuhr (TT.MM.JJJJ).", valueName: "DATUM"))
    var today: String?

    static func main() {
        // Past a file-size limit (ulimit -f) a write must fail with EFBIG, which SQLite reports and the
        // shell answers with "nicht gespeichert"; the default action of SIGXFSZ would kill kbm instead.
        signal(SIGXFSZ, SIG_IGN)
        let code: Int32
        do {
            let command = try parseAsRoot()
            guard let kbm = command as? KBM else {
                // --help and --version are answered by the parser itself.
                print(helpMessage())
                Glibc.exit(0)
            }
            code = kbm.execute()
        } catch {
            let exitCode = exitCode(for: error)
            if exitCode == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            fputs("kbm: " + Unprintable.escaped(fullMessage(for: error)) + "\n„kbm --help“ zeigt die Optionen.\n", kbm_stderr())
            code = 2
        }
        Glibc.exit(code)
    }

    func usageError(_ text: String) -> Int32 {
        fputs("kbm: Fehler: " + Unprintable.escaped(text) + "\n", kbm_stderr())
        return 2
    }

    func execute() -> Int32 {
        if script != nil && !commands.isEmpty { return usageError("Skript und -c lassen sich nicht verbinden.") }
        if fresh && session != nil { return usageError("--fresh und --session schließen sich aus.") }
        if (step || interactiveAfter) && script == nil { return usageError("--step und -i gehören zu einem Skript.") }
        var options = ShellOptions()
        if let format {
            guard let f = OutputFormat(rawValue: format.lowercased()) else {
                return usageError("„\(format)“ ist kein Ausgabeformat (table, csv, json).")
            }
            options.format = f
        }
        var clock: Day?
        if let today {
            guard let day = Day(parsing: today) else {
                return usageError("„\(today)“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).")
            }
            clock = day
        }
        options.echo = echo
        options.bail = !keepGoing

        // What to read.
        let interactive = script == nil && commands.isEmpty && isatty(0) != 0
        let source: LineSource
        var scriptCanonical: String?
        // Ctrl-C from here on: also while kbm waits for a script from a FIFO or a pipe.
        Interrupt.install()
        Interrupt.installTermination()
        if let script {
            let file: ByteLineSource
            do {
                file = try ByteLineSource(script: script)
                // `kbm sitzung.db` for `kbm --session sitzung.db`: say so instead of reporting binary garbage at line 1.
                if file.startsLikeSQLite {
                    return usageError("\(script) ist eine Sitzungsdatei, kein Skript. Eine Sitzung öffnet „kbm --session \(script)“.")
                }
                try file.requireScriptShape()
            } catch .interrupted {
                fputs("Abgebrochen.\n", kbm_stderr())
                return 130
            } catch {
                return usageError(Wording.message(error))
            }
            source = step ? StepSource(script: file, sink: StandardSink(), ask: Keyboard.ask) : file
            scriptCanonical = FileSystem.canonical(script)
        } else if !commands.isEmpty {
            source = ByteLineSource(name: "-c", directory: ".", bytes: Array(commands.joined(separator: "\n").utf8))
        } else if interactive {
            source = Terminal(historyPath: Paths.history)
        } else {
            source = ByteLineSource(name: "stdin", directory: ".", fd: 0)
        }

        // Which session: a script is a recipe from nothing unless --session names a file.
        let store: SessionStore?
        var state = Session()
        let path = session ?? (script == nil && !fresh ? Paths.defaultSession : nil)
        if let path {
            do {
                (store, state) = try SessionStore.open(path: path)
            } catch {
                fputs("kbm: Fehler: " + Unprintable.escaped(Wording.message(error)) + "\n", kbm_stderr())
                return 4
            }
        } else {
            store = nil
        }
        if let clock { state.today = clock }
        if state.today == nil { state.today = Clock.today() }

        // Someone watching a terminal sees each line at once; a pipe or file gets the output in large pieces.
        let shell = Shell(session: state, store: store, sink: StandardSink(holdingBack: isatty(1) == 0))
        shell.options = options
        shell.interruptRequested = { Interrupt.take() }
        if let terminal = source as? Terminal {
            terminal.session = { [unowned shell] in shell.session }
        }
        var result = shell.run(source, asUnit: script != nil, canonical: scriptCanonical)
        let ended: Bool
        switch result {
        case .exitRequested, .interrupted: ended = true
        case .completed, .stopped: ended = false
        }
        if interactiveAfter, !ended, isatty(0) != 0 {
            let terminal = Terminal(historyPath: Paths.history)
            terminal.session = { [unowned shell] in shell.session }
            result = shell.run(terminal, asUnit: false)
            if case .completed = result { return 0 }
        }
        switch result {
        case .completed(let failures): return interactive || failures == 0 ? 0 : 1
        case .exitRequested(let failures): return interactive || failures == 0 ? 0 : 1
        case .stopped: return 3
        case .interrupted:
            fputs("Abgebrochen.\n", kbm_stderr())
            return 130
        }
    }
}


