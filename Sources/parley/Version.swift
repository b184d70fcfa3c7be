/// Parley's version, the one place it is written: `parley --version` prints it, the man page carries it, and a
/// test holds it to CHANGELOG.md (a `-dev` version while the changelog's newest section is "Unreleased";
/// the newest version heading once one is released).
enum ParleyVersion {
    static let current = "0.1.0-dev"
}
