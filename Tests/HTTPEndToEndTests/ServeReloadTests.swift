import Foundation
import Glibc
import SegmentdTestSupport
import Synchronization
import Testing

/// A model swap in the middle of a stream of scoring requests: every response is entirely one model's answer, and
/// it names that model.
@Suite("serve: model reload under requests")
struct ServeReloadTests {
    @Test("during SIGHUP every batch and single response equals the answer of the model_version it reports")
    func responsesMatchTheirModelAcrossAReload() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let data = tree.path("customers.csv")
        #expect(ModelFixture.run(["generate", "--rows", "300", "--seed", "7", data]).status == 0)
        let body = try Data(contentsOf: URL(fileURLWithPath: data))
        let one = try Self.firstCustomerObject(csv: body)
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"

        // Each model's own answers, asked while it alone is loaded.
        let expected = Expected()
        expected.add(try Self.batch(base, body))
        expected.add(try Self.single(base, one))
        try FileManager.default.copyItem(atPath: ModelFixture.shared.second, toPath: tree.path("var/model.new"))
        #expect(rename(tree.path("var/model.new"), tree.path("var/model.json")) == 0)

        // Four clients keep asking; SIGHUP goes once they have answers, and they stop a few answers after the swap.
        let answered = AnswerCount()
        let firstVersion = try #require(expected.versions.first)
        let answers = try await withThrowingTaskGroup(of: [Answer].self) { group in
            for client in 0..<4 {
                group.addTask {
                    // Each client on its own thread: curl blocks, and the task that sends SIGHUP must still run.
                    try await OwnThread.run {
                        var answers: [Answer] = []
                        let deadline = ContinuousClock.now + .seconds(60)
                        while ContinuousClock.now < deadline {
                            let answer = client % 2 == 0 ? try Self.batch(base, body) : try Self.single(base, one)
                            answers.append(answer)
                            answered.count.withLock { $0 += 1 }
                            if answers.filter({ $0.version != firstVersion }).count >= 3 { break }
                        }
                        return answers
                    }
                }
            }
            try await Poll.until("the clients have answers", timeout: .seconds(60)) {
                answered.count.withLock { $0 } >= 8
            }
            server.signal(SIGHUP)
            var all: [Answer] = []
            for try await answers in group { all += answers }
            return all
        }
        expected.add(try Self.batch(base, body))
        expected.add(try Self.single(base, one))
        #expect(expected.versions.count == 2, "the reload happened: \(server.log)")
        let batches = expected.answers.filter { $0.key.hasSuffix("/batch") }.map(\.value)
        #expect(batches.count == 2 && batches[0] != batches[1], "the models answer differently, so a mix would show")
        for answer in answers {
            #expect(expected.answers[answer.key] == answer.rows, "answer of \(answer.key) differs from that model's")
        }
        #expect(Set(answers.map(\.version)) == Set(expected.versions), "answers from both models: \(server.log)")
    }

    /// One response: the model version it reports, whether it was a batch, and each row's segment and distance.
    struct Answer: Sendable {
        var version: String
        var kind: String
        var rows: [String]
        var key: String { "\(version)/\(kind)" }
    }

    /// Answers the clients have had so far.
    final class AnswerCount: Sendable {
        let count = Mutex(0)
    }

    /// Each model's answers when it alone was loaded, by ``Answer/key``.
    final class Expected {
        var answers: [String: [String]] = [:]
        var versions: [String] = []
        func add(_ answer: Answer) {
            answers[answer.key] = answer.rows
            if !versions.contains(answer.version) { versions.append(answer.version) }
        }
    }

    /// The batch's rows in index order and the one `model_version` of its body, checked against the header.
    private static func batch(_ base: String, _ body: Data) throws -> Answer {
        let reply = try Curl.request(
            "\(base)/v1/segment/batch", method: "POST",
            headers: ["Content-Type: text/csv", "Accept: application/json"], body: body)
        try #require(reply.status == 200, "\(reply.text)")
        let version = try #require(reply.json["model_version"] as? String)
        #expect(reply.headers["segmentd-model-version"] == version)
        let results = try #require(reply.json["results"] as? [[String: Any]])
        #expect(results.allSatisfy { $0["model_version"] as? String == version })
        return Answer(version: version, kind: "batch", rows: results.map(signature))
    }

    private static func single(_ base: String, _ object: Data) throws -> Answer {
        let reply = try Curl.request(
            "\(base)/v1/segment", method: "POST", headers: ["Content-Type: application/json"], body: object)
        try #require(reply.status == 200, "\(reply.text)")
        let version = try #require(reply.json["model_version"] as? String)
        #expect(reply.headers["segmentd-model-version"] == version)
        return Answer(version: version, kind: "single", rows: [signature(reply.json)])
    }

    /// A row's segment and distance: two models (even with the same segment names) differ in the distances.
    private static func signature(_ row: [String: Any]) -> String {
        "\(row["segment_id"] ?? "none") \(row["distance"] ?? "none")"
    }

    /// The first data row of a CSV with a header, as one JSON object (numbers as numbers, the id as a string).
    private static func firstCustomerObject(csv: Data) throws -> Data {
        let lines = String(decoding: csv, as: UTF8.self).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let values = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var object: [String: Any] = [:]
        for (key, value) in zip(header, values) {
            object[key] = key == "CUST_ID" ? value : (Double(value).map { $0 as Any } ?? NSNull())
        }
        return try JSONSerialization.data(withJSONObject: object)
    }
}
