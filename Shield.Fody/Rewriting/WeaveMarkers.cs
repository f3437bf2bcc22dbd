namespace Shield.Fody.Rewriting;

/// <summary>
/// The markers a weave leaves: <c>[assembly: ShieldWoven]</c>, so a second weave is skipped, and
/// <c>[ShieldedMethod]</c> on each woven method, with what selected it; the inspect tool reads both.
/// </summary>
public static class WeaveMarkers
{
    public const string WovenAttributeName = "Shield.ShieldWovenAttribute";

    public static bool IsWoven(ModuleDefinition module) => module.Assembly.HasAttribute(WovenAttributeName);

    public static void MarkModule(ModuleDefinition module, RuntimeReferences runtime, string weaverVersion)
    {
        var attribute = new CustomAttribute(runtime.WovenAttributeConstructor);
        attribute.ConstructorArguments.Add(new CustomAttributeArgument(module.TypeSystem.String, weaverVersion));
        module.Assembly.CustomAttributes.Add(attribute);
    }

    public static void MarkMethod(MethodDefinition method, RuntimeReferences runtime, string operation, string selectedBy, int timeoutMilliseconds)
    {
        var types = method.Module.TypeSystem;
        var attribute = new CustomAttribute(runtime.MethodAttributeConstructor);
        attribute.ConstructorArguments.Add(new CustomAttributeArgument(types.String, operation));
        attribute.ConstructorArguments.Add(new CustomAttributeArgument(types.String, selectedBy));
        attribute.ConstructorArguments.Add(new CustomAttributeArgument(types.Int32, timeoutMilliseconds));
        method.CustomAttributes.Add(attribute);
    }
}
