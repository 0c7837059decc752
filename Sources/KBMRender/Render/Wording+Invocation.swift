// The German texts of kbm's command line: its help, and what it says when it does not start or is stopped.

import KBMModel

extension Wording {
    /// The help `kbm --help` shows: one text per option, and the name of its value.
    public enum Invocation {
        public static let abstract = "Shell für die Kursbeginnmeldung (BAMF, InGe-Online) mit eingebautem Simulator."
        public static let discussion = """
            Ohne Argumente interaktiv auf der Standardsitzung (oder Befehle von der Standardeingabe).
            Ein Skript läuft auf einer frischen Sitzung, außer mit --session.
            Exit-Status: 0 Erfolg, 1 ein Befehl schlug fehl (--keep-going), 2 Aufruffehler oder Skript unlesbar,
            3 Skript bei einem Fehler angehalten, 4 Sitzungsdatei unbrauchbar, 130 abgebrochen.
            """
        public static let script = (help: "Skriptdatei (.kbm), die auf einer frischen Sitzung läuft.", value: "DATEI")
        public static let commands = (help: "Befehl ausführen (mehrfach möglich).", value: "BEFEHL")
        public static let session = (help: "Diese Sitzungsdatei verwenden (mit einem Skript: Ergebnis wird gespeichert).", value: "DATEI")
        public static let fresh = "Nur im Speicher arbeiten: nichts wird gelesen oder geschrieben."
        public static let echo = "Jede Eingabezeile vor ihrer Ausgabe wiederholen (für Mitschriften)."
        public static let keepGoing = "Ein Skript beim ersten fehlgeschlagenen Befehl nicht anhalten."
        public static let step = "Schrittmodus für Vorführungen: Erzählung und Befehl zeigen, auf Enter warten (c: ohne Halt weiter, q: beenden)."
        public static let interactiveAfter = "Nach dem Skript interaktiv auf der entstandenen Sitzung weitermachen."
        public static let format = (help: "Ausgabeformat: table, csv oder json.", value: "FORMAT")
        public static let today = (help: "Datum der Sitzungsuhr (TT.MM.JJJJ).", value: "DATUM")

        /// The first line of an interactive start: where help is, and how to leave.
        public static let greeting = "kbm \(KBMVersion.string) – „help“ zeigt die Befehle, Strg-D beendet."

        /// The line on stderr for a call kbm refuses; `text` comes escaped.
        public static func refusal(_ text: String) -> String { "kbm: Fehler: " + text + "\n" }

        /// The lines on stderr for a call the argument parser refuses, with its usage line; both come escaped.
        public static func parserRefusal(_ text: String, usage: String) -> String {
            "kbm: Fehler: " + text + "\nAufruf: " + usage + "\n„kbm --help“ zeigt die Optionen.\n"
        }

        /// The argument parser's help page with its English headings and the texts of its own options in German.
        public static func helpPage(_ page: String) -> String {
            var page = page
            for (english, german) in [("OVERVIEW:", "ÜBERSICHT:"), ("USAGE:", "AUFRUF:"), ("ARGUMENTS:", "ARGUMENTE:"),
                                      ("OPTIONS:", "OPTIONEN:"), ("SUBCOMMANDS:", "UNTERBEFEHLE:"), ("<subcommand>", "<unterbefehl>"),
                                      ("Show the version.", "Zeigt die Version von kbm."),
                                      ("Show help information.", "Zeigt diese Hilfe."),
                                      // As long as "default", so the parser's wrapping still fits.
                                      ("(default:", "(Vorgabe:")] {
                page = page.replacing(english, with: german)
            }
            // kbm bamf's pointer to its subcommands' pages.
            return page.replacing(/See '(?<call>[^']+) <unterbefehl>' for detailed help\./) {
                "Mehr zu einem Unterbefehl: \($0.call) UNTERBEFEHL"
            }
        }

        /// What the argument parser refused, said in German (its message names the option or argument in quotes);
        /// a message not known here is not shown in English but as the call not understood.
        public static func parserError(_ message: String) -> String {
            let first = message.prefix { $0 != "\n" }
            let quoted = first.split(separator: "'", omittingEmptySubsequences: false)
            // 'a' parts: the odd pieces between the quotes.
            let names = stride(from: 1, to: quoted.count, by: 2).map { "„" + quoted[$0] + "“" }
            let name = names.first ?? ""
            if first.hasPrefix("Unknown option") {
                return "Unbekannte Option \(name)." + (names.count > 1 ? " Gemeint ist wohl \(names[1])." : "")
            }
            if first.hasPrefix("Missing value for") { return "Der Option \(name) fehlt ihr Wert." }
            if first.hasPrefix("Unexpected argument") { return "Unerwartetes Argument \(name)." }
            if first.contains("unexpected arguments") { return "Unerwartete Argumente: \(names.joined(separator: ", "))." }
            if first.hasPrefix("The option"), names.count > 1 { return "Die Option \(name) nimmt keinen Wert, doch \(names[1]) ist angegeben." }
            if first.hasPrefix("The value"), names.count > 1 { return "Der Wert \(name) passt nicht zu \(names[1])." }
            if first.hasPrefix("Missing expected argument") { return "Es fehlt das Argument \(name)." }
            if first.hasPrefix("Value to be set with") { return "Eine Option ist doppelt angegeben." }
            return "Der Aufruf ist nicht zu verstehen."
        }
    }

    public static func message(_ error: InvocationError) -> String {
        switch error {
        case .scriptWithCommands: "Skript und -c lassen sich nicht verbinden."
        case .freshWithSession: "--fresh und --session schließen sich aus."
        case .stepWithoutScript: "--step und -i gehören zu einem Skript."
        case .unknownFormat(let format): "„\(format)“ ist kein Ausgabeformat (table, csv, json)."
        case .invalidToday(let today): "„\(today)“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT)."
        case .sessionFileAsScript(let script):
            "\(script) ist eine Sitzungsdatei, kein Skript. Eine Sitzung öffnet „kbm --session \(script)“."
        }
    }
}
