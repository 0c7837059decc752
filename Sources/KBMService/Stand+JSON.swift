// The trainer's page's data as JSON (GET /stand and the event stream). Every string goes through one function that
// also writes <, > and & as \u escapes, so the text stays inert even where a browser would sniff it as HTML.

import KBMCore

extension Stand {
    public var json: String {
        "{\"nr\":\(nr),\"nachrichten\":[" + nachrichten.map(\.json).joined(separator: ",") + "],\"traeger\":["
            + traeger.map(\.json).joined(separator: ",") + "]}"
    }

    /// A JSON string for any text, safe inside HTML too.
    static func string(_ s: String) -> String {
        var out = ""
        for u in Renderer.jsonString(s).unicodeScalars {
            switch u {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension Stand.Nachricht {
    public var json: String {
        "{\"nr\":\(nr),\"zeit\":\(Stand.string(zeit)),\"benutzer\":\(Stand.string(benutzer)),\"typ\":\(Stand.string(typ)),"
            + "\"ergebnis\":\(Stand.string(ergebnis)),\"meldungen\":["
            + meldungen.map { "{\"nummer\":\($0.nummer),\"text\":\(Stand.string($0.text))}" }.joined(separator: ",")
            + "],\"kursnummer\":\(kursnummer.map(Stand.string) ?? "null"),\"gespeichert\":\(gespeichert)}"
    }
}

extension Stand.Traeger {
    public var json: String {
        "{\"traeger\":\(Stand.string(traeger)),\"modus\":\(Stand.string(modus)),\"kursorte\":\(kursorte),"
            + "\"lehrkraefte\":\(lehrkraefte),\"teilnehmer\":\(teilnehmer),\"zulassungen\":\(zulassungen),\"plaene\":["
            + plaene.map { "{\"auftrag\":\(Stand.string($0.auftrag)),\"teilnehmer\":\($0.teilnehmer),\"storniert\":\($0.storniert)}" }
                .joined(separator: ",")
            + "],\"kursnummern\":["
            + kursnummern.map { "{\"auftrag\":\(Stand.string($0.auftrag)),\"kursnummer\":\(Stand.string($0.kursnummer))}" }
                .joined(separator: ",")
            + "],\"stoerungen\":["
            + stoerungen.map { "{\"typ\":\(Stand.string($0.typ)),\"nummer\":\($0.nummer)}" }.joined(separator: ",")
            + "],\"offline\":\(offline),\"verzoegerungMs\":\(verzoegerungMs)}"
    }
}
