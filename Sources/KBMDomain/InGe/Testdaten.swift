// The fictitious BAMF test data set that ships with kbm (no real person or provider).

import KBMModel

public enum Testdaten {
    public static let traeger = ["TR-4711"]
    public static let kursorte = ["KO-4711-01", "KO-4711-02"]
    public static let lehrkraefte = ["LK-1001", "LK-1002", "LK-1003"]
    public static let teilnehmer: [(az: String, geboren: Day)] = [
        ("AZ-100001", Day(year: 1990, month: 4, day: 12)!),
        ("AZ-100002", Day(year: 1985, month: 11, day: 3)!),
        ("AZ-100003", Day(year: 1998, month: 1, day: 27)!),
        ("AZ-100004", Day(year: 1979, month: 7, day: 8)!),
        ("AZ-100005", Day(year: 2001, month: 9, day: 30)!),
    ]

    /// Registers the whole set on the BAMF side.
    public static func register(in bamf: inout BamfSide) {
        bamf.traeger.formUnion(traeger)
        bamf.kursorte.formUnion(kursorte)
        bamf.lehrkraefte.formUnion(lehrkraefte)
        for tn in teilnehmer { bamf.teilnehmer[tn.az] = tn.geboren }
    }
}
