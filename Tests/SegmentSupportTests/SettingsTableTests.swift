import SegmentSupport
import Testing

/// The one settings reader: positions, central unknown-key rejection with suggestions, typed accessors.
@Suite("SettingsTable")
struct SettingsTableTests {
    static let text = """
        name = "spec"
        workers = 4

        [kmeans]
        k = 5
        tolerance = 1e-4

        [[rule]]
        when = "A > 0"

        [[rule]]
        when = "B > 0"
        limits = { low = 1, high = 2 }
        """

    /// The error `body` throws, or nil.
    static func error(_ body: () throws(SettingsError) -> Void) -> SettingsError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("keys and table headers are located by line and column, nested ones by their full path")
    func positions() throws {
        let table = try SettingsTable.parse(Self.text, file: "test.toml")
        #expect(table.position(of: "workers")?.line == 2)
        let kmeans = try #require(try table.table("kmeans"))
        #expect(kmeans.position(of: "tolerance")?.line == 6)
        let rules = try #require(try table.tables("rule"))
        #expect(rules.count == 2)
        #expect(rules[1].position(of: "when")?.line == 12)
        // A key inside an inline table points at the key holding it.
        let limits = try #require(try rules[1].table("limits"))
        #expect(limits.position(of: "low")?.line == 13)
        #expect(limits.position(of: "low")?.column == 1)
        let locator = SettingsKeyLocator(text: Self.text)
        #expect(locator.position(of: "rule[1].when") == rules[1].position(of: "when"))
        #expect(locator.position(of: "rule[1].limits.low") == nil)
        #expect(locator.nearestPosition(of: "rule[1].limits.low")?.line == 13)
    }

    @Test("every key that was read passes; an unread key is rejected with file, line, key and a suggestion")
    func unknownKey() throws {
        let text = "name = \"x\"\nworkres = 3\n"
        let table = try SettingsTable.parse(text, file: "etc/x.toml")
        _ = try table.string("name")
        _ = try table.integer("workers")
        let error = try #require(Self.error { () throws(SettingsError) in try table.rejectUnreadKeys() })
        #expect(error.code == .unknownKey)
        #expect(error.file == "etc/x.toml")
        #expect(error.line == 2 && error.column == 1)
        #expect(error.keyPath == "workres")
        #expect(error.fix.contains("did you mean \"workers\""))
        #expect(error.description.hasPrefix("etc/x.toml:2:1: workres: unknown key \"workres\" at the top level"))

        _ = try table.integer("workres")
        try table.rejectUnreadKeys()
    }

    @Test("keys of sub-tables and arrays of tables must be read too; a value taken whole needs nothing more")
    func nestedUnknownKeys() throws {
        let table = try SettingsTable.parse(Self.text, file: "test.toml")
        _ = try table.string("name")
        _ = try table.integer("workers")
        let kmeans = try #require(try table.table("kmeans"))
        _ = try kmeans.integer("k")
        _ = try kmeans.number("tolerance")
        let rules = try #require(try table.tables("rule"))
        for rule in rules { _ = try rule.string("when") }
        let error = try #require(Self.error { () throws(SettingsError) in try table.rejectUnreadKeys() })
        #expect(error.keyPath == "rule[1].limits")
        #expect(error.line == 13)
        _ = rules[1].value("limits")
        try table.rejectUnreadKeys()
    }

    @Test("an unread table that nobody asks for is one unknown key, at its header")
    func unknownTable() throws {
        let table = try SettingsTable.parse("a = 1\n\n[colours]\nred = 1\n", file: "t.toml")
        _ = try table.integer("a")
        let error = try #require(Self.error { () throws(SettingsError) in try table.rejectUnreadKeys() })
        #expect(error.keyPath == "colours" && error.line == 3)
    }

    @Test("a missing required key next to a likely typo of it reports the typo as unknown")
    func missingKeyWithTypo() throws {
        let table = try SettingsTable.parse("[rule]\nwen = \"A > 0\"\n", file: "t.toml")
        let rule = try #require(try table.table("rule"))
        let typo = try #require(Self.error { () throws(SettingsError) in _ = try rule.requiredString("when") })
        #expect(typo.code == .unknownKey && typo.keyPath == "rule.wen" && typo.line == 2)
        #expect(typo.fix.contains("did you mean \"when\""))
        let missing = try #require(Self.error { () throws(SettingsError) in _ = try rule.requiredString("name") })
        #expect(missing.code == .missingKey && missing.keyPath == "rule.name" && missing.line == 1)
    }

    @Test("wrong types name the key, the type expected and the value found")
    func wrongTypes() throws {
        let table = try SettingsTable.parse("a = \"5\"\nb = 2.5\nc = [\"x\", 3]\nd = 1\n", file: "t.toml")
        let a = try #require(Self.error { () throws(SettingsError) in _ = try table.integer("a") })
        #expect(a.code == .wrongType && a.line == 1 && a.problem == "expected an integer, found string \"5\"")
        let b = try #require(Self.error { () throws(SettingsError) in _ = try table.boolean("b") })
        #expect(b.problem == "expected true or false, found floating-point number 2.5")
        let c = try #require(Self.error { () throws(SettingsError) in _ = try table.strings("c") })
        #expect(c.keyPath == "c[1]" && c.line == 3 && c.problem == "expected a string, found integer 3")
        let d = try #require(Self.error { () throws(SettingsError) in _ = try table.table("d") })
        #expect(d.code == .wrongType && d.keyPath == "d")
        #expect(try table.number("d") == 1)
    }

    @Test("ranges and words are checked, naming the value and what is allowed")
    func rangesAndChoices() throws {
        enum Mode: String, CaseIterable { case watch, poll }
        let table = try SettingsTable.parse("n = 0\nmode = \"fast\"\nshare = 1.5\n", file: "t.toml")
        let n = try #require(Self.error { () throws(SettingsError) in _ = try table.integer("n", in: 1...8) })
        #expect(n.code == .invalidValue && n.problem.contains("0") && n.fix.contains("1 to 8"))
        let mode = try #require(Self.error { () throws(SettingsError) in _ = try table.choice("mode", as: Mode.self) })
        #expect(mode.problem.contains("\"fast\"") && mode.fix.contains("\"watch\" or \"poll\""))
        let share = try #require(Self.error { () throws(SettingsError) in _ = try table.number("share", in: 0...1) })
        #expect(share.code == .invalidValue && share.line == 3)
    }

    @Test("a table laid over another keeps each value's own file and line")
    func overlay() throws {
        let sample = try SettingsTable.parse("[caps]\nmax = 5\nmin = 1\n", file: "sample.toml")
        let operatorFile = try SettingsTable.parse("\n[caps]\nmax = 7\nmxa = 1\n", file: "op.toml")
        let merged = sample.overlaid(by: operatorFile)
        let caps = try #require(try merged.table("caps"))
        #expect(try caps.integer("max") == 7)
        #expect(try caps.integer("min") == 1)
        let error = try #require(Self.error { () throws(SettingsError) in try merged.rejectUnreadKeys() })
        #expect(error.file == "op.toml" && error.line == 4 && error.keyPath == "caps.mxa")
        #expect(caps.position(of: "min")?.line == 3)
    }

    @Test("invalid TOML is reported with its line and column")
    func syntax() throws {
        let error = try #require(
            Self.error { () throws(SettingsError) in _ = try SettingsTable.parse("a = 1\nb = = 2\n", file: "t.toml") })
        #expect(error.code == .syntax && error.line == 2 && error.column != nil)
        #expect(error.description.hasPrefix("t.toml:2:"))
    }
}
