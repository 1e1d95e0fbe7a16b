import Foundation
import Testing

import SegmentCore

/// The error `PipelineSpec(toml:)` throws for `text`, if any.
private func loadError(_ text: String) -> ConfigError? {
    do {
        _ = try PipelineSpec(toml: text, source: "test.toml")
        return nil
    } catch {
        return error
    }
}

private let minimal = """
    columns = ["A", "B"]

    [[features]]
    name = "A"
    """

@Suite("Pipeline spec TOML")
struct PipelineSpecTOMLTests {
    @Test("the shipped etc/pipeline.toml is the built-in default text")
    func shippedFileIsDefault() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appending(path: "etc/pipeline.toml"), encoding: .utf8)
        #expect(shipped == PipelineSpec.defaultTOML)
    }

    @Test("a spec with only columns and features gets the documented defaults")
    func defaults() throws {
        let spec = try PipelineSpec(toml: minimal)
        #expect(spec.idColumn == "CUST_ID")
        #expect(spec.derived.isEmpty && spec.categorical.isEmpty)
        #expect(spec.features == [NumericFeature(name: "A", transform: .none)])
        #expect(spec.pca == .variance(0.85))
        #expect(spec.kmeans == KMeansSpec())
        #expect(spec.kmeans.k == .fixed(5) && spec.kmeans.kMin == 2 && spec.kmeans.kMax == 10 && spec.kmeans.minK == 3)
        #expect(spec.kmeans.maxIter == 300 && spec.kmeans.tolerance == 1e-4 && spec.kmeans.seed == 42)
        #expect(spec.kmeans.silhouetteExactLimit == 20_000 && spec.kmeans.silhouetteSample == 10_000)
    }

    @Test("the default file sets every [kmeans] key to its documented default")
    func defaultFileMatchesDefaults() {
        #expect(PipelineSpec.default.kmeans == KMeansSpec())
        #expect(PipelineSpec.default.pca == PCASpec())
    }

    @Test("k = \"auto\", components and every kmeans key are read")
    func explicitSettings() throws {
        let spec = try PipelineSpec(
            toml: minimal + """

                [pca]
                components = 1
                [kmeans]
                k = "auto"
                k_min = 3
                k_max = 8
                min_k = 4
                n_init = 3
                max_iter = 50
                tolerance = 0
                seed = 7
                algorithm = "hamerly"
                silhouette_exact_limit = 100
                silhouette_sample = 50
                """)
        var expected = KMeansSpec()
        expected.k = .auto
        expected.kMin = 3
        expected.kMax = 8
        expected.minK = 4
        expected.nInit = 3
        expected.maxIter = 50
        expected.tolerance = 0
        expected.seed = 7
        expected.algorithm = .hamerly
        expected.silhouetteExactLimit = 100
        expected.silhouetteSample = 50
        #expect(spec.kmeans == expected)
        #expect(spec.pca == .components(1))
    }

    @Test(
        "unknown keys are rejected with their path, line and a suggestion",
        arguments: [
            ("colums = [\"A\"]\n" + minimal, "colums", 1, "columns"),
            (minimal + "\n[kmeans]\nseeds = 3\n", "kmeans.seeds", 6, "seed"),
            (minimal + "\n[[features]]\nname = \"B\"\ntransfrom = \"none\"\n", "features[1].transfrom", 7, "transform"),
            (minimal + "\n[pca]\nvariance = 0.9\nratio = 2\n", "pca.ratio", 7, nil),
        ] as [(String, String, Int, String?)])
    func unknownKeys(text: String, keyPath: String, line: Int, suggestion: String?) throws {
        let error = try #require(loadError(text))
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == keyPath)
        #expect(error.line == line)
        #expect(error.source == "test.toml")
        if let suggestion { #expect(error.fix.contains("did you mean \"\(suggestion)\"")) }
    }

    @Test("unknown keys inside nested arrays of tables are found")
    func unknownKeyInRule() throws {
        let error = try #require(
            loadError(
                minimal + """

                    [[categorical]]
                    name = "T"
                    categories = ["x", "y"]
                    default = "x"
                    [[categorical.rules]]
                    category = "y"
                    when = "A > 0"
                    [[categorical.rules]]
                    category = "y"
                    wen = "B > 0"
                    """))
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == "categorical[0].rules[1].wen")
        #expect(error.line == 14)
        #expect(error.description.hasPrefix("test.toml:14:1: categorical[0].rules[1].wen: unknown key \"wen\""))
    }

    @Test(
        "wrong types name the key, the expected type and the value found",
        arguments: [
            (minimal + "\n[kmeans]\nk = 2.5\n", "kmeans.k", "an integer or \"auto\"", "floating-point number 2.5"),
            (minimal + "\n[kmeans]\nmax_iter = \"300\"\n", "kmeans.max_iter", "an integer", "string \"300\""),
            ("columns = \"A\"\n[[features]]\nname = \"A\"\n", "columns", "an array of strings", "string \"A\""),
            ("columns = [\"A\", 2]\n[[features]]\nname = \"A\"\n", "columns[1]", "a string", "integer 2"),
            ("pca = 3\n" + minimal, "pca", "a table", "integer 3"),
        ])
    func wrongTypes(text: String, keyPath: String, expected: String, found: String) throws {
        let error = try #require(loadError(text))
        #expect(error.code == .wrongType)
        #expect(error.keyPath == keyPath)
        #expect(error.problem.contains("expected \(expected)"))
        #expect(error.problem.contains("found \(found)"))
    }

    @Test("TOML syntax errors carry TOMLKit's line and column")
    func syntaxError() throws {
        let error = try #require(loadError("columns = [\"A\"]\n\n[kmeans\nk = 3\n"))
        #expect(error.code == .tomlSyntax)
        #expect(error.line == 3)
        #expect(error.column != nil)
    }

    @Test("an unknown column in an expression points at the line and column in the file")
    func expressionPosition() throws {
        let error = try #require(
            loadError(
                """
                columns = ["A", "B"]
                [[derived]]
                name = "X"
                expr = "A / BB"
                [[features]]
                name = "X"
                """))
        #expect(error.code == .unknownName)
        #expect(error.keyPath == "derived[0].expr")
        #expect(error.line == 4)
        #expect(error.column == 13)
        #expect(error.problem.contains("'BB'") && error.problem.contains("derived feature 'X'"))
    }

    @Test("missing and contradictory keys are reported")
    func missingAndConflicting() throws {
        let noColumns = try #require(loadError("[[features]]\nname = \"A\"\n"))
        #expect(noColumns.code == .missingKey && noColumns.keyPath == "columns")
        let bothPCA = try #require(loadError(minimal + "\n[pca]\nvariance = 0.9\ncomponents = 2\n"))
        #expect(bothPCA.code == .invalidValue && bothPCA.problem.contains("both"))
        let noExpr = try #require(
            loadError("columns = [\"A\"]\n[[derived]]\nname = \"X\"\n[[features]]\nname = \"A\"\n"))
        #expect(noExpr.code == .missingKey && noExpr.keyPath == "derived[0].expr" && noExpr.line == 2)
    }

    @Test(
        "out-of-range settings and unknown enum values are rejected",
        arguments: [
            (minimal + "\n[kmeans]\nk = 1\n", "kmeans.k"),
            (minimal + "\n[kmeans]\nk_min = 5\nk_max = 4\n", "kmeans.k_max"),
            (minimal + "\n[kmeans]\nalgorithm = \"elkan\"\n", "kmeans.algorithm"),
            (minimal + "\n[kmeans]\nseed = -1\n", "kmeans.seed"),
            (minimal + "\n[pca]\nvariance = 1.5\n", "pca.variance"),
            (minimal + "\n[pca]\ncomponents = 3\n", "pca.components"),
            ("columns = [\"A\"]\n[[features]]\nname = \"A\"\ntransform = \"log\"\n", "features[0].transform"),
        ])
    func invalidValues(text: String, keyPath: String) throws {
        let error = try #require(loadError(text))
        #expect(error.code == .invalidValue)
        #expect(error.keyPath == keyPath)
    }

    @Test("another schema (retail RFM) needs only a different file")
    func retailSchema() throws {
        let spec = try PipelineSpec(
            toml: """
                id_column = "customer"
                columns = ["recency_days", "orders", "revenue"]
                [[derived]]
                name = "avg_order"
                expr = "revenue / orders"
                [[features]]
                name = "recency_days"
                [[features]]
                name = "avg_order"
                transform = "signed_log1p"
                [[categorical]]
                name = "status"
                categories = ["lapsed", "active"]
                default = "lapsed"
                [[categorical.rules]]
                category = "active"
                when = "recency_days <= 90 and not (orders == 0)"
                [pca]
                components = 2
                [kmeans]
                k = "auto"
                """)
        let pipeline = try FeaturePipeline(spec: spec)
        #expect(pipeline.inputColumns == ["recency_days", "orders", "revenue"])
        #expect(pipeline.profileColumns == ["recency_days", "orders", "revenue", "avg_order"])
        #expect(pipeline.featureNames == ["recency_days", "avg_order", "status=lapsed", "status=active"])
    }

    @Test("JSON encoding uses snake_case keys, is deterministic and round-trips")
    func jsonRoundTrip() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var spec = PipelineSpec.default
        spec.kmeans.k = .auto
        let first = try encoder.encode(spec)
        let second = try encoder.encode(try JSONDecoder().decode(PipelineSpec.self, from: first))
        #expect(first == second)
        #expect(try JSONDecoder().decode(PipelineSpec.self, from: first) == spec)
        let text = String(decoding: first, as: UTF8.self)
        for key in ["\"id_column\"", "\"k_min\"", "\"silhouette_exact_limit\"", "\"signed_log1p\"", "\"k\":\"auto\""] {
            #expect(text.contains(key))
        }
        let components = try encoder.encode(PCASpec.components(4))
        #expect(String(decoding: components, as: UTF8.self) == "{\"components\":4}")
        #expect(try JSONDecoder().decode(PCASpec.self, from: components) == .components(4))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PCASpec.self, from: Data("{\"components\":4,\"variance\":0.9}".utf8))
        }
    }
}
