import Foundation
import Testing

@testable import SegmentCore

/// Compiles `expression` as the only derived feature over columns A, B, C and evaluates it on one row.
private func evaluate(_ expression: String, a: Double = 2, b: Double = 3, c: Double = 0) throws -> Double {
    let spec = PipelineSpec(
        columns: ["A", "B", "C"], derived: [DerivedFeature(name: "X", expr: expression)],
        features: [NumericFeature(name: "X")])
    let pipeline = try FeaturePipeline(spec: spec)
    var raw = [a, b, c]
    var profile = [Double](repeating: .nan, count: 4)
    var features = [Double](repeating: .nan, count: 1)
    raw.withUnsafeMutableBufferPointer { raw in
        profile.withUnsafeMutableBufferPointer { profile in
            features.withUnsafeMutableBufferPointer { features in
                pipeline.transform(raw: raw, medians: [0, 0, 0], profileOut: profile, featuresOut: features)
            }
        }
    }
    #expect(profile[3] == features[0] || (profile[3].isNaN && features[0].isNaN))
    return features[0]
}

/// The error compiling `expression` as a derived feature over columns A, B, C.
private func compileError(_ expression: String) -> ConfigError? {
    let spec = PipelineSpec(
        columns: ["A", "B", "C"], derived: [DerivedFeature(name: "X", expr: expression)],
        features: [NumericFeature(name: "X")])
    do {
        _ = try FeaturePipeline(spec: spec)
        return nil
    } catch {
        return error
    }
}

@Suite("Expressions")
struct ExpressionTests {
    @Test("multiplication and division bind tighter than addition and subtraction")
    func precedence() throws {
        #expect(try evaluate("A + B * 4") == 14)
        #expect(try evaluate("A * B + 4") == 10)
        #expect(try evaluate("A - B - 1") == -2)
        #expect(try evaluate("12 / B / A") == 2)
        #expect(try evaluate("(A + B) * 4") == 20)
    }

    @Test("unary minus applies to the operand on its right, also nested and before parentheses")
    func unaryMinus() throws {
        #expect(try evaluate("-A * B") == -6)
        #expect(try evaluate("A * -B") == -6)
        #expect(try evaluate("- -A") == 2)
        #expect(try evaluate("-(A + B)") == -5)
        #expect(try evaluate("A - -B") == 5)
        #expect(try evaluate("+A") == 2)
    }

    @Test("numbers may have fractions and exponents")
    func numberLiterals() throws {
        #expect(try evaluate("1e3") == 1000)
        #expect(try evaluate("2.5E-1 * 4") == 1)
        #expect(try evaluate(".5 + 0.25") == 0.75)
    }

    @Test("functions log1p, abs, min, max and clip")
    func functions() throws {
        #expect(try evaluate("log1p(A)") == Foundation.log1p(2.0))
        #expect(try evaluate("abs(A - B)") == 1)
        #expect(try evaluate("min(B, A, 7)") == 2)
        #expect(try evaluate("max(A, B)") == 3)
        #expect(try evaluate("clip(B * 10, 0, 5)") == 5)
        #expect(try evaluate("clip(-B, 0, 5)") == 0)
        #expect(try evaluate("clip(B, 0, 5)") == 3)
        #expect(try evaluate("max(min(A, B), 1) + log1p(0)") == 2)
    }

    @Test("division by zero gives 0, including 0 / 0")
    func divisionByZero() throws {
        #expect(try evaluate("A / C") == 0)
        #expect(try evaluate("C / C") == 0)
        #expect(try evaluate("-A / C") == 0)
        #expect(try evaluate("A / (B - 3)") == 0)
    }

    @Test("a derived feature may use earlier derived features and backtick-quoted names")
    func chainedDerived() throws {
        let spec = PipelineSpec(
            columns: ["Total Spend", "Months"],
            derived: [
                DerivedFeature(name: "Monthly", expr: "`Total Spend` / Months"),
                DerivedFeature(name: "Twice", expr: "Monthly * 2"),
            ],
            features: [NumericFeature(name: "Twice")])
        let pipeline = try FeaturePipeline(spec: spec)
        var raw = [120.0, 12]
        var features = [0.0]
        raw.withUnsafeMutableBufferPointer { raw in
            features.withUnsafeMutableBufferPointer { features in
                pipeline.transform(raw: raw, medians: [0, 0], profileOut: nil, featuresOut: features)
            }
        }
        #expect(features == [20])
    }

    @Test("repeated subexpressions, within and across derived features, evaluate correctly")
    func repeatedSubexpressions() throws {
        let spec = PipelineSpec(
            columns: ["A", "B"],
            derived: [
                DerivedFeature(name: "P", expr: "A * B"),
                DerivedFeature(name: "Q", expr: "A * B + A * B"),
                DerivedFeature(name: "R", expr: "A * B"),
                DerivedFeature(name: "S", expr: "P - R + -(A * B)"),
            ],
            features: [NumericFeature(name: "Q"), NumericFeature(name: "R"), NumericFeature(name: "S")])
        let pipeline = try FeaturePipeline(spec: spec)
        var raw = [3.0, 5]
        var profile = [Double](repeating: .nan, count: 6)
        var features = [Double](repeating: .nan, count: 3)
        raw.withUnsafeMutableBufferPointer { raw in
            profile.withUnsafeMutableBufferPointer { profile in
                features.withUnsafeMutableBufferPointer { features in
                    pipeline.transform(raw: raw, medians: [0, 0], profileOut: profile, featuresOut: features)
                }
            }
        }
        #expect(profile == [3, 5, 15, 30, 15, -15])
        #expect(features == [30, 15, -15])
    }

    @Test("an unknown column is named with its position and the derived feature it is in")
    func unknownColumn() throws {
        let error = try #require(compileError("A + BB * 2"))
        #expect(error.code == .unknownName)
        #expect(error.keyPath == "derived[0].expr")
        #expect(error.problem.contains("unknown column 'BB'"))
        #expect(error.problem.contains("at column 5 of the expression"))
        #expect(error.problem.contains("derived feature 'X'"))
        #expect(error.fix.contains("did you mean 'B'"))
    }

    @Test("using a derived feature before it is declared is reported as such")
    func forwardReference() throws {
        let spec = PipelineSpec(
            columns: ["A"],
            derived: [DerivedFeature(name: "First", expr: "Second + 1"), DerivedFeature(name: "Second", expr: "A")],
            features: [NumericFeature(name: "First")])
        let error = try #require(throws: ConfigError.self) { try FeaturePipeline(spec: spec) }
        #expect(error.code == .unknownName)
        #expect(error.keyPath == "derived[0].expr")
        #expect(error.problem.contains("'Second' is a derived feature declared after this one"))
    }

    @Test(
        "syntax errors carry the column where parsing failed",
        arguments: [
            ("A +", 4, "expected a number"),
            ("(A + B", 7, "expected ')'"),
            ("A B", 3, "unexpected name 'B'"),
            ("A $ B", 3, "unexpected character '$'"),
            ("1e", 1, "malformed number"),
            ("A = B", 3, "'=' is not an operator"),
            ("", 1, "empty"),
            ("min(A, )", 8, "expected a number"),
        ])
    func syntaxErrors(expression: String, column: Int, message: String) throws {
        let error = try #require(compileError(expression))
        #expect(error.code == .expressionSyntax)
        #expect(error.problem.contains(message))
        #expect(error.problem.contains("at column \(column) of the expression"))
    }

    @Test("functions are checked for existence and argument count")
    func arity() throws {
        let wrongArity = try #require(compileError("clip(A, 1)"))
        #expect(wrongArity.code == .wrongArity)
        #expect(wrongArity.problem.contains("clip takes 3 arguments but was given 2"))
        let tooFew = try #require(compileError("min(A)"))
        #expect(tooFew.code == .wrongArity)
        #expect(tooFew.problem.contains("at least 2"))
        let unknown = try #require(compileError("sqrt(A)"))
        #expect(unknown.code == .unknownFunction)
        #expect(unknown.problem.contains("at column 1"))
    }

    @Test("numbers and conditions cannot be mixed")
    func typeErrors() throws {
        let condition = try #require(compileError("A > B"))
        #expect(condition.code == .expressionType)
        let mixed = try #require(compileError("A + (B > 1)"))
        #expect(mixed.code == .expressionType)
        #expect(mixed.problem.contains("the right side of '+'"))
        let chained = try #require(compileError("A < B < C"))
        #expect(chained.code == .expressionSyntax)
    }
}
