/// The profile switcher: a list of the configured profiles; Enter makes the selected one take new turns.
extension AppState {
    /// Why the switcher cannot open, or `nil` when it can.
    public var profileSwitchUnavailableReason: String? {
        if profileChoices.count < 2 {
            return "There is no other profile to switch to; add profiles with `parley config edit`."
        }
        return nil
    }

    mutating func openProfiles() {
        guard profileSwitchUnavailableReason == nil else { return }
        profilePicker = profileChoices.firstIndex { $0.name == profile } ?? 0
    }

    mutating func moveProfileSelection(by delta: Int) {
        guard let selected = profilePicker, !profileChoices.isEmpty else { return }
        profilePicker = min(max(selected + delta, 0), profileChoices.count - 1)
    }

    /// Asks for the selected profile; the switch happens when the app answers with `profileSwitched`.
    mutating func chooseProfile() -> [Effect] {
        guard let selected = profilePicker, profileChoices.indices.contains(selected) else { return [] }
        profilePicker = nil
        let choice = profileChoices[selected]
        guard choice.name != profile else { return [] }
        notice = "Switching to profile \(choice.name)…"
        return [.switchProfile(name: choice.name)]
    }

    /// The app made `name` take new turns: conversations of other profiles can be read, not continued.
    mutating func profileSwitched(to name: String, endpoint: String) {
        profile = name
        self.endpoint = endpoint
        if let choice = profileChoices.first(where: { $0.name == name }) {
            providerKind = choice.kind
            keyVariable = choice.keyVariable
        }
        notice = "New turns go to profile \(name)."
        if !current.messages.isEmpty, current.conversation.profile != name { newConversation() }
    }
}
