/// One chart of the report in its `<figure>`: a visible title, the SVG, and a `data-chart` name and `data-marks` count
/// the browser test reads back from the rendered DOM.
struct ReportFigure {
    let name: String
    let title: String
    let marks: Int
    let svg: String
    var note: String? = nil

    var html: String {
        var out = "<figure class=\"chart\" data-chart=\"\(name)\" data-marks=\"\(marks)\">"
        out += "<figcaption>\(HTMLText.escaped(title))</figcaption>\(svg)"
        if let note { out += "<p class=\"note\">\(HTMLText.escaped(note))</p>" }
        return out + "</figure>"
    }

    /// A sentence in place of a chart the inputs cannot draw (no k sweep, no data file).
    static func unavailable(_ name: String, title: String, reason: String) -> String {
        "<figure class=\"chart unavailable\" data-chart=\"\(name)\" data-marks=\"0\">"
            + "<figcaption>\(HTMLText.escaped(title))</figcaption><p>\(HTMLText.escaped(reason))</p></figure>"
    }
}
