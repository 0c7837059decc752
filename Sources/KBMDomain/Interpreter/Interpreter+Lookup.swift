// Finding what a command names: Aufträge, Lehrkräfte and Teilnehmer by their references.

import KBMLanguage
import KBMModel

extension Interpreter {
    static func openedAuftrag(_ session: Session) throws(DomainError) -> Auftrag {
        guard let nr = session.openAuftrag, let auftrag = session.auftraege[nr] else { throw .noOpenAuftrag }
        return auftrag
    }

    /// Where the open Auftrag is stored, for changing it in place with `Session.modifyAuftrag(at:)`: the one way
    /// commands on the open Auftrag change it, so none copies its bookings to store them back.
    static func openedAuftragIndex(_ session: Session) throws(DomainError) -> Int {
        guard let nr = session.openAuftrag, let index = session.auftraege.index(forKey: nr) else { throw .noOpenAuftrag }
        return index
    }

    /// The same for an open Auftrag that must be of Typ Integrationskurs (R1).
    static func openedIntegrationskursIndex(_ session: Session) throws(DomainError) -> Int {
        let index = try openedAuftragIndex(session)
        let typ = session.auftraege.values[index].typ
        guard typ == .integrationskurs else { throw .notIntegrationskurs(session.auftraege.keys[index], typ) }
        return index
    }

    /// The open Auftrag, which must be of Typ Integrationskurs (R1).
    static func openedIntegrationskurs(_ session: Session) throws(DomainError) -> Auftrag {
        session.auftraege.values[try openedIntegrationskursIndex(session)]
    }

    static func lookupLehrkraft(_ kennung: String, _ session: Session) throws(DomainError) -> Lehrkraft {
        guard let key = session.lehrkraefte.storedKey(for: kennung), let lk = session.lehrkraefte[key] else {
            throw .unknownLehrkraft(kennung)
        }
        return lk
    }

    /// A Tn by Tn-Nr (`T3`), Aktenzeichen, or `Nachname,Vorname` when that is unique.
    static func lookupTeilnehmer(_ reference: String, _ session: Session) throws(DomainError) -> Teilnehmer {
        // A Tn-Nr is mostly typed as kbm writes it (`T3`); only other spellings need upper-casing.
        let typed = reference.utf8.allSatisfy { $0 < 0x61 || ($0 > 0x7A && $0 < 0x80) }
        if let tn = session.teilnehmer[typed ? reference : reference.uppercased()] { return tn }
        if let tn = session.teilnehmer.with(aktenzeichen: reference) { return tn }
        if let comma = reference.firstIndex(of: ",") {
            let nachname = Keyword.normalize(String(reference[..<comma]).trimmingBlanks)
            let vorname = Keyword.normalize(String(reference[reference.index(after: comma)...]).trimmingBlanks)
            let matches = session.teilnehmer.values.filter {
                Keyword.normalize($0.nachname) == nachname && (vorname.isEmpty || Keyword.normalize($0.vorname) == vorname)
            }
            if matches.count == 1 { return matches[0] }
            // By Tn-Nr only: an error message shows no stored name or Geburtsdatum that was not typed.
            if matches.count > 1 { throw .ambiguousTeilnehmer(reference, candidates: matches.map(\.nummer)) }
        }
        throw .unknownTeilnehmer(reference)
    }

    static func parseAbschnitt(_ text: String, _ kursart: Kursart?) throws(DomainError) -> Abschnitt {
        guard let kursart else { throw .abschnittNeedsKursart }
        guard let abschnitt = Abschnitt.parse(text, kursart: kursart) else { throw .invalidAbschnitt(text, kursart) }
        return abschnitt
    }
}
