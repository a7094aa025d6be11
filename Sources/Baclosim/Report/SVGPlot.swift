import Foundation

/// A small hand-written SVG chart (axes with ticks, labelled, one colour per series, a legend):
/// enough for the PSA's acceptability curves and CE plane and a sweep's tornado, with no
/// plotting dependency. Output is deterministic text (fixed decimals), so figures diff cleanly.
struct SVGPlot {
    /// How a series is drawn.
    enum Style { case line, points }

    /// One named series of (x, y) points.
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
        var style: Style
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// Fixed y range (e.g. 0…1 for probabilities); `nil`: from the data.
    var yRange: ClosedRange<Double>? = nil
    /// Draw the lines x = 0 and y = 0 when inside the ranges (the CE plane's quadrants).
    var originLines = false

    static let width = 720.0, height = 480.0
    static let left = 90.0, right = 180.0, top = 40.0, bottom = 60.0
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    /// The SVG document.
    var svg: String {
        let xs = series.flatMap { $0.points.map(\.x) }.filter(\.isFinite)
        let ys = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        let xRange = Self.padded(xs, includeZero: originLines)
        let yRange = self.yRange ?? Self.padded(ys, includeZero: originLines)
        let plotW = Self.width - Self.left - Self.right, plotH = Self.height - Self.top - Self.bottom
        func px(_ x: Double) -> Double { Self.left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * plotW }
        func py(_ y: Double) -> Double { Self.top + plotH - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * plotH }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(Self.f(Self.width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(Self.escape(title))</text>\n"
        // Axes, ticks and grid.
        s += "<rect x=\"\(Self.f(Self.left))\" y=\"\(Self.f(Self.top))\" width=\"\(Self.f(plotW))\" height=\"\(Self.f(plotH))\" fill=\"none\" stroke=\"black\"/>\n"
        for tick in Self.ticks(xRange) {
            let x = px(tick)
            s += "<line x1=\"\(Self.f(x))\" y1=\"\(Self.f(Self.top + plotH))\" x2=\"\(Self.f(x))\" y2=\"\(Self.f(Self.top + plotH + 5))\" stroke=\"black\"/>"
            s += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(Self.top + plotH + 18))\" text-anchor=\"middle\">\(Self.label(tick))</text>\n"
        }
        for tick in Self.ticks(yRange) {
            let y = py(tick)
            s += "<line x1=\"\(Self.f(Self.left - 5))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(Self.left))\" y2=\"\(Self.f(y))\" stroke=\"black\"/>"
            s += "<text x=\"\(Self.f(Self.left - 8))\" y=\"\(Self.f(y + 4))\" text-anchor=\"end\">\(Self.label(tick))</text>\n"
        }
        if originLines {
            if xRange.contains(0) { s += "<line x1=\"\(Self.f(px(0)))\" y1=\"\(Self.f(Self.top))\" x2=\"\(Self.f(px(0)))\" y2=\"\(Self.f(Self.top + plotH))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n" }
            if yRange.contains(0) { s += "<line x1=\"\(Self.f(Self.left))\" y1=\"\(Self.f(py(0)))\" x2=\"\(Self.f(Self.left + plotW))\" y2=\"\(Self.f(py(0)))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n" }
        }
        s += "<text x=\"\(Self.f(Self.left + plotW / 2))\" y=\"\(Self.f(Self.height - 15))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        s += "<text transform=\"translate(22 \(Self.f(Self.top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"
        // Series and legend.
        for (index, item) in series.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            let points = item.points.filter { $0.x.isFinite && $0.y.isFinite }
            switch item.style {
            case .line:
                let path = points.map { "\(Self.f(px($0.x))),\(Self.f(py($0.y)))" }.joined(separator: " ")
                s += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            case .points:
                for point in points {
                    s += "<circle cx=\"\(Self.f(px(point.x)))\" cy=\"\(Self.f(py(point.y)))\" r=\"2.5\" fill=\"\(colour)\" fill-opacity=\"0.6\"/>\n"
                }
            }
            let legendY = Self.top + 10 + Double(index) * 18
            s += "<rect x=\"\(Self.f(Self.width - Self.right + 15))\" y=\"\(Self.f(legendY - 9))\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
            s += "<text x=\"\(Self.f(Self.width - Self.right + 32))\" y=\"\(Self.f(legendY + 1))\">\(Self.escape(item.name))</text>\n"
        }
        return s + "</svg>\n"
    }

    /// A horizontal-bar tornado chart: each bar spans the outcome at low and high values, around
    /// a vertical line at the base case.
    static func tornado(_ table: TornadoTable) -> String {
        let rowH = 28.0, labelW = 330.0, plotW = 340.0
        let height = top + bottom + rowH * Double(max(table.bars.count, 1))
        let values = table.bars.flatMap { [$0.atLow, $0.atHigh] }.compactMap { $0 } + [table.base].compactMap { $0 }
        let range = padded(values, includeZero: false)
        func px(_ x: Double) -> Double { labelW + (x - range.lowerBound) / (range.upperBound - range.lowerBound) * plotW }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelW + plotW + 40))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(f((labelW + plotW) / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">Tornado: \(escape(table.metric)) (\(escape(table.arm)))</text>\n"
        for (index, bar) in table.bars.enumerated() {
            let y = top + Double(index) * rowH
            s += "<text x=\"\(f(labelW - 8))\" y=\"\(f(y + rowH / 2 + 4))\" text-anchor=\"end\">\(escape(bar.parameter)) [\(label(bar.lowValue)), \(label(bar.highValue))]</text>\n"
            if let base = table.base {
                for (value, colour) in [(bar.atLow, "#1f77b4"), (bar.atHigh, "#d62728")] {
                    guard let value else { continue }
                    let x0 = min(px(base), px(value)), x1 = max(px(base), px(value))
                    s += "<rect x=\"\(f(x0))\" y=\"\(f(y + 4))\" width=\"\(f(max(x1 - x0, 1)))\" height=\"\(f(rowH - 8))\" fill=\"\(colour)\"/>\n"
                }
            }
        }
        let axisY = top + rowH * Double(max(table.bars.count, 1))
        s += "<line x1=\"\(f(labelW))\" y1=\"\(f(axisY))\" x2=\"\(f(labelW + plotW))\" y2=\"\(f(axisY))\" stroke=\"black\"/>\n"
        for tick in ticks(range) {
            s += "<text x=\"\(f(px(tick)))\" y=\"\(f(axisY + 16))\" text-anchor=\"middle\">\(label(tick))</text>\n"
        }
        if let base = table.base {
            s += "<line x1=\"\(f(px(base)))\" y1=\"\(f(top))\" x2=\"\(f(px(base)))\" y2=\"\(f(axisY))\" stroke=\"black\"/>\n"
        }
        s += "<text x=\"\(f(labelW + plotW / 2))\" y=\"\(f(axisY + 36))\" text-anchor=\"middle\">blue: low value, red: high value; line: base case</text>\n"
        return s + "</svg>\n"
    }

    /// The data range with 5 % padding (a unit range around a single value).
    static func padded(_ values: [Double], includeZero: Bool) -> ClosedRange<Double> {
        var lo = values.min() ?? 0, hi = values.max() ?? 1
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if hi - lo <= 0 { return (lo - max(abs(lo) * 0.1, 0.5))...(hi + max(abs(hi) * 0.1, 0.5)) }
        let pad = (hi - lo) * 0.05
        return (lo - pad)...(hi + pad)
    }

    /// About five round tick values (steps 1, 2 or 5 × 10^k) inside `range`.
    static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0, span.isFinite else { return [] }
        let raw = span / 5, magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var tick = (range.lowerBound / step).rounded(.up) * step
        while tick <= range.upperBound + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// A coordinate with two decimals.
    static func f(_ x: Double) -> String { String(format: "%.2f", x) }

    /// A tick label: up to 4 significant digits.
    static func label(_ x: Double) -> String { String(format: "%.4g", x) }

    /// Text with XML's special characters escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
