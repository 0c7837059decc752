// The trainer's page's side of the service: what the page shows now (Stand) and the live feed of each message as
// it is answered. Sending never waits for a browser (BamfEreignisse buffers each one, bounded).

import KBMCore
import KBMSoap

extension BamfService {
    /// What the page shows now: the latest messages and every Träger's BAMF side.
    public func stand() throws -> Stand {
        var traeger: [Stand.Traeger] = []
        for name in try store.traegerAccounts() { traeger.append(Stand.Traeger(name, try store.loadSide(of: name))) }
        return Stand(nr: ereignisse.nr, nachrichten: ereignisse.nachrichten, traeger: traeger)
    }

    /// The live feed as Server-Sent Events: the Stand first, then a frame per message or change; nil when too many
    /// browsers watch already.
    public func ereignisStrom() throws -> AsyncStream<String>? {
        let first = BamfEreignisse.frame("stand", try stand().json)
        return ereignisse.subscribe(first: first) { id in Task { await self.abmelden(id) } }
    }

    private func abmelden(_ id: Int) { ereignisse.remove(id) }

    /// Ends every browser's feed: the server stops.
    public func endeFeeds() { ereignisse.finishAll() }

    /// How many browsers watch now.
    public var zuschauer: Int { ereignisse.count }

    /// A message that was committed: the page shows it and the Träger's BAMF side after it.
    func announce(_ response: InGeResponse, _ anfrage: SoapAnfrage) {
        let user = anfrage.zugang.benutzer
        let n = ereignisse.add(Stand.Nachricht(
            nr: 0, zeit: Clock.timestamp(), benutzer: user, typ: anfrage.nachricht.typ.rawValue,
            ergebnis: response.ergebnis.rawValue, meldungen: response.meldungen.map(Stand.Meldung.init),
            kursnummer: response.kursnummer, gespeichert: true))
        guard ereignisse.count > 0 else { return }
        let side = (try? store.loadSide(of: user)).map { Stand.Traeger(user, $0).json } ?? "null"
        ereignisse.send(BamfEreignisse.frame("nachricht", "{\"nr\":\(n.nr),\"nachricht\":\(n.json),\"traeger\":\(side)}"))
    }

    /// A message refused at the door (unknown user, wrong password): shown, though the BAMF keeps nothing of it.
    func announce(refusal: BamfMessage, _ anfrage: SoapAnfrage) {
        let n = ereignisse.add(Stand.Nachricht(
            nr: 0, zeit: Clock.timestamp(), benutzer: anfrage.zugang.benutzer, typ: anfrage.nachricht.typ.rawValue,
            ergebnis: Anmeldung.Ergebnis.abgelehnt.rawValue, meldungen: [Stand.Meldung(refusal)], kursnummer: nil,
            gespeichert: false))
        ereignisse.send(BamfEreignisse.frame("nachricht", "{\"nr\":\(n.nr),\"nachricht\":\(n.json),\"traeger\":null}"))
    }

    /// For a change that is no Träger's message (an admin sets a fault or loads test data): the page shows the
    /// Träger's BAMF side anew.
    public func announceChange(of traeger: String) {
        guard ereignisse.count > 0, let side = try? store.loadSide(of: traeger) else { return }
        let nr = ereignisse.next()
        ereignisse.send(BamfEreignisse.frame("traeger", "{\"nr\":\(nr),\"traeger\":\(Stand.Traeger(traeger, side).json)}"))
    }

    /// The messages in the file from before this start, for the page.
    static func history(_ store: BamfStore) -> [Stand.Nachricht] {
        let rows = (try? store.latestMessages(BamfEreignisse.verlauf)) ?? []
        return rows.map { row in
            var meldungen: [Stand.Meldung] = []
            if case .success(.antwort(let response, _)) = Soap.antwort(row.antwort) {
                meldungen = response.meldungen.map(Stand.Meldung.init)
            }
            return Stand.Nachricht(nr: 0, zeit: row.zeit, benutzer: row.benutzer, typ: row.typ, ergebnis: row.ergebnis,
                                   meldungen: meldungen, kursnummer: row.kursnummer, gespeichert: true)
        }
    }
}
