extension SyntheticCustomers {
    /// The latent behaviour a synthetic customer is drawn from; clustering should find these as segments.
    package enum CustomerType: String, Sendable, CaseIterable {
        /// Low balance, rare small purchases, rarely cash; many with no activity at all.
        case dormant
        /// Frequent small installment purchases, low balance, often pays in full.
        case installmentBuyer = "installment_buyer"
        /// Occasional larger one-off purchases, no installments.
        case oneOffShopper = "one_off_shopper"
        /// High limit, frequent one-off and installment purchases, large payments.
        case bigSpender = "big_spender"
        /// Cash advances instead of purchases, high utilisation, rarely pays in full.
        case cashAdvanceUser = "cash_advance_user"
        /// Purchases and cash advances, high utilisation.
        case revolver
        /// Short tenure (6–9 months), low limit, moderate mixed use.
        case newCustomer = "new_customer"
    }

    /// Per-type parameters of the generator. Amount medians are per transaction; spreads are log-scale.
    struct Profile {
        var weight: Double
        var limitMedian: Double
        var utilisationMedian: Double
        var zeroBalanceChance: Double
        var fullBalanceMonthsChance: Double
        var oneOffChance: Double
        var installmentChance: Double
        var purchaseActivity: Double
        var extraPurchasesPerMonth: Double
        var oneOffTicket: Double
        var installmentTicket: Double
        var cashChance: Double
        var cashActivity: Double
        var cashTicket: Double
        var paymentRatio: Double
        var zeroPaymentChance: Double
        var fullPaymentChance: Double
    }

    /// Types in sampling order with their parameters; weights sum to 1.
    static let profiles: [(CustomerType, Profile)] = [
        (
            .dormant,
            Profile(
                weight: 0.14, limitMedian: 2_500, utilisationMedian: 0.04, zeroBalanceChance: 0.06,
                fullBalanceMonthsChance: 0.25, oneOffChance: 0.3, installmentChance: 0.35, purchaseActivity: 0.12,
                extraPurchasesPerMonth: 0.2, oneOffTicket: 60, installmentTicket: 35, cashChance: 0.15,
                cashActivity: 0.1,
                cashTicket: 150, paymentRatio: 0.7, zeroPaymentChance: 0.12, fullPaymentChance: 0.3)
        ),
        (
            .installmentBuyer,
            Profile(
                weight: 0.22, limitMedian: 3_000, utilisationMedian: 0.12, zeroBalanceChance: 0.01,
                fullBalanceMonthsChance: 0.75, oneOffChance: 0.2, installmentChance: 1, purchaseActivity: 0.85,
                extraPurchasesPerMonth: 0.8, oneOffTicket: 50, installmentTicket: 40, cashChance: 0.15,
                cashActivity: 0.1,
                cashTicket: 150, paymentRatio: 0.75, zeroPaymentChance: 0.008, fullPaymentChance: 0.55)
        ),
        (
            .oneOffShopper,
            Profile(
                weight: 0.16, limitMedian: 4_000, utilisationMedian: 0.25, zeroBalanceChance: 0.01,
                fullBalanceMonthsChance: 0.75, oneOffChance: 1, installmentChance: 0.2, purchaseActivity: 0.35,
                extraPurchasesPerMonth: 0.4, oneOffTicket: 110, installmentTicket: 50, cashChance: 0.25,
                cashActivity: 0.15,
                cashTicket: 200, paymentRatio: 0.75, zeroPaymentChance: 0.008, fullPaymentChance: 0.4)
        ),
        (
            .bigSpender,
            Profile(
                weight: 0.12, limitMedian: 9_000, utilisationMedian: 0.18, zeroBalanceChance: 0.01,
                fullBalanceMonthsChance: 0.85, oneOffChance: 1, installmentChance: 0.9, purchaseActivity: 0.9,
                extraPurchasesPerMonth: 2.5, oneOffTicket: 160, installmentTicket: 80, cashChance: 0.2,
                cashActivity: 0.15,
                cashTicket: 400, paymentRatio: 0.8, zeroPaymentChance: 0.005, fullPaymentChance: 0.6)
        ),
        (
            .cashAdvanceUser,
            Profile(
                weight: 0.22, limitMedian: 4_500, utilisationMedian: 0.7, zeroBalanceChance: 0.002,
                fullBalanceMonthsChance: 0.9, oneOffChance: 0.2, installmentChance: 0.2, purchaseActivity: 0.15,
                extraPurchasesPerMonth: 0.3, oneOffTicket: 60, installmentTicket: 40, cashChance: 1, cashActivity: 0.4,
                cashTicket: 300, paymentRatio: 0.6, zeroPaymentChance: 0.01, fullPaymentChance: 0.04)
        ),
        (
            .revolver,
            Profile(
                weight: 0.09, limitMedian: 5_000, utilisationMedian: 0.55, zeroBalanceChance: 0.002,
                fullBalanceMonthsChance: 0.9, oneOffChance: 0.7, installmentChance: 0.6, purchaseActivity: 0.5,
                extraPurchasesPerMonth: 1, oneOffTicket: 90, installmentTicket: 50, cashChance: 1, cashActivity: 0.3,
                cashTicket: 250, paymentRatio: 0.65, zeroPaymentChance: 0.01, fullPaymentChance: 0.08)
        ),
        (
            .newCustomer,
            Profile(
                weight: 0.05, limitMedian: 1_200, utilisationMedian: 0.35, zeroBalanceChance: 0.02,
                fullBalanceMonthsChance: 0.6, oneOffChance: 0.4, installmentChance: 0.5, purchaseActivity: 0.5,
                extraPurchasesPerMonth: 0.5, oneOffTicket: 60, installmentTicket: 35, cashChance: 0.4,
                cashActivity: 0.3,
                cashTicket: 150, paymentRatio: 0.65, zeroPaymentChance: 0.02, fullPaymentChance: 0.15)
        ),
    ]
}
