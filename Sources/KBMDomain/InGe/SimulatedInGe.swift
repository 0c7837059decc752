// The embedded BAMF: applies the BAMF's own rules to each message and records what it accepted.

import KBMLanguage
import KBMModel

public struct SimulatedInGe: InGe {
    /// Kursbeginn from this day on needs a Kursplanung (R6).
    public static let planPflichtAb = Day(year: 2018, month: 2, day: 1)!

    public init() {}

    public func submit(_ request: InGeRequest, nurValidieren: Bool, today: Day, bamf: inout BamfSide) -> InGeResponse {
        var response = answer(request, nurValidieren: nurValidieren, today: today, bamf: &bamf)
        response.delayMs = min(bamf.verzoegerungMs, 60_000)
        return response
    }

    private func answer(_ request: InGeRequest, nurValidieren: Bool, today: Day, bamf: inout BamfSide) -> InGeResponse {
        if bamf.offline { return InGeResponse(ergebnis: .nichtZugestellt, meldungen: [.timeout]) }
        if let nummer = bamf.stoerungen.removeValue(forKey: request.typ) {
            return InGeResponse(ergebnis: .abgelehnt, meldungen: [Self.injected(nummer, for: request)])
        }
        var errors: [BamfMessage] = []
        switch request {
        case .kursanmeldung(let traeger, let tn, let verfahren, _, _):
            errors += checkTraeger(traeger, bamf)
            if tn.az == nil || tn.geboren == nil { errors.append(.teilnehmerDatenMissing(tn)) }
            errors += checkPerson(tn, bamf)
            if let az = tn.az, verfahren == .erst, bamf.zulassungen[BamfSide.key(traeger, az)] == .erst {
                errors.append(.duplicateErstanmeldung(tn))
            }
            guard errors.isEmpty else { return InGeResponse(ergebnis: .abgelehnt, meldungen: errors) }
            if nurValidieren { return InGeResponse(ergebnis: .validiert, meldungen: [.validatedOnly]) }
            if let az = tn.az {
                let key = BamfSide.key(traeger, az)
                // An Erst-Anmeldung stays on record: a later Wiederhol does not make a second Erst possible.
                if bamf.zulassungen[key] != .erst { bamf.zulassungen[key] = verfahren }
                if bamf.teilnehmer[az] == nil, let geboren = tn.geboren { bamf.teilnehmer[az] = geboren }
            }
            return InGeResponse(ergebnis: .erfolgreich)

        case .kursplanung(let kopf, _, let teilnehmer, _):
            errors += checkTraeger(kopf.traegernummer, bamf) + checkKursort(kopf.kursort, bamf)
            let key = BamfSide.key(kopf.traegernummer, kopf.auftrag)
            if bamf.plaene[key]?.storniert == true { errors.append(.kursplanungCancelled) }
            for tn in teilnehmer { errors += checkPerson(tn, bamf) }
            guard errors.isEmpty else { return InGeResponse(ergebnis: .abgelehnt, meldungen: errors) }
            if nurValidieren { return InGeResponse(ergebnis: .validiert, meldungen: [.validatedOnly]) }
            bamf.plaene[key] = BamfSide.Plan(aktenzeichen: teilnehmer.compactMap(\.az))
            return InGeResponse(ergebnis: .erfolgreich)

        case .kursplanstorno(let traeger, let auftrag):
            let key = BamfSide.key(traeger, auftrag)
            errors += checkTraeger(traeger, bamf)
            if bamf.plaene[key] == nil || bamf.plaene[key]?.storniert == true { errors.append(.noKursplanungToCancel) }
            if bamf.kursnummern[key] != nil { errors.append(.kursAlreadyReportedNoStorno) }
            guard errors.isEmpty else { return InGeResponse(ergebnis: .abgelehnt, meldungen: errors) }
            if nurValidieren { return InGeResponse(ergebnis: .validiert, meldungen: [.validatedOnly]) }
            bamf.plaene[key]?.storniert = true
            return InGeResponse(ergebnis: .erfolgreich)

        case .kursbeginnmeldung(let kopf, let lehrkraefte, let teilnehmer, let gesamt):
            let key = BamfSide.key(kopf.traegernummer, kopf.auftrag)
            if let nummer = bamf.kursnummern[key] {
                return InGeResponse(ergebnis: .abgelehnt, meldungen: [.alreadyReported(nummer)])
            }
            errors += checkTraeger(kopf.traegernummer, bamf) + checkKursort(kopf.kursort, bamf)
            let plan = bamf.plaene[key]
            if plan == nil && kopf.kursbeginn >= Self.planPflichtAb { errors.append(.kursplanungMissing) }
            if plan?.storniert == true { errors.append(.kursplanungCancelled) }
            if lehrkraefte.isEmpty { errors.append(.noLehrkraft) }
            if bamf.modus == .strict {
                for kennung in lehrkraefte where !bamf.lehrkraefte.containsIdentifier(kennung) { errors.append(.unknownLehrkraft(kennung)) }
            }
            if teilnehmer.isEmpty { errors.append(.noTeilnehmer) }
            for tn in teilnehmer {
                guard let az = tn.az, tn.geboren != nil else { errors.append(.teilnehmerDatenMissing(tn)); continue }
                let personErrors = checkPerson(tn, bamf)
                errors += personErrors
                if personErrors.isEmpty && bamf.zulassungen[BamfSide.key(kopf.traegernummer, az)] == nil {
                    errors.append(.teilnehmerNotAdmitted(tn))
                }
            }
            if let plan, !plan.storniert, !teilnehmer.isEmpty,
               !teilnehmer.contains(where: { $0.az.map(plan.aktenzeichen.contains) ?? false }) {
                errors.append(.noTeilnehmerPlanned)
            }
            // The number the course was entered with decides, as in kbm's own check (R12).
            let hoechstens = kopf.hoechstTeilnehmer ?? bamf.hoechstTeilnehmer(for: kopf.kursart)
            if gesamt > hoechstens { errors.append(.hoechstzahlExceeded(anzahl: gesamt, hoechstens: hoechstens)) }
            if today < kopf.kursbeginn { errors.append(.kursNotBegun(kopf.kursbeginn)) }
            guard errors.isEmpty else { return InGeResponse(ergebnis: .abgelehnt, meldungen: errors) }
            if nurValidieren { return InGeResponse(ergebnis: .validiert, meldungen: [.validatedOnly]) }
            let nummer = Self.kursnummer(year: kopf.kursbeginn.year, sequence: bamf.naechsteKursnummer)
            bamf.naechsteKursnummer += 1
            bamf.kursnummern[key] = nummer
            return InGeResponse(ergebnis: .erfolgreich, kursnummer: nummer)
        }
    }

    /// An injected fault reads as the BAMF's own message of that number, about what the request carries (its
    /// Träger, Kursort, first Lehrkraft or Tn); a number without a rule reads as a bare rejection.
    static func injected(_ nummer: Int, for request: InGeRequest) -> BamfMessage {
        var found: [BamfMessage] = [.kursplanungMissing, .kursplanungCancelled, .noLehrkraft, .noTeilnehmerPlanned, .noTeilnehmer,
                                    .noKursplanungToCancel, .kursAlreadyReportedNoStorno]
        var tn: GesendeterTeilnehmer?
        switch request {
        case .kursanmeldung(let traeger, let t, _, _, _):
            found.append(.unknownTraeger(traeger))
            tn = t
        case .kursplanung(let kopf, _, let teilnehmer, _):
            found += [.unknownTraeger(kopf.traegernummer), .unknownKursort(kopf.kursort), .kursNotBegun(kopf.kursbeginn)]
            tn = teilnehmer.first
        case .kursplanstorno(let traeger, _):
            found.append(.unknownTraeger(traeger))
        case .kursbeginnmeldung(let kopf, let lehrkraefte, let teilnehmer, _):
            found += [.unknownTraeger(kopf.traegernummer), .unknownKursort(kopf.kursort), .kursNotBegun(kopf.kursbeginn)]
            found += lehrkraefte.prefix(1).map { .unknownLehrkraft($0) }
            tn = teilnehmer.first
        }
        if let tn {
            found += [.unknownTeilnehmer(tn), .geburtsdatumMismatch(tn), .duplicateErstanmeldung(tn), .teilnehmerNotAdmitted(tn),
                      .teilnehmerDatenMissing(tn)]
        }
        return found.first { $0.nummer == nummer } ?? .disrupted(nummer: nummer)
    }

    /// `BK` + year of Kursbeginn + `-` + a six-digit running number of this simulated BAMF, e.g. `BK2026-000001`.
    public static func kursnummer(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "BK\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    private func checkTraeger(_ nummer: String, _ bamf: BamfSide) -> [BamfMessage] {
        let known = bamf.modus == .lenient ? Identifier.isValid(nummer) : bamf.traeger.containsIdentifier(nummer)
        return known ? [] : [.unknownTraeger(nummer)]
    }

    private func checkKursort(_ kennung: String, _ bamf: BamfSide) -> [BamfMessage] {
        let known = bamf.modus == .lenient ? Identifier.isValid(kennung) : bamf.kursorte.containsIdentifier(kennung)
        return known ? [] : [.unknownKursort(kennung)]
    }

    /// R15: unknown in strict mode, or a Geburtsdatum that contradicts the BAMF's record in any mode.
    private func checkPerson(_ tn: GesendeterTeilnehmer, _ bamf: BamfSide) -> [BamfMessage] {
        guard let az = tn.az else { return [] }
        // In any letter case, as every id; only strict mode looks further, where the BAMF knows just the registered few.
        let inAnyCase = bamf.modus == .strict ? bamf.teilnehmer.first { Identifier.same($0.key, az) }?.value : nil
        guard let recorded = bamf.teilnehmer[az] ?? inAnyCase else {
            return bamf.modus == .strict ? [.unknownTeilnehmer(tn)] : []
        }
        if let geboren = tn.geboren, geboren != recorded { return [.geburtsdatumMismatch(tn)] }
        return []
    }
}
