extension SegmentArchetypes {
    /// The built-in configuration, identical to the shipped `etc/segments.toml`
    /// (a test compares the two byte for byte; edit both together).
    package static let defaultTOML: String = #"""
        # segments.toml: customer archetypes that segmentd uses to name segments.
        #
        # A TRAINING input: `segmentd train` reads it, and the model embeds the segments' names and texts. Editing it
        # and reloading changes nothing until you retrain; start, SIGHUP and `segmentd validate` warn
        # "retrain to apply" while an archetype the model names differs from this file's.
        #
        # After training, each segment is profiled: for every column, its standardised difference
        #   z = (segment mean - overall mean) / overall population standard deviation
        # says how far above (z > 0) or below (z < 0) the population the segment sits.
        # An archetype's score for a segment is the mean of z over its `high` columns and of -z over its
        # `low` columns. Segments and archetypes are then paired one to one so that the total score is as high
        # as possible (Hungarian algorithm). With fewer segments than archetypes some archetypes go unused;
        # with more, the segments left over (and any empty segment) are named by [fallback].
        #
        # Keys (any other key is an error):
        #   [[archetype]]         one section per archetype, in any order.
        #     name                display name, unique across archetypes (string, required).
        #     description         who these customers are (string, required).
        #     marketing_strategy  what marketing should do with them (string, required).
        #     retention_priority  "high", "medium" or "low" (string, required).
        #     [archetype.signature]
        #       high              columns whose mean should be above average (array of strings, optional).
        #       low               columns whose mean should be below average (array of strings, optional).
        #                         At least one column in total; a column may not be in both lists.
        #   [fallback]            optional; how to name segments that get no archetype.
        #     name                name template: {number} = segment id + 1, {id} = segment id; must contain one of
        #                         them (string, default "Segment {number}").
        #     description         (string, default "").
        #     marketing_strategy  (string, default "").
        #     retention_priority  "high", "medium" or "low" (string, default "medium").
        #
        # Columns usable in signatures: the raw CC_GENERAL columns BALANCE, BALANCE_FREQUENCY, PURCHASES,
        # ONEOFF_PURCHASES, INSTALLMENTS_PURCHASES, CASH_ADVANCE, PURCHASES_FREQUENCY, ONEOFF_PURCHASES_FREQUENCY,
        # PURCHASES_INSTALLMENTS_FREQUENCY, CASH_ADVANCE_FREQUENCY, CASH_ADVANCE_TRX, PURCHASES_TRX, CREDIT_LIMIT,
        # PAYMENTS, MINIMUM_PAYMENTS, PRC_FULL_PAYMENT, TENURE, and the derived Monthly_Avg_Purchase,
        # Monthly_Avg_Cash, Limit_Usage, Pay_to_MinimumPay. A signature naming a column the model does not
        # profile is rejected when the model is trained.

        [[archetype]]
        name = "Big Tickets"
        description = "Heavy spenders with high limits: large one-off purchases, frequent use, high payments."
        marketing_strategy = "Premium rewards, travel and lifestyle partnerships, proactive limit increases."
        retention_priority = "high"

        [archetype.signature]
        high = [
            "PURCHASES", "ONEOFF_PURCHASES", "ONEOFF_PURCHASES_FREQUENCY",
            "CREDIT_LIMIT", "PAYMENTS", "Monthly_Avg_Purchase",
        ]

        [[archetype]]
        name = "Medium Tickets"
        description = "Regular shoppers who spread purchases over instalments, rarely take cash, often pay in full."
        marketing_strategy = "Instalment offers with partner merchants, cashback on everyday categories."
        retention_priority = "medium"

        [archetype.signature]
        high = [
            "INSTALLMENTS_PURCHASES", "PURCHASES_INSTALLMENTS_FREQUENCY", "PURCHASES_FREQUENCY", "PRC_FULL_PAYMENT",
        ]
        low = ["CASH_ADVANCE_FREQUENCY"]

        [[archetype]]
        name = "Rare Purchasers"
        description = "Cardholders who hardly buy anything with the card; what activity there is, is mostly cash."
        marketing_strategy = "Activation: first-purchase bonuses, merchant offers, reminders of card benefits."
        retention_priority = "low"

        [archetype.signature]
        low = ["PURCHASES_FREQUENCY", "PURCHASES_TRX", "PURCHASES", "Monthly_Avg_Purchase"]

        [[archetype]]
        name = "Beginners"
        description = "Light, occasional users with small balances and limits and a rarely updated balance."
        marketing_strategy = "Onboarding and education, small credit-limit steps as they build history."
        retention_priority = "medium"

        [archetype.signature]
        low = ["BALANCE", "BALANCE_FREQUENCY", "CREDIT_LIMIT", "PAYMENTS", "CASH_ADVANCE"]

        [[archetype]]
        name = "Risk"
        description = "Revolvers who lean on cash advances, run balances close to their limit, rarely pay in full."
        marketing_strategy = "Credit-risk monitoring, repayment plans, balance-transfer offers; no limit increases."
        retention_priority = "low"

        [archetype.signature]
        high = ["CASH_ADVANCE", "CASH_ADVANCE_FREQUENCY", "Limit_Usage", "BALANCE", "MINIMUM_PAYMENTS"]
        low = ["PRC_FULL_PAYMENT"]

        [fallback]
        name = "Segment {number}"
        description = "A segment that matches none of the archetypes better than the segments already named."
        marketing_strategy = "Review the segment profile before targeting it."
        retention_priority = "medium"

        """#
}
