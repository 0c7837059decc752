// What a read-only query returned: its column names and rows, each value an integer, a text or NULL (nil).

public struct QueryRows: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[SQLValue?]] = []
}
