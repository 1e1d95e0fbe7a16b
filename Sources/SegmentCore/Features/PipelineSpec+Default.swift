extension PipelineSpec {
    /// The shipped default spec text, identical to `etc/pipeline.toml` (a test keeps the two equal): the
    /// CC_GENERAL credit-card pipeline of the scikit-learn reference, with every key and its default documented.
    package static let defaultTOML: String = #"""
        # segmentd feature pipeline — the default, for the CC_GENERAL credit-card schema.
        #
        # A TRAINING input: `segmentd train` reads it, and the model embeds the pipeline it was trained with, which is
        # what scores. Editing this file and reloading changes nothing until you retrain; start, SIGHUP and
        # `segmentd validate` warn "retrain to apply" while it differs from the model's (a model with other input
        # columns is refused).
        #
        # Another schema (retail RFM, telecom, …) needs only a different file like this one: list its columns, derive
        # features from them, pick the model features and categories. Unknown keys are rejected, so typos fail loudly.
        # Every key below is shown with a comment giving its default; "required" keys have none.

        id_column = "CUST_ID"                   # column identifying a customer; not numeric (default "CUST_ID")

        # Raw numeric input columns, in reading order (required). A blank (or null) value is filled with the median
        # of its column in the training data.
        columns = [
          "BALANCE",
          "BALANCE_FREQUENCY",
          "PURCHASES",
          "ONEOFF_PURCHASES",
          "INSTALLMENTS_PURCHASES",
          "CASH_ADVANCE",
          "PURCHASES_FREQUENCY",
          "ONEOFF_PURCHASES_FREQUENCY",
          "PURCHASES_INSTALLMENTS_FREQUENCY",
          "CASH_ADVANCE_FREQUENCY",
          "CASH_ADVANCE_TRX",
          "PURCHASES_TRX",
          "CREDIT_LIMIT",
          "PAYMENTS",
          "MINIMUM_PAYMENTS",
          "PRC_FULL_PAYMENT",
          "TENURE",
        ]

        # Derived features, computed in this order after blanks are filled (default: none).
        # expr may use the columns above and earlier derived names with + - * /, unary minus, parentheses,
        # numbers (12, 0.5, 1e3) and log1p(x), abs(x), min(a, b, …), max(a, b, …), clip(x, lo, hi).
        # Division by zero gives 0. Quote names that are not identifiers in backticks: `Total Spend`.
        [[derived]]
        name = "Monthly_Avg_Purchase"           # name later expressions and [[features]] refer to (required)
        expr = "PURCHASES / TENURE"             # arithmetic expression (required)

        [[derived]]
        name = "Monthly_Avg_Cash"
        expr = "CASH_ADVANCE / TENURE"

        [[derived]]
        name = "Limit_Usage"
        expr = "BALANCE / CREDIT_LIMIT"

        [[derived]]
        name = "Pay_to_MinimumPay"
        expr = "PAYMENTS / MINIMUM_PAYMENTS"

        # The model's numeric features, in model order (default: none; the pipeline needs at least one feature
        # here or in [[categorical]]). They are standard-scaled after the transform.
        [[features]]
        name = "BALANCE_FREQUENCY"              # an input column or derived feature (required)
        transform = "signed_log1p"              # "signed_log1p" = sign(x)·log1p(|x|), or "none" (default "none")

        [[features]]
        name = "PURCHASES"
        transform = "signed_log1p"

        [[features]]
        name = "ONEOFF_PURCHASES"
        transform = "signed_log1p"

        [[features]]
        name = "INSTALLMENTS_PURCHASES"
        transform = "signed_log1p"

        [[features]]
        name = "CASH_ADVANCE"
        transform = "signed_log1p"

        [[features]]
        name = "PURCHASES_FREQUENCY"
        transform = "signed_log1p"

        [[features]]
        name = "ONEOFF_PURCHASES_FREQUENCY"
        transform = "signed_log1p"

        [[features]]
        name = "PURCHASES_INSTALLMENTS_FREQUENCY"
        transform = "signed_log1p"

        [[features]]
        name = "CASH_ADVANCE_FREQUENCY"
        transform = "signed_log1p"

        [[features]]
        name = "CASH_ADVANCE_TRX"
        transform = "signed_log1p"

        [[features]]
        name = "PURCHASES_TRX"
        transform = "signed_log1p"

        [[features]]
        name = "PRC_FULL_PAYMENT"
        transform = "signed_log1p"

        [[features]]
        name = "Monthly_Avg_Purchase"
        transform = "signed_log1p"

        [[features]]
        name = "Monthly_Avg_Cash"
        transform = "signed_log1p"

        [[features]]
        name = "Limit_Usage"
        transform = "signed_log1p"

        [[features]]
        name = "Pay_to_MinimumPay"
        transform = "signed_log1p"

        # Categorical features, one-hot encoded after the numeric features as unscaled 0/1 columns named
        # "name=category" (default: none).
        [[categorical]]
        name = "Purchase_Type"                  # feature name (required)
        categories = ["none", "one_off", "installments", "both"]  # all categories, in one-hot column order (required)
        default = "none"                        # category when no rule holds (required)

        # Rules are tried in order; the first whose condition holds wins (default: none, so every row gets `default`).
        # when: comparisons < <= > >= == != between expressions, combined with and, or, not and parentheses.
        [[categorical.rules]]
        category = "both"                       # one of `categories` (required)
        when = "ONEOFF_PURCHASES > 0 and INSTALLMENTS_PURCHASES > 0"  # condition (required)

        [[categorical.rules]]
        category = "one_off"
        when = "ONEOFF_PURCHASES > 0"

        [[categorical.rules]]
        category = "installments"
        when = "INSTALLMENTS_PURCHASES > 0"

        # Principal components kept: exactly one of variance or components (default variance = 0.85).
        [pca]
        variance = 0.85                         # fewest components reaching this variance share, (0, 1] (default 0.85)
        # components = 5                        # or: exactly this many components (no default)

        # k-means clustering.
        [kmeans]
        k = 5                                   # number of segments (≥ 2), or "auto" to choose it (default 5)
        k_min = 2                               # smallest k the "auto" search tries (default 2)
        k_max = 10                              # largest k the "auto" search tries (default 10)
        min_k = 3                               # smallest k the "auto" rule may choose (default 3)
        n_init = 10                             # k-means++ restarts per k; lowest inertia wins (default 10)
        auto_n_init = 30                        # restarts per k when k = "auto" (default 30), for each k's best optimum
        max_iter = 300                          # iteration cap per restart (default 300)
        tolerance = 1e-4                        # convergence threshold, relative to the data's variance (default 1e-4)
        seed = 42                               # random seed, ≥ 0 (default 42)
        algorithm = "auto"                      # "auto", "lloyd" or "hamerly" (default "auto")
        silhouette_exact_limit = 20000          # up to this many rows the silhouette is exact (default 20000)
        silhouette_sample = 10000               # else estimated on a seeded sample of this many rows (default 10000)

        """#

    /// The default spec, parsed from ``defaultTOML``.
    package static let `default`: PipelineSpec = {
        do {
            return try PipelineSpec(toml: defaultTOML, source: "built-in default pipeline.toml")
        } catch {
            preconditionFailure("the built-in default pipeline is invalid: \(error)")
        }
    }()
}
