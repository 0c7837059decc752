// The shell as a client of a served BAMF: kbm (the built program) with `bamf verbinden` against kbm-bamf serve on
// 127.0.0.1 (ephemeral ports), every lesson compared with its run against the embedded simulator, and every kind
// of transport failure against a server that fails on purpose.

import Foundation
import Hummingbird
import KBMCore
@testable import KBMService
import KBMSoap
import NIOCore
import XCTest

final class ClientTests: XCTestCase {
    var folder: URL!
    static let passwort = "Klassenzimmer-7"

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbm-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: programs

    static func program(_ name: String) throws -> String {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent(".build/debug/\(name)")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            url = url.deletingLastPathComponent()
        }
        throw XCTSkip("\(name) ist nicht gebaut: erst „swift build“.")
    }

    static func packageRoot() -> URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return url
    }

    /// kbm-bamf serve on a free port of 127.0.0.1 with a fresh file holding these accounts; stopped when the test ends.
    func startServer(_ accounts: [String: String] = ["TR-4711": passwort]) async throws -> Int {
        let data = folder.appendingPathComponent("bamf-\(UUID().uuidString).db").path
        let service = try BamfService(path: data)
        for (user, password) in accounts { try await service.setAccount(user, password: password) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.program("kbm-bamf"))
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--daten", data]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        addTeardownBlock { process.terminate(); process.waitUntilExit() }
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:([0-9]+)/"#, options: .regularExpression) else {
            throw XCTSkip("kbm-bamf serve meldet keinen Port: \(text)")
        }
        return Int(text[range].dropFirst("127.0.0.1:".count).dropLast())!
    }

    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs kbm with `--echo` on this script (and the session in `home`), stdout and stderr in one pipe.
    func kbm(_ script: String, home: URL? = nil, environment extra: [String: String] = [:], arguments: [String]? = nil) throws -> Run {
        let home = home ?? folder.appendingPathComponent("home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let file = home.appendingPathComponent("skript.kbm")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.program("kbm"))
        process.arguments = arguments ?? ["--echo", file.path]
        process.currentDirectoryURL = home
        process.environment = ["HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                               "XDG_STATE_HOME": home.appendingPathComponent("state").path, "LANG": "C.UTF-8",
                               "NO_COLOR": "1", "EDITRC": "/dev/null", "PATH": "/usr/bin:/bin"].merging(extra) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func verbinden(_ port: Int, _ options: String = "") -> String {
        "bamf verbinden http://127.0.0.1:\(port)/inge benutzer=TR-4711\(options)\n"
    }

    /// The rule numbers, BAMF messages and Kursnummern a run printed, in order.
    static func outcome(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"BAMF-Fehler [0-9]+|Übertragungsfehler [0-9]+|\bR[0-9]+\b|BK[0-9]{4}-[0-9]{6}"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    /// The output without what differs by the run's place: the script's path and line (one more for the prefix).
    static func comparable(_ text: String) -> String {
        text.replacingOccurrences(of: #"/[^ :]*/skript\.kbm:[0-9]+:"#, with: "skript.kbm:N:", options: .regularExpression)
    }

    // MARK: every lesson, embedded and served

    func testEveryLessonGivesTheSameOutcomeAgainstTheService() async throws {
        let root = Self.packageRoot()
        let lessons = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("scripts/fehlerfaelle").path)
            .filter { $0.hasSuffix(".kbm") }.sorted().map { "scripts/fehlerfaelle/" + $0 } + ["scripts/beispiel.kbm"]
        XCTAssertEqual(lessons.count, 17)
        for lesson in lessons {
            let text = try String(contentsOf: root.appendingPathComponent(lesson), encoding: .utf8)
            let local = try kbm(text)
            let port = try await startServer()
            let served = try kbm(Self.verbinden(port) + text, environment: ["KBM_BAMF_PASSWORT": Self.passwort])
            let context = "\n--- \(lesson) eingebaut ---\n\(local.output)\n--- gegen den Dienst ---\n\(served.output)"
            XCTAssertEqual(served.status, local.status, lesson + context)
            XCTAssertTrue(served.output.contains("Verbunden mit dem BAMF-Dienst http://127.0.0.1:\(port)/inge"), lesson + context)
            XCTAssertEqual(Self.outcome(served.output), Self.outcome(local.output), lesson + context)
            XCTAssertFalse(Self.outcome(local.output).isEmpty, lesson)
            XCTAssertFalse(served.output.contains("Übertragungsfehler"), lesson + context)
            // More than numbers: after the connection, the lesson reads exactly as against the embedded BAMF.
            XCTAssertTrue(Self.comparable(served.output).hasSuffix(Self.comparable(local.output)), lesson + context)
        }
    }
}
