#!/usr/bin/env python3
"""Pseudo-terminal tests of the built kbm binary: prompt, editing, completion, history,
Ctrl-C/Ctrl-D, UTF-8 and piped stdout.

Usage: python3 Tests/Terminal/terminal_tests.py PATH/TO/kbm [TEST-NAME ...]

Standard library only. Every kbm runs hermetically: a fresh temporary HOME,
XDG_DATA_HOME and XDG_STATE_HOME, TERM=xterm, LANG=C.UTF-8, EDITRC=/dev/null,
NO_COLOR=1 and a 24x100 window. The last line printed is `N passed, N failed`;
the exit status is 1 when a test failed.
"""

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import termios
import time

TIMEOUT = 5.0
ROWS, COLS = 24, 100

# Prompts: `kbm> ` or `kbm IK-1> `.
PROMPT = rb"kbm(?: [^\s>]+)?> "
PROMPT_PLAIN = rb"kbm> "

ENTER = "\r"
TAB = "\t"
BACKSPACE = "\x7f"
CTRL_A = "\x01"
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_E = "\x05"
CTRL_K = "\x0b"
UP = "\x1b[A"
DOWN = "\x1b[B"
LEFT = "\x1b[D"

LIST_HEADER = rb"Nummer\s+Typ\s+Titel\s+BAMF-Kursnummer"

# The number of read(2) in /proc/PID/syscall, to see that kbm waits for a key.
READ_SYSCALL = {"x86_64": "0", "aarch64": "63"}.get(os.uname().machine)


class TestFailure(Exception):
    pass


def check(condition, reason):
    if not condition:
        raise TestFailure(reason)


class Home:
    """A fresh set of directories standing in for the user's HOME and XDG dirs."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="kbm-tty-")
        self.data = os.path.join(self.root, "data")
        self.state = os.path.join(self.root, "state")

    @property
    def history_path(self):
        return os.path.join(self.state, "kbm", "history")

    @property
    def session_path(self):
        return os.path.join(self.data, "kbm", "sitzung.db")

    def env(self, **overrides):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.root,
            "XDG_DATA_HOME": self.data,
            "XDG_STATE_HOME": self.state,
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "EDITRC": "/dev/null",
            "NO_COLOR": "1",
        }
        for key, value in overrides.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def history_lines(self):
        with open(self.history_path, "rb") as f:
            return f.read().decode("utf-8").splitlines()

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)


class Kbm:
    """kbm (or a command line) running on a pseudo-terminal that is its controlling terminal."""

    def __init__(self, argv, env, editing=True):
        self.argv = argv
        self.editing = editing  # libedit puts the terminal in raw mode while it reads
        self.screen = b""  # everything the terminal received
        self.pos = 0  # where the next expect() starts looking
        self.status = None  # exit status once reaped
        self.eof = False
        pid, fd = pty.fork()  # setsid + the pty as controlling terminal, stdin, stdout, stderr
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    def _read(self, timeout):
        """Reads what is available within `timeout`; False at EOF (the terminal has no writer left)."""
        if self.eof:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO on Linux once the slave side is closed
            data = b""
        if not data:
            self.eof = True
            return False
        self.screen += data
        return True

    def expect(self, pattern, timeout=TIMEOUT, what=None):
        """Waits until `pattern` (bytes regex) appears after the previous match; returns the match."""
        regex = re.compile(pattern if isinstance(pattern, bytes) else pattern.encode("utf-8"))
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.screen, self.pos)
            if match:
                self.pos = match.end()
                return match
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.eof:
                why = "timeout"
                if self.eof:
                    why = "EOF"
                    try:
                        why += f" (exit status {self.wait(1.0)})"
                    except TestFailure:
                        pass
                raise TestFailure(f"{why} waiting for {what or regex.pattern!r}")
            self._read(min(remaining, 0.1))

    def expect_prompt(self, prompt=PROMPT, what="prompt"):
        """Waits for the prompt and until kbm reads keys: libedit prints the prompt before it switches the
        terminal to raw mode, and keys typed in between are echoed and interpreted by the kernel."""
        match = self.expect(prompt, what=what)
        deadline = time.monotonic() + TIMEOUT
        while self.editing and termios.tcgetattr(self.fd)[3] & termios.ICANON:  # the master reports the slave's mode
            check(time.monotonic() < deadline, "the terminal never left canonical mode after the prompt")
            time.sleep(0.001)
        self.wait_reading()
        return match

    def wait_reading(self):
        """Waits until kbm blocks in read(2), so that a key or signal sent now reaches the read itself."""
        deadline = time.monotonic() + TIMEOUT
        while READ_SYSCALL is not None and self.alive():
            try:
                with open(f"/proc/{self.pid}/syscall") as f:
                    if f.read().split(" ", 1)[0] == READ_SYSCALL:
                        return
            except OSError:
                return  # not available here: go on without
            check(time.monotonic() < deadline, "kbm did not come back to reading the terminal")
            time.sleep(0.001)

    def interrupt(self):
        """Ctrl-C once kbm waits for a key (a signal between two reads is a different, racy case)."""
        self.wait_reading()
        self.send(CTRL_C)

    def drain(self, seconds=0.2):
        """Collects output for a short while (only to make a failure report complete or check absence)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._read(deadline - time.monotonic()):
            pass

    def since_last_match(self):
        return self.screen[self.pos:]

    def send(self, text):
        os.write(self.fd, text.encode("utf-8") if isinstance(text, str) else text)

    def line(self, text, prompt=PROMPT):
        """Types a line, presses Enter and waits for the next prompt; returns the output in between."""
        self.send(text + ENTER)
        start = self.pos
        match = self.expect_prompt(prompt, what=f"prompt after {text!r}")
        return self.screen[start:match.start()]

    def alive(self):
        if self.status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = os.waitstatus_to_exitcode(status)
        return False

    def wait(self, timeout=TIMEOUT):
        """Waits for the process to end and returns its exit status (negative: killed by a signal)."""
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                raise TestFailure("process did not exit")
            self._read(0.05)
        self.drain(0.05)
        return self.status

    def close(self):
        if self.status is None and self.alive():
            try:
                os.killpg(self.pid, signal.SIGKILL)  # the child leads its own session and process group
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.status = -signal.SIGKILL
        try:
            os.close(self.fd)
        except OSError:
            pass


def resize(k, cols, rows=ROWS):
    """Gives the terminal a new size; the kernel tells kbm with SIGWINCH."""
    fcntl.ioctl(k.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def screen_lines(data):
    """The lines a terminal shows for `data`, as far as kbm draws them: CR goes back to the line's start,
    ESC [ K erases to its end, other escape sequences (libedit's) are dropped."""
    lines, line, col = [], [], 0
    text = data.decode("utf-8", "replace")
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\x1b":
            m = re.match(r"\x1b\[[0-9;?]*([A-Za-z])", text[i:])
            if m:
                if m.group(1) == "K":
                    del line[col:]
                i += len(m.group(0))
                continue
        elif c == "\r":
            col = 0
        elif c == "\n":
            lines.append("".join(line).rstrip())
            line, col = [], 0
        elif c == "\x07":
            pass
        else:
            if col < len(line):
                line[col] = c
            else:
                line.append(c)
            col += 1
        i += 1
    lines.append("".join(line).rstrip())
    return lines


def batch(binary, home, *commands, **env):
    """Runs kbm non-interactively (-c …) on the same session; returns (status, stdout+stderr)."""
    argv = [binary]
    for command in commands:
        argv += ["-c", command]
    result = subprocess.run(argv, env=home.env(**env), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, timeout=TIMEOUT)
    return result.returncode, result.stdout.decode("utf-8", "replace")


# --- the tests -----------------------------------------------------------------------------------
# Each takes (binary, home, spawn) where spawn(argv=None, **env) starts a Kbm on the home.


def test_prompt_shows_open_auftrag(binary, home, spawn):
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN, "first prompt `kbm> `")
    out = k.line("new auftrag IK-1 typ=integrationskurs", prompt=rb"kbm IK-1> ")
    check(re.search(rb"Auftrag IK-1 \(Integrationskurs\) angelegt", out), "no confirmation of new auftrag")


def test_complete_command_key_and_value(binary, home, spawn):
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    k.send("ne" + TAB)
    k.expect(rb"w ", what="`ne<TAB>` completed to `new `")
    k.send("auftrag IK-1 ty" + TAB)
    k.expect(rb"p=", what="`ty<TAB>` completed to `typ=`")
    k.send("int" + TAB)
    k.expect(rb"egrationskurs ", what="`typ=int<TAB>` completed to `typ=integrationskurs`")
    out = k.line("", prompt=rb"kbm IK-1> ")
    check(re.search(rb"Auftrag IK-1 \(Integrationskurs\) angelegt", out),
          "completed line did not create the Integrationskurs-Auftrag")


def test_complete_auftrag_number(binary, home, spawn):
    status, out = batch(binary, home, "new auftrag IK-1 typ=integrationskurs", "new auftrag XY-7 typ=sonstiges")
    check(status == 0, f"setup failed ({status}): {out}")
    check(not os.path.exists(home.history_path), "non-interactive -c commands were written to the history")
    k = spawn()
    k.expect_prompt()
    k.send("open auftrag I" + TAB)
    k.expect(rb"K-1 ", what="`open auftrag I<TAB>` completed to `open auftrag IK-1 `")
    out = k.line("", prompt=rb"kbm IK-1> ")
    check("Auftrag IK-1 geöffnet.".encode() in out, "no `Auftrag IK-1 geöffnet.`")


def test_complete_ambiguous_lists_candidates(binary, home, spawn):
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    k.send("li" + TAB)
    k.expect(rb"st ", what="`li<TAB>` completed to `list `")
    k.send(TAB)
    listing = k.expect(rb"\r\n([^\r\n]*)\r\n", what="a line listing the candidates").group(1)
    check(b"auftraege" in listing and b"kursorte" in listing,
          f"candidates line lacks auftraege/kursorte: {listing!r}")
    k.expect(PROMPT_PLAIN + rb"list ", what="prompt redrawn with `list `")
    k.send("k" + TAB)
    k.expect(rb"ursorte ", what="`list k<TAB>` completed to `list kursorte `")
    out = k.line("")
    check(re.search(rb"Kursortkennung\s+Name", out), "`list kursorte` did not run")


def test_complete_umlaut_spelling(binary, home, spawn):
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    k.send("list aufträ" + TAB)  # `ä` may be typed for `ae`: completes to the keyword as listed
    k.expect(rb"aege ", what="`list aufträ<TAB>` completed to `list auftraege `")
    out = k.line("")
    check(re.search(LIST_HEADER, out), "completed `list auftraege` did not run")


def test_history_across_restarts(binary, home, spawn):
    k = spawn()
    k.expect_prompt()
    k.line("new auftrag IK-1 typ=integrationskurs")
    out = k.line("list auftraege")
    check(re.search(LIST_HEADER, out), "`list auftraege` did not run")
    out = k.line(" list kursorte")  # a leading blank keeps a line out of the history
    check(re.search(rb"Kursortkennung", out), "` list kursorte` did not run")
    k.send("exit" + ENTER)
    status = k.wait()
    check(status == 0, f"`exit` ended with status {status}")

    check(os.path.exists(home.history_path), f"no history file at {home.history_path}")
    mode = stat.S_IMODE(os.stat(home.history_path).st_mode)
    check(mode == 0o600, f"history file mode is {mode:o}, not 600")
    lines = home.history_lines()
    check("new auftrag IK-1 typ=integrationskurs" in lines and "list auftraege" in lines,
          f"history file lacks the typed commands: {lines!r}")
    check(not any("kursorte" in line for line in lines),
          f"a line starting with a blank was stored: {lines!r}")

    # Up walks back from the newest entry (the file may or may not keep `exit`).
    presses = len(lines) - max(i for i, line in enumerate(lines) if line == "list auftraege")
    k = spawn()
    k.expect_prompt()
    k.send(UP * presses)
    k.expect(rb"list auftraege", what=f"`list auftraege` recalled after {presses} x Up")
    out = k.line("")
    check(re.search(LIST_HEADER + rb".*IK-1", out, re.S), "recalled `list auftraege` did not run")


def test_history_up_down_in_session(binary, home, spawn):
    k = spawn()
    k.expect_prompt()
    k.line("list kursorte")
    k.line("list auftraege")
    # libedit redraws only what differs from the line shown before.
    k.send(UP)
    k.expect(rb"list auftraege", what="newest line after Up")
    k.send(UP)
    k.expect(rb"kursorte", what="second-newest line after Up Up")
    k.send(DOWN)
    k.expect(rb"auftraege", what="newest line after Down")
    out = k.line("")
    check(re.search(LIST_HEADER, out), "the line recalled with Down is not `list auftraege`")
    check(b"Kursortkennung" not in out, "the line run was not the one shown")


def test_ctrl_c_discards_line(binary, home, spawn):
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    k.send("new auftrag XX-9 typ=sonst")
    k.expect(rb"typ=sonst", what="echo of the half-typed line")
    k.interrupt()
    k.expect_prompt(rb"\n[^\n]*" + PROMPT_PLAIN, what="a fresh prompt on a new line after Ctrl-C")
    k.drain(0.2)
    check(k.alive(), f"kbm died on Ctrl-C (status {k.status})")
    check(b"XX-9" not in k.since_last_match(), "the discarded line was shown again")
    out = k.line("list auftraege")
    check(re.search(LIST_HEADER, out), "command after Ctrl-C did not run")
    check(b"XX-9" not in out and b"Fehler" not in out, "the discarded line was executed or joined")
    k.interrupt()  # on an empty line too
    k.expect_prompt(PROMPT_PLAIN, "prompt after Ctrl-C on an empty line")
    check(k.alive(), "kbm died on Ctrl-C at an empty prompt")
    k.send(CTRL_D)
    status = k.wait()
    check(status == 0, f"exit status {status} after Ctrl-C then Ctrl-D (want 0)")
    check(not any("XX-9" in line for line in home.history_lines()), "the discarded line went into the history")


def test_ctrl_c_stops_running_script(binary, home, spawn):
    script = os.path.join(home.root, "lang.kbm")
    with open(script, "w") as f:
        f.write("list kursorte\n" + "set format table\n" * 100000)  # several seconds of work
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    k.send(f"run {script}" + ENTER)
    k.expect(rb"Kursortkennung", what="the script started")
    k.send(CTRL_C)
    k.expect_prompt(rb"\n[^\n]*" + PROMPT_PLAIN, what="back at the prompt after Ctrl-C during `run`")
    check(k.alive(), f"kbm ended on Ctrl-C during a command (status {k.status})")
    out = k.line("list auftraege")
    check(re.search(LIST_HEADER, out), "command after the interrupted script did not run")


def test_ctrl_d_exits_and_saves(binary, home, spawn):
    k = spawn()
    k.expect_prompt()
    k.line("new auftrag IK-5 typ=integrationskurs titel=Abendkurs")
    k.send(CTRL_D)
    status = k.wait()
    check(status == 0, f"Ctrl-D ended with status {status}, not 0")
    status, out = batch(binary, home, "list auftraege")
    check(status == 0 and re.search(r"IK-5\s+Integrationskurs\s+Abendkurs", out),
          f"Auftrag not saved ({status}): {out}")


def test_ctrl_d_with_text_does_not_exit(binary, home, spawn):
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    k.send("list auftraege")
    k.expect(rb"auftraege")
    k.send(CTRL_D)  # at the end of a non-empty line: nothing to delete, no EOF
    k.drain(0.3)
    check(k.alive(), f"Ctrl-D on a non-empty line ended kbm (status {k.status})")
    out = k.line("")
    check(re.search(LIST_HEADER, out), "the line typed before Ctrl-D did not run")


def test_exit_and_quit(binary, home, spawn):
    k = spawn()
    k.expect_prompt()
    out = k.line("bogus befehl")  # an error does not end an interactive session …
    check(b"Fehler" in out, "no error for an unknown command")
    k.line("new auftrag Q-1 typ=sonstiges")
    k.send("exit" + ENTER)
    status = k.wait()
    check(status == 0, f"`exit` after a failed command ended with {status} (want 0)")
    k = spawn()
    k.expect_prompt()
    k.line("new auftrag Q-2 typ=sonstiges")
    k.send("quit" + ENTER)
    status = k.wait()
    check(status == 0, f"`quit` ended with {status}")
    status, out = batch(binary, home, "list auftraege")
    check("Q-1" in out and "Q-2" in out, f"not saved: {out}")


def test_emacs_line_editing(binary, home, spawn):
    k = spawn()
    k.expect_prompt()
    # `xist auftraege zzz` → Ctrl-A, Ctrl-D (delete x), `l`, Ctrl-E, 4 x Left, Ctrl-K → `list auftraege`
    k.send("xist auftraege zzz")
    k.expect(rb"zzz")
    k.send(CTRL_A + CTRL_D + "l" + CTRL_E + LEFT * 4 + CTRL_K)
    out = k.line("")
    check(re.search(LIST_HEADER, out), "edited line is not `list auftraege`")
    check(b"Fehler" not in out, "edited line produced an error")


def test_utf8_editing(binary, home, spawn):
    k = spawn()
    k.expect_prompt()
    k.send('new auftrag IK-2 typ=sonstiges titel="Café ğüß 😀x')
    k.expect("😀x", what="echo of the UTF-8 title")
    k.send(BACKSPACE)
    out = k.line('"')
    check(re.search(rb"Auftrag IK-2 \(Sonstiges\) angelegt", out), "Auftrag IK-2 not created")
    out = k.line("list auftraege")
    check(re.search("IK-2 +Sonstiges +Café ğüß 😀(?!x)".encode(), out),
          f"title not shown as `Café ğüß 😀`: {out!r}")
    k.send(CTRL_D)
    k.wait()
    status, out = batch(binary, home, "set format csv", "list auftraege")
    check("IK-2,Sonstiges,Café ğüß 😀," in out, f"stored title is not `Café ğüß 😀`: {out!r}")


def test_utf8_in_c_locale(binary, home, spawn):
    k = spawn(LANG=None, LC_ALL=None, LC_CTYPE=None)
    k.expect_prompt()
    # Backspace must remove the whole emoji (4 bytes), not a byte of it.
    k.send('new auftrag IK-3 typ=sonstiges titel="Grüße 😀')
    k.expect("Grüße", what="echo of non-ASCII input in the C locale")
    k.send(BACKSPACE)
    out = k.line('aus Köln"')
    check(re.search(rb"Auftrag IK-3 \(Sonstiges\) angelegt", out), f"Auftrag IK-3 not created: {out!r}")
    k.send(CTRL_D)
    k.wait()
    status, out = batch(binary, home, "set format csv", "list auftraege")
    check("IK-3,Sonstiges,Grüße aus Köln," in out, f"title is not `Grüße aus Köln`: {out!r}")


def test_dumb_terminal_plain_reader(binary, home, spawn):
    k = spawn(TERM="dumb")  # no terminal description: a plain prompt and the kernel's line editing
    k.expect_prompt(PROMPT_PLAIN)
    out = k.line("new auftrag D-1 typ=sonstiges titel=Grüße", prompt=rb"kbm D-1> ")
    check(re.search(rb"Auftrag D-1 \(Sonstiges\) angelegt", out), "Auftrag D-1 not created")
    out = k.line("list auftraege")
    check(re.search("D-1 +Sonstiges +Grüße".encode(), out), f"title not shown as `Grüße`: {out!r}")
    k.send(CTRL_D)
    status = k.wait()
    check(status == 0, f"Ctrl-D ended with status {status}, not 0")


def test_dumb_terminal_ctrl_c(binary, home, spawn):
    k = spawn(TERM="dumb")
    k.expect_prompt(PROMPT_PLAIN)
    k.line("new auftrag D-1 typ=sonstiges titel=Grüße", prompt=rb"kbm D-1> ")
    k.send("remove auftrag D-1")
    k.expect(rb"D-1")
    k.interrupt()
    k.expect_prompt(rb"\n[^\n]*kbm D-1> ", what="a fresh prompt after Ctrl-C")
    k.drain(0.2)
    check(k.alive(), f"kbm died on Ctrl-C (status {k.status})")
    out = k.line("list auftraege")
    check(re.search("D-1 +Sonstiges +Grüße".encode(), out), f"the discarded line was executed: {out!r}")
    k.send(CTRL_D)
    status = k.wait()
    check(status == 0, f"Ctrl-D ended with status {status}, not 0")


def test_piped_stdout_edits_on_tty(binary, home, spawn):
    outfile = os.path.join(home.root, "out.txt")
    k = spawn(["/bin/sh", "-c", 'exec "$0" > "$1"', binary, outfile])
    k.expect_prompt(PROMPT_PLAIN, "prompt on the terminal while stdout is a file")
    k.send("new auftrag IK-1 typ=integrationskurz")
    k.expect(rb"kurz")
    k.send(BACKSPACE + "s" + ENTER)
    k.expect_prompt(rb"kbm IK-1> ", what="prompt after new auftrag (Backspace edit)")
    # `list aufraege`, 5 x Left to just after `auf`, insert `t`.
    k.send("list aufraege")
    k.expect(rb"aufraege")
    k.send(LEFT * 5 + "t" + ENTER)
    k.expect_prompt(rb"kbm IK-1> ", what="prompt after list auftraege (Left-arrow edit)")
    k.send("exit" + ENTER)
    status = k.wait()
    check(status == 0, f"exit status {status}")
    with open(outfile, "rb") as f:
        written = f.read()
    check(b"Auftrag IK-1 (Integrationskurs) angelegt" in written, f"no confirmation in the file: {written!r}")
    check(re.search(LIST_HEADER + rb".*IK-1\s+Integrationskurs", written, re.S),
          f"`list auftraege` output not in the file: {written!r}")
    check(b"\x1b" not in written and b"\r" not in written, f"escape sequences or CR in the file: {written!r}")
    check(b"kbm> " not in written and b"kbm IK-1> " not in written, f"prompt written to stdout: {written!r}")
    check(b"Nummer" not in k.screen, "command output went to the terminal instead of stdout")


def test_piped_stdout_ctrl_c(binary, home, spawn):
    outfile = os.path.join(home.root, "out.txt")
    k = spawn(["/bin/sh", "-c", 'exec "$0" > "$1"', binary, outfile])
    k.expect_prompt(PROMPT_PLAIN)
    k.send("new auftrag IK-1 typ=sonstiges")
    k.expect(rb"sonstiges")
    k.interrupt()
    k.expect_prompt(rb"\n[^\n]*" + PROMPT_PLAIN, what="a fresh prompt after Ctrl-C")
    k.line("list auftraege")
    k.send("exit" + ENTER)
    status = k.wait()
    check(status == 0, f"exit status {status}")
    with open(outfile, "rb") as f:
        written = f.read()
    check(re.search(LIST_HEADER, written), f"`list auftraege` after Ctrl-C did not run: {written!r}")
    check(b"IK-1" not in written, f"the line discarded with Ctrl-C was executed: {written!r}")


KURS = [
    "set today 01.03.2026", "mandant traegernummer=TR-1", "add kursort KO-1",
    "new auftrag IK-1 typ=integrationskurs",
    "kursdaten kursart=allgemein abschnitt=basis2 beginn=02.03.2026 kursort=KO-1",
    "add teilnehmer vorname=Ana nachname=Lima geboren=01.02.1990 az=AZ-1",
    "book T1 kostentraeger=bamf", "admit T1 verfahren=erst", "plan",
]


def test_melden_asks_before_sending_with_warnings(binary, home, spawn):
    status, out = batch(binary, home, *KURS)
    check(status == 0, f"setup failed ({status}): {out}")
    k = spawn()
    k.expect_prompt()
    k.send("melden" + ENTER)
    k.expect(rb"(?s)Warnung R8:.*?\r?\n.*?Warnung R13:", what="the warnings before sending (wrapped to the window)")
    k.expect(rb"Trotz Warnungen an das BAMF senden\? \[j/N\] ", what="the question")
    k.wait_reading()
    k.send("n" + ENTER)
    k.expect(rb"Nicht gesendet\.", what="refusal after n")
    k.expect_prompt()
    k.send("melden" + ENTER)
    k.expect(rb"\[j/N\] ", what="the question again")
    k.wait_reading()
    k.send("j" + ENTER)
    k.expect(rb"Nachricht 3 an das BAMF \(Kursbeginnmeldung\): abgelehnt", what="the message sent after j")
    k.expect_prompt()
    check(k.since_last_match().count(b"Warnung R8") == 0, "warnings repeated after the answer")
    k.send("exit" + ENTER)
    k.wait()
    hist = home.history_lines()
    check("n" not in hist and "j" not in hist, f"answers went into the history: {hist}")


def test_step_mode_waits_for_enter(binary, home, spawn):
    script = os.path.join(home.root, "demo.kbm")
    with open(script, "w") as f:
        f.write("# Erst die Uhr.\nset today 02.03.2026\n# Dann der Mandant.\nmandant traegernummer=TR-1\nlist kursorte\n")
    k = spawn([binary, "--step", script])
    k.expect(rb"Erst die Uhr\.", what="narration of the first step")
    k.expect(rb"kbm> set today 02\.03\.2026\r?\n.*\[Enter\] ausf", what="the command, then the question")
    check(b"Heute ist" not in k.screen, "the command ran before Enter")
    k.send(ENTER)
    k.expect(rb"Heute ist f\xc3\xbcr diese Sitzung der 02\.03\.2026", what="output after Enter")
    k.expect(rb"Dann der Mandant\.", what="narration of the second step")
    k.expect(rb"\[Enter\] ausf", what="second question")
    k.send("c")  # one key, no Enter
    k.expect(rb"Mandant gespeichert\.", what="second command")
    k.expect(rb"Kursortkennung", what="third command without a stop")
    status = k.wait()
    check(status == 0, f"step mode ended with {status}")


def test_interactive_after_script(binary, home, spawn):
    script = os.path.join(home.root, "setup.kbm")
    with open(script, "w") as f:
        f.write("new auftrag IK-7 typ=integrationskurs\n")
    k = spawn([binary, script, "-i"])
    k.expect_prompt(rb"kbm IK-7> ", what="prompt on the script's session")
    out = k.line("list auftraege")
    check(b"IK-7" in out, f"the script's Auftrag is missing: {out!r}")
    k.send("exit" + ENTER)
    check(k.wait() == 0, "exit after -i")


def test_ctrl_c_stops_running_sql(binary, home, spawn):
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    # Counts for ever: no step budget at a terminal, only Ctrl-C ends it.
    k.send("sql WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c" + ENTER)
    time.sleep(0.5)
    k.send(CTRL_C)
    k.expect(rb"Abgebrochen\.", what="\"Abgebrochen.\" after Ctrl-C during `sql`")
    k.expect_prompt(PROMPT_PLAIN, "back at the prompt after Ctrl-C during `sql`")
    check(k.alive(), f"kbm ended on Ctrl-C during `sql` (status {k.status})")
    out = k.line("sql SELECT 40 + 2 AS antwort")
    check(b"42" in out, "a query after the interrupted one did not run")


def test_private_lines_and_testnummer_are_not_kept(binary, home, spawn):
    k = spawn()
    k.expect_prompt()
    k.line("mandant traegernummer=TR-1 testnummer=GEHEIM-77")
    k.line(" add kursort PRIVAT-1")
    out = k.line("list kursorte")
    check(b"PRIVAT-1" in out, "the line with a blank in front did not run")
    # Neither the command log (`befehle`, `verlauf`) keeps the private line.
    out = k.line("sql SELECT zeile FROM befehle")
    check(b"list kursorte" in out and b"PRIVAT-1" not in out, f"befehle: {out!r}")
    out = k.line("verlauf")
    check(b"list kursorte" in out and b"PRIVAT-1" not in out, f"verlauf: {out!r}")
    k.send("exit" + ENTER)
    check(k.wait() == 0, "`exit` did not end kbm")
    lines = home.history_lines()
    check("list kursorte" in lines, f"history lacks a typed command: {lines!r}")
    check(not any("GEHEIM-77" in line or "PRIVAT-1" in line for line in lines),
          f"the history keeps a Testträgernummer or a private line: {lines!r}")


# --- issue 12: the terminal's width, progress, step mode, the first line --------------------------


def test_first_line_names_help(binary, home, spawn):
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    first = screen_lines(k.screen)[0]
    check("„help“" in first, f"the first line does not mention help: {first!r}")


def test_help_wraps_at_words_to_the_window(binary, home, spawn):
    status, piped = batch(binary, home, "help kursdaten")
    words = piped.split()
    check(any(len(line) > 60 for line in piped.splitlines()), "the help page is too short to show wrapping")
    k = spawn()
    k.expect_prompt(PROMPT_PLAIN)
    for cols in (COLS, 60):  # the window shrinks between the two commands
        resize(k, cols)
        out = k.line("help kursdaten")
        lines = [l for l in screen_lines(out)[1:] if l]
        # Only a word wider than the window itself may stand out.
        check(all(len(l) <= cols or len(l.split()) == 1 for l in lines), f"a line wider than {cols} columns: {lines!r}")
        check(" ".join(lines).split() == words, f"words broken or lost at {cols} columns: {lines!r}")
        check(any(l.startswith("          ") for l in lines), f"no continuation under the usage text: {lines!r}")
    # A pipe gets the lines whole.
    check(piped.splitlines()[1].startswith("Zeigt") and len(piped.splitlines()[1]) > COLS,
          f"output to a pipe was wrapped: {piped!r}")


def test_tables_fit_a_narrow_window(binary, home, spawn):
    status, out = batch(binary, home, *KURS, "add teilnehmer vorname=\"Maria Luisa\" nachname=\"García López\" geboren=15.06.1992",
                        "book T2 kostentraeger=selbstzahler", 'edit auftrag IK-1 titel="Kurs\\nmit Zeilenumbruch"')
    check(status == 0, f"setup failed ({status}): {out}")
    k = spawn()
    k.expect_prompt()
    resize(k, 80)
    for command in ("list teilnehmer", "report", "verlauf", "list auftraege"):
        lines = screen_lines(k.line(command))[1:]
        check(all(len(l) <= 80 for l in lines), f"`{command}` wider than 80 columns: {lines!r}")
        check(any(l.startswith("(") and "Zeile" in l for l in lines), f"`{command}` lost its row count: {lines!r}")
    # The title with a line break stays on its row.
    lines = screen_lines(k.line("list auftraege"))
    check(any(l.startswith("IK-1") and "Kurs\\n" in l for l in lines), f"the row was broken: {lines!r}")


def test_progress_of_a_long_script(binary, home, spawn):
    script = os.path.join(home.root, "lang.kbm")
    total = 400001  # a few seconds of work
    with open(script, "w") as f:
        f.write("set format table\n" * (total - 1) + "list kursorte\n")
    k = spawn([binary, script])
    k.expect(rb"\rZeile \d+ von %d: " % total + re.escape(script.encode()), timeout=30, what="the progress line")
    k.expect(rb"Kursortkennung", timeout=60, what="the script's last command")
    check(k.wait(60) == 0, f"exit status {k.status}")
    shown = screen_lines(k.screen)
    check(not any("Zeile" in l and "von" in l for l in shown), f"the progress line was not cleared: {shown!r}")
    # With --echo (a transcript), and with stderr in a file, there is none.
    k = spawn([binary, "--echo", script])
    check(k.wait(60) == 0, f"--echo: exit status {k.status}")
    check(b" von %d" % total not in k.screen, "progress shown with --echo")
    errfile = os.path.join(home.root, "err.txt")
    k = spawn(["/bin/sh", "-c", 'exec "$0" "$1" 2> "$2"', binary, script, errfile])
    check(k.wait(60) == 0, f"stderr to a file: exit status {k.status}")
    with open(errfile, "rb") as f:
        check(f.read() == b"", "progress written to a file")


def test_step_mode_keys_and_clean_lines(binary, home, spawn):
    script = os.path.join(home.root, "demo.kbm")
    with open(script, "w") as f:
        f.write("set today 02.03.2026\nexpect ok\nexpect ausgabe Montag\nmandant traegernummer=TR-1\nlist kursorte\n")
    k = spawn([binary, "--step", "-i", script])
    k.expect(rb"\[Enter\] ausf", what="the first step")
    k.wait_reading()
    k.send(ENTER)
    k.expect(rb"Montag", what="the first command's output")
    # The expectations ran with it: the next stop is the next command.
    k.expect(rb"kbm> mandant traegernummer=TR-1\r?\n.*\[Enter\] ausf", what="the second step")
    check(b"kbm> expect" not in k.screen, "an expectation was shown as a step")
    k.wait_reading()
    k.interrupt()
    k.expect_prompt(PROMPT_PLAIN, "the prompt after Ctrl-C at a step (-i)")
    shown = screen_lines(k.screen)
    check(not any("ausführen" in l for l in shown), f"a step's hint stayed on the screen: {shown!r}")
    check(shown[-1] == "kbm>", f"the prompt does not stand on a line of its own: {shown[-3:]!r}")
    k.send("exit" + ENTER)
    check(k.wait() == 0, f"exit status {k.status}")


# --- issue 13: the password prompts -----------------------------------------------------------------------


def echo_is_on(k):
    return bool(termios.tcgetattr(k.fd)[3] & termios.ECHO)  # the master reports the slave's mode


def wait_any_thread_reading(k):
    """kbm-bamf reads the password on a thread of Swift's pool, not the main one: waits until one reads stdin."""
    deadline = time.monotonic() + TIMEOUT
    while READ_SYSCALL is not None and k.alive():
        for task in os.listdir(f"/proc/{k.pid}/task"):
            try:
                with open(f"/proc/{k.pid}/task/{task}/syscall") as f:
                    fields = f.read().split(" ")
            except OSError:
                continue
            if fields[0] == READ_SYSCALL and len(fields) > 1 and int(fields[1], 16) == 0:
                return
        check(time.monotonic() < deadline, "kbm bamf did not come to read the terminal")
        time.sleep(0.001)


def test_password_prompt_hides_input_and_ctrl_c_restores_echo(binary, home, spawn):
    data = os.path.join(home.root, "bamf.db")
    # `kbm bamf traeger add`: asked twice without echo; the account is made.
    k = spawn([binary, "bamf", "traeger", "add", "TR-1", "--daten", data], KBM_BAMF_PASSWORT=None)
    k.expect(rb"Passwort: ", what="the password prompt")
    wait_any_thread_reading(k)
    check(not echo_is_on(k), "echo is on while the password is typed")
    k.send("Geheim-1" + ENTER)
    k.expect(rb"Passwort wiederholen: ", what="the second prompt")
    wait_any_thread_reading(k)
    k.send("Geheim-1" + ENTER)
    check(k.wait() == 0, f"traeger add ended with {k.status}")
    check(b"Geheim-1" not in k.screen, "the password was shown")
    check(b"Konto TR-1 angelegt" in k.screen, f"no account made: {k.screen!r}")
    # Ctrl-C at the prompt: the program ends, the terminal has its echo back, no account was made.
    k = spawn([binary, "bamf", "traeger", "add", "TR-2", "--daten", data], KBM_BAMF_PASSWORT=None)
    k.expect(rb"Passwort: ", what="the password prompt")
    wait_any_thread_reading(k)
    k.send("halb")
    wait_any_thread_reading(k)
    k.send(CTRL_C)
    status = k.wait()
    check(status == -signal.SIGINT, f"exit status {status} after Ctrl-C at the prompt (want: ended by SIGINT)")
    check(echo_is_on(k), "Ctrl-C at the password prompt left the terminal without echo")
    check(b"Abgebrochen" in k.screen and b"halb" not in k.screen, f"screen: {k.screen!r}")
    status, out = 0, subprocess.run([binary, "bamf", "traeger", "list", "--daten", data], capture_output=True,
                                    text=True, env=home.env()).stdout
    check("TR-1" in out and "TR-2" not in out, f"accounts after Ctrl-C: {out!r}")
    # The shell's prompt at `bamf verbinden`: Ctrl-C gives the prompt back, nothing is connected.
    k = spawn(KBM_BAMF_PASSWORT=None)
    k.expect_prompt()
    k.send("bamf verbinden http://127.0.0.1:9/inge benutzer=TR-1" + ENTER)
    k.expect(rb"Passwort f\xc3\xbcr TR-1: ", what="the shell's password prompt")
    k.wait_reading()
    check(not echo_is_on(k), "echo is on while the shell asks for the password")
    k.send("halb")
    k.interrupt()
    k.expect_prompt(what="the prompt after Ctrl-C at the password")
    check(k.alive(), "kbm ended on Ctrl-C at the password prompt")
    check(b"halb" not in k.screen, "the half password was shown")
    out = k.line("bamf")
    check(b"eingebauter Simulator" in out, f"connected after all: {out!r}")


TESTS = [
    test_prompt_shows_open_auftrag,
    test_complete_command_key_and_value,
    test_complete_auftrag_number,
    test_complete_ambiguous_lists_candidates,
    test_complete_umlaut_spelling,
    test_history_across_restarts,
    test_history_up_down_in_session,
    test_ctrl_c_discards_line,
    test_ctrl_c_stops_running_script,
    test_ctrl_d_exits_and_saves,
    test_ctrl_d_with_text_does_not_exit,
    test_exit_and_quit,
    test_emacs_line_editing,
    test_utf8_editing,
    test_utf8_in_c_locale,
    test_dumb_terminal_plain_reader,
    test_dumb_terminal_ctrl_c,
    test_piped_stdout_edits_on_tty,
    test_piped_stdout_ctrl_c,
    test_melden_asks_before_sending_with_warnings,
    test_step_mode_waits_for_enter,
    test_interactive_after_script,
    test_ctrl_c_stops_running_sql,
    test_private_lines_and_testnummer_are_not_kept,
    test_first_line_names_help,
    test_help_wraps_at_words_to_the_window,
    test_tables_fit_a_narrow_window,
    test_progress_of_a_long_script,
    test_step_mode_keys_and_clean_lines,
    test_password_prompt_hides_input_and_ctrl_c_restores_echo,
]


def run_test(test, binary):
    home = Home()
    spawned = []

    def spawn(argv=None, **env):
        if spawned:
            spawned[-1].close()
        k = Kbm(argv or [binary], home.env(**env), editing=env.get("TERM") != "dumb")
        spawned.append(k)
        return k

    name = test.__name__[len("test_"):]
    try:
        test(binary, home, spawn)
        print(f"ok - {name}", flush=True)
        return True
    except Exception as error:  # a failed check, a timeout, or a broken test
        reason = str(error) if isinstance(error, TestFailure) else f"{type(error).__name__}: {error}"
        screen = b""
        if spawned:
            spawned[-1].drain(0.1)
            screen = spawned[-1].screen
        shown = repr(screen[-2000:]) + (" (last 2000 bytes)" if len(screen) > 2000 else "")
        print(f"FAIL - {name}: {reason}; screen: {shown}", flush=True)
        return False
    finally:
        for k in spawned:
            k.close()
        home.remove()


def main():
    if len(sys.argv) < 2:
        print("usage: terminal_tests.py PATH/TO/kbm [TEST-NAME ...]", file=sys.stderr)
        print("0 passed, 1 failed")
        return 2
    binary = os.path.abspath(sys.argv[1])
    chosen = sys.argv[2:]
    tests = [t for t in TESTS if not chosen or t.__name__[len("test_"):] in chosen]
    passed = failed = 0
    if not os.access(binary, os.X_OK):
        print(f"FAIL - setup: {binary} is not an executable")
        failed = 1
    else:
        for test in tests:
            if run_test(test, binary):
                passed += 1
            else:
                failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
