import SegmentCore

/// What the business does with one segment, as an HTTP scoring result states it beside the segment id: the guide's
/// `segment_name`, `description`, `marketing_strategy`, and the `retention_priority` of the model's segments.
package struct SegmentDetail: Sendable, Equatable {
    package var name: String
    package var description: String
    package var marketingStrategy: String
    package var retentionPriority: String

    package init(name: String, description: String = "", marketingStrategy: String = "", retentionPriority: String = "")
    {
        self.name = name
        self.description = description
        self.marketingStrategy = marketingStrategy
        self.retentionPriority = retentionPriority
    }

    /// The model's segments, indexed by segment id.
    static func of(_ model: SegmentModel) -> [SegmentDetail] {
        model.segments.sorted { $0.id < $1.id }.map {
            SegmentDetail(
                name: $0.name, description: $0.description, marketingStrategy: $0.marketingStrategy,
                retentionPriority: $0.retentionPriority)
        }
    }
}
