// The one table of commands: it drives parsing, `help`, usage lines and completion.

public enum CommandTable {
    public static let all: [CommandSpec] = [
        CommandSpec(.mandant, "mandant", options: [
            OptionSpec("traegernummer", "NR", .identifier),
            OptionSpec("testnummer", "NR", .identifier),
            OptionSpec("testumgebung", "ja|nein", .yesNo),
            OptionSpec("nur-validieren", "ja|nein", .yesNo),
        ], mutates: true,
        summary: "Zeigt oder ändert die Einstellungen des Mandanten (Trägernummer, Testumgebung, Nur validieren).",
        example: "mandant traegernummer=TR-4711"),
        CommandSpec(.addKursort, "add kursort", arguments: [ArgumentSpec("kennung", "KENNUNG", .identifier)],
                    options: [OptionSpec("name", "\"…\"", .text)], mutates: true,
                    summary: "Legt eine Kursortkennung des Mandanten an.",
                    example: "add kursort KO-100 name=\"Volkshochschule Mitte\""),
        CommandSpec(.newAuftrag, "new auftrag", arguments: [ArgumentSpec("nummer", "NR", .identifier)], options: [
            OptionSpec("typ", "TYP", .choice(Auftrag.Typ.allCases.map(\.rawValue)), required: true),
            OptionSpec("titel", "\"…\"", .text),
        ], mutates: true,
        summary: "Legt einen Auftrag an und öffnet ihn. Der Typ steht danach fest.",
        example: "new auftrag IK-1 typ=integrationskurs titel=\"Integrationskurs Vormittag\""),
        CommandSpec(.openAuftrag, "open auftrag", arguments: [ArgumentSpec("nummer", "NR", .reference(.auftrag))],
                    mutates: true,
                    summary: "Macht einen Auftrag zum aktuellen Auftrag; die Eingabeaufforderung zeigt ihn.",
                    example: "open auftrag IK-1"),
        CommandSpec(.editAuftrag, "edit auftrag", arguments: [ArgumentSpec("nummer", "NR", .reference(.auftrag))],
                    options: [OptionSpec("titel", "\"…\"", .text, required: true)], mutates: true,
                    summary: "Ändert den Titel eines Auftrags.",
                    example: "edit auftrag IK-1 titel=\"Integrationskurs Abend\""),
        CommandSpec(.removeAuftrag, "remove auftrag", arguments: [ArgumentSpec("nummer", "NR", .reference(.auftrag))],
                    mutates: true,
                    summary: "Löscht einen versehentlich angelegten Auftrag (nicht mehr, sobald etwas an das BAMF gesendet wurde).",
                    example: "remove auftrag IK-9"),
        CommandSpec(.listAuftraege, "list auftraege",
                    summary: "Listet alle Aufträge.", example: "list auftraege"),
        CommandSpec(.listKursorte, "list kursorte",
                    summary: "Listet die Kursortkennungen des Mandanten.", example: "list kursorte"),
        CommandSpec(.show, "show",
                    summary: "Zeigt alles über den geöffneten Auftrag.", example: "show"),
        CommandSpec(.showAuftrag, "show auftrag", arguments: [ArgumentSpec("nummer", "NR", .reference(.auftrag))],
                    summary: "Zeigt alles über einen Auftrag.", example: "show auftrag IK-1"),
        CommandSpec(.setToday, "set today", arguments: [ArgumentSpec("datum", "DATUM", .date)], mutates: true,
                    summary: "Stellt die Uhr der Sitzung: alle Befehle rechnen mit diesem Datum statt mit der Systemuhr.",
                    example: "set today 02.03.2026"),
        CommandSpec(.setFormat, "set format", arguments: [ArgumentSpec("format", "FORMAT", .choice(["table", "csv", "json"]))],
                    summary: "Wählt das Ausgabeformat für Listen: Tabelle, CSV oder JSON.", example: "set format csv"),
        CommandSpec(.setBail, "set bail", arguments: [ArgumentSpec("wert", "on|off", .choice(["on", "off"]))],
                    summary: "Bei on bricht ein Skript beim ersten fehlgeschlagenen Befehl ab (Voreinstellung), bei off läuft es weiter.",
                    example: "set bail off"),
        CommandSpec(.setEcho, "set echo", arguments: [ArgumentSpec("wert", "on|off", .choice(["on", "off"]))],
                    summary: "Bei on wird jede Eingabezeile vor ihrer Ausgabe wiederholt (für Mitschriften).",
                    example: "set echo on"),
        CommandSpec(.run, "run", arguments: [ArgumentSpec("datei", "DATEI", .file)], mutates: true,
                    summary: "Führt ein Skript in der aktuellen Sitzung aus; relative Pfade gelten ab der aufrufenden Datei.",
                    example: "run scripts/beispiel.kbm"),
        CommandSpec(.save, "save", arguments: [ArgumentSpec("datei", "DATEI", .file)],
                    summary: "Schreibt eine Kopie der Sitzung in eine neue Datei.", example: "save kopie.db"),
        CommandSpec(.help, "help", arguments: [ArgumentSpec("befehl", "BEFEHL", .rest, optional: true)],
                    summary: "Zeigt die Befehle oder die Hilfe zu einem Befehl.", example: "help new auftrag"),
        CommandSpec(.exit, "exit",
                    summary: "Speichert und beendet kbm (auch quit oder Strg-D).", example: "exit"),
    ]

    /// Extra spellings that mean the same command.
    static let aliases: [String: String] = ["quit": "exit"]

    /// Every first word, for suggestions and completion.
    public static var firstWords: [String] {
        var seen: [String] = []
        for spec in all where !seen.contains(spec.words[0]) { seen.append(spec.words[0]) }
        return seen
    }

    public static func spec(_ name: CommandName) -> CommandSpec {
        all.first { $0.name == name }!
    }
}
