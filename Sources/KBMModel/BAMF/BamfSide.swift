// The BAMF's side of the world, kept in the session: what it knows, received and issued.

public struct BamfSide: Equatable, Sendable {
    public enum Modus: String, CaseIterable, Sendable {
        /// Any well-formed id is accepted.
        case lenient
        /// Only what is registered on the BAMF side, as in its certification test data.
        case strict
    }

    /// A Kursplanung as the BAMF holds it: the last one received replaces the one before.
    public struct Plan: Equatable, Sendable {
        public var aktenzeichen: [String]
        public var storniert: Bool

        public init(aktenzeichen: [String], storniert: Bool = false) {
            self.aktenzeichen = aktenzeichen
            self.storniert = storniert
        }
    }

    public var modus: Modus = .lenient
    public var traeger: Set<String> = []
    public var kursorte: Set<String> = []
    public var lehrkraefte: Set<String> = []
    /// Aktenzeichen → Geburtsdatum: registered, or learned from a first Kursanmeldung.
    public var teilnehmer: [String: Day] = [:]
    /// "Trägernummer|Aktenzeichen" → Verfahren of every Tn the BAMF admitted.
    public var zulassungen: [String: Zulassung.Verfahren] = [:]
    /// "Trägernummer|Auftrag" → the last Kursplanung received.
    public var plaene: [String: Plan] = [:]
    /// "Trägernummer|Auftrag" → the Kursnummer issued for its KBM.
    public var kursnummern: [String: String] = [:]
    public var nextKursnummer = 1
    /// Höchstteilnehmerzahlen that differ from the Kursart's defaults.
    public var hoechstTeilnehmer: [Kursart: Int] = [:]
    /// Injected faults: the next message of a type is rejected with this BAMF message number.
    public var stoerungen: [Anmeldung.Typ: Int] = [:]
    /// Injected transport failure: no message reaches the BAMF.
    public var offline = false
    /// Injected latency of every answer, in milliseconds.
    public var verzoegerungMs = 0
    /// Messages sent to a served BAMF whose answer never arrived: request → its WS-Addressing MessageID. A repeat
    /// of the same request goes with the same id, so a BAMF that committed it answers with its first answer.
    public var unbestaetigt: [String: String] = [:]

    public init() {}

    public func hoechstTeilnehmer(for kursart: Kursart) -> Int {
        hoechstTeilnehmer[kursart] ?? kursart.defaultHoechstTeilnehmer
    }

    public static func key(_ a: String, _ b: String) -> String { a + "|" + b }
}
