import Foundation
import Testing

/// generate → train → score → inspect, through the real binary on real directories.
@Suite(.serialized)
struct CommandLineTests {
    static let fixedTime = ["SOURCE_DATE_EPOCH": "1767225600"]

    /// A workspace with 3,000 generated customers and a model trained on them.
    static func trainedWorkspace() throws -> Workspace {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "3000", "--seed", "11", "customers.csv"], in: workspace.url)
        try Segmentd.succeed(
            ["train", "customers.csv", "--output", "model.json"], in: workspace.url, environment: fixedTime)
        return workspace
    }

    @Test func generateWritesTheEighteenCreditCardColumnsDeterministically() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "500", "--seed", "3", "a.csv"], in: workspace.url)
        try Segmentd.succeed(["generate", "--rows", "500", "--seed", "3", "b.csv"], in: workspace.url)
        try Segmentd.succeed(["generate", "--rows", "500", "--seed", "4", "c.csv"], in: workspace.url)
        let lines = try workspace.lines("a.csv")
        #expect(lines.count == 501)
        #expect(lines[0].split(separator: ",").count == 18)
        #expect(lines[0].hasPrefix("CUST_ID,BALANCE,BALANCE_FREQUENCY"))
        #expect(try workspace.read("a.csv") == workspace.read("b.csv"))
        #expect(try workspace.read("a.csv") != workspace.read("c.csv"))
    }

    @Test("generate --precision full: six decimals everywhere, scored exactly like the default file of the same rows")
    func fullPrecisionFileScoresLikeTheTrimmedOne() throws {
        let workspace = try Self.trainedWorkspace()
        let url = workspace.url
        try Segmentd.succeed(["generate", "--rows", "300", "--seed", "12", "trimmed.csv"], in: url)
        try Segmentd.succeed(["generate", "--rows", "300", "--seed", "12", "--precision", "full", "full.csv"], in: url)
        try Segmentd.succeed(["score", "trimmed.csv", "trimmed-scored.csv", "--model", "model.json"], in: url)
        try Segmentd.succeed(["score", "full.csv", "full-scored.csv", "--model", "model.json"], in: url)
        let trimmed = try workspace.lines("trimmed.csv")
        let full = try workspace.lines("full.csv")
        #expect(full.count == 301 && full[0] == trimmed[0])
        #expect(try workspace.read("full.csv").count > workspace.read("trimmed.csv").count)
        for line in full.dropFirst() {
            for field in line.split(separator: ",", omittingEmptySubsequences: false).dropFirst() where !field.isEmpty {
                #expect(field.split(separator: ".").last?.count == 6, "\(field)")
            }
        }
        // The appended columns (everything after the 18 input fields) are the same bytes for both files.
        func appended(_ lines: [Substring]) -> [String] {
            lines.map {
                $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(18).joined(separator: ",")
            }
        }
        #expect(try appended(workspace.lines("full-scored.csv")) == appended(workspace.lines("trimmed-scored.csv")))
    }

    @Test func scoreKeepsEveryInputColumnAndAppendsTheSegmentColumns() throws {
        let workspace = try Self.trainedWorkspace()
        try Segmentd.succeed(["generate", "--rows", "200", "--seed", "12", "new.csv"], in: workspace.url)
        let outcome = try Segmentd.run(["score", "new.csv", "scored.csv", "--model", "model.json"], in: workspace.url)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("200 rows"))
        #expect(outcome.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let input = try workspace.lines("new.csv")
        let output = try workspace.lines("scored.csv")
        #expect(output.count == input.count)
        #expect(output[0] == input[0] + ",segment_id,segment_name,confidence,distance,model_version")
        for (scored, original) in zip(output.dropFirst(), input.dropFirst()) {
            #expect(scored.hasPrefix(original + ","))
            let added = scored.dropFirst(original.count + 1).split(separator: ",")
            #expect(added.count == 5)
            let confidence = try #require(Double(added[2]))
            #expect((0...1).contains(confidence))
        }
        #expect(try workspace.lines("scored.rejects.csv") == ["line,column,reason,record"])
    }

    @Test func scoringJSONLinesWritesJSONLinesWithTheAddedKeys() throws {
        let workspace = try Self.trainedWorkspace()
        let csv = try workspace.lines("customers.csv")
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let jsonl =
            try csv.dropFirst().prefix(50).map { line -> String in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                var object: [String: Any] = [:]
                for (name, value) in zip(header, fields) {
                    object[name] = name == "CUST_ID" ? value : (Double(value).map { $0 as Any } ?? NSNull())
                }
                return String(
                    decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            }.joined(separator: "\n") + "\n"
        try workspace.write("batch.jsonl", jsonl)
        try Segmentd.succeed(
            ["score", "batch.jsonl", "batch.scored.jsonl", "--model", "model.json"], in: workspace.url)
        let lines = try workspace.lines("batch.scored.jsonl")
        #expect(lines.count == 50)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["CUST_ID"] is String)
            #expect(object["segment_id"] is Int || object["segment_id"] is NSNumber)
            #expect(object["segment_name"] is String)
            #expect(object["model_version"] as? String != nil)
        }
    }

    @Test func badRowsGoToTheRejectsFileWithTheirLineNumbers() throws {
        let workspace = try Self.trainedWorkspace()
        var lines = try workspace.lines("customers.csv").prefix(6).map(String.init)
        var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[1] = "lots"
        lines[2] = fields.joined(separator: ",")
        lines[4] = lines[4].split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",")
        try workspace.write("mixed.csv", lines.joined(separator: "\n") + "\n")
        try Segmentd.succeed(["score", "mixed.csv", "mixed.out.csv", "--model", "model.json"], in: workspace.url)
        let rejects = try workspace.lines("mixed.out.rejects.csv")
        #expect(rejects.count == 3)
        #expect(rejects[1].hasPrefix("3,"))
        #expect(rejects[2].hasPrefix("5,"))
        #expect(try workspace.lines("mixed.out.csv").count == 4)
    }

    @Test func aFileMissingARequiredColumnFailsNamingIt() throws {
        let workspace = try Self.trainedWorkspace()
        try workspace.write("thin.csv", "CUST_ID,BALANCE\nC1,10\n")
        let outcome = try Segmentd.run(
            ["score", "thin.csv", "thin.out.csv", "--model", "model.json"], in: workspace.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("PURCHASES"))
        #expect(outcome.stderr.contains("TENURE"))
    }

    @Test func inspectJSONCarriesTheDocumentedKeys() throws {
        let workspace = try Self.trainedWorkspace()
        let json = try Segmentd.succeed(["inspect", "model.json", "--json"], in: workspace.url)
        let model = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let pca = try #require(model["pca"] as? [String: Any])
        #expect(pca["explained_variance_ratio"] is [Double])
        #expect(pca["components"] is [[Double]])
        let kmeans = try #require(model["kmeans"] as? [String: Any])
        #expect(kmeans["k"] as? Int == 5)
        #expect(kmeans["inertia"] is Double)
        #expect(kmeans["silhouette"] is Double)
        #expect(model["selection"] is [[String: Any]])
        let imputation = try #require(model["imputation"] as? [String: Any])
        #expect(imputation["medians"] is [String: Double])
        let segments = try #require(model["segments"] as? [[String: Any]])
        #expect(segments.count == 5)
        #expect(Set(segments.compactMap { $0["name"] as? String }).count == 5)
        for segment in segments {
            #expect(segment["id"] is Int && segment["size"] is Int && segment["profile"] is [String: Any])
        }
        let words = try Segmentd.succeed(["inspect", "model.json"], in: workspace.url)
        #expect(words.contains("explained variance"))
    }

    @Test func aCorruptModelIsRefusedWithAClearError() throws {
        let workspace = try Self.trainedWorkspace()
        var text = try workspace.read("model.json")
        let range = try #require(text.range(of: "\"inertia\" : "))
        text.insert("9", at: range.upperBound)
        try workspace.write("model.json", text)
        let outcome = try Segmentd.run(
            ["score", "customers.csv", "out.csv", "--model", "model.json"], in: workspace.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("corrupt"))
        try workspace.write("model.json", "{\"format\": \"something-else\"}")
        let wrong = try Segmentd.run(["inspect", "model.json"], in: workspace.url)
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("not a segmentd model"))
    }

    @Test func trainingTwiceWithTheSameSeedWritesTheSameBytes() throws {
        let workspace = try Self.trainedWorkspace()
        try Segmentd.succeed(
            ["train", "customers.csv", "--output", "again.json"], in: workspace.url, environment: Self.fixedTime)
        #expect(try workspace.read("model.json") == workspace.read("again.json"))
    }

    @Test func autoKPrintsTheWholeKTable() throws {
        let workspace = try Self.trainedWorkspace()
        let out = try Segmentd.succeed(
            ["train", "customers.csv", "--k", "auto", "--output", "auto.json"], in: workspace.url)
        for k in 2...10 { #expect(out.contains("\n\(k) ") || out.contains("\n \(k) ")) }
        #expect(out.contains("<- chosen"))
    }

    @Test func invalidKIsRejectedBeforeAnyWork() throws {
        let workspace = try Workspace()
        let outcome = try Segmentd.run(["train", "missing.csv", "--k", "1"], in: workspace.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--k"))
    }
}
