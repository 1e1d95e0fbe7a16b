/// A deterministic, endless supply of realistic synthetic credit-card customers in the CC_GENERAL layout.
///
/// Row `i` depends only on the seed and `i`, so rows can be produced in any order, on any thread, and a
/// data set of any size is reproducible. Each customer is drawn from one latent `CustomerType`; amounts are
/// heavy-tailed, many customers have no one-off purchases, installments or cash advances, and the columns are
/// mutually consistent (ONEOFF + INSTALLMENTS = PURCHASES, zero amounts have zero frequency and zero
/// transactions, frequencies are whole months over TENURE). MINIMUM_PAYMENTS and CREDIT_LIMIT are blank (NaN)
/// at the real file's rates.
package struct SyntheticCustomers: Sendable {
    /// The CC_GENERAL header: `CUST_ID`, then the 17 numeric columns in file order.
    package static let columns: [String] = [
        "CUST_ID", "BALANCE", "BALANCE_FREQUENCY", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES",
        "CASH_ADVANCE", "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY",
        "CASH_ADVANCE_FREQUENCY", "CASH_ADVANCE_TRX", "PURCHASES_TRX", "CREDIT_LIMIT", "PAYMENTS",
        "MINIMUM_PAYMENTS", "PRC_FULL_PAYMENT", "TENURE",
    ]
    /// Number of numeric values per row (all columns but `CUST_ID`).
    package static let numericColumnCount = 17
    /// Share of rows with a blank MINIMUM_PAYMENTS (313 of 8,950 in the real file).
    package static let minimumPaymentsBlankRate = 313.0 / 8_950
    /// Share of rows with a blank CREDIT_LIMIT (1 of 8,950 in the real file).
    package static let creditLimitBlankRate = 1.0 / 8_950

    /// The seed every row is derived from.
    package let seed: UInt64

    /// A generator whose rows are a pure function of `seed` and the row index.
    package init(seed: UInt64) {
        self.seed = seed
    }

    /// The customer id of row `row` (0-based): `S` and the 1-based row number, zero-padded to 7 digits.
    package func id(ofRow row: Int) -> String {
        precondition(row >= 0, "row indices start at 0")
        let number = String(row + 1)
        return "S" + String(repeating: "0", count: max(0, 7 - number.count)) + number
    }

    /// The 17 numeric values of row `row`, in `columns` order after `CUST_ID`, NaN for blanks.
    package func values(ofRow row: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: Self.numericColumnCount) { buffer, count in
            _ = generate(row: row, into: buffer)
            count = Self.numericColumnCount
        }
    }

    /// Writes the 17 numeric values of row `row` into `values` (at least 17 long), without allocating.
    /// - Returns: the latent type the row was drawn from.
    @discardableResult
    package func values(ofRow row: Int, into values: UnsafeMutableBufferPointer<Double>) -> CustomerType {
        precondition(values.count >= Self.numericColumnCount, "values must hold 17 numbers")
        return generate(row: row, into: values)
    }

    /// The latent type row `row` is drawn from, for judging how well clustering recovers it.
    package func customerType(ofRow row: Int) -> CustomerType {
        var random = SyntheticRandom(seed: seed, stream: UInt64(truncatingIfNeeded: row))
        return Self.pickProfile(&random).0
    }

    static func pickProfile(_ random: inout SyntheticRandom) -> (CustomerType, Profile) {
        var draw = random.uniform()
        for entry in profiles {
            draw -= entry.1.weight
            if draw < 0 { return entry }
        }
        return profiles[profiles.count - 1]
    }
}
