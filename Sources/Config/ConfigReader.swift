import ChatModel
import Providers
import Yams

/// Reads config text into a `Configuration`, collecting every problem with its line and column.
///
/// It walks the YAML node tree itself instead of decoding into a struct, so that every key and value keeps
/// its position and an unknown key is reported rather than silently dropped.
struct ConfigReader {
    let source: String
    private(set) var problems: [ConfigProblem] = []
    private(set) var configuration: Configuration

    init(source: String) {
        self.source = source
        configuration = Configuration(source: source)
    }

    mutating func read(_ text: String) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            syntaxError(error)
            return
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            error(at: root, "the file must be a mapping of settings (profiles:, default:, …), not a \(kindName(root))")
            return
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "default": configuration.defaultProfile = string(value, key: key)
            case "theme": configuration.theme = string(value, key: key)
            case "database": configuration.database = string(value, key: key)
            case "mouse": configuration.mouse = bool(value, key: key)
            case "max_event_size": configuration.maxEventBytes = size(value, key: key)
            case "max_body_size": configuration.maxBodyBytes = size(value, key: key)
            case "timeouts": readTimeouts(value)
            case "keys": readKeys(value)
            case "profiles": readProfiles(value)
            default: unknownKey(keyNode, known: ConfigKeys.top, in: "at the top level")
            }
            configuration.locations[key] = location(of: keyNode)
        }
        checkDefault()
    }

    // MARK: Sections

    private mutating func readTimeouts(_ node: Node) {
        guard let mapping = mapping(node, key: "timeouts") else { return }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard ConfigKeys.timeouts.contains(key) else {
                unknownKey(keyNode, known: ConfigKeys.timeouts, in: "under timeouts")
                continue
            }
            guard let seconds = value.float, seconds > 0, seconds <= 86_400 else {
                error(at: value, "timeouts.\(key) must be a number of seconds above 0 (got \(quoted(value)))")
                continue
            }
            if key == "connect" { configuration.connectTimeout = seconds } else { configuration.idleTimeout = seconds }
        }
    }

    private mutating func readKeys(_ node: Node) {
        guard let mapping = mapping(node, key: "keys") else { return }
        for (keyNode, value) in mapping {
            let action = keyNode.string ?? ""
            var keys: [String] = []
            if let list = value.sequence {
                keys = list.compactMap { string($0, key: "keys.\(action)") }
            } else if let one = string(value, key: "keys.\(action)") {
                keys = [one]
            }
            configuration.keyBindings.append(
                KeyBindingSetting(action: action, keys: keys, actionAt: location(of: keyNode), keysAt: location(of: value)))
        }
    }

    private mutating func readProfiles(_ node: Node) {
        guard let mapping = mapping(node, key: "profiles") else { return }
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            if let profile = readProfile(name, value, at: keyNode) { configuration.profiles.append(profile) }
        }
        configuration.profiles.sort { $0.name < $1.name }
    }

    private mutating func readProfile(_ name: String, _ node: Node, at nameNode: Node) -> Profile? {
        guard let mapping = mapping(node, key: "profiles.\(name)") else { return nil }
        var fields: [String: Node] = [:]
        var keyNodes: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard ConfigKeys.profile.contains(key) else {
                unknownKey(keyNode, known: ConfigKeys.profile, in: "in profile \"\(name)\"")
                continue
            }
            fields[key] = value
            keyNodes[key] = keyNode
        }
        let place = "profile \"\(name)\""
        guard let providerNode = fields["provider"], let providerName = string(providerNode, key: "provider") else {
            if fields["provider"] == nil {
                error(at: nameNode, "\(place) has no provider; add provider: with one of \(ProviderKind.names.joined(separator: ", "))")
            }
            return nil
        }
        guard let kind = ProviderKind(rawValue: providerName) else {
            error(
                at: providerNode,
                "\(place) has provider \"\(providerName)\", which Parley does not know\(NearestName.hint(for: providerName, among: ProviderKind.names)); "
                    + "known kinds: \(ProviderKind.names.joined(separator: ", "))")
            return nil
        }
        guard let baseNode = fields["base_url"], let baseURL = string(baseNode, key: "base_url") else {
            if fields["base_url"] == nil { error(at: nameNode, "\(place) has no base_url; add the API root, such as \(kind.details.exampleBaseURL)") }
            return nil
        }
        if !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            error(at: baseNode, "\(place): base_url must start with http:// or https:// (got \"\(baseURL)\")")
        }
        var profile = Profile(name: name, provider: providerName, baseURL: baseURL)
        profile.model = fields["model"].flatMap { string($0, key: "model") }
        profile.apiKeyEnv = fields["api_key_env"].flatMap { string($0, key: "api_key_env") }
        profile.apiKeyCommand = fields["api_key_command"].flatMap { string($0, key: "api_key_command") }
        profile.caFile = fields["ca_file"].flatMap { string($0, key: "ca_file") }
        profile.insecureSkipTLSVerify = fields["insecure_skip_tls_verify"].flatMap { bool($0, key: "insecure_skip_tls_verify") } ?? false
        if let node = fields["api_key_command_timeout"] {
            if let seconds = node.float, seconds > 0, seconds <= 3600 {
                profile.apiKeyCommandTimeout = seconds
            } else {
                error(at: node, "\(place) has api_key_command_timeout \(quoted(node)); give a number of seconds above 0 and at most 3600 (default 10)")
            }
        }
        if let node = fields["api_key"], let key = string(node, key: "api_key") {
            configuration.literalKeys[name] = key
            configuration.locations["profiles.\(name).api_key"] = location(of: keyNodes["api_key"] ?? node)
        }
        let keySources = ["api_key_env", "api_key_command", "api_key"].filter { fields[$0] != nil }
        if keySources.count > 1, let second = keyNodes[keySources[1]] {
            error(at: second, "\(place) sets both \(keySources[0]) and \(keySources[1]); keep one of them")
        }
        for key in ["api_key_env", "insecure_skip_tls_verify"] {
            if let node = keyNodes[key] { configuration.locations["profiles.\(name).\(key)"] = location(of: node) }
        }
        readOptions(fields["options"], into: &profile, kind: kind, place: place)
        if let node = fields["stream"], let stream = bool(node, key: "stream") { profile.options["stream"] = stream ? "true" : "false" }
        if let node = fields["system_prompt"], let prompt = string(node, key: "system_prompt") {
            if kind.details.option(accepting: "system") != nil {
                profile.options["system"] = prompt
            } else {
                error(at: keyNodes["system_prompt"] ?? node,
                      "\(place): \(article(kind.rawValue)) \(kind.rawValue) provider takes no system prompt (the server owns it); remove system_prompt")
            }
        }
        for option in kind.details.requiredOptions where !(profile.options[option.name].map { !$0.isEmpty } ?? false) {
            error(at: nameNode, "\(place) needs the option \(option.name) under options: (\(option.documentation.dropLast()))")
        }
        return profile
    }

    private mutating func readOptions(_ node: Node?, into profile: inout Profile, kind: ProviderKind, place: String) {
        guard let node, let mapping = mapping(node, key: "options") else { return }
        let known = kind.details.allOptions.map(\.name)
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            guard kind.details.option(accepting: name) != nil else {
                error(at: keyNode, "\(place): unknown option \"\(name)\" for \(article(kind.rawValue)) \(kind.rawValue) provider\(NearestName.hint(for: name, among: known)); "
                    + "it takes \(known.joined(separator: ", "))")
                continue
            }
            if let text = string(value, key: "options.\(name)") { profile.options[name] = text }
        }
    }

    private mutating func checkDefault() {
        guard let name = configuration.defaultProfile else { return }
        guard !configuration.profiles.contains(where: { $0.name == name }) else { return }
        let names = configuration.profiles.map(\.name)
        let list = names.isEmpty ? "there are none" : "profiles: " + names.joined(separator: ", ")
        problems.append(ConfigProblem(
            .error, file: source, at: configuration.locations["default"],
            "default names profile \"\(name)\", which is not defined\(NearestName.hint(for: name, among: names)) (\(list))"))
    }

    // MARK: Values

    private mutating func string(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            error(at: node, "\(key) must be a single value, not a \(kindName(node))")
            return nil
        }
        return scalar.string
    }

    /// A size such as `16M` or a number of bytes (`ByteSize`).
    private mutating func size(_ node: Node, key: String) -> Int? {
        guard let text = string(node, key: key) else { return nil }
        guard let bytes = ByteSize.parse(text) else {
            error(at: node, ByteSize.problem(text, in: key))
            return nil
        }
        return bytes
    }

    private mutating func bool(_ node: Node, key: String) -> Bool? {
        guard let value = node.bool else {
            error(at: node, "\(key) must be true or false (got \(quoted(node)))")
            return nil
        }
        return value
    }

    private mutating func mapping(_ node: Node, key: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        if node.scalar?.string.isEmpty == true { return Node.Mapping([]) }
        error(at: node, "\(key) must be a mapping of KEY: VALUE lines, not a \(kindName(node))")
        return nil
    }

    // MARK: Reporting

    private mutating func unknownKey(_ node: Node, known: [String], in place: String) {
        let name = node.string ?? "?"
        error(at: node, "unknown key \"\(name)\" \(place)\(NearestName.hint(for: name, among: known)); known keys: \(known.joined(separator: ", "))")
    }

    private mutating func error(at node: Node, _ message: String) {
        problems.append(ConfigProblem(.error, file: source, at: location(of: node), message))
    }

    private mutating func syntaxError(_ error: any Error) {
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _), YamlError.parser(let context, let problem, let mark, _),
            YamlError.composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            problems.append(ConfigProblem(
                .error, file: source, at: ConfigLocation(line: mark.line, column: mark.column), "YAML syntax: \(problem)\(during)"))
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            problems.append(ConfigProblem(
                .error, file: source, at: ConfigLocation(line: context.mark.line, column: context.mark.column),
                "the key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) is given twice; keep one"))
        case YamlError.reader(let problem, _, _, _):
            problems.append(ConfigProblem(.error, file: source, at: nil, "cannot be read as text: \(problem)"))
        default:
            problems.append(ConfigProblem(.error, file: source, at: nil, "is not valid YAML: \(error)"))
        }
    }

    private func location(of node: Node) -> ConfigLocation? {
        node.mark.map { ConfigLocation(line: $0.line, column: $0.column) }
    }

    private func article(_ word: String) -> String {
        "aeiou".contains(word.first ?? "x") ? "an" : "a"
    }

    private func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: return "single value"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }

    private func quoted(_ node: Node) -> String {
        node.scalar.map { "\"\($0.string)\"" } ?? "a \(kindName(node))"
    }
}
