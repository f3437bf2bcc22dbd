using Shield.Fody.Contract;

namespace Shield.Fody.Rewriting;

/// <summary>
/// The markers a weave leaves: <c>[assembly: ShieldWoven]</c>, so a second weave is skipped, and
/// <c>[ShieldedMethod]</c> on each woven method, with what selected it; the inspect tool reads both.
/// </summary>
internal static class WeaveMarkers
{
    public static bool IsWoven(ModuleDefinition module) =>
        WeaveContract.IsWoven(module.Assembly.CustomAttributes.Select(a => a.AttributeType.FullName));

    public static void MarkModule(ModuleDefinition module, RuntimeReferences runtime, string weaverVersion)
    {
        var attribute = new CustomAttribute(runtime.WovenAttributeConstructor);
        attribute.ConstructorArguments.Add(new CustomAttributeArgument(module.TypeSystem.String, weaverVersion));
        module.Assembly.CustomAttributes.Add(attribute);
    }

    /// <summary>The parameter types of <c>[ShieldedMethod]</c>'s constructor, each at the position the contract gives it.</summary>
    public static TypeReference[] MethodMarkerParameters(ModuleDefinition module) =>
        MethodMarkerArguments(module, string.Empty, string.Empty, 0).Select(argument => argument.Type).ToArray();

    public static void MarkMethod(MethodDefinition method, RuntimeReferences runtime, string operation, string selectedBy, int timeoutMilliseconds)
    {
        var attribute = new CustomAttribute(runtime.MethodAttributeConstructor);
        foreach (var argument in MethodMarkerArguments(method.Module, operation, selectedBy, timeoutMilliseconds))
        {
            attribute.ConstructorArguments.Add(argument);
        }

        method.CustomAttributes.Add(attribute);
    }

    static CustomAttributeArgument[] MethodMarkerArguments(ModuleDefinition module, string operation, string selectedBy, int timeoutMilliseconds)
    {
        var types = module.TypeSystem;
        var arguments = new CustomAttributeArgument[3];
        arguments[WeaveContract.MethodMarker.Operation] = new(types.String, operation);
        arguments[WeaveContract.MethodMarker.SelectedBy] = new(types.String, selectedBy);
        arguments[WeaveContract.MethodMarker.TimeoutMilliseconds] = new(types.Int32, timeoutMilliseconds);
        return arguments;
    }
}
