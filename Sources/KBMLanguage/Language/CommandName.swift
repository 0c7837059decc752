// The names of all commands, split by who handles them, so every switch over a set is exhaustive without `default`.

/// Which command a line is: the shell answers its own commands and judges expectations; the interpreter does the rest.
/// A new command is a case of one of the three sets, and the compiler names the switch that must handle it.
public enum CommandName: Hashable, Sendable {
    case shell(ShellCommand)
    case expect(Expectation)
    case domain(DomainCommand)

    /// Whether this is the shell's command `name`. The shell asks this several times for every line: inlined, where
    /// `== .shell(name)` calls the derived equality in this module.
    @inlinable public func isShell(_ name: ShellCommand) -> Bool {
        guard case .shell(let shell) = self else { return false }
        return shell == name
    }
}

/// Commands the shell performs itself: output, files, scripts, the log and help.
public enum ShellCommand: Hashable, Sendable {
    case help, exit, run, save, setFormat, setBail, setEcho, setTimer, echo, pause, complete
    case record, recordStop, verlauf, verlaufExport, sql, output, once, dump, dumpAnonym
    /// The served BAMF: the shell asks for the password and runs kbm-bamf, the interpreter knows neither.
    case bamfVerbinden, bamfLokal
}

/// `expect …`: the shell judges the previous command or the session.
public enum Expectation: Hashable, Sendable {
    case ok, fehler, warnung, ausgabe, anzahl, kursnummer, keineKursnummer
}

/// Commands with a meaning in the domain: `Interpreter.execute` turns them into an Outcome.
public enum DomainCommand: Hashable, Sendable {
    case setToday, report
    case mandant, addKursort, newAuftrag, openAuftrag, editAuftrag, removeAuftrag
    case listAuftraege, listKursorte, show, showAuftrag
    case kursdaten, unterbrechung, addLehrkraft, editLehrkraft, removeLehrkraft, assign, unassign
    case addTeilnehmer, editTeilnehmer, removeTeilnehmer, book, unbook, status, anmelden
    case admit, plan, planStorno, check, melden, anmeldungen, listLehrkraefte, listTeilnehmer
    case bamf, bamfTestdaten, bamfRegisterTraeger, bamfRegisterKursort, bamfRegisterLehrkraft, bamfRegisterTeilnehmer
    case bamfHoechstzahl, bamfStoerung, bamfOffline, bamfVerzoegerung
    // the restore commands a dump is made of
    case restoreZulassung, restoreKursplanung, restoreGeplant, restoreKbm, restoreAnmeldung, setTnNummer, closeAuftrag
    case bamfRestoreZulassung, bamfRestorePlan, bamfRestoreKursnummer, bamfRestoreZaehler
    case showTeilnehmer, showLehrkraft
}
