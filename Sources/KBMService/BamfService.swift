// One SOAP request to one SOAP answer: read and check the envelope, authenticate the Träger, answer a repeated
// MessageID from the file, otherwise let the BAMF's rules (SimulatedInGe) answer and commit before replying.

import Crypto
import KBMCore
import KBMSoap

public struct BamfServiceError: Error, Sendable {
    public var text: String
}

public actor BamfService {
    let store: BamfStore
    private let inge = SimulatedInGe()
    /// Accounts whose password was checked with scrypt since the start: an HMAC of that password under a key that
    /// lives only in this process, so a client sending many messages pays the KDF once, not per message.
    private var checked: [String: (hash: String, mac: [UInt8])] = [:]
    private let cacheKey = SymmetricKey(size: .bits256)
    /// Accounts whose next answer is lost after the commit (`loseNextAnswer`), for tests of a lost response.
    var lostAnswers: Set<String> = []
    /// The trainer's page's feed (BamfService+Ereignisse).
    let ereignisse: BamfEreignisse

    public init(path: String) throws(BamfServiceError) {
        do {
            store = try BamfStore(path: path)
        } catch {
            throw BamfServiceError(text: Wording.Served.datenUnbrauchbar(path, error))
        }
        ereignisse = BamfEreignisse(history: Self.history(store))
    }

    /// Adds an account (or sets its password); the Trägernummer is the user name.
    public func setAccount(_ benutzer: String, password: String, admin: Bool = false) throws {
        let hash = try PasswordHash.make(password)
        try store.setAccount(benutzer, hash: hash, admin: admin)
        checked[benutzer] = nil
    }

    /// What the HTTP layer sends back: an answer envelope (200) or a Fault (500, as SOAP 1.1 over HTTP wants).
    public struct Reply: Sendable {
        public var fault: Bool
        public var text: String
        /// A test's injected fault: the message is committed, then the connection breaks before the answer is whole.
        public var verloren = false
    }

    /// The whole exchange for one request body. Parsing and the KDF run outside the actor, in parallel with others.
    public nonisolated func answer(_ bytes: [UInt8]) async -> Reply {
        switch bytes.withUnsafeBytes({ Soap.nachricht($0) }) {
        case .success(.meldung(let anfrage)): return await answer(anfrage)
        case .success(.verwaltung(let verwaltung)): return await verwalten(verwaltung)
        case .failure(let fault): return Reply(fault: true, text: Soap.envelope(fault))
        }
    }

    public nonisolated func answer(_ anfrage: SoapAnfrage) async -> Reply {
        switch await authenticate(anfrage.zugang) {
        case .refused(let m):
            await announce(refusal: m, anfrage)
            return Reply(fault: false, text: Soap.envelope(InGeResponse(ergebnis: .abgelehnt, meldungen: [m]), relatesTo: anfrage.messageID))
        case .failed(let error): return Self.serverFault(error)
        case .known: break
        }
        do {
            var reply = try await process(anfrage)
            reply.verloren = await takeLostAnswer(of: anfrage.zugang.benutzer)
            return reply
        } catch { return Self.serverFault(error) }
    }

    enum Authentication {
        case known
        case refused(BamfMessage)
        case failed(any Error)
    }

    /// Whether the UsernameToken names an account with this password (scrypt once, then the in-memory HMAC).
    nonisolated func authenticate(_ zugang: Zugang) async -> Authentication {
        let user = zugang.benutzer
        let stored: String?
        do { stored = try await passwordHash(of: user) } catch { return .failed(error) }
        guard let stored else { return .refused(.unknownUser(user)) }
        if await !wasChecked(user, stored, zugang.passwort) {
            guard await PasswordHash.verifyOffPool(zugang.passwort, against: stored) else { return .refused(.wrongPassword(user)) }
            await remember(user, stored, zugang.passwort)
        }
        return .known
    }

    static func serverFault(_ error: any Error) -> Reply {
        let text = (error as? SQLiteError)?.message ?? String(describing: error)
        return Reply(fault: true, text: Soap.envelope(SoapFault(.server, "Der BAMF-Dienst konnte die Nachricht nicht speichern: \(text)")))
    }

    private func passwordHash(of user: String) throws -> String? { try store.passwordHash(of: user) }

    private func mac(_ password: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(password.utf8), using: cacheKey))
    }

    private func wasChecked(_ user: String, _ hash: String, _ password: String) -> Bool {
        guard let entry = checked[user], entry.hash == hash else { return false }
        return PasswordHash.constantTimeEqual(entry.mac, mac(password))
    }

    private func remember(_ user: String, _ hash: String, _ password: String) {
        checked[user] = (hash, mac(password))
    }

    /// The authenticated message: the stored answer for a repeated MessageID, otherwise the rules' answer, committed.
    private func process(_ anfrage: SoapAnfrage) throws -> Reply {
        let user = anfrage.zugang.benutzer
        let document = anfrage.nachricht.xml.document
        if let earlier = try store.stored(benutzer: user, messageID: anfrage.messageID) {
            guard earlier.anfrage == document else {
                return Reply(fault: true, text: Soap.envelope(SoapFault(.client,
                    "Die MessageID \(anfrage.messageID) gehört schon zu einer anderen Nachricht; jede Nachricht braucht ihre eigene.")))
            }
            return Reply(fault: false, text: earlier.antwort)
        }
        let traeger = anfrage.nachricht.traegernummer
        let today = anfrage.heute ?? Clock.today()
        var answered: InGeResponse?
        let text = try store.process(benutzer: user, messageID: anfrage.messageID, typ: anfrage.nachricht.typ.rawValue,
                                     anfrage: document, { side in
            guard traeger == user else {
                return InGeResponse(ergebnis: .abgelehnt, meldungen: [.foreignTraeger(user: user, traeger: traeger)])
            }
            return inge.submit(anfrage.nachricht, nurValidieren: anfrage.nurValidieren, today: today, bamf: &side)
        }, envelope: {
            answered = $0
            return Soap.envelope($0, relatesTo: anfrage.messageID)
        })
        if let answered { announce(answered, anfrage) }
        return Reply(fault: false, text: text)
    }
}

extension InGeRequest {
    /// The Trägernummer the message is sent for.
    var traegernummer: String {
        switch self {
        case .kursanmeldung(let t, _, _, _, _), .kursplanstorno(let t, _): t
        case .kursplanung(let kopf, _, _, _), .kursbeginnmeldung(let kopf, _, _, _): kopf.traegernummer
        }
    }
}
