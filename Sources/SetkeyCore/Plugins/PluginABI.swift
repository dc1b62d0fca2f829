/// The contract between the plugin loader and a backend plugin (`lib<Name>.so`).
///
/// A plugin for backend `name` (file `libSetkey<Name>.so`) exports two C symbols:
/// - `setkey_<name>_plugin_abi_version`: `() -> UInt32`, which must equal `PluginABI.version`;
/// - `setkey_<name>_plugin_backend_type`: `() -> UnsafeRawPointer`, a retained `PluginTypeBox`
///   holding the backend's metatype (`PluginABI.exportedType(MyBackend.self)`).
///
/// The backend name is part of the symbols so that several plugins can be linked into one
/// program (the test bundle links every plugin) without clashing.
///
/// The version is read first, through plain C, so a plugin built against another core
/// is refused before any Swift type crosses the boundary.
public enum PluginABI {
    /// Bump whenever `KeyBackend`, the model or `BackendContext` change incompatibly.
    public static let version: UInt32 = 1
    /// The symbol returning the ABI version of backend `name` (lower case, as in the file name).
    public static func versionSymbol(_ name: String) -> String { "setkey_\(name)_plugin_abi_version" }
    /// The symbol returning the metatype of backend `name`.
    public static func typeSymbol(_ name: String) -> String { "setkey_\(name)_plugin_backend_type" }

    /// The raw pointer a plugin returns for its backend type (a box retained once; plugins
    /// are never unloaded, so it is never released).
    public static func exportedType(_ type: any KeyBackend.Type) -> UnsafeRawPointer {
        UnsafeRawPointer(Unmanaged.passRetained(PluginTypeBox(type)).toOpaque())
    }

    /// The backend type behind a pointer returned by `setkey_plugin_backend_type`.
    public static func importedType(_ pointer: UnsafeRawPointer) -> any KeyBackend.Type {
        Unmanaged<PluginTypeBox>.fromOpaque(pointer).takeUnretainedValue().type
    }
}

/// Carries a backend metatype (two words: metadata and witness table) through the plugin's
/// one-pointer C entry point. Defined in the shared core, so host and plugin agree on it.
public final class PluginTypeBox {
    public let type: any KeyBackend.Type
    public init(_ type: any KeyBackend.Type) { self.type = type }
}
