// A planned break in teaching, skipped by the section schedule.

/// A planned break in teaching.
public struct Unterbrechung: Equatable, Sendable {
    public var von: Day
    public var bis: Day
    public var grund: String?

    public init(von: Day, bis: Day, grund: String? = nil) {
        self.von = von
        self.bis = bis
        self.grund = grund
    }
}
