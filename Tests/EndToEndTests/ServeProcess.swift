import Foundation
import Testing

/// `segmentd serve --config etc/segmentd.toml` running in a workspace, its address read from the start-up log line,
/// and curl as the client.
final class ServeProcess {
    let process = Process()
    let address: String
    private let workspace: Workspace

    init(in workspace: Workspace) throws {
        self.workspace = workspace
        let log = workspace.path("serve.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = Segmentd.binary
        process.arguments = ["serve", "--config", workspace.path("etc/segmentd.toml")]
        process.currentDirectoryURL = workspace.url
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var found: String?
        while found == nil && Date() < deadline && process.isRunning {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "HTTP server listening on ") {
                found = String(text[range.upperBound...].prefix { !$0.isWhitespace && $0 != "\"" })
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let found else {
            process.terminate()
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ServeFailure(message: "segmentd serve did not start: \(text)")
        }
        address = found
    }

    struct ServeFailure: Error { var message: String }

    struct Answer {
        var status: Int
        /// Header names lower-cased.
        var headers: [String: String]
        var body: Data
    }

    /// POSTs `body` (or streams the file at `file`, with curl -T) to `path`.
    func post(
        _ path: String, body: Data = Data(), file: String? = nil, type: String, accept: String? = nil,
        output: String? = nil
    ) throws -> Answer {
        let id = UUID().uuidString
        let headerFile = workspace.path("headers-\(id)")
        let bodyFile = output ?? workspace.path("body-\(id)")
        var arguments = [
            "-s", "-X", "POST", "-D", headerFile, "-o", bodyFile, "-w", "%{http_code}",
            "-H", "Content-Type: \(type)", "http://\(address)\(path)",
        ]
        if let accept { arguments += ["-H", "Accept: \(accept)"] }
        if let file {
            arguments += ["-T", file]
        } else {
            let request = workspace.path("request-\(id)")
            try body.write(to: URL(fileURLWithPath: request))
            arguments += ["--data-binary", "@" + request]
        }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = arguments
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        let code = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        var headers: [String: String] = [:]
        for line in ((try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? "").split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let data = (try? Data(contentsOf: URL(fileURLWithPath: bodyFile))) ?? Data()
        return Answer(status: Int(code) ?? 0, headers: headers, body: data)
    }

    /// The server's peak resident set (VmHWM), in bytes.
    func peakResidentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kilobytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        return kilobytes * 1024
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
