// The trainer's page (GET /): one HTML document with its CSS and JavaScript inline, no external asset. The script
// puts every value in with textContent only, and the Content-Security-Policy allows exactly this script and style
// (by hash) and forbids HTML from strings (Trusted Types), so a Träger's hostile text stays text.

import Crypto

enum BamfSeite {
    static let style = """

        :root { color-scheme: dark; }
        * { box-sizing: border-box; }
        html, body { margin: 0; height: 100%; background: #0a0d12; color: #f4f6f8;
          font: 20px/1.3 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; overflow: hidden; }
        header { display: flex; align-items: center; gap: 24px; padding: 10px 20px; background: #16202c;
          border-bottom: 3px solid #2d3e52; height: 64px; }
        h1 { font-size: 28px; margin: 0; white-space: nowrap; }
        h2 { font-size: 22px; margin: 0 0 6px; color: #9fc3ff; text-transform: uppercase; letter-spacing: .05em; }
        #verbindung { padding: 4px 12px; border-radius: 6px; font-weight: bold; background: #7a1f1f; }
        #verbindung.live { background: #1d6b34; }
        #stoerungen { flex: 1; text-align: right; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; color: #c9d3de; }
        #stoerungen.gesetzt { color: #ffb347; font-weight: bold; }
        main { display: grid; grid-template-columns: 60% 40%; height: calc(100% - 64px); }
        section { padding: 12px 16px; overflow: hidden; }
        #nachrichten { border-right: 3px solid #2d3e52; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        th { text-align: left; font-size: 17px; color: #9fb0c2; border-bottom: 2px solid #2d3e52; padding: 2px 5px; }
        td { padding: 2px 5px; font-size: 19px; vertical-align: top; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        tbody.nachricht { border-bottom: 1px solid #233142; }
        tbody.neu { animation: neu 3s ease-out; }
        @keyframes neu { from { background: #2f4a6b; } to { background: transparent; } }
        td.zeit { color: #aab6c3; font-variant-numeric: tabular-nums; }
        td.traeger, td.name { font-weight: bold; }
        td.kursnummer { font-weight: bold; color: #8fe3ff; }
        .erfolgreich { color: #5fe07f; font-weight: bold; }
        .abgelehnt { color: #ff7070; font-weight: bold; }
        .validiert { color: #ffd166; font-weight: bold; }
        td.meldungen { white-space: normal; font-size: 18px; color: #ffd0d0; padding-left: 24px; }
        td.meldungen.hinweis { color: #ffe6a8; }
        .nummer { font-weight: bold; }
        .ungespeichert { color: #c9a0ff; font-style: italic; }
        tr.gestoert td.name { color: #ffb347; }
        td.zahl { text-align: right; font-variant-numeric: tabular-nums; }
        td.liste { white-space: normal; font-size: 17px; color: #d5dde6; overflow-wrap: anywhere; }
        .leer { color: #7f8c99; font-style: italic; padding: 12px 6px; }
        .stoerung { color: #ffb347; font-weight: bold; }
        #nachrichten-tabelle th:nth-child(1) { width: 14%; } #nachrichten-tabelle th:nth-child(2) { width: 15%; }
        #nachrichten-tabelle th:nth-child(3) { width: 28%; } #nachrichten-tabelle th:nth-child(4) { width: 18%; }
        #traeger-tabelle th:nth-child(1) { width: 20%; } #traeger-tabelle th:nth-child(n+2):nth-child(-n+5) { width: 9%; }
        #traeger-tabelle th:nth-child(6) { width: 15%; }
        #traeger-tabelle td { font-size: 18px; padding: 1px 5px; }
        #traeger-tabelle td.liste { font-size: 16px; }
        #traeger-tabelle th:nth-child(n+2):nth-child(-n+5) { text-align: right; }

        """

    static let script = """

        "use strict";
        (function () {
          const ZEILEN = 14;
          let nr = null;
          let nachrichten = [];
          let neu = -1;
          const traeger = new Map();
          let quelle = null;

          function el(tag, klasse, text) {
            const e = document.createElement(tag);
            if (klasse) e.className = klasse;
            if (text !== undefined && text !== null) e.textContent = String(text);
            return e;
          }
          function ergebnisKlasse(ergebnis) {
            if (ergebnis === "erfolgreich") return "erfolgreich";
            if (ergebnis === "abgelehnt") return "abgelehnt";
            return "validiert";
          }
          function uhrzeit(zeit) { return String(zeit).length >= 19 ? String(zeit).slice(11, 19) : String(zeit); }

          function zeichneNachrichten() {
            const tabelle = document.getElementById("nachrichten-tabelle");
            for (const alt of Array.from(tabelle.tBodies)) alt.remove();
            const liste = nachrichten.slice(-ZEILEN).reverse();
            document.getElementById("nachrichten-leer").hidden = liste.length > 0;
            for (const n of liste) {
              const body = el("tbody", "nachricht" + (n.nr === neu ? " neu" : ""));
              const zeile = el("tr");
              zeile.append(el("td", "zeit", uhrzeit(n.zeit)), el("td", "traeger", n.benutzer), el("td", "typ", n.typ));
              zeile.append(el("td", "ergebnis " + ergebnisKlasse(n.ergebnis), n.ergebnis),
                el("td", "kursnummer", n.kursnummer || ""));
              body.append(zeile);
              if (n.meldungen.length > 0) {
                const m = el("tr");
                const zelle = el("td", "meldungen" + (n.ergebnis === "abgelehnt" ? "" : " hinweis"));
                zelle.colSpan = 5;
                if (!n.gespeichert) zelle.append(el("span", "ungespeichert", "nicht angemeldet, nichts gespeichert: "));
                n.meldungen.forEach(function (meldung, i) {
                  if (i > 0) zelle.append(el("br"));
                  zelle.append(el("span", "nummer", meldung.nummer + " "), document.createTextNode(meldung.text));
                });
                m.append(zelle);
                body.append(m);
              }
              tabelle.append(body);
            }
          }

          function stoerungen(t) {
            const teile = t.stoerungen.map(function (s) { return s.typ + " → " + s.nummer; });
            if (t.offline) teile.push("offline");
            if (t.verzoegerungMs) teile.push("Verzögerung " + t.verzoegerungMs + " ms");
            return teile;
          }

          function zeichneTraeger() {
            const body = document.getElementById("traeger-liste");
            body.replaceChildren();
            const alle = Array.from(traeger.values()).sort(function (a, b) { return a.traeger < b.traeger ? -1 : 1; });
            document.getElementById("traeger-leer").hidden = alle.length > 0;
            const gestoert = [];
            for (const t of alle) {
              const s = stoerungen(t);
              if (s.length > 0) gestoert.push(t.traeger + ": " + s.join(", "));
              const zeile = el("tr", "traeger-zeile" + (s.length > 0 ? " gestoert" : ""));
              zeile.append(el("td", "name", t.traeger + (t.modus === "strict" ? " (streng)" : "")),
                el("td", "zahl", t.kursorte), el("td", "zahl", t.lehrkraefte), el("td", "zahl", t.teilnehmer),
                el("td", "zahl", t.zulassungen));
              const plaene = t.plaene.map(function (p) {
                return p.auftrag + (p.storniert ? " (storniert)" : "");
              });
              zeile.append(el("td", "liste plaene", plaene.join(", ")));
              zeile.append(el("td", "liste kursnummern", t.kursnummern.map(function (k) { return k.kursnummer; }).join(", ")));
              body.append(zeile);
              if (s.length > 0) {
                const z = el("tr", "stoerung-zeile");
                const zelle = el("td", "liste stoerung", "Störung: " + s.join(", "));
                zelle.colSpan = 7;
                z.append(zelle);
                body.append(z);
              }
            }
            const kopf = document.getElementById("stoerungen");
            kopf.textContent = gestoert.length > 0 ? "Störungen: " + gestoert.join(" · ") : "Keine Störungen gesetzt";
            kopf.className = gestoert.length > 0 ? "gesetzt" : "";
          }

          function verbunden(ja, text) {
            const v = document.getElementById("verbindung");
            v.textContent = text;
            v.className = ja ? "live" : "";
          }

          // A frame out of order means frames were dropped for this browser: start again from a fresh Stand.
          function folgt(n) {
            if (nr !== null && n === nr + 1) { nr = n; return true; }
            verbinden();
            return false;
          }

          function verbinden() {
            if (quelle) quelle.close();
            nr = null;
            quelle = new EventSource("ereignisse");
            quelle.addEventListener("stand", function (e) {
              const s = JSON.parse(e.data);
              nr = s.nr;
              nachrichten = s.nachrichten;
              neu = -1;
              traeger.clear();
              for (const t of s.traeger) traeger.set(t.traeger, t);
              zeichneNachrichten();
              zeichneTraeger();
              verbunden(true, "live");
            });
            quelle.addEventListener("nachricht", function (e) {
              const d = JSON.parse(e.data);
              if (!folgt(d.nr)) return;
              nachrichten.push(d.nachricht);
              if (nachrichten.length > 100) nachrichten.shift();
              neu = d.nachricht.nr;
              zeichneNachrichten();
              if (d.traeger) { traeger.set(d.traeger.traeger, d.traeger); zeichneTraeger(); }
            });
            quelle.addEventListener("traeger", function (e) {
              const d = JSON.parse(e.data);
              if (!folgt(d.nr)) return;
              traeger.set(d.traeger.traeger, d.traeger);
              zeichneTraeger();
            });
            quelle.onerror = function () {
              verbunden(false, "getrennt");
              // The browser retries by itself, except after a refusal (too many watchers): then wait and try again.
              if (quelle.readyState === EventSource.CLOSED) setTimeout(verbinden, 5000);
            };
          }
          verbinden();
        })();

        """

    static let html = """
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>BAMF-Dienst – Trainersicht</title>
        <style>\(style)</style>
        </head>
        <body>
        <header>
        <h1>BAMF-Dienst</h1>
        <span id="verbindung">verbinde …</span>
        <span id="stoerungen">Keine Störungen gesetzt</span>
        </header>
        <main>
        <section id="nachrichten">
        <h2>Nachrichten</h2>
        <table id="nachrichten-tabelle">
        <thead><tr><th>Zeit</th><th>Träger</th><th>Nachricht</th><th>Ergebnis</th><th>Kursnummer</th></tr></thead>
        </table>
        <div id="nachrichten-leer" class="leer">Noch keine Nachricht eingegangen.</div>
        </section>
        <section id="traeger">
        <h2>Träger beim BAMF</h2>
        <table id="traeger-tabelle">
        <thead><tr><th>Träger</th><th title="Kursorte">Orte</th><th title="Lehrkräfte">LK</th><th title="Teilnehmer">Tn</th><th title="Zulassungen">Zul.</th><th>Pläne</th><th>Kursnummern</th></tr></thead>
        <tbody id="traeger-liste"></tbody>
        </table>
        <div id="traeger-leer" class="leer">Noch kein Träger angelegt.</div>
        </section>
        </main>
        <script>\(script)</script>
        </body>
        </html>

        """

    /// Allows this page's own script and style and nothing else; no string becomes HTML.
    static let contentSecurityPolicy = [
        "default-src 'none'",
        "script-src 'sha256-\(sha256Base64(script))'",
        "style-src 'sha256-\(sha256Base64(style))'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    ].joined(separator: "; ")

    static func sha256Base64(_ text: String) -> String {
        base64(Array(SHA256.hash(data: Array(text.utf8))))
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            var v = UInt32(bytes[i]) << 16
            if n > 1 { v |= UInt32(bytes[i + 1]) << 8 }
            if n > 2 { v |= UInt32(bytes[i + 2]) }
            for k in 0..<4 { out.append(k <= n ? alphabet[Int(v >> (18 - 6 * UInt32(k)) & 63)] : UInt8(ascii: "=")) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
