public import Foundation

/// One HTTP exchange through the real `curl`: status, headers and body.
public struct HTTPReply: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data

    /// The body as a JSON object.
    public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    public var text: String { String(decoding: body, as: UTF8.self) }
}

public enum Curl {
    /// `method url` with `headers` and any further curl `options`; throws when curl itself fails (no connection).
    public static func request(
        _ url: String, method: String = "GET", headers: [String] = [], body: Data? = nil, maxTime: Int = 20,
        options: [String] = []
    ) throws -> HTTPReply {
        let directory = FileManager.default.temporaryDirectory
        let headerFile = directory.appendingPathComponent("h-\(UUID().uuidString)").path
        let bodyFile = directory.appendingPathComponent("b-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: headerFile)
            try? FileManager.default.removeItem(atPath: bodyFile)
        }
        var arguments = ["-s", "-X", method, "-D", headerFile, "-o", bodyFile, "--max-time", "\(maxTime)"] + options
        for header in headers { arguments += ["-H", header] }
        if let body {
            let upload = directory.appendingPathComponent("u-\(UUID().uuidString)").path
            try body.write(to: URL(fileURLWithPath: upload))
            arguments += ["--data-binary", "@\(upload)"]
        }
        if method == "HEAD" { arguments = ["-I"] + arguments.filter { $0 != "-X" && $0 != "HEAD" } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments + [url]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CurlError(message: "curl \(method) \(url) exited \(process.terminationStatus)")
        }
        // The final response's head: an interim `100 Continue` head comes before it in the file.
        let heads = ((try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? "").components(
            separatedBy: "\r\n\r\n")
        let head = heads.last { !$0.isEmpty } ?? ""
        let lines = head.split(separator: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let body = FileManager.default.contents(atPath: bodyFile) ?? Data()
        return HTTPReply(status: status, headers: headers, body: body)
    }
}

public struct CurlError: Error, CustomStringConvertible {
    let message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}
