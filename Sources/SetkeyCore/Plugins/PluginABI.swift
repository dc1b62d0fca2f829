/// The contract between the plugin loader and a backend plugin (`lib<Name>.so`).
///
/// A plugin exports two C symbols:
/// - `setkey_plugin_abi_version`: `() -> UInt32`, which must equal `PluginABI.version`;
/// - `setkey_plugin_backend_type`: `() -> UnsafeRawPointer`, the backend's metatype
///   (`unsafeBitCast(MyBackend.self as any KeyBackend.Type, to: UnsafeRawPointer.self)`).
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

    /// The raw pointer a plugin returns for its backend type: the class metatype alone (one
    /// word). An `any KeyBackend.Type` is two words (metatype + witness table), so it cannot
    /// be bit-cast to a pointer itself.
    public static func exportedType(_ type: any KeyBackend.Type) -> UnsafeRawPointer {
        unsafeBitCast(type as AnyObject.Type, to: UnsafeRawPointer.self)
    }

    /// The backend type behind a pointer returned by `setkey_plugin_backend_type`, found with
    /// a dynamic cast (the conformance lives in the one shared core), nil when the class is
    /// not a `KeyBackend`.
    public static func backendType(_ pointer: UnsafeRawPointer) -> (any KeyBackend.Type)? {
        unsafeBitCast(pointer, to: AnyObject.Type.self) as? any KeyBackend.Type
    }

    /// The backend type behind a pointer returned by `setkey_plugin_backend_type`.
    /// - Precondition: the pointer came from `exportedType` (check the ABI version first).
    public static func importedType(_ pointer: UnsafeRawPointer) -> any KeyBackend.Type {
        guard let type = backendType(pointer) else {
            preconditionFailure("setkey_plugin_backend_type returned a class that is not a KeyBackend")
        }
        return type
    }
}
