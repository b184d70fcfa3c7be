import Foundation

/// Where theme files are looked for: the user's config folder, then the themes installed beside the binary
/// (`PREFIX/share/parley/themes` for `PREFIX/bin/parley`), then the repository's `themes` folder for a binary run
/// from its build folder (`.build/<triple>/debug/parley`), then `themes/` in the working directory.
enum ThemeLocator {
    /// The folders in search order; `configDirectory` is the folder holding config.yaml.
    static func folders(configDirectory: URL) -> [String] {
        var folders = [configDirectory.appendingPathComponent("themes").path]
        if let binary = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let bin = binary.deletingLastPathComponent()
            folders.append(bin.appendingPathComponent("../share/parley/themes").standardized.path)
            folders.append(bin.appendingPathComponent("../../share/parley/themes").standardized.path)
            folders.append(bin.appendingPathComponent("../../../themes").standardized.path)
        }
        folders.append(FileManager.default.currentDirectoryPath + "/themes")
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }

    /// The files a theme name may be in, in search order; a path (with `/` or `.theme`) is taken as it is.
    static func candidates(for theme: String, configDirectory: URL) -> [String] {
        if theme.hasSuffix(".theme") || theme.contains("/") { return [theme] }
        return folders(configDirectory: configDirectory).map { "\($0)/\(theme).theme" }
    }

    /// The first folder after the user's own that holds themes, with their names: what Parley ships.
    static func shipped(configDirectory: URL) -> (folder: String, names: [String])? {
        for folder in folders(configDirectory: configDirectory).dropFirst() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(".theme".count)) }.sorted()
            if !names.isEmpty { return (folder, names) }
        }
        return nil
    }
}
