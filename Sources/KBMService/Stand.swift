// What the trainer's page shows: the messages as the BAMF answered them and, per Träger, what the BAMF knows.
// Plain values, written as JSON for the page (Stand+JSON); never an account's password or its hash.

import KBMCore

public struct Stand: Equatable, Sendable {
    /// One message as the BAMF answered it.
    public struct Nachricht: Equatable, Sendable {
        /// This process's running number of what the page was sent; a gap tells the page it missed something.
        public var nr: Int
        public var zeit: String
        /// The UsernameToken's user name: a Trägernummer, or whatever an unknown sender typed.
        public var benutzer: String
        public var typ: String
        public var ergebnis: String
        public var meldungen: [Meldung]
        public var kursnummer: String?
        /// False for a message refused at the door (unknown user, wrong password): the BAMF kept nothing of it.
        public var gespeichert: Bool
    }

    public struct Meldung: Equatable, Sendable {
        public var nummer: Int
        public var text: String

        init(_ m: BamfMessage) {
            nummer = m.nummer
            text = m.text
        }
    }

    /// What the BAMF knows of one Träger, and the faults set for it.
    public struct Traeger: Equatable, Sendable {
        public struct Plan: Equatable, Sendable {
            public var auftrag: String
            public var teilnehmer: Int
            public var storniert: Bool
        }

        public var traeger: String
        public var modus: String
        public var kursorte: Int
        public var lehrkraefte: Int
        public var teilnehmer: Int
        public var zulassungen: Int
        public var plaene: [Plan]
        /// Auftrag and the Kursnummer issued for it.
        public var kursnummern: [(auftrag: String, kursnummer: String)]
        /// Message type and the BAMF message number its next message is rejected with.
        public var stoerungen: [(typ: String, nummer: Int)]
        public var offline: Bool
        public var verzoegerungMs: Int

        init(_ name: String, _ side: BamfSide) {
            traeger = name
            modus = side.modus.rawValue
            kursorte = side.kursorte.count
            lehrkraefte = side.lehrkraefte.count
            teilnehmer = side.teilnehmer.count
            zulassungen = side.zulassungen.count
            plaene = side.plaene.map { Plan(auftrag: BamfSide.parts(of: $0.key).1, teilnehmer: $0.value.aktenzeichen.count,
                                            storniert: $0.value.storniert) }
                .sorted { $0.auftrag < $1.auftrag }
            kursnummern = side.kursnummern.map { (BamfSide.parts(of: $0.key).1, $0.value) }.sorted { $0.kursnummer < $1.kursnummer }
            stoerungen = side.stoerungen.map { ($0.key.rawValue, $0.value) }.sorted { $0.typ < $1.typ }
            offline = side.offline
            verzoegerungMs = side.verzoegerungMs
        }

        /// Whether any fault is set: the page marks the Träger.
        public var gestoert: Bool { !stoerungen.isEmpty || offline || verzoegerungMs != 0 }

        public static func == (a: Traeger, b: Traeger) -> Bool {
            a.traeger == b.traeger && a.modus == b.modus && a.kursorte == b.kursorte && a.lehrkraefte == b.lehrkraefte
                && a.teilnehmer == b.teilnehmer && a.zulassungen == b.zulassungen && a.plaene == b.plaene
                && a.kursnummern.elementsEqual(b.kursnummern, by: ==) && a.stoerungen.elementsEqual(b.stoerungen, by: ==)
                && a.offline == b.offline && a.verzoegerungMs == b.verzoegerungMs
        }
    }

    /// The running number of the last message in `nachrichten` or sent after them.
    public var nr: Int
    /// The latest messages, oldest first.
    public var nachrichten: [Nachricht]
    /// Every Träger account, by Trägernummer.
    public var traeger: [Traeger]
}
