extension SyntheticCustomers {
    /// Positions of the numeric columns in a row of values.
    enum Column {
        static let balance = 0, balanceFrequency = 1, purchases = 2, oneOffPurchases = 3, installmentsPurchases = 4
        static let cashAdvance = 5, purchasesFrequency = 6, oneOffFrequency = 7, installmentsFrequency = 8
        static let cashAdvanceFrequency = 9, cashAdvanceTrx = 10, purchasesTrx = 11, creditLimit = 12
        static let payments = 13, minimumPayments = 14, fullPaymentShare = 15, tenure = 16
    }

    /// Chance that a customer who made payments still has a blank MINIMUM_PAYMENTS, chosen so that blanks
    /// (every customer without payments, plus these) occur at `minimumPaymentsBlankRate` overall.
    static let minimumPaymentsExtraBlankChance: Double = {
        let withoutPayments = profiles.reduce(0) { $0 + $1.1.weight * $1.1.zeroPaymentChance }
        return max(0, (minimumPaymentsBlankRate - withoutPayments) / (1 - withoutPayments))
    }()

    /// Draws row `row` into `out` (17 values), rounded to the decimals it is written with.
    func generate(row: Int, into out: UnsafeMutableBufferPointer<Double>) -> CustomerType {
        precondition(row >= 0, "row indices start at 0")
        var random = SyntheticRandom(seed: seed, stream: UInt64(truncatingIfNeeded: row))
        let (type, profile) = Self.pickProfile(&random)
        let tenure = type == .newCustomer ? random.integer(in: 6...9) : Self.drawTenure(&random)
        let months = Double(tenure)
        let limit = Self.roundLimit(
            min(30_000, max(300, random.logNormal(median: profile.limitMedian, sigma: 0.55))), &random)

        // Purchases: months with any purchase, split into one-off and installment months that cover them.
        let hasOneOff = random.chance(profile.oneOffChance)
        let hasInstallments = random.chance(profile.installmentChance)
        var purchaseMonths = 0, oneOffMonths = 0, installmentMonths = 0
        if hasOneOff || hasInstallments {
            purchaseMonths = Self.activeMonths(profile.purchaseActivity, of: tenure, &random)
            switch (hasOneOff, hasInstallments) {
            case (true, true):
                oneOffMonths = random.integer(in: 1...purchaseMonths)
                installmentMonths = random.integer(in: max(1, purchaseMonths - oneOffMonths)...purchaseMonths)
            case (true, false): oneOffMonths = purchaseMonths
            default: installmentMonths = purchaseMonths
            }
        }
        let oneOffTrx = Self.transactions(months: oneOffMonths, extraPerMonth: profile.extraPurchasesPerMonth, &random)
        let installmentTrx = Self.transactions(
            months: installmentMonths, extraPerMonth: profile.extraPurchasesPerMonth, &random)
        let oneOffCents = Self.cents(trx: oneOffTrx, ticket: profile.oneOffTicket, &random)
        let installmentCents = Self.cents(trx: installmentTrx, ticket: profile.installmentTicket, &random)

        // Cash advances.
        var cashMonths = 0, cashTrx = 0, cash = 0.0
        if random.chance(profile.cashChance) {
            cashMonths = Self.activeMonths(profile.cashActivity, of: tenure, &random)
            cashTrx = Self.transactions(months: cashMonths, extraPerMonth: 0.6, &random)
            cash = Self.round(Double(cashTrx) * random.logNormal(median: profile.cashTicket, sigma: 0.8), decimals: 6)
        }

        // Balance, payments.
        var balance = 0.0, balanceMonths = 0
        if !random.chance(profile.zeroBalanceChance) {
            let utilisation = min(1.3, random.logNormal(median: profile.utilisationMedian, sigma: 0.9))
            balance = Self.round(max(0.01, utilisation * limit), decimals: 6)
            balanceMonths = random.chance(profile.fullBalanceMonthsChance) ? tenure : random.integer(in: 1...tenure)
        }
        let purchases = Double(oneOffCents + installmentCents) / 100
        var payments = 0.0
        if !random.chance(profile.zeroPaymentChance) {
            var activity = purchases + cash + 0.2 * balance
            if activity < 1 { activity = random.logNormal(median: 80, sigma: 1) }
            payments = Self.round(activity * random.logNormal(median: profile.paymentRatio, sigma: 0.5), decimals: 6)
        }
        var minimumPayments = Double.nan
        if payments > 0 && !random.chance(Self.minimumPaymentsExtraBlankChance) {
            let due =
                balance < 100
                ? random.logNormal(median: 120, sigma: 0.8) : balance * random.logNormal(median: 0.4, sigma: 0.8)
            minimumPayments = Self.round(max(0.02, due), decimals: 6)
        }
        var fullPaymentShare = 0.0
        if payments > 0 && random.chance(profile.fullPaymentChance) {
            fullPaymentShare =
                random.chance(0.3) ? 1 : Self.round(Double(random.integer(in: 1...tenure)) / months, decimals: 6)
        }
        let creditLimit = random.chance(Self.creditLimitBlankRate) ? Double.nan : limit

        out[Column.balance] = balance
        out[Column.balanceFrequency] = Self.round(Double(balanceMonths) / months, decimals: 6)
        out[Column.purchases] = purchases
        out[Column.oneOffPurchases] = Double(oneOffCents) / 100
        out[Column.installmentsPurchases] = Double(installmentCents) / 100
        out[Column.cashAdvance] = cash
        out[Column.purchasesFrequency] = Self.round(Double(purchaseMonths) / months, decimals: 6)
        out[Column.oneOffFrequency] = Self.round(Double(oneOffMonths) / months, decimals: 6)
        out[Column.installmentsFrequency] = Self.round(Double(installmentMonths) / months, decimals: 6)
        out[Column.cashAdvanceFrequency] = Self.round(Double(cashMonths) / months, decimals: 6)
        out[Column.cashAdvanceTrx] = Double(cashTrx)
        out[Column.purchasesTrx] = Double(oneOffTrx + installmentTrx)
        out[Column.creditLimit] = creditLimit
        out[Column.payments] = payments
        out[Column.minimumPayments] = minimumPayments
        out[Column.fullPaymentShare] = fullPaymentShare
        out[Column.tenure] = months
        return type
    }

    /// 12 months for most customers, 6–11 for the rest (about as often as in the real file).
    private static func drawTenure(_ random: inout SyntheticRandom) -> Int {
        let draw = random.uniform()
        if draw < 0.89 { return 12 }
        if draw < 0.935 { return 11 }
        return random.integer(in: 6...10)
    }

    /// Limits are round: multiples of 500 mostly, else of 100 (50 below 1,000).
    private static func roundLimit(_ limit: Double, _ random: inout SyntheticRandom) -> Double {
        let step: Double = limit < 1_000 ? 50 : (random.chance(0.8) ? 500 : 100)
        return max(step, roundToInteger(limit / step) * step)
    }

    /// Months (at least 1) in which a customer with the given activity level is active.
    private static func activeMonths(_ activity: Double, of tenure: Int, _ random: inout SyntheticRandom) -> Int {
        let share = min(1, max(0.05, activity + 0.2 * random.normal()))
        return max(1, min(tenure, Int(roundToInteger(share * Double(tenure)))))
    }

    /// At least one transaction per active month, plus a heavy-tailed number of extra ones.
    private static func transactions(months: Int, extraPerMonth: Double, _ random: inout SyntheticRandom) -> Int {
        guard months > 0 else { return 0 }
        let extra = Double(months) * extraPerMonth * random.logNormal(median: 1, sigma: 0.5)
        return months + Int(roundToInteger(min(extra, 1e9)))
    }

    /// Total amount in cents for `trx` transactions around `ticket` each; at least 1 cent per transaction.
    private static func cents(trx: Int, ticket: Double, _ random: inout SyntheticRandom) -> Int {
        guard trx > 0 else { return 0 }
        let amount = Double(trx) * random.logNormal(median: ticket, sigma: 0.6)
        return max(trx, Int(roundToInteger(min(amount * 100, 1e15))))
    }

    /// `value` rounded to `decimals` places, as the nearest double to the decimal it is written as.
    static func round(_ value: Double, decimals: Int) -> Double {
        let scale = decimalScales[decimals]
        return roundToInteger(value * scale) / scale
    }

    /// Round half to even without a libm call: adding and removing 1.5·2^52 leaves no fraction bits.
    /// Magnitudes of 2^51 and more are integers already and are returned as they are.
    @inline(__always)
    static func roundToInteger(_ value: Double) -> Double {
        guard Swift.abs(value) < 0x1p51 else { return value }
        return (value + 0x1.8p52) - 0x1.8p52
    }

    static let decimalScales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
}
