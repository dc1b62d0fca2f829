/// The contract between the plugin loader and a backend plugin (`lib<Name>.so`).
///
/// A plugin exports two C symbols:
/// - `setkey_plugin_abi_version`: `() -> UInt32`, which must equal `PluginABI.version`;
/// - `setkey_plugin_backend_type`: `() -> UnsafeRawPointer`, the backend's metatype
///   (`PluginABI.exportedType(MyBackend.self)`: the type's metadata pointer; an
///   `any KeyBackend.Type` is two words, metadata and witness table, so it travels as
///   `Any.Type` and is cast back on import).
///
/// The version is read first, through plain C, so a plugin built against another core
/// is refused before any Swift type crosses the boundary.
public enum PluginABI {
    /// Bump whenever `KeyBackend`, the model or `BackendContext` change incompatibly.
    public static let version: UInt32 = 1
    /// The symbol returning the ABI version.
    public static let versionSymbol = "setkey_plugin_abi_version"
    /// The symbol returning the backend metatype.
    public static let typeSymbol = "setkey_plugin_backend_type"

    /// The raw pointer a plugin returns for its backend type.
    public static func exportedType(_ type: any KeyBackend.Type) -> UnsafeRawPointer {
        unsafeBitCast(type as Any.Type, to: UnsafeRawPointer.self)
    }

    /// The backend type behind a pointer returned by `setkey_plugin_backend_type`.
    public static func importedType(_ pointer: UnsafeRawPointer) -> any KeyBackend.Type {
        unsafeBitCast(pointer, to: Any.Type.self) as! any KeyBackend.Type
    }
}
