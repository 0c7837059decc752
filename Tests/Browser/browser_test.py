#!/usr/bin/env python3
"""The trainer's page in real headless Chromium: kbm-bamf serves on 127.0.0.1 (ephemeral port), Chromium opens /,
messages are sent while the page is open, and the DOM must show them live (Träger, type, result, Meldungen,
Kursnummer) with hostile text as text. Chromium is driven over --remote-debugging-pipe (no port of its own); every
address other than the loopback goes to a dead proxy, so nothing leaves the machine. Writes the screenshot to
Tests/Browser/output/seite.png; with --referenz also to Tests/Browser/seite.png (the one committed for reviewers).

Usage: browser_test.py KBM_BAMF [--referenz]"""

import base64
import hashlib
import json
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DEADLINE = time.monotonic() + 180  # the whole test, start to end
PASSED = 0
FAILED = 0


def check(condition, what):
    global PASSED, FAILED
    if condition:
        PASSED += 1
    else:
        FAILED += 1
        print(f"FEHLER: {what}", file=sys.stderr)


def remaining(limit):
    return max(0.1, min(limit, DEADLINE - time.monotonic()))


# --- the server -----------------------------------------------------------------------------------------------

def start_server(binary, folder):
    server = subprocess.Popen([binary, "serve", "--port", "0", "--daten", os.path.join(folder, "bamf.db")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready, _, _ = select.select([server.stdout], [], [], remaining(30))
    line = server.stdout.readline() if ready else ""
    if "http://127.0.0.1:" not in line:
        server.kill()
        raise SystemExit(f"kbm-bamf meldet sich nicht bereit: {line!r} {server.stderr.read()!r}")
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    return server, port


def add_traeger(binary, folder, traeger, password, admin=False):
    """An account as the trainer makes it: `kbm bamf traeger add`, the password from KBM_BAMF_PASSWORT."""
    subprocess.run([binary, "traeger", "add", traeger, "--daten", os.path.join(folder, "bamf.db")]
                   + (["--admin"] if admin else []), check=True, capture_output=True,
                   env=dict(os.environ, KBM_BAMF_PASSWORT=password), timeout=remaining(30))


def verwalten(binary, befehl, fuer, url=None, folder=None):
    """`kbm bamf verwalten`: on the file, or (url) as the admin account of the running service."""
    where = ["--url", url, "--benutzer", "admin"] if url else ["--daten", os.path.join(folder, "bamf.db")]
    done = subprocess.run([binary, "verwalten", befehl, "--fuer", fuer] + where, capture_output=True, text=True,
                          env=dict(os.environ, KBM_BAMF_PASSWORT="pw-admin"), timeout=remaining(30))
    check(done.returncode == 0, f"kbm bamf verwalten {befehl}: {done.stderr}")



def xml(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def envelope(body, user, password, message_id):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Header>
    <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" soap:mustUnderstand="1">
      <wsse:UsernameToken>
        <wsse:Username>{xml(user)}</wsse:Username>
        <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">{xml(password)}</wsse:Password>
      </wsse:UsernameToken>
    </wsse:Security>
    <wsa:MessageID xmlns:wsa="http://www.w3.org/2005/08/addressing">{xml(message_id)}</wsa:MessageID>
    <Heute xmlns="urn:kbm:inge:1">2026-03-02</Heute>
  </soap:Header>
  <soap:Body>
{body}
  </soap:Body>
</soap:Envelope>
"""


TN = '<Tn nr="T1"><Aktenzeichen>AZ-100001</Aktenzeichen><Geburtsdatum>1990-04-12</Geburtsdatum></Tn>'


def kopf(traeger, kurs):
    return (f"<Traegernummer>{xml(traeger)}</Traegernummer><Kurs>{xml(kurs)}</Kurs><Kursort>KO-01</Kursort>"
            "<Kursart>allgemein</Kursart><Beginnabschnitt>basis1</Beginnabschnitt><Kursbeginn>2026-03-02</Kursbeginn>")


def kursanmeldung(traeger):
    return (f'<Kursanmeldung xmlns="urn:kbm:inge:1"><Traegernummer>{xml(traeger)}</Traegernummer>{TN}'
            "<Verfahren>erst</Verfahren></Kursanmeldung>")


def kursplanung(traeger, kurs):
    return f'<Kursplanung xmlns="urn:kbm:inge:1">{kopf(traeger, kurs)}<Abschnitte/><Teilnehmer>{TN}</Teilnehmer></Kursplanung>'


def kursbeginnmeldung(traeger, kurs):
    return (f'<Kursbeginnmeldung xmlns="urn:kbm:inge:1">{kopf(traeger, kurs)}'
            f"<Lehrkraefte><Lehrkraftkennung>LK-1001</Lehrkraftkennung></Lehrkraefte><Teilnehmer>{TN}</Teilnehmer>"
            "<GesamtTeilnehmerzahl>1</GesamtTeilnehmerzahl></Kursbeginnmeldung>")


def send(port, body, user, password, message_id):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/inge", method="POST",
                                     data=envelope(body, user, password, message_id).encode(),
                                     headers={"Content-Type": "text/xml; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=remaining(30)) as response:
            text = response.read().decode()
    except urllib.error.HTTPError as error:
        text = error.read().decode()
    check("Fault" not in text, f"Nachricht {message_id} ohne Fault beantwortet: {text[:300]}")
    return text


# --- Chromium over its DevTools pipe ----------------------------------------------------------------------------

class Browser:
    def __init__(self, folder):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            raise SystemExit("chromium fehlt: scripts/install-deps chromium")
        self.to_chrome_r, self.to_chrome_w = os.pipe()
        self.from_chrome_r, self.from_chrome_w = os.pipe()

        def fds():  # Chromium reads commands on fd 3 and writes answers on fd 4
            os.dup2(self.to_chrome_r, 3)
            os.dup2(self.from_chrome_w, 4)

        self.process = subprocess.Popen([
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,720",
            "--remote-debugging-pipe", f"--user-data-dir={os.path.join(folder, 'chromium')}",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
            "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions",
            # Nothing but the loopback: every other address goes to a port where nobody listens.
            "--proxy-server=127.0.0.1:9",  # the loopback itself bypasses any proxy
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "about:blank",
        ], preexec_fn=fds, close_fds=False,  # Python opens its own files close-on-exec; dup2 leaves 3 and 4 open
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(folder, "chromium.log"), "w"))
        os.close(self.to_chrome_r)
        os.close(self.from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def call(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_chrome_w, json.dumps(message).encode() + b"\0")
        end = time.monotonic() + remaining(timeout)
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                answer = json.loads(raw)
                if answer.get("id") == self.next_id:
                    if "error" in answer:
                        raise RuntimeError(f"{method}: {answer['error']}")
                    return answer.get("result", {})
            left = end - time.monotonic()
            ready, _, _ = select.select([self.from_chrome_r], [], [], max(0, left))
            if not ready:
                raise TimeoutError(f"Chromium antwortet nicht auf {method}")
            chunk = os.read(self.from_chrome_r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium hat sich beendet")
            self.buffer += chunk

    def open(self, url):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.call("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
        self.call("Page.enable")
        self.call("Page.navigate", {"url": url})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what, timeout=20):
        end = time.monotonic() + remaining(timeout)
        while time.monotonic() < end:
            try:
                if self.evaluate(expression):
                    return True
            except RuntimeError:
                pass
            time.sleep(0.1)
        check(False, f"die Seite zeigt nicht: {what}")
        return False

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# The page's rows, as the test reads them: one object per message, newest first.
ROWS = """Array.from(document.querySelectorAll('tbody.nachricht')).map(b => ({
  traeger: b.querySelector('td.traeger').textContent, typ: b.querySelector('td.typ').textContent,
  ergebnis: b.querySelector('td.ergebnis').textContent, kursnummer: b.querySelector('td.kursnummer').textContent,
  meldungen: (b.querySelector('td.meldungen') || {textContent: ''}).textContent }))"""
TRAEGER = """Array.from(document.querySelectorAll('tr.traeger-zeile')).map(r => r.textContent)"""


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("Zeit abgelaufen")))
    signal.alarm(int(DEADLINE - time.monotonic()) + 10)
    folder = tempfile.mkdtemp(prefix="kbm-browser-")
    server = browser = None
    try:
        server, port = start_server(binary, folder)
        add_traeger(binary, folder, "TR-4711", "pw-4711")
        add_traeger(binary, folder, "TR-4712", "pw-4712")
        add_traeger(binary, folder, "admin", "pw-admin", admin=True)
        verwalten(binary, "bamf stoerung kursplanstorno fehler=1099", "TR-4712", folder=folder)
        klasse = [f"TR-50{i:02d}" for i in range(1, 19)]  # the rest of a class of twenty
        for t in klasse:
            add_traeger(binary, folder, t, "pw-" + t)
        browser = Browser(folder)
        browser.open(f"http://127.0.0.1:{port}/")
        browser.wait_for("document.getElementById('verbindung').textContent === 'live'", "live verbunden")
        browser.wait_for(f"{TRAEGER}.length === 20", "alle zwanzig Träger vor der ersten Nachricht")
        check("Kursplanstorno → 1099" in browser.evaluate("document.getElementById('stoerungen').textContent"),
              "die gesetzte Störung steht oben")
        # The admin sets a fault for the whole class while the page is open: it shows at once, for every Träger.
        verwalten(binary, "bamf stoerung kursanmeldung fehler=1030", "alle", url=f"http://127.0.0.1:{port}/inge")
        browser.wait_for("document.getElementById('stoerungen').textContent.includes('Kursanmeldung → 1030')",
                         "die Störung des Admins erscheint live")
        check(browser.evaluate("document.querySelectorAll('tr.stoerung-zeile').length") == 20,
              "bei allen zwanzig Trägern")
        verwalten(binary, "bamf stoerung kursanmeldung off", "alle", url=f"http://127.0.0.1:{port}/inge")
        browser.wait_for("!document.getElementById('stoerungen').textContent.includes('1030')", "und verschwindet wieder")

        # Sent while the page is open: it must show each without a reload.
        hostile = "<img src=x onerror=\"document.title='pwned'\">&amp;<script>window.pwned=1</script>"
        send(port, kursanmeldung("TR-4711"), "TR-4711", "pw-4711", "b-1")
        send(port, kursplanung("TR-4711", "A-1"), "TR-4711", "pw-4711", "b-2")
        send(port, kursbeginnmeldung("TR-4711", "A-1"), "TR-4711", "pw-4711", "b-3")
        send(port, kursbeginnmeldung("TR-4712", "B-7"), "TR-4712", "pw-4712", "b-4")
        send(port, kursplanung("TR-4712", "B-7"), "TR-4712", "falsch", "b-5")
        send(port, kursanmeldung(hostile), hostile, "egal", "b-6")
        browser.wait_for(f"{ROWS}.length === 6", "sechs Nachrichten")
        rows = browser.evaluate(ROWS)
        check([r["typ"] for r in rows] == ["Kursanmeldung", "Kursplanung", "Kursbeginnmeldung", "Kursbeginnmeldung",
                                           "Kursplanung", "Kursanmeldung"], f"neueste oben: {rows}")
        kbm = rows[3] if len(rows) == 6 else {}
        check(kbm.get("traeger") == "TR-4711" and kbm.get("ergebnis") == "erfolgreich"
              and kbm.get("kursnummer", "").startswith("BK2026-"), f"die Kursbeginnmeldung mit Kursnummer: {kbm}")
        rejected = rows[2] if len(rows) == 6 else {}
        check(rejected.get("traeger") == "TR-4712" and rejected.get("ergebnis") == "abgelehnt"
              and "1040" in rejected.get("meldungen", ""), f"die abgelehnte mit Meldung 1040: {rejected}")
        check(len(rows) == 6 and "1062" in rows[1]["meldungen"] and "nicht angemeldet" in rows[1]["meldungen"],
              f"falsches Passwort: {rows[1:2]}")
        check(len(rows) == 6 and rows[0]["traeger"] == hostile and "1061" in rows[0]["meldungen"],
              f"feindlicher Text als Text: {rows[:1]}")
        check(browser.evaluate("document.querySelectorAll('img').length") == 0, "kein eingeschleustes <img>")
        check(browser.evaluate("document.querySelectorAll('script').length") == 1, "kein eingeschleustes <script>")
        check(browser.evaluate("document.title") == "BAMF-Dienst – Trainersicht", "der Titel unverändert")
        check(browser.evaluate("window.pwned === undefined"), "kein eingeschleuster Code lief")
        browser.wait_for(f"{TRAEGER}.some(t => t.includes('TR-4711') && t.includes('BK2026-'))",
                         "die Kursnummer beim Träger")
        traeger = browser.evaluate(TRAEGER)
        check(any("TR-4711" in t and "A-1" in t for t in traeger), f"der Plan beim Träger: {traeger}")
        # Readable on a projector: nothing runs off the 1280×720 screen.
        check(browser.evaluate("document.documentElement.scrollWidth <= 1280"), "nicht breiter als 1280")
        check(browser.evaluate("parseFloat(getComputedStyle(document.body).fontSize) >= 18"), "große Schrift")

        # A class at work: more messages than the page has rows; the newest stay on top.
        for t in klasse[:10]:
            send(port, kursanmeldung(t), t, "pw-" + t, "k-" + t)
        browser.wait_for(f"{ROWS}[0].traeger === '{klasse[9]}'", "die neueste Nachricht oben")
        check(browser.evaluate("Array.from(document.querySelectorAll('tr.traeger-zeile, thead th'))"
                               ".every(e => e.getBoundingClientRect().bottom <= 720)"), "alle zwanzig Träger auf dem Schirm")
        check(browser.evaluate("Array.from(document.querySelectorAll('td.zeit, td.ergebnis, td.kursnummer, td.name'))"
                               ".every(e => e.scrollWidth <= e.clientWidth)"), "Zeit, Ergebnis und Kursnummer ungekürzt")

        os.makedirs(os.path.join(HERE, "output"), exist_ok=True)
        browser.screenshot(os.path.join(HERE, "output", "seite.png"))
        if "--referenz" in sys.argv:
            shutil.copy(os.path.join(HERE, "output", "seite.png"), os.path.join(HERE, "seite.png"))

        # The server stops on SIGINT although a page is still watching.
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=remaining(15))
            check(True, "")
        except subprocess.TimeoutExpired:
            check(False, "kbm-bamf endet nicht, solange eine Seite zusieht")
        browser.wait_for("document.getElementById('verbindung').textContent === 'getrennt'", "die Seite merkt das Ende")
    finally:
        if browser:
            browser.close()
        if server and server.poll() is None:
            server.kill()
            server.wait()
        if not os.environ.get("KBM_BROWSER_KEEP"): shutil.rmtree(folder, ignore_errors=True)
        signal.alarm(0)
    print(f"browser: {PASSED} passed, {FAILED} failed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
