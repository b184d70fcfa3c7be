import ChatModel
import Foundation
import Providers

/// Turns `--file PATH` and `--file-url URL` into the files a Dify turn carries, uploading local files first.
///
/// Dify takes a local file only by the id `files/upload` gave it, so each file is uploaded before the turn
/// and sent as `local_file`; a URL is passed on as `remote_url` for Dify to fetch itself.
public struct DifyAttachments: Sendable {
    public var client: CompanionClient
    /// Makes a multipart boundary; injected so tests can predict the bytes.
    public var boundary: @Sendable () -> String

    public init(client: CompanionClient, boundary: @escaping @Sendable () -> String = { "parley-" + UUID().uuidString }) {
        self.client = client
        self.boundary = boundary
    }

    /// Uploads each path in order and returns the files to attach: uploads first, then the URLs.
    /// The files as the user message records them: uploads by their Dify id and name, links by their URL.
    public static func attachments(_ files: [DifyProvider.File], paths: [String], urls: [String]) -> [Attachment] {
        let names = paths.map { URL(fileURLWithPath: $0).lastPathComponent } + urls.map { URL(string: $0)?.lastPathComponent ?? $0 }
        return zip(files, names).map { file, name in
            switch file.source {
            case .uploaded(let id): return Attachment(id: id, type: file.type, name: name, belongsTo: "user")
            case .remoteURL(let url): return Attachment(type: file.type, url: url, name: name, belongsTo: "user")
            }
        }
    }

    public func files(paths: [String], urls: [String], for dify: DifyProvider) async throws -> [DifyProvider.File] {
        var files: [DifyProvider.File] = []
        for path in paths {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw RemoteActionError("Cannot read \(path): \(error.localizedDescription)")
            }
            let name = URL(fileURLWithPath: path).lastPathComponent
            let mime = Self.mimeType(name)
            let request = dify.uploadRequest(fileName: name, mimeType: mime, data: [UInt8](data), boundary: boundary())
            let uploaded: DifyApp.UploadedFile
            do {
                uploaded = try await client.call(request, read: DifyApp.uploadedFile)
            } catch {
                throw RemoteActionError("Uploading \(path) failed: \(error)")
            }
            guard !uploaded.id.isEmpty else { throw RemoteActionError("Uploading \(path) gave no file id.") }
            files.append(DifyProvider.File(type: Self.fileType(uploaded.mimeType ?? mime), source: .uploaded(id: uploaded.id)))
        }
        for url in urls {
            let name = URL(string: url)?.lastPathComponent ?? url
            files.append(DifyProvider.File(type: Self.fileType(Self.mimeType(name)), source: .remoteURL(url)))
        }
        return files
    }

    /// Dify's file type for a MIME type: `image`, `audio`, `video`, else `document`.
    public static func fileType(_ mime: String) -> String {
        for kind in ["image", "audio", "video"] where mime.hasPrefix(kind + "/") { return kind }
        return "document"
    }

    /// The MIME type for a file name's extension; `application/octet-stream` when unknown.
    public static func mimeType(_ name: String) -> String {
        let types = [
            "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
            "svg": "image/svg+xml", "mp3": "audio/mpeg", "wav": "audio/wav", "m4a": "audio/mp4", "mp4": "video/mp4",
            "mov": "video/quicktime", "webm": "video/webm", "pdf": "application/pdf", "txt": "text/plain",
            "md": "text/markdown", "csv": "text/csv", "html": "text/html", "json": "application/json",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ]
        let ext = (name as NSString).pathExtension.lowercased()
        return types[ext] ?? "application/octet-stream"
    }
}

extension DifyAttachments {
    /// `provider` with `files` attached when it is a Dify provider and there are any; otherwise unchanged.
    public static func attach(_ files: [DifyProvider.File], to provider: any ChatProvider) -> any ChatProvider {
        guard !files.isEmpty, var dify = provider as? DifyProvider else { return provider }
        dify.files = files
        return dify
    }
}
