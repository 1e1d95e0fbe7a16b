/// A pipeline over the generated customers' columns that uses every operation an expression or rule can: all
/// arithmetic (division by zero included), negation, log1p, abs, min, max, clip, every comparison, and, or, not,
/// constant-only expressions, a rule whose condition is a constant, and two one-hot blocks.
enum PipelineWithEveryOperation {
    static let text = """
        id_column = "CUST_ID"
        columns = ["BALANCE", "BALANCE_FREQUENCY", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES",
          "CASH_ADVANCE", "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY",
          "CASH_ADVANCE_FREQUENCY", "CASH_ADVANCE_TRX", "PURCHASES_TRX", "CREDIT_LIMIT", "PAYMENTS",
          "MINIMUM_PAYMENTS", "PRC_FULL_PAYMENT", "TENURE"]

        # The shipped pipeline's derived features, which the built-in segment archetypes read.
        [[derived]]
        name = "Monthly_Avg_Purchase"
        expr = "PURCHASES / TENURE"

        [[derived]]
        name = "Monthly_Avg_Cash"
        expr = "CASH_ADVANCE / TENURE"

        [[derived]]
        name = "Limit_Usage"
        expr = "BALANCE / CREDIT_LIMIT"

        [[derived]]
        name = "Pay_to_MinimumPay"
        expr = "PAYMENTS / MINIMUM_PAYMENTS"

        [[derived]]
        name = "cash_share"
        expr = "PURCHASES / CASH_ADVANCE"

        [[derived]]
        name = "spread"
        expr = "clip(BALANCE - PAYMENTS, -1000, 5000)"

        [[derived]]
        name = "extremes"
        expr = "max(PURCHASES, CASH_ADVANCE, 100) - min(ONEOFF_PURCHASES, INSTALLMENTS_PURCHASES)"

        [[derived]]
        name = "logs"
        expr = "log1p(abs(-BALANCE)) * 2 + 3 * 4"

        [[derived]]
        name = "six"
        expr = "2 * 3"

        [[derived]]
        name = "copied"
        expr = "TENURE"

        [[features]]
        name = "BALANCE"
        transform = "signed_log1p"

        [[features]]
        name = "cash_share"
        transform = "signed_log1p"

        [[features]]
        name = "spread"

        [[features]]
        name = "extremes"
        transform = "signed_log1p"

        [[features]]
        name = "logs"

        [[features]]
        name = "six"

        [[features]]
        name = "copied"

        [[features]]
        name = "PURCHASES_FREQUENCY"

        [[categorical]]
        name = "activity"
        categories = ["idle", "buyer", "cash", "both", "odd"]
        default = "idle"

        [[categorical.rules]]
        category = "both"
        when = "PURCHASES > 0 and CASH_ADVANCE > 0"

        [[categorical.rules]]
        category = "odd"
        when = "TENURE == 12 and BALANCE < 100 or PURCHASES_TRX >= 50"

        [[categorical.rules]]
        category = "buyer"
        when = "not (ONEOFF_PURCHASES <= 0) or INSTALLMENTS_PURCHASES != 0"

        [[categorical.rules]]
        category = "cash"
        when = "CASH_ADVANCE != 0"

        [[categorical]]
        name = "always"
        categories = ["yes", "no"]
        default = "no"

        [[categorical.rules]]
        category = "yes"
        when = "1 > 0"

        [pca]
        components = 4

        [kmeans]
        k = 4
        """
}
