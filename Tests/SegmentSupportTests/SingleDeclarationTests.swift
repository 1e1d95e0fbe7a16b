import Foundation
import Testing

/// The shared helpers live in SegmentSupport only: a copy pasted back into another target fails here.
///
/// Reads the Swift files under Sources/ and plugins/ (found from this file's path) and counts declarations,
/// grep-style: one line each, doc comments and other comments ignored.
@Suite("SegmentSupport helpers are declared once")
struct SingleDeclarationTests {
    struct Declaration: CustomStringConvertible {
        var file: String
        var line: Int
        var text: String
        var description: String { "\(file):\(line): \(text)" }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every Swift file under Sources/ and plugins/, as (path relative to the package, lines).
    static func sourceFiles() throws -> [(path: String, lines: [String])] {
        var files: [(String, [String])] = []
        for top in ["Sources", "plugins"] {
            let base = root.appendingPathComponent(top)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else {
                Issue.record("cannot list \(base.path)")
                continue
            }
            while let relative = walker.nextObject() as? String {
                guard relative.hasSuffix(".swift") else { continue }
                let text = try String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8)
                files.append(("\(top)/\(relative)", text.components(separatedBy: "\n")))
            }
        }
        return files
    }

    /// The code lines (not comments) matching `pattern`.
    static func declarations(matching pattern: String) throws -> [Declaration] {
        let regex = try Regex(pattern).ignoresCase().wordBoundaryKind(.simple)
        var found: [Declaration] = []
        for (path, lines) in try sourceFiles() {
            for (index, line) in lines.enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//"), !code.hasPrefix("*"), code.contains(regex) else { continue }
                found.append(Declaration(file: path, line: index + 1, text: code))
            }
        }
        return found
    }

    static let modifiers = #"^(@\w+\s+)*((public|package|internal|fileprivate|private|final|static)\s+)*"#

    @Test("the source tree is found, so the counts below mean something")
    func treeIsFound() throws {
        let files = try Self.sourceFiles()
        #expect(files.count > 100)
        #expect(files.contains { $0.path == "Sources/SegmentSupport/Timestamp.swift" })
    }

    @Test("one Timestamp type, in SegmentSupport")
    func oneTimestamp() throws {
        let found = try Self.declarations(matching: Self.modifiers + #"(struct|enum|class|actor)\s+Timestamp\b"#)
        #expect(found.map(\.file) == ["Sources/SegmentSupport/Timestamp.swift"], "\(found)")
    }

    @Test("one edit-distance function and one suggestion helper, in SegmentSupport")
    func oneEditDistance() throws {
        let functions = try Self.declarations(
            matching: Self.modifiers + #"func\s+\w*(editDistance|levenshtein|damerau)\w*"#
        )
        #expect(functions.map(\.file) == ["Sources/SegmentSupport/EditDistance.swift"], "\(functions)")
        let types = try Self.declarations(
            matching: Self.modifiers + #"(struct|enum|class|extension)\s+(EditDistance|Levenshtein|NameSuggestion)\b"#
        )
        #expect(
            types.map(\.file).sorted()
                == ["Sources/SegmentSupport/EditDistance.swift", "Sources/SegmentSupport/NameSuggestion.swift"],
            "\(types)")
    }

    @Test("one whole-file SHA-256 reader, in SegmentSupport")
    func oneFileSHA256() throws {
        let types = try Self.declarations(
            matching: Self.modifiers + #"(struct|enum|class|extension)\s+(FileSHA256|FileFingerprint|FileHash\w*)\b"#
        )
        #expect(types.map(\.file) == ["Sources/SegmentSupport/FileSHA256.swift"], "\(types)")
        // A file that both uses the SHA256 hasher and reads a file is hashing a file itself. (Simple word boundaries:
        // by Unicode rules `Glibc.read` is one word.)
        let hasher = try Regex(#"\bSHA256\b"#).wordBoundaryKind(.simple)
        let reading = try Regex(
            #"read\(upToCount|readToEnd|readDataToEndOfFile|contents\(atPath|Data\(contentsOf|\bf?read\(|\bpread\("#
        ).wordBoundaryKind(.simple)
        let readers = try Self.sourceFiles().filter { file in
            let code = file.lines.filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            return code.contains { $0.contains(hasher) } && code.contains { $0.contains(reading) }
        }
        #expect(readers.map(\.path) == ["Sources/SegmentSupport/FileSHA256.swift"])
    }

    @Test("one JSON string escaper, in SegmentSupport")
    func oneJSONStringEscaper() throws {
        let types = try Self.declarations(
            matching: Self.modifiers + #"(struct|enum|class|extension)\s+(JSONString|JSONEscap\w*|\w*JSONWriter)\b"#
        )
        #expect(types.map(\.file) == ["Sources/SegmentSupport/JSONString.swift"], "\(types)")
        // An escaper writes JSON's `\u00xx` escape for control characters: in Swift source a literal `\\u00` (or
        // `\u00` in a raw string). Messages that name escapes (`\uXXXX`, `\uD800`) and Swift's `\u{…}` do not count.
        let escapes = try Self.declarations(matching: #"\\\\u00|#"[^"]*\\u00"#)
        #expect(Set(escapes.map(\.file)) == ["Sources/SegmentSupport/JSONString.swift"], "\(escapes)")
    }

    @Test("one integer and fixed-point number writer, in SegmentSupport")
    func oneNumberWriter() throws {
        let types = try Self.declarations(
            matching: Self.modifiers
                + #"(struct|enum|class|extension)\s+(FixedPointFormatter|\w*NumberWriter|\w*DecimalWriter)\b"#
        )
        #expect(types.map(\.file) == ["Sources/SegmentSupport/FixedPointFormatter.swift"], "\(types)")
        // A number writer makes decimal digits one at a time: `… % 10` next to the digit zero (`48`, `"0"`).
        // The `generate` command keeps its own: it rounds half to even on the scaled double (not as printf does),
        // and changing it would change the generated files.
        let digits = try Self.declarations(matching: #"%\s*10\b(?!_|0).*(48|"0"\))|("0"\)|48)\s*&?\+.*%\s*10\b(?!_|0)"#)
        #expect(
            Set(digits.map(\.file))
                == [
                    "Sources/SegmentSupport/FixedPointFormatter.swift",
                    "Sources/SegmentCore/Synthetic/SyntheticCustomers+CSV.swift",
                ],
            "\(digits)")
    }

    @Test("one settings table, key locator and settings error type, in SegmentSupport; one TOML parse")
    func oneSettingsReader() throws {
        let types = try Self.declarations(
            matching: Self.modifiers
                + #"(struct|enum|class)\s+(SettingsTable|SettingsError|SettingsValue|\w*KeyLocator|\w*TOMLSection|"#
                + #"\w*TOMLReader|SettingValue|ConfigValue)\b"#
        )
        #expect(
            types.map(\.file).sorted()
                == [
                    "Sources/SegmentSupport/Settings/SettingsError.swift",
                    "Sources/SegmentSupport/Settings/SettingsKeyLocator.swift",
                    "Sources/SegmentSupport/Settings/SettingsTable.swift",
                    "Sources/SegmentSupport/Settings/SettingsTable.swift",
                ],
            "\(types)")
        // Only the settings table hands TOML text to the parser.
        let parses = try Self.declarations(matching: #"TOMLTable\(string:"#)
        #expect(parses.map(\.file) == ["Sources/SegmentSupport/Settings/SettingsTable.swift"], "\(parses)")
    }

    @Test("one system-call layer and one Errno error, in SegmentSupport/System")
    func oneSyscallLayer() throws {
        let types = try Self.declarations(
            matching: Self.modifiers + #"(struct|enum|class)\s+"#
                + #"(Syscall|Errno|\w*ErrnoError|\w*SyscallError|FileReadError|FileStatus|RawPath)\b"#
        )
        #expect(
            types.map(\.file).sorted()
                == [
                    "Sources/SegmentSupport/System/Errno.swift", "Sources/SegmentSupport/System/FileStatus.swift",
                    "Sources/SegmentSupport/System/RawPath.swift", "Sources/SegmentSupport/System/Syscall.swift",
                ],
            "\(types)")
        // A call retried after a signal is a system-call wrapper: only the layer itself compares with EINTR.
        let retries = try Self.declarations(matching: #"[!=]=\s*EINTR\b"#)
        #expect(Set(retries.map(\.file)).allSatisfy { $0.hasPrefix("Sources/SegmentSupport/System/") }, "\(retries)")
        // O_DIRECT and F_SETLEASE come from the C shim, never from a number written per architecture.
        let constants = try Self.declarations(
            matching: #"(let|var)\s+(O_DIRECT|F_SETLEASE|\w*leaseCommand|\w*directIO\w*)\b[^=]*=\s*\d"#)
        #expect(constants.isEmpty, "\(constants)")
    }
}
