// The version kbm reports and writes into the scripts it generates.

public enum KBMVersion {
    public static let string = "0.1.0"
}
