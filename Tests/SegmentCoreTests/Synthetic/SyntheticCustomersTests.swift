import Foundation
import Testing

import SegmentCore

/// Column positions in a row of 17 values.
private enum Col {
    static let balance = 0, balanceFrequency = 1, purchases = 2, oneOff = 3, installments = 4, cash = 5
    static let purchasesFrequency = 6, oneOffFrequency = 7, installmentsFrequency = 8, cashFrequency = 9
    static let cashTrx = 10, purchasesTrx = 11, creditLimit = 12, payments = 13, minimumPayments = 14
    static let fullPayment = 15, tenure = 16
}

/// Reads the columns of `count` rows into one row-major array.
private func generateRows(_ generator: SyntheticCustomers, count: Int) -> [Double] {
    var values = [Double](repeating: 0, count: count * SyntheticCustomers.numericColumnCount)
    values.withUnsafeMutableBufferPointer { buffer in
        for row in 0..<count {
            let start = row * SyntheticCustomers.numericColumnCount
            generator.values(
                ofRow: row,
                into: UnsafeMutableBufferPointer(
                    rebasing: buffer[start..<start + SyntheticCustomers.numericColumnCount]))
        }
    }
    return values
}

@Suite("Synthetic customers")
struct SyntheticCustomersTests {
    static let rowCount = 100_000
    static let rows = generateRows(SyntheticCustomers(seed: 7), count: rowCount)

    private func column(_ index: Int) -> [Double] {
        stride(from: index, to: Self.rows.count, by: SyntheticCustomers.numericColumnCount).map { Self.rows[$0] }
    }

    @Test("the header is CC_GENERAL's, CUST_ID first")
    func header() throws {
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appending(path: "../shared/data/CC_GENERAL.csv"), encoding: .utf8)
        let header = try #require(file.split(whereSeparator: \.isNewline).first)
        #expect(SyntheticCustomers.columns == header.split(separator: ",").map(String.init))
        #expect(SyntheticCustomers.csvHeader == String(header))
    }

    @Test("the same seed gives the same rows in any order; another seed gives other rows")
    func determinism() {
        let generator = SyntheticCustomers(seed: 7)
        let again = SyntheticCustomers(seed: 7)
        let other = SyntheticCustomers(seed: 8)
        for row in [99_999, 0, 4_242, 17] {
            let values = generator.values(ofRow: row)
            #expect(
                Array(Self.rows[row * 17..<row * 17 + 17]).elementsEqual(values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
            #expect(again.values(ofRow: row).elementsEqual(values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
            #expect(!other.values(ofRow: row).elementsEqual(values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }

    @Test("ids are S plus the zero-padded row number and unique")
    func ids() {
        let generator = SyntheticCustomers(seed: 1)
        #expect(generator.id(ofRow: 0) == "S0000001")
        #expect(generator.id(ofRow: 41) == "S0000042")
        #expect(generator.id(ofRow: 9_999_999) == "S10000000")
        let ids = Set((0..<Self.rowCount).map(generator.id(ofRow:)))
        #expect(ids.count == Self.rowCount)
    }

    @Test("columns are consistent: parts add up, zero amounts have zero frequency and transactions")
    func consistency() {
        let rules: [(String, ([Double]) -> Bool)] = [
            (
                "ONEOFF + INSTALLMENTS = PURCHASES",
                { abs($0[Col.oneOff] + $0[Col.installments] - $0[Col.purchases]) < 1e-6 }
            ),
            ("PURCHASES = 0 ⇔ frequency 0", { ($0[Col.purchases] == 0) == ($0[Col.purchasesFrequency] == 0) }),
            ("PURCHASES = 0 ⇔ no transactions", { ($0[Col.purchases] == 0) == ($0[Col.purchasesTrx] == 0) }),
            ("ONEOFF = 0 ⇔ frequency 0", { ($0[Col.oneOff] == 0) == ($0[Col.oneOffFrequency] == 0) }),
            (
                "INSTALLMENTS = 0 ⇔ frequency 0",
                { ($0[Col.installments] == 0) == ($0[Col.installmentsFrequency] == 0) }
            ),
            ("one-off frequency ≤ purchases frequency", { $0[Col.oneOffFrequency] <= $0[Col.purchasesFrequency] }),
            (
                "installments frequency ≤ purchases frequency",
                { $0[Col.installmentsFrequency] <= $0[Col.purchasesFrequency] }
            ),
            (
                "purchase transactions ≥ purchase months",
                {
                    $0[Col.purchasesTrx] + 1e-9 >= ($0[Col.purchasesFrequency] * $0[Col.tenure]).rounded()
                }
            ),
            ("CASH_ADVANCE = 0 ⇔ frequency 0", { ($0[Col.cash] == 0) == ($0[Col.cashFrequency] == 0) }),
            ("CASH_ADVANCE = 0 ⇔ no transactions", { ($0[Col.cash] == 0) == ($0[Col.cashTrx] == 0) }),
            ("BALANCE = 0 ⇔ frequency 0", { ($0[Col.balance] == 0) == ($0[Col.balanceFrequency] == 0) }),
            ("no payments ⇒ PRC_FULL_PAYMENT 0", { $0[Col.payments] != 0 || $0[Col.fullPayment] == 0 }),
        ]
        var violations: [String: Int] = [:]
        for row in 0..<Self.rowCount {
            let values = Array(Self.rows[row * 17..<row * 17 + 17])
            for (name, holds) in rules where !holds(values) {
                violations[name, default: 0] += 1
            }
        }
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test("values are in range: frequencies in [0, 1], whole counts, tenure 6…12, round credit limits")
    func ranges() {
        for index in [
            Col.balanceFrequency, Col.purchasesFrequency, Col.oneOffFrequency, Col.installmentsFrequency,
            Col.cashFrequency, Col.fullPayment,
        ] {
            #expect(column(index).allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        for index in [Col.balance, Col.purchases, Col.oneOff, Col.installments, Col.cash, Col.payments] {
            #expect(column(index).allSatisfy { $0 >= 0 && $0.isFinite })
        }
        for index in [Col.cashTrx, Col.purchasesTrx, Col.tenure] {
            #expect(column(index).allSatisfy { $0 == $0.rounded() && $0 >= 0 })
        }
        let tenure = column(Col.tenure)
        #expect(tenure.allSatisfy { (6...12).contains($0) })
        let twelve = Double(tenure.filter { $0 == 12 }.count) / Double(Self.rowCount)
        #expect(twelve > 0.75 && twelve < 0.92)
        let limits = column(Col.creditLimit).filter { !$0.isNaN }
        #expect(limits.allSatisfy { $0 >= 50 && $0.truncatingRemainder(dividingBy: 50) == 0 })
        #expect(
            Double(limits.filter { $0.truncatingRemainder(dividingBy: 500) == 0 }.count) / Double(limits.count) > 0.7)
    }

    @Test("zero masses and skew look like the real file")
    func marginals() {
        func share(_ index: Int, _ predicate: (Double) -> Bool) -> Double {
            Double(column(index).filter(predicate).count) / Double(Self.rowCount)
        }
        #expect((0.15...0.35).contains(share(Col.purchases) { $0 == 0 }))
        #expect((0.35...0.6).contains(share(Col.oneOff) { $0 == 0 }))
        #expect((0.3...0.55).contains(share(Col.installments) { $0 == 0 }))
        #expect((0.4...0.65).contains(share(Col.cash) { $0 == 0 }))
        #expect((0.5...0.8).contains(share(Col.fullPayment) { $0 == 0 }))
        let purchases = column(Col.purchases).sorted()
        let mean = purchases.reduce(0, +) / Double(purchases.count)
        #expect(mean > 1.5 * purchases[purchases.count / 2], "heavy right tail: mean well above median")
        #expect(purchases[purchases.count * 999 / 1000] > 10 * mean)
    }

    @Test("blanks occur at the real file's rates, MINIMUM_PAYMENTS always blank without payments")
    func blankRates() {
        let minimum = column(Col.minimumPayments)
        let payments = column(Col.payments)
        let blankMinimum = Double(minimum.filter(\.isNaN).count) / Double(Self.rowCount)
        #expect(abs(blankMinimum - SyntheticCustomers.minimumPaymentsBlankRate) < 0.003)
        #expect(zip(minimum, payments).allSatisfy { $1 != 0 || $0.isNaN })
        let blankLimit = column(Col.creditLimit).filter(\.isNaN).count
        #expect((1...40).contains(blankLimit))
        for index in 0..<17 where index != Col.minimumPayments && index != Col.creditLimit {
            #expect(!column(index).contains { $0.isNaN })
        }
    }

    @Test("every latent type occurs in roughly its share")
    func customerTypes() {
        let generator = SyntheticCustomers(seed: 7)
        var counts: [SyntheticCustomers.CustomerType: Int] = [:]
        for row in 0..<20_000 { counts[generator.customerType(ofRow: row), default: 0] += 1 }
        #expect(counts.count == SyntheticCustomers.CustomerType.allCases.count)
        #expect(counts.values.allSatisfy { $0 > 500 })
    }

    @Test("CSV lines parse back to exactly the generated values")
    func csvRoundTrip() throws {
        let generator = SyntheticCustomers(seed: 7)
        var line: [UInt8] = []
        for row in 0..<2_000 {
            line.removeAll(keepingCapacity: true)
            generator.appendCSVLine(ofRow: row, to: &line)
            #expect(line.last == UInt8(ascii: "\n"))
            let fields = String(decoding: line.dropLast(), as: UTF8.self).split(
                separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 18)
            #expect(String(fields[0]) == generator.id(ofRow: row))
            let parsed = fields.dropFirst().map { $0.isEmpty ? Double.nan : Double($0) ?? -1 }
            let values = Array(Self.rows[row * 17..<row * 17 + 17])
            #expect(parsed.elementsEqual(values) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "row \(row): \(fields)")
        }
    }

    @Test("the parallel batch APIs give exactly the row-by-row output")
    func batches() {
        let generator = SyntheticCustomers(seed: 7)
        let rows = 9_000..<26_500
        let values = generator.values(rows: rows)
        #expect(values.count == rows.count * 17)
        #expect(
            values.elementsEqual(Self.rows[rows.lowerBound * 17..<rows.upperBound * 17]) {
                $0 == $1 || ($0.isNaN && $1.isNaN)
            })
        var expected: [UInt8] = []
        for row in rows { generator.appendCSVLine(ofRow: row, to: &expected) }
        #expect(generator.csvLines(rows: rows) == expected)
        #expect(generator.csvLines(rows: 5..<5).isEmpty && generator.values(rows: 5..<5).isEmpty)
    }

    @Test("decimals are sensible: whole numbers without a point, no trailing zeros")
    func csvFormatting() {
        let generator = SyntheticCustomers(seed: 7)
        var line: [UInt8] = []
        for row in 0..<500 { generator.appendCSVLine(ofRow: row, to: &line) }
        let text = String(decoding: line, as: UTF8.self)
        for record in text.split(separator: "\n") {
            let fields = record.split(separator: ",", omittingEmptySubsequences: false)
            for field in fields.dropFirst() where field.contains(".") {
                #expect(!field.hasSuffix("0") && !field.hasSuffix("."))
                #expect(field.split(separator: ".")[1].count <= 6)
            }
            #expect(!fields[17].contains("."))
        }
    }

    @Test("full precision: six decimals on every number, the same values and blanks as the default file")
    func fullPrecisionKeepsSixDecimals() throws {
        let generator = SyntheticCustomers(seed: 7)
        let sixDecimals = try Regex("-?[0-9]+\\.[0-9]{6}")
        var trimmed: [UInt8] = []
        var full: [UInt8] = []
        var fullBytes = 0
        for row in 0..<2_000 {
            trimmed.removeAll(keepingCapacity: true)
            full.removeAll(keepingCapacity: true)
            generator.appendCSVLine(ofRow: row, to: &trimmed)
            generator.appendCSVLine(ofRow: row, precision: .full, to: &full)
            fullBytes += full.count
            let short = String(decoding: trimmed.dropLast(), as: UTF8.self).split(
                separator: ",", omittingEmptySubsequences: false)
            let long = String(decoding: full.dropLast(), as: UTF8.self).split(
                separator: ",", omittingEmptySubsequences: false)
            #expect(full.last == UInt8(ascii: "\n") && long.count == 18 && long[0] == short[0])
            for (wide, narrow) in zip(long.dropFirst(), short.dropFirst()) {
                #expect(wide.isEmpty == narrow.isEmpty, "row \(row): \(wide) vs \(narrow)")
                guard !wide.isEmpty else { continue }
                #expect((try? sixDecimals.wholeMatch(in: wide)) != nil, "row \(row): \(wide)")
                // Both spell the same decimal value, so both parse to the same double.
                #expect(Double(wide) == Double(narrow), "row \(row): \(wide) vs \(narrow)")
            }
            let values = Array(Self.rows[row * 17..<row * 17 + 17])
            let parsed = long.dropFirst().map { $0.isEmpty ? Double.nan : Double($0) ?? -1 }
            #expect(parsed.elementsEqual(values) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "row \(row)")
        }
        // The README's size: 1,000,000 rows take 178 MB at full precision (102 MB trimmed).
        #expect((170...185).contains(fullBytes / 2_000), "\(fullBytes / 2_000) bytes per row")
    }

    @Test("full precision with a shift: six decimals, the shifted value rounded to six decimals")
    func fullPrecisionWithShift() {
        let generator = SyntheticCustomers(seed: 7)
        var factors = [Double](repeating: 1, count: 17)
        factors[Col.purchases] = 1.0 / 3.0
        var line: [UInt8] = []
        generator.appendCSVLine(ofRow: 3, scaledBy: factors, precision: .full, to: &line)
        let fields = String(decoding: line.dropLast(), as: UTF8.self).split(
            separator: ",", omittingEmptySubsequences: false)
        let expected =
            (Self.rows[3 * 17 + Col.purchases] * factors[Col.purchases] * 1e6).rounded(.toNearestOrEven) / 1e6
        #expect(fields[1 + Col.purchases].split(separator: ".").last?.count == 6)
        #expect(Double(fields[1 + Col.purchases]) == expected)
    }
}
