import Glibc
import SegmentPlugin

/// The exec plugin's settings, decoded and checked once when the plugin is built.
struct ExecSettings: Sendable, Equatable {
    /// The child's argv; never empty.
    let command: [String]
    /// The columns the child adds, in order, with their declared types (`string` and nullable unless declared).
    let columns: [PluginOutputColumn]
    /// The child's current directory, resolved against the configuration's base directory.
    let workingDirectory: String
    /// The child's whole environment as `NAME=value` entries, sorted by name.
    let childEnvironment: [String]
    /// Seconds the child has to answer one batch.
    let batchTimeout: Double
    /// Seconds a stopping child has before it is killed.
    let stopGrace: Double
    /// First delay before a restart, in seconds.
    let restartBackoffInitial: Double
    /// Longest delay before a restart, in seconds.
    let restartBackoffMax: Double
    /// Whether rows carry the model's input values.
    let sendInputs: Bool
    /// Longest line accepted from the child.
    let maxLineBytes: Int
    /// The version of the protocol the child speaks: 2 (answers echo their row's `line`) or 1 (answers by position).
    let protocolVersion: Int
    /// Stderr lines logged one by one per ``stderrLimitInterval``; the rest are counted.
    let stderrLimitLines: Int
    /// Seconds of one stderr logging interval.
    let stderrLimitInterval: Double

    /// The member of an answer by which a child fails its row on purpose.
    static let errorMember = "_error"
    /// The member by which an answer names the row it answers (protocol 2).
    static let lineMember = "line"
    /// The protocol versions a child may speak.
    static let protocolVersions = 1...2

    /// Decodes `settings` (the sample laid under the operator's file); relative paths are resolved against
    /// `baseDirectory`, `pass_environment` against `lookup` (the daemon's environment).
    init(
        _ settings: PluginSettings, baseDirectory: String,
        lookup: (String) -> String? = ExecSettings.daemonVariable
    ) throws(PluginError) {
        command = try Self.required(settings.strings("command"), "command", "an array of strings", in: settings)
        if command.isEmpty || command[0].isEmpty {
            throw settings.invalidValue(
                "command", problem: "the command is empty",
                fix: "name the program and its arguments, e.g. [\"python3\", \"plugin.py\"]")
        }
        if let bad = command.first(where: { $0.utf8.contains(0) }) {
            throw settings.invalidValue(
                "command", problem: "argument \"\(bad)\" holds a NUL character", fix: "remove it")
        }
        protocolVersion = try Self.required(settings.integer("protocol"), "protocol", "an integer", in: settings)
        if !Self.protocolVersions.contains(protocolVersion) {
            throw settings.invalidValue(
                "protocol", problem: "there is no protocol version \(protocolVersion)",
                fix: "use 2 (answers echo \"line\") or 1 (answers by position, unsafe)")
        }
        columns = try Self.columns(in: settings)
        try Self.checkColumns(columns.map(\.name), protocolVersion: protocolVersion, in: settings)
        let directory = try Self.required(
            settings.string("working_directory"), "working_directory", "a string",
            in: settings)
        workingDirectory = Self.resolve(directory, against: baseDirectory)
        batchTimeout = try Self.seconds("batch_timeout", in: settings, allowZero: false)
        stopGrace = try Self.seconds("stop_grace", in: settings, allowZero: true)
        let backoff = try Self.required(settings.table("restart_backoff"), "restart_backoff", "a table", in: settings)
        restartBackoffInitial = try Self.seconds("initial", in: backoff, allowZero: true)
        restartBackoffMax = try Self.seconds("max", in: backoff, allowZero: true)
        if restartBackoffMax < restartBackoffInitial {
            throw backoff.invalidValue(
                "max", problem: "max (\(restartBackoffMax)) is below initial (\(restartBackoffInitial))",
                fix: "make max at least initial")
        }
        sendInputs = try Self.required(settings.boolean("send_inputs"), "send_inputs", "true or false", in: settings)
        maxLineBytes = try Self.required(
            settings.integer("max_line_bytes"), "max_line_bytes", "an integer", in: settings)
        if !(64...(64 << 20)).contains(maxLineBytes) {
            throw settings.invalidValue(
                "max_line_bytes", problem: "\(maxLineBytes) is out of range",
                fix: "use a value from 64 to 67108864")
        }
        let limit = try Self.required(settings.table("stderr_limit"), "stderr_limit", "a table", in: settings)
        stderrLimitLines = try Self.required(limit.integer("lines"), "lines", "an integer", in: limit)
        if !(0...1_000_000).contains(stderrLimitLines) {
            throw limit.invalidValue("lines", problem: "\(stderrLimitLines) is out of range", fix: "use 0 to 1000000")
        }
        stderrLimitInterval = try Self.seconds("interval", in: limit, allowZero: false)
        childEnvironment = try Self.environment(settings, lookup: lookup)
    }

    /// The daemon's value of the variable `name`.
    @Sendable static func daemonVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// `columns`: an array of names (each a nullable string column), or of tables `{ name = "...", type = "...",
    /// nullable = true }` (type one of string, integer, float, boolean; default string; nullable by default, as a
    /// child may leave a member out).
    private static func columns(in settings: PluginSettings) throws(PluginError) -> [PluginOutputColumn] {
        if let names = try? settings.strings("columns") {
            return names.map { PluginOutputColumn($0, .string, nullable: true) }
        }
        let tables = try required(
            settings.tables("columns"), "columns", "an array of column names or of { name, type, nullable } tables",
            in: settings)
        var columns: [PluginOutputColumn] = []
        for table in tables {
            let name = try table.requiredString("name")
            let typeName = try table.string("type") ?? PluginColumnType.string.rawValue
            guard let type = PluginColumnType(rawValue: typeName) else {
                throw table.invalidValue(
                    "type", problem: "there is no column type \"\(typeName)\"",
                    fix: "use one of " + PluginColumnType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
            }
            columns.append(PluginOutputColumn(name, type, nullable: try table.boolean("nullable") ?? true))
        }
        return columns
    }

    /// Columns are unique and non-empty; `_error` is reserved, and so is `line` under protocol 2, where it
    /// names the row an answer is for.
    private static func checkColumns(
        _ columns: [String], protocolVersion: Int,
        in settings: PluginSettings
    ) throws(PluginError) {
        var seen: Set<String> = []
        let reserved = protocolVersion >= 2 ? [errorMember, lineMember] : [errorMember]
        for column in columns {
            if column.isEmpty || reserved.contains(column) {
                throw settings.invalidValue(
                    "columns", problem: "\"\(column)\" cannot name a column",
                    fix: "use non-empty names other than "
                        + reserved.map { "\"\($0)\"" }.joined(separator: " and "))
            }
            if !seen.insert(column).inserted {
                throw settings.invalidValue(
                    "columns", problem: "column \"\(column)\" is listed twice",
                    fix: "list every column once")
            }
        }
    }

    private static func environment(_ settings: PluginSettings, lookup: (String) -> String?) throws(PluginError)
        -> [String]
    {
        var variables: [String: String] = [:]
        let passed = try required(
            settings.strings("pass_environment"), "pass_environment", "an array of strings",
            in: settings)
        for name in passed {
            guard isVariableName(name) else {
                throw settings.invalidValue(
                    "pass_environment", problem: "\"\(name)\" is not a variable name",
                    fix: "use names without \"=\" or NUL characters")
            }
            if let value = lookup(name) { variables[name] = value }
        }
        if let table = try settings.table("environment") {
            for name in table.keys {
                let value = try required(table.string(name), name, "a string", in: table)
                guard isVariableName(name), !value.utf8.contains(0) else {
                    throw table.invalidValue(
                        name, problem: "not a usable variable (\"=\" or NUL in its name or value)",
                        fix: "rename the variable or remove the character")
                }
                variables[name] = value
            }
        }
        return variables.keys.sorted().map { "\($0)=\(variables[$0] ?? "")" }
    }

    private static func isVariableName(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains(UInt8(ascii: "=")) && !name.utf8.contains(0)
    }

    private static func seconds(_ key: String, in settings: PluginSettings, allowZero: Bool) throws(PluginError)
        -> Double
    {
        let value = try required(settings.number(key), key, "a number of seconds", in: settings)
        guard value.isFinite, allowZero ? value >= 0 : value > 0, value <= 86_400 else {
            throw settings.invalidValue(
                key, problem: "\(value) is not a usable number of seconds",
                fix: allowZero ? "use 0 to 86400" : "use a positive number up to 86400")
        }
        return value
    }

    private static func required<Value>(
        _ value: Value?, _ key: String, _ expected: String,
        in settings: PluginSettings
    ) throws(PluginError) -> Value {
        guard let value else {
            throw settings.missing(key, expected: expected)
        }
        return value
    }

    private static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") || base.isEmpty { return path }
        if path == "." { return base }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
