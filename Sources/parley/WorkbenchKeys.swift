import ChatModel
import Config
import TerminalUI
import Workbench

/// Checks the config file's `keys:` against the workbench's actions and key names, and turns them into
/// the bindings the workbench uses.
enum WorkbenchKeys {
    /// Every unknown action and unknown key name, with its line and column.
    static func problems(in configuration: Configuration) -> [ConfigProblem] {
        let file = configuration.source ?? "config"
        let actions = Keymap.actions.map(\.name)
        var problems: [ConfigProblem] = []
        for setting in configuration.keyBindings {
            guard actions.contains(setting.action) else {
                problems.append(ConfigProblem(
                    .error, file: file, at: setting.actionAt,
                    "keys: unknown action \"\(setting.action)\"\(NearestName.hint(for: setting.action, among: actions)); actions: "
                        + actions.joined(separator: ", ")))
                continue
            }
            if setting.keys.isEmpty {
                problems.append(ConfigProblem(.error, file: file, at: setting.keysAt, "keys.\(setting.action) names no key"))
            }
            for name in setting.keys where Key.named(name) == nil {
                problems.append(ConfigProblem(
                    .error, file: file, at: setting.keysAt,
                    "keys.\(setting.action): \"\(name)\" is not a key Parley knows; write \(Key.nameExamples)"))
            }
        }
        return problems
    }

    /// The checked bindings by action; call `problems(in:)` first.
    static func bindings(in configuration: Configuration) throws -> [String: [Key]] {
        let problems = problems(in: configuration)
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        var keys: [String: [Key]] = [:]
        for setting in configuration.keyBindings { keys[setting.action] = setting.keys.compactMap(Key.named) }
        return keys
    }
}
