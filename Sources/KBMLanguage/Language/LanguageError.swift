// What can be wrong with a command line before it means anything.

public enum LanguageError: Error, Equatable, Sendable {
    case unterminatedQuote(column: Int)
    case controlCharacter(column: Int)
    case unknownCommand(String, suggestion: String?)
    case unknownSubcommand(String, command: String, expected: [String], suggestion: String?)
    case incompleteCommand(String, expected: [String])
    case unexpectedArgument(String, usage: String)
    case missingArgument(String, usage: String)
    case unknownKey(String, command: String, suggestion: String?, usage: String)
    case duplicateKey(String)
    case missingKey(String, usage: String)
    case emptyValue(key: String)
    case invalidDate(word: String)
    case invalidNumber(word: String, range: ClosedRange<Int>)
    case invalidChoice(word: String, allowed: [String])
    case invalidIdentifier(word: String)
    case invalidYesNo(word: String)
    /// `help list auftraege extra`: the words after a whole command name no command.
    case notACommand(String, after: String)
}
