// The process: arguments, choice of session and line source, exit status.

import ArgumentParser
import CEditLine
import Glibc
import KBMCore

@main
struct KBM: ParsableCommand {

    static let configuration = CommandConfiguration(
        commandName: "kbm",
        abstract: Wording.Invocation.abstract,
        discussion: Wording.Invocation.discussion,
        version: "kbm \(KBMVersion.string)"
    )

    @Argument(help: help(Wording.Invocation.script))
    var script: String?

    @Option(name: .customShort("c"), help: help(Wording.Invocation.commands))
    var commands: [String] = []

    @Option(help: help(Wording.Invocation.session))
    var session: String?

    @Flag(help: ArgumentHelp(Wording.Invocation.fresh))
    var fresh = false

    @Flag(help: ArgumentHelp(Wording.Invocation.echo))
    var echo = false

    @Flag(name: .customLong("keep-going"), help: ArgumentHelp(Wording.Invocation.keepGoing))
    var keepGoing = false

    @Flag(help: ArgumentHelp(Wording.Invocation.step))
    var step = false

    @Flag(name: .customShort("i"), help: ArgumentHelp(Wording.Invocation.interactiveAfter))
    var interactiveAfter = false

    @Option(help: help(Wording.Invocation.format))
    var format: String?

    @Option(help: help(Wording.Invocation.today))
    var today: String?

    private static func help(_ text: (help: String, value: String)) -> ArgumentHelp {
        ArgumentHelp(text.help, valueName: text.value)
    }

    static func main() {
        // Past a file-size limit (ulimit -f) a write must fail with EFBIG, which SQLite reports and the
        // shell answers with "nicht gespeichert"; the default action of SIGXFSZ would kill kbm instead.
        signal(SIGXFSZ, SIG_IGN)
        // `kbm bamf …` is the served BAMF: kbm-bamf, installed beside kbm, takes over this process.
        if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "bamf" {
            BamfProgram.execute(Array(CommandLine.arguments.dropFirst(2)))
        }
        let code: ExitStatus
        do {
            let command = try parseAsRoot()
            guard let kbm = command as? KBM else {
                // --help and --version are answered by the parser itself.
                print(Wording.Invocation.helpPage(helpMessage()))
                Glibc.exit(ExitStatus.success.rawValue)
            }
            code = kbm.execute()
        } catch {
            let exitCode = exitCode(for: error)
            if exitCode == .success {
                print(Wording.Invocation.helpPage(fullMessage(for: error)))
                Glibc.exit(ExitStatus.success.rawValue)
            }
            // The parser words its refusals in English: kbm says them in German, with the usage line.
            fputs(Wording.Invocation.parserRefusal(Unprintable.escaped(Wording.Invocation.parserError(message(for: error))),
                                                   usage: Unprintable.escaped(usageString())), kbm_stderr())
            code = .usage
        }
        Glibc.exit(code.rawValue)
    }

    func usageError(_ error: any Error) -> ExitStatus {
        fputs(Wording.Invocation.refusal(Unprintable.escaped(Wording.message(error))), kbm_stderr())
        return .usage
    }

    func interrupted() -> ExitStatus {
        fputs(Wording.message(ShellError.interrupted) + "\n", kbm_stderr())
        return .interrupted
    }

    func execute() -> ExitStatus {
        if script != nil && !commands.isEmpty { return usageError(InvocationError.scriptWithCommands) }
        if fresh && session != nil { return usageError(InvocationError.freshWithSession) }
        if (step || interactiveAfter) && script == nil { return usageError(InvocationError.stepWithoutScript) }
        var options = ShellOptions()
        if let format {
            guard let f = OutputFormat(rawValue: format.lowercased()) else {
                return usageError(InvocationError.unknownFormat(format))
            }
            options.format = f
        }
        var clock: Day?
        if let today {
            guard let day = Day(parsing: today) else {
                return usageError(InvocationError.invalidToday(today))
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
                    return usageError(InvocationError.sessionFileAsScript(script))
                }
                try file.requireScriptShape()
            } catch .interrupted {
                return interrupted()
            } catch {
                return usageError(error)
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
        var state = Session(today: clock ?? Clock.today())
        let path = session ?? (script == nil && !fresh ? Paths.defaultSession : nil)
        if let path {
            do {
                (store, state) = try SessionStore.open(path: path, today: state.today)
            } catch {
                fputs(Wording.Invocation.refusal(Unprintable.escaped(Wording.message(error))), kbm_stderr())
                return .unusableSession
            }
        } else {
            store = nil
        }
        // --today wins over the day a session file holds.
        if let clock { state.today = clock }

        // Someone watching a terminal sees each line at once; a pipe or file gets the output in large pieces.
        let shell = Shell(session: state, store: store, sink: StandardSink(holdingBack: isatty(1) == 0))
        shell.options = options
        shell.interruptRequested = { Interrupt.take() }
        // Whether stdout and stderr are terminals is asked once: a script to a pipe pays no system call per command.
        let terminals: Set<Int32> = Set([1, 2].filter { isatty($0) != 0 })
        shell.terminalWidth = { fd in terminals.contains(fd) ? Terminal.columns(fd) : nil }
        shell.showsProgress = isatty(2) != 0 && !echo
        if let terminal = source as? Terminal {
            terminal.session = { [unowned shell] in shell.session }
            terminal.show(Wording.Invocation.greeting)
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
            terminal.show(Wording.Invocation.greeting)
            result = shell.run(terminal, asUnit: false)
            if case .completed = result { return .success }
        }
        if result == .interrupted { return interrupted() }
        return ExitStatus(result, interactive: interactive)
    }
}


